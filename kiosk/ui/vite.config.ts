// Builds the citizen touch UI into kiosk/ui/dist, served by the kiosk runtime's UI bridge: relative asset
// paths, no CDN, nothing fetched at run time.
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'chrome120', assetsInlineLimit: 0 },
});
