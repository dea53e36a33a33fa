declare module '../common/http/problem-codes' {
  /** Erasure requests. */
  interface ProblemCodes {
    'erasure_request.already_requested': true;
    'erasure_request.auditor_scope': true;
    'erasure_request.marker_refused': true;
    'erasure_request.not_detected': true;
    'erasure_request.not_erasable': true;
    'erasure_request.not_found': true;
    'erasure_request.not_pending': true;
    'erasure_request.not_requester': true;
    'erasure_request.same_person': true;
    'erasure_request.target_changed': true;
  }
}

export {};
