import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'coverage/**',
      'test-output/**',
      'wp-plugin-bridge/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through @dropship/config in the composition root only.',
        },
      ],
    },
  },
  {
    // Packages never import apps.
    files: ['packages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@dropship/server', '@dropship/worker', '@dropship/cli', '**/apps/**'],
              message: 'packages/* never import from apps/*.',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain core has no I/O and no SDKs.
    files: ['packages/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@dropship/*',
                'node:*',
                'fs',
                'http',
                'net',
                'knex',
                'bullmq',
                'ioredis',
                '@shopify/*',
                '@woocommerce/*',
              ],
              message: 'The domain core is pure: no I/O, no SDKs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: [
      '**/main.ts',
      'scripts/**',
      'test/**',
      'bench/**',
      '**/*.test.ts',
      '**/*.test.tsx',
      '**/test-support/**',
      '**/test-fixtures/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
