/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Both cores: the default (cores - 1) leaves one idle on a 2-core machine.
  maxWorkers: 2,
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true }],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  globalSetup: '<rootDir>/__tests__/global-setup.ts',
};
