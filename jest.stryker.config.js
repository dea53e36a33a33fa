/**
 * The unit specs of the rules under mutation testing (stryker.config.json): the `unit` project of jest.config.js (no
 * database, no global setup, the same transforms), narrowed to the rules' folders. Left out: the privacy corpus (it
 * measures the detector; the specs beside each file have to kill its mutants themselves) and the DTO walk
 * (dto-free-text, which checks the DTOs rather than the rules). STRYKER_SPECS narrows the run to some folders for a run
 * per group, e.g. STRYKER_SPECS=audit npx stryker run --mutate src/audit/audit-chain.ts --concurrency 1.
 */
const { projects } = require('./jest.config.js');

const unit = projects.find((project) => project.displayName === 'unit');
const folders = process.env.STRYKER_SPECS ?? 'privacy,cases,common/time,routines,audit,webhooks,adoptions,users';

module.exports = {
  ...unit,
  displayName: undefined,
  testRegex: `src/(${folders.split(',').join('|')})/[^/]+\\.spec\\.ts$`,
  testPathIgnorePatterns: [...unit.testPathIgnorePatterns, 'dto-free-text\\.spec\\.ts$', 'privacy-corpus\\.spec\\.ts$'],
  setupFiles: ['<rootDir>/jest.stryker.setup.js'],
};
