export enum ReminderKind {
  /** Before a step's due time (dueAt - remindBefore): to the owner organisation's caseworkers and coordinators. */
  DueSoon = 'due_soon',
  /** At a step's due time: to the owner organisation's caseworkers and coordinators. */
  Overdue = 'overdue',
  /** At dueAt + escalateAfter: to the owner organisation's managers. */
  Escalation = 'escalation',
  /** When an adoption's follow-up falls due: to the adopting organisation's coordinators. */
  ReviewDue = 'review_due',
}

export enum ReminderStatus {
  Pending = 'pending',
  Sent = 'sent',
  Cancelled = 'cancelled',
  /** Its time came but the subject no longer needed it (step finished, case closed, adoption followed up). */
  Obsolete = 'obsolete',
}

export enum ReminderSubject {
  CaseStep = 'case_step',
  Adoption = 'adoption',
}
