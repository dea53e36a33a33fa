export enum CaseStatus {
  Open = 'open',
  Closed = 'closed',
}

export enum CaseStepStatus {
  Waiting = 'waiting',
  Active = 'active',
  Done = 'done',
  Skipped = 'skipped',
}

export const CASE_STEP_STATUSES = Object.values(CaseStepStatus);
