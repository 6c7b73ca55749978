// One jest run for the whole repo: unit tests sit next to their sources
// (packages/*/src/**/*.test.ts), cross-package flows live in test/.
/** @type {import('jest').Config} */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }];
// fast-png (the kernel's PNG encoder) and iobuffer ship only as ES modules: compiled for jest too.
const ESM_DEPS = ['fast-png', 'iobuffer'];
const common = {
  transform: { '^.+\\.ts$': swc, [`node_modules/(${ESM_DEPS.join('|')})/.+\\.js$`]: ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_DEPS.join('|')})/)`],
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
