import { DateTime } from 'luxon';
import { DomainErrorKind, DomainException } from '../common/http/domain.exception';
import { AdoptionStatus } from './adoption-status';

export const DEFAULT_REVIEW_INTERVAL_MONTHS = 24;
/** Calendar arithmetic (months, days) is done in Swedish time, so "24 months later" keeps the local date. */
export const SWEDISH_ZONE = 'Europe/Stockholm';

/** An ISO 8601 date or date-time as an instant; a date alone, or a time without offset, is Swedish local time. */
export function parseInstant(value: string): Date {
  const parsed = DateTime.fromISO(value, { zone: SWEDISH_ZONE });
  // The DTOs admit ISO 8601 forms luxon does not read (e.g. a space before the time): the client's mistake, a 400.
  if (!parsed.isValid) {
    throw new DomainException(DomainErrorKind.BadRequest, 'validation.date', 'A date is not in a form this service reads; use e.g. 2026-03-02 or 2026-03-02T10:00:00+01:00.');
  }
  return parsed.toJSDate();
}

export function latestOf(...dates: (Date | null)[]): Date | null {
  return dates.reduce<Date | null>((latest, date) => (date && (!latest || date > latest) ? date : latest), null);
}

/** The next follow-up is due the interval after the later of the approval and the last follow-up. */
export function nextReviewDue(approvedAt: Date | null, lastFollowUpAt: Date | null, intervalMonths: number): Date | null {
  const latest = latestOf(approvedAt, lastFollowUpAt);
  return latest ? DateTime.fromJSDate(latest, { zone: SWEDISH_ZONE }).plus({ months: intervalMonths }).toJSDate() : null;
}

/** Only an adopted routine is followed up; one past its review date is overdue. */
export function isFollowUpOverdue(status: AdoptionStatus, nextReviewDueAt: Date | null, now: Date): boolean {
  return status === AdoptionStatus.Adopted && nextReviewDueAt !== null && nextReviewDueAt < now;
}
