// Lint rules that keep Jiaodian's architecture honest (STYLE.md): one error type, routes and
// renderers never reach the database, and dialect checks stay inside src/db.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'bench/results/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Error']", message: 'Throw an AppError with a code from src/errors/codes.ts.' },
        { selector: "BinaryExpression[right.value='postgres'][left.property.name='name']", message: 'Dialect checks belong in src/db (use capability flags).' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/site/**', 'src/api/**', 'src/render/**', 'src/http/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/db/*', '**/db/index.js', 'kysely', 'better-sqlite3', 'pg'], message: 'Routes and renderers go through services, never the database.' }] },
      ],
    },
  },
  {
    files: ['src/render/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/content/*.service.js', '**/content/*.repo.js', '**/content/*.reader.js', '**/db/*'], allowTypeImports: true, message: 'Renderers get view models; they never call services.' }] },
      ],
    },
  },
  {
    files: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/**/*.testkit.ts', 'test/**', 'bench/**'],
    rules: { 'no-restricted-syntax': 'off', 'no-restricted-imports': 'off', '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
