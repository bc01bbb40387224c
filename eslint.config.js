// One lint setup for the whole monorepo. TypeScript is linted with type information (the
// tsconfig.json that covers each file), so promises nobody awaits or handles are errors.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      // React calls event handlers and ignores what they return; an async onClick is fine there.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // The dashboard runs in the browser (its tests beside it also use Node's test servers).
    files: ['apps/web/src/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // e2e functions are serialized into the page and run there.
    files: ['e2e/**', 'bench/dashboard.bench.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // Plain JavaScript (configs, the bin, scripts, the dev worker entry) belongs to no tsconfig.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
