// For deployables and I/O packages: process.env only in env.ts (STYLE §16).
import tseslint from 'typescript-eslint';

import base from './base.js';

export default tseslint.config(...base, {
  files: ['src/**/*.ts'],
  ignores: ['src/**/env.ts', 'src/**/*.test.ts', 'src/testing/**'],
  rules: {
    'no-restricted-properties': [
      'error',
      { object: 'process', property: 'env', message: 'Read configuration through env.ts.' },
    ],
  },
});
