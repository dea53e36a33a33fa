/**
 * Two projects. `unit`: the pure specs beside the code (src/**\/*.spec.ts), no database, no Redis, no global setup —
 * `npm run test:unit` runs them in seconds. `integration`: test/** (e2e and integration specs) and the few src specs
 * that need a service (*.int-spec.ts beside their code), against real PostgreSQL and Redis, with the global setup that
 * creates and migrates this run's own database. `npx jest` runs both.
 */
const ESM_ONLY = ['kysely', 'jose', 'openid-client', 'oauth4webapi'];

const shared = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  // Stryker's sandboxes hold copies of the specs.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.stryker-tmp/', '<rootDir>/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/', '<rootDir>/dist/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
    // Packages that ship ES modules only, which Jest's CommonJS loader refuses (the service itself loads them with
    // require(), as Node >= 20.19 can): compiled to CommonJS for the tests (docs/sign-in.md, "Libraries").
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, isolatedModules: true }, diagnostics: false },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  testEnvironment: 'node',
};

module.exports = {
  // Global options (Jest reads them only here, not per project).
  maxWorkers: 1,
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testRegex: 'src/.*\\.spec\\.ts$',
    },
    {
      ...shared,
      displayName: 'integration',
      testRegex: '(test/.*\\.(spec|e2e-spec|int-spec)|src/.*\\.int-spec)\\.ts$',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
