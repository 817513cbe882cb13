import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', '.scratch/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } }
  },
  {
    rules: {
      // TypeScript itself resolves names (DOM and Node globals included); the core rule only misfires on types.
      'no-undef': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off'
    }
  },
  {
    // Heroic's rule: raw IPC only in the two files that wrap it, so every message goes through the contract.
    files: ['src/**/*.ts', 'src/**/*.vue'],
    ignores: ['src/main/ipc/**', 'src/preload/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'use the contract (src/main/ipc, src/preload)' }] }
      ]
    }
  },
  {
    // The renderer reaches main only through lib/api.ts; it may import shared code and the preload's Api type.
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.vue'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['node:*', '**/main/**'] }] }
  },
  {
    // Layering: shared code runs everywhere, so it may not reach into Node, Electron or the DOM side.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', '../main/*', '../renderer/*', '../preload/*'] }]
    }
  },
  {
    // The engine and the store are plain Node: the CLI, the server and the tests run them without Electron.
    files: [
      'src/main/recognition/**/*.ts',
      'src/main/store/**/*.ts',
      'src/main/export/**/*.ts',
      'src/main/ingest/**/*.ts',
      'src/main/services/**/*.ts',
      'src/main/server/**/*.ts',
      'src/main/cli.ts'
    ],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] }
  }
)
