/**
 * One jest run for the whole tree. Workspace packages resolve to their
 * sources so tests never depend on a stale build.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@dropship/(core|config|storage|queues|shopify|woocommerce|lifecycle|billing)$':
      '<rootDir>/packages/$1/src/index.ts',
    '^@dropship/(server|worker|cli)$': '<rootDir>/apps/$1/src/index.ts',
  },
  testMatch: ['<rootDir>/{packages,apps}/*/src/**/*.test.ts?(x)', '<rootDir>/test/**/*.test.ts?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  testTimeout: 30000,
  maxWorkers: 2,
};
