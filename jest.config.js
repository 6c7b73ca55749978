// One jest run for the whole repo: unit tests sit next to their sources
// (packages/*/src/**/*.test.ts), cross-package flows live in test/.
/** @type {import('jest').Config} */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }];
const common = {
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Build outputs that carry package.json copies (the prebuilt extension, the lab bundle).
  modulePathIgnorePatterns: ['<rootDir>/packages/jupyterlab/labextension', '<rootDir>/packages/lab-app/static', '<rootDir>/packages/lab-app/build'],
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/packages'],
      testMatch: ['**/src/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/lib/'],
    },
    {
      ...common,
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
    },
  ],
};
