/** The privacy detector's unit specs for mutation testing (stryker.config.json): no database, no global setup, and not the
 * timing smoke check (a slower mutant is not a wrong one). */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: 'src/privacy/[^/]+\\.spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', 'dto-free-text\\.spec\\.ts$', 'detector-cost\\.spec\\.ts$'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  testEnvironment: 'node',
};
