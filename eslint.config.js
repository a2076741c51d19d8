import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'zlib',
  'worker_threads',
  'stream',
];

/** Room boundaries from docs/ARCHITECTURE.md: shared is pure, renderer and electron never meet. */
const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      ...restrict(
        [
          ...nodeBuiltins,
          'electron',
          'electron/*',
          'react',
          'react-dom',
          'konva',
          '**/electron/**',
          '**/renderer/**',
        ],
        'shared/ is pure TypeScript: no Node, DOM, Electron or UI imports.',
      ),
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'Buffer',
        'navigator',
        'localStorage',
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...nodeBuiltins, 'electron', '**/electron/**'],
        'renderer/ runs without Node and talks to the back end only through shared/api.ts.',
      ),
    },
  },
  {
    files: [
      'electron/**/*.ts',
      'bench/**/*.ts',
      'e2e/**/*.ts',
      'build/**/*.{js,mjs,ts}',
      '*.{js,mjs,ts,mts}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { ...restrict(['**/renderer/**'], 'electron/ must not import renderer/ code.') },
  },
);
