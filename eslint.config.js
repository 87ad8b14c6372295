import tseslint from 'typescript-eslint'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import importDirections from './tools/eslint/import-directions.js'

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'engine-wasm/build/', 'engine-wasm/assembly/', 'coverage/'],
  },
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.core.json',
          './tsconfig.worker.json',
          './tsconfig.web.json',
          './tsconfig.node.json',
        ],
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    plugins: { playground: { rules: { 'import-directions': importDirections } } },
    rules: {
      'playground/import-directions': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['**/*.js', '**/*.mjs', 'tools/**'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    files: [
      'tests/**',
      'tools/**',
      'workers/tools/scenario/cli.ts',
      'engine-wasm/build.mjs',
      'vite.config.ts',
      'vitest.config.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests pass methods to expect() and write async fakes of async interfaces.
    files: ['tests/**'],
    rules: { '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/require-await': 'off' },
  },
)
