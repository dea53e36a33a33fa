declare module '../common/http/problem-codes' {
  /** Routines and their versions. */
  interface ProblemCodes {
    'routine.checksum_mismatch': true;
    'routine.draft_unchanged': true;
    'routine.invalid': true;
    'routine.no_draft': true;
    'routine.not_found': true;
    'routine.not_in_v1': true;
    'routine.not_owner': true;
    'routine.period_not_successor': true;
    'routine.retired': true;
    'routine_draft.not_found': true;
    'routine_version.not_found': true;
  }
}

export {};
