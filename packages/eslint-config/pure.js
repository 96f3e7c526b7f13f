// For pure code (routing, allocation, services' domain/): no I/O, no Node built-ins (STYLE §25).
import tseslint from 'typescript-eslint';

import base, { restrictedImports } from './base.js';

const pureRule = [
  'error',
  {
    patterns: [
      ...restrictedImports.patterns,
      { group: ['node:*'], message: 'Pure code takes no Node built-ins; pass what you need in.' },
      { group: ['@anbu/db', '@anbu/db/*', '@anbu/bus', '@anbu/bus/*', 'pg', 'kysely', '@nats-io/*'], message: 'Pure code does no I/O.' },
    ],
  },
];

/** Files under `globs` are held to the purity rule. */
export function pure(globs) {
  return { files: globs, rules: { 'no-restricted-imports': pureRule } };
}

export default tseslint.config(...base, pure(['src/**/*.ts']), {
  files: ['src/**/*.test.ts', 'src/cli/**', 'src/worker/**', 'bench/**'],
  rules: { 'no-restricted-imports': ['error', restrictedImports] },
});
