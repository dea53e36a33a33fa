// Ten fast-check runs per property while each of some 2,000 mutants reruns the specs; the plain `npm test` keeps 100.
require('fast-check').configureGlobal({ numRuns: 10 });
