import { AuthenticatedUser, isAdmin } from '../common/auth/authenticated-user';
import { conflict, DomainException, forbidden, unprocessable } from '../common/http/domain.exception';
import { auditVisibilityOf } from '../audit/audit-visibility';

/** Why a value is erased: a closed set, so the reason itself can never carry personal data. */
export const ERASURE_REASON_CODES = ['personal_data_leak', 'retention', 'data_subject_request'] as const;
export type ErasureReasonCode = (typeof ERASURE_REASON_CODES)[number];

export const ERASURE_STATUSES = ['pending', 'performed', 'rejected', 'withdrawn'] as const;
export type ErasureStatus = (typeof ERASURE_STATUSES)[number];

export interface ErasureDecisionSubject {
  status: ErasureStatus;
  requestedBy: string;
}

/**
 * Erasure requests are seen and decided across all organisations (a leak can sit in any table), so beside admins
 * only auditors who see the whole audit trail (a county board's) may read or decide them.
 */
export function requireErasureReader(user: AuthenticatedUser): void {
  if (isAdmin(user) || auditVisibilityOf(user).everything) {
    return;
  }
  throw forbidden(
    'erasure_request.auditor_scope',
    'Only admins and auditors who see the whole audit trail handle erasure requests.',
  );
}

/** Approve or reject: a pending request, decided by someone other than its requester (two people, always). */
export function requireDecidable(request: ErasureDecisionSubject, decider: AuthenticatedUser): void {
  requireErasureReader(decider);
  if (request.requestedBy === decider.id) {
    throw forbidden(
      'erasure_request.same_person',
      'An erasure needs two people: whoever requested it cannot approve or reject it.',
    );
  }
  requirePending(request);
}

/** Withdraw: the requester's own pending request only. */
export function requireWithdrawable(request: ErasureDecisionSubject, user: AuthenticatedUser): void {
  if (request.requestedBy !== user.id) {
    throw forbidden('erasure_request.not_requester', 'Only whoever requested an erasure may withdraw it.');
  }
  requirePending(request);
}

function requirePending(request: ErasureDecisionSubject): void {
  if (request.status !== 'pending') {
    throw conflict('erasure_request.not_pending', `The erasure request is ${request.status} already.`);
  }
}

/** Why a target cannot be erased, as a field error on the request (never the value). */
export const notErasable = (field: string, code: string, detail: string): DomainException =>
  unprocessable('erasure_request.not_erasable', detail, [{ field, code }]);
