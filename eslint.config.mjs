// @ts-check
/**
 * Lint for the whole repository. typescript-eslint's recommended set, type-aware where the rule
 * catches bugs this code base can actually have: a promise nobody awaits (a lost outbox publish,
 * an unhandled rejection that kills the process), a promise handed to something that expects a
 * plain callback (an event handler whose failure is never seen), awaiting what is not a promise.
 * Style is Prettier's job, not ESLint's.
 */
import eslint from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'coverage/', '.run/', '.scratch/'],
  },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        // The project service finds the tsconfig nearest each file, so apps/desk with its own
        // tsconfig is typed by that one and the rest by the root tsconfig.json.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': 'off',
      // ESLint's own scope analysis does not see a module constant read only inside a parameter
      // decorator (`@Param('id', uuid)`) and calls the assignment useless; TypeScript already
      // reports genuinely unused locals through no-unused-vars above.
      'no-useless-assignment': 'off',
      // `_`-prefixed names are deliberately unused (positional parameters, destructuring to drop a field).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // Server, scripts and tests run on Node.
    files: ['apps/*/src/**/*.ts', 'libs/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts', 'deploy/**/*.ts'],
    ignores: ['apps/desk/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.fault-spec.ts', 'libs/testing/**/*.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    // Tests, load drivers and the demo read the apps' JSON answers loosely (`body.id`): a wrong field
    // fails the run at once, and typing every response shape again here would duplicate the DTOs.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.fault-spec.ts', 'libs/testing/**/*.ts', 'test/**/*.ts', 'scripts/bench/**/*.ts', 'scripts/demo/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The web desk (React, its own tsconfig): browser globals and the rules of hooks.
    files: ['apps/desk/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Pages load their data in effects and show a spinner meanwhile; that first setState is the
      // point of the effect, not a cascading render, and no data-fetching library is in use to move it.
      'react-hooks/set-state-in-effect': 'off',
      // antd's onClick/onFinish ignore what the handler returns; an async handler there is the idiom,
      // and its errors are caught inside (useApiForm, useShowError).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Plain JavaScript config and CI files are not in any tsconfig: no type-aware rules there.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
