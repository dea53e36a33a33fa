import type { FieldError } from '../common/http/domain.exception';
import type { CalendarDay } from '../common/time/swedish-time';
import { AdoptionStatus, ApprovalLevel } from './adoption-status';

export interface Approval {
  approvedAt: CalendarDay | null;
  approvedBy: ApprovalLevel | null;
}

/**
 * An adopted routine names the day and the level it was approved at, not after today (Swedish days). Approval belongs to
 * adoption: it cannot be given to a routine that is only planned or being implemented.
 */
export function approvalErrors(
  status: AdoptionStatus,
  approval: Approval,
  given: { approvedAt: boolean; approvedBy: boolean },
  today: CalendarDay,
): FieldError[] {
  if (status !== AdoptionStatus.Adopted) {
    return (['approvedAt', 'approvedBy'] as const)
      .filter((field) => given[field])
      .map((field) => ({
        field,
        code: 'approval_without_adoption',
        message: 'Approval is recorded when the routine is adopted.',
      }));
  }
  const errors: FieldError[] = [];
  if (approval.approvedAt === null) {
    errors.push({
      field: 'approvedAt',
      code: 'required',
      message: 'An adopted routine needs the date it was approved.',
    });
  } else if (approval.approvedAt > today) {
    errors.push({ field: 'approvedAt', code: 'in_future', message: 'approvedAt cannot be in the future.' });
  }
  if (approval.approvedBy === null) {
    errors.push({
      field: 'approvedBy',
      code: 'required',
      message: 'An adopted routine needs the level that approved it.',
    });
  }
  return errors;
}

/** A follow-up happened: not after today, and not before the day of the approval it follows up. */
export function followUpErrors(
  performedAt: CalendarDay,
  approvedAt: CalendarDay | null,
  today: CalendarDay,
): FieldError[] {
  if (performedAt > today) {
    return [{ field: 'performedAt', code: 'in_future', message: 'performedAt cannot be in the future.' }];
  }
  if (approvedAt && performedAt < approvedAt) {
    return [{ field: 'performedAt', code: 'before_approval', message: 'A follow-up cannot precede the approval.' }];
  }
  return [];
}

/** Partners are other existing organisations. */
export function partnerErrors(
  partnerIds: readonly string[],
  existing: ReadonlySet<string>,
  adoptingOrganizationId: string,
): FieldError[] {
  return partnerIds.flatMap((id, index): FieldError[] => {
    const field = `partnerOrganizationIds[${index}]`;
    if (id === adoptingOrganizationId) {
      return [{ field, code: 'partner_is_adopter', message: 'The adopting organisation is not its own partner.' }];
    }
    if (!existing.has(id)) {
      return [{ field, code: 'unknown_organization', message: 'No such organisation.' }];
    }
    return [];
  });
}
