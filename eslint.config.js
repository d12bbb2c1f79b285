// One lint configuration for every workspace: typescript-eslint's type-checked rules, so promises that are
// dropped (no-floating-promises) or handed where a callback is expected (no-misused-promises) fail the build.
// Browser scripts without a build step (web/**/*.js) get the untyped rules only; the citizen UI (kiosk/ui, TSX)
// is type-checked against its own tsconfig with browser globals.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/*.d.ts', 'coverage/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/web/**/*.js', 'kiosk/ui/src/**', 'fleet-server/web/console/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/cli/**', '**/bin/**', 'provisioning/src/demo/**', 'tests/bench/**'],
    rules: { 'no-console': 'off' },
  },
);
