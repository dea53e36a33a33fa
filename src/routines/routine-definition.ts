import type { OrganizationType } from '../organizations/organization-type';

/** Where a step's due time is counted from. */
export type DueFrom = 'case_start' | 'dependencies_done';

/**
 * A condition on an earlier step's result: the step named (an ancestor) was done with one of `outcomeIn`, and its
 * assessment gave one of `levelIn`. A step runs only when all its conditions hold; otherwise it is skipped with
 * reason `condition_not_met` once its dependencies are finished.
 */
export interface StepCondition {
  step: string;
  outcomeIn?: string[];
  levelIn?: string[];
}

/** The standardised assessment methods a step's completion must record one of (method and level only). */
export interface StepAssessment {
  methods: string[];
}

/** One step of a routine: what a case's step is instantiated from. Durations are ISO 8601 (e.g. `P3D`, `PT4H`). */
export interface RoutineStepDefinition {
  key: string;
  title: string;
  responsibleOrganizationType: OrganizationType;
  dependsOn: string[];
  dueAfter: string;
  dueFrom: DueFrom;
  /** Count the days of dueAfter as Swedish working days (weekends and public holidays skipped). */
  workingDays: boolean;
  remindBefore: string | null;
  escalateAfter: string | null;
  outcomeCodes: string[];
  /** Left out when empty, so definitions without conditions keep the checksums they had. */
  when?: StepCondition[];
  assessment?: StepAssessment;
}

/** The frozen content of a published routine version (and the editable content of a draft). */
export interface RoutineDefinition {
  /** The strategy period whose goals and measures the routine names; absent: the first, stockholm-2020-2026. */
  period?: string;
  title: string;
  description: string | null;
  goals: number[];
  measures: string[];
  steps: RoutineStepDefinition[];
}

/** The period of routines written before periods were named. */
export const FIRST_STRATEGY_PERIOD = 'stockholm-2020-2026';

export const periodOf = (definition: Pick<RoutineDefinition, 'period'>): string =>
  definition.period ?? FIRST_STRATEGY_PERIOD;
