/** @type {import('prettier').Config & import('@ianvs/prettier-plugin-sort-imports').PluginConfig} */
export default {
  singleQuote: true,
  trailingComma: 'all',
  printWidth: 100,
  plugins: ['@ianvs/prettier-plugin-sort-imports'],
  importOrder: ['<TYPES>', '<THIRD_PARTY_MODULES>', '', '<TYPES>^@anbu', '^@anbu/(.*)$', '', '<TYPES>^[.]', '^[.]'],
  importOrderTypeScriptVersion: '5.0.0',
};
