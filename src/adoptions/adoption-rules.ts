import type { FieldError } from '../common/http/domain.exception';
import { AdoptionStatus, ApprovalLevel } from './adoption-status';

export interface Approval {
  approvedAt: Date | null;
  approvedBy: ApprovalLevel | null;
}

/**
 * An adopted routine names when and at which level it was approved, not in the future. Approval belongs to
 * adoption: it cannot be given to a routine that is only planned or being implemented.
 */
export function approvalErrors(status: AdoptionStatus, approval: Approval, given: { approvedAt: boolean; approvedBy: boolean }, now: Date): FieldError[] {
  if (status !== AdoptionStatus.Adopted) {
    return (['approvedAt', 'approvedBy'] as const)
      .filter((field) => given[field])
      .map((field) => ({ field, code: 'approval_without_adoption', message: 'Approval is recorded when the routine is adopted.' }));
  }
  const errors: FieldError[] = [];
  if (approval.approvedAt === null) errors.push({ field: 'approvedAt', code: 'required', message: 'An adopted routine needs the date it was approved.' });
  else if (approval.approvedAt > now) errors.push({ field: 'approvedAt', code: 'in_future', message: 'approvedAt cannot be in the future.' });
  if (approval.approvedBy === null) errors.push({ field: 'approvedBy', code: 'required', message: 'An adopted routine needs the level that approved it.' });
  return errors;
}

/** A follow-up happened: not in the future, and not before the approval it follows up. */
export function followUpErrors(performedAt: Date, approvedAt: Date | null, now: Date): FieldError[] {
  if (performedAt > now) return [{ field: 'performedAt', code: 'in_future', message: 'performedAt cannot be in the future.' }];
  if (approvedAt && performedAt < approvedAt) return [{ field: 'performedAt', code: 'before_approval', message: 'A follow-up cannot precede the approval.' }];
  return [];
}

/** Partners are other existing organisations. */
export function partnerErrors(partnerIds: readonly string[], existing: ReadonlySet<string>, adoptingOrganizationId: string): FieldError[] {
  return partnerIds.flatMap((id, index): FieldError[] => {
    const field = `partnerOrganizationIds[${index}]`;
    if (id === adoptingOrganizationId) return [{ field, code: 'partner_is_adopter', message: 'The adopting organisation is not its own partner.' }];
    if (!existing.has(id)) return [{ field, code: 'unknown_organization', message: 'No such organisation.' }];
    return [];
  });
}
