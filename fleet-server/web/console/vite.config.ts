// Builds the technician console into fleet-server/web/console/dist, served by the fleet server at /console/:
// relative asset paths, no CDN, nothing fetched at run time but the fleet API and its socket.io namespace.
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'chrome120', assetsInlineLimit: 0 },
});
