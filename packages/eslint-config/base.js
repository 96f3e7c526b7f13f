// The shared flat config: typescript-eslint's type-checked presets plus the rules STYLE.md names.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Reaching into another package's source or across packages with `../` breaks its `exports`. */
export const restrictedImports = {
  patterns: [
    { group: ['@anbu/*/src', '@anbu/*/src/*'], message: 'Import the package entry, not its src/.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.cache/**',
      'coverage/**',
      '**/*.config.*',
      'bench/**/*.py',
      // The bench's Python venv (packages/routing/bench/.venv) ships stray .js files.
      'bench/.venv/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a const object or a zod enum (STYLE §12).' },
      ],
      'no-restricted-imports': ['error', restrictedImports],
      'max-params': ['error', 3],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'max-params': 'off',
    },
  },
);
