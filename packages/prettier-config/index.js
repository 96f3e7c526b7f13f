import { fileURLToPath } from 'node:url';

// Resolved here, so that packages that only name this config still find the plugin.
const sortImports = fileURLToPath(import.meta.resolve('@ianvs/prettier-plugin-sort-imports'));

/** @type {import('prettier').Config & import('@ianvs/prettier-plugin-sort-imports').PluginConfig} */
export default {
  singleQuote: true,
  trailingComma: 'all',
  printWidth: 100,
  plugins: [sortImports],
  importOrder: ['<TYPES>', '<THIRD_PARTY_MODULES>', '', '<TYPES>^@anbu', '^@anbu/(.*)$', '', '<TYPES>^[.]', '^[.]'],
  importOrderTypeScriptVersion: '5.0.0',
};
