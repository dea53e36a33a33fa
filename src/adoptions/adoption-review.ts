import { CalendarDay, shiftDay } from '../common/time/swedish-time';
import { AdoptionStatus } from './adoption-status';

export const DEFAULT_REVIEW_INTERVAL_MONTHS = 24;
/** The latest of some days (ISO days order as text). */
export function latestDay(...days: (CalendarDay | null)[]): CalendarDay | null {
  return days.reduce<CalendarDay | null>(
    (latest, day) => (day !== null && (latest === null || day > latest) ? day : latest),
    null,
  );
}

/** The next follow-up is due the interval after the later of the approval and the last follow-up. */
export function nextReviewDue(
  approvedAt: CalendarDay | null,
  lastFollowUpAt: CalendarDay | null,
  intervalMonths: number,
): CalendarDay | null {
  const latest = latestDay(approvedAt, lastFollowUpAt);
  return latest === null ? null : shiftDay(latest, { months: intervalMonths });
}

/** Only an adopted routine is followed up; it is overdue once its review day has passed. */
export function isFollowUpOverdue(
  status: AdoptionStatus,
  nextReviewDueAt: CalendarDay | null,
  today: CalendarDay,
): boolean {
  return status === AdoptionStatus.Adopted && nextReviewDueAt !== null && nextReviewDueAt < today;
}
