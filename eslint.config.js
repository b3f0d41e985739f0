// Lint enforces the layer map of ../shared/design/ARCHITECTURE.md: arrows point down only,
// shared/ stays pure, electron stays in main/, and AG Grid is wrapped once in renderer/grid/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const electronBan = { name: 'electron', message: 'electron may only be imported by main/ (the binary cannot be fetched here; keep logic testable).' };
const agGridBan = { group: ['ag-grid-*', 'ag-grid-*/**'], message: 'AG Grid is wrapped once in renderer/grid/; import the wrapper instead.' };

const sharedPurity = [
  { group: ['react', 'react-dom', 'react/**', 'react-dom/**'], message: 'shared/ is pure TypeScript: no React.' },
  { group: ['dexie', 'dexie/**'], message: 'shared/ is pure TypeScript: storage is injected, no Dexie.' },
  { group: ['zustand', 'zustand/**'], message: 'shared/ is pure TypeScript: no Zustand.' },
  { group: ['node:*', 'fs', 'fs/**', 'path', 'os', 'http', 'https', 'crypto', 'child_process', 'worker_threads', 'url', 'stream'], message: 'shared/ runs in the renderer and workers too: no Node built-ins.' },
  { group: ['**/main/**', '**/renderer/**', '../main', '../renderer'], message: 'shared/ imports nothing of the app.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'docs/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [agGridBan] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [agGridBan, ...sharedPurity] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', 'localStorage', 'indexedDB'],
    },
  },
  {
    files: ['shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [agGridBan, ...sharedPurity.slice(0, 3), sharedPurity[4]] }],
    },
  },
  {
    files: ['main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [agGridBan, { group: ['**/renderer/**', '../renderer', '../../renderer'], message: 'main/ must not import renderer/: share through shared/.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', {
        paths: [electronBan],
        patterns: [agGridBan, { group: ['**/main/**', '../main', '../../main'], message: 'renderer/ must not import main/: reach it through the typed bridge.' }],
      }],
    },
  },
  {
    // The one grid wrapper may import AG Grid.
    files: ['renderer/grid/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronBan],
        patterns: [{ group: ['**/main/**', '../main', '../../main'], message: 'renderer/ must not import main/: reach it through the typed bridge.' }],
      }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.{ts,tsx,cjs}', 'scripts/**/*.{js,mjs}', '*.config.{ts,js}', 'renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [agGridBan] }],
    },
  },
);
