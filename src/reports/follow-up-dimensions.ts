import type { OrganizationType } from '../organizations/organization-type';
import { TimeUnit } from './report-period';

/** What a follow-up report can be grouped by (up to three at once). */
export const FOLLOW_UP_DIMENSIONS = [
  'goal',
  'measure',
  'routine',
  'step',
  'organization',
  'organizationType',
  'municipality',
  'month',
  'quarter',
  'year',
] as const;
export type FollowUpDimension = (typeof FOLLOW_UP_DIMENSIONS)[number];
export const MAX_GROUP_DIMENSIONS = 3;

/** Dimensions that belong to a step (its owner organisation and the step itself); a case has every value its steps have. */
export const STEP_DIMENSIONS: readonly FollowUpDimension[] = [
  'step',
  'organization',
  'organizationType',
  'municipality',
];
export const TIME_DIMENSIONS: readonly TimeUnit[] = ['month', 'quarter', 'year'];
export const isTimeDimension = (dimension: FollowUpDimension): dimension is TimeUnit =>
  (TIME_DIMENSIONS as readonly string[]).includes(dimension);

/** The filters of a follow-up report that narrow what is counted (the period aside). */
export interface FollowUpFilters {
  /** Only routine versions of this strategy period (their goal numbers are that period's); the strategy follow-up sets it. */
  period?: string;
  goal?: number;
  measure?: string;
  routineId?: string;
  organizationId?: string;
  organizationType?: OrganizationType;
  municipalityCode?: string;
}

/** Whose cases are counted: every case, or those one organisation takes part in. */
export type FollowUpScope = { kind: 'all' } | { kind: 'participant'; organizationId: string };

/**
 * A group's values as the database gives them, one per dimension, as text: goal number, measure code, routine id,
 * `routineId/stepKey`, organisation id, organisation type, municipality code, `2026-12`, `2026-Q4`, `2026`.
 */
export type GroupKey = string[];

/** The counts of one group: the metrics that add up over cases and steps, and the completed steps per outcome. */
export interface GroupCounts {
  casesOpened: number;
  casesClosed: number;
  stepsCompleted: number;
  stepsSkipped: number;
  stepsCompletedOnTime: number;
  overdueNow: number;
  escalations: number;
  outcomes: Record<string, number>;
  leadTimeHours: { p50: number | null; p90: number | null };
}

export const COUNT_METRICS = [
  'casesOpened',
  'casesClosed',
  'stepsCompleted',
  'stepsSkipped',
  'stepsCompletedOnTime',
  'overdueNow',
  'escalations',
] as const;
export type CountMetric = (typeof COUNT_METRICS)[number];

export const emptyCounts = (): GroupCounts => ({
  casesOpened: 0,
  casesClosed: 0,
  stepsCompleted: 0,
  stepsSkipped: 0,
  stepsCompletedOnTime: 0,
  overdueNow: 0,
  escalations: 0,
  outcomes: {},
  leadTimeHours: { p50: null, p90: null },
});
