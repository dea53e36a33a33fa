/** The privacy detector's unit specs only, for mutation testing (stryker.config.json): no database, no global setup. */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: 'src/privacy/[^/]+\\.spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', 'dto-free-text\\.spec\\.ts$'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  testEnvironment: 'node',
};
