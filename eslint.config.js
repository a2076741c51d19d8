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
const restrict = (groups, message, ...morePatterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }, ...morePatterns] }],
});
const electronNotRenderer = [['**/renderer/**'], 'electron/ must not import renderer/ code.'];

/**
 * Rooms of electron/store/ and the rooms each may import (each room's README.md says what it holds).
 * Tests are exempt: a room's test may check it through a room above (e.g. a writer through exports).
 */
const storeRooms = {
  files: [],
  write: ['files'],
  database: ['files', 'write'],
  flatmap: ['files', 'write', 'database'],
  outputs: ['files', 'write', 'database', 'flatmap'],
  import: ['files', 'write', 'database'],
};

const storeRoomRules = Object.entries(storeRooms).map(([room, allowed]) => {
  const forbidden = Object.keys(storeRooms).filter((r) => r !== room && !allowed.includes(r));
  const message = `electron/store/${room}/ may import only these store rooms: ${allowed.join(', ') || 'none'}.`;
  return {
    files: [`electron/store/${room}/**/*.ts`],
    ignores: ['electron/store/**/*.test.ts'],
    rules: restrict(
      ...electronNotRenderer,
      { regex: `^\\.\\./(${forbidden.join('|')})/`, message },
      { group: ['**/backend/**', '**/cli/**'], message: 'electron/store/ lies below backend/ and cli/.' },
    ),
  };
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
    rules: restrict(...electronNotRenderer),
  },
  ...storeRoomRules,
);
