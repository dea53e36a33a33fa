/**
 * The privacy detector's own unit specs for mutation testing (stryker.config.json): no database, no global setup. Left
 * out: the corpus (it measures the detector; the
 * specs beside each file have to kill its mutants themselves).
 */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: 'src/privacy/[^/]+\\.spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', 'dto-free-text\\.spec\\.ts$', 'privacy-corpus\\.spec\\.ts$'],
  setupFiles: ['<rootDir>/jest.stryker.setup.js'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  testEnvironment: 'node',
};
