/** Small tests (*.spec.ts) sit next to the code; medium and e2e tests (test/) use real PostgreSQL, NATS and gRPC. */
const { readFileSync } = require('node:fs');
const paths = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8')).compilerOptions.paths;
const moduleNameMapper = Object.fromEntries(Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target.replace(/^\.\//, '')}`]));

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  testMatch: [
    '<rootDir>/{apps,libs,scripts,deploy}/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
    '<rootDir>/test/**/*.fault-spec.ts',
    '<rootDir>/test/browser/**/*.browser-spec.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/desk/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }] },
  moduleNameMapper,
  testTimeout: 60_000,
  maxWorkers: 2,
  // A child process left behind by a failed start (an app, nats-server, Chromium) must end its lane with
  // the failure already reported, not hold it open until the CI's own time limit kills everything.
  forceExit: true,
};
