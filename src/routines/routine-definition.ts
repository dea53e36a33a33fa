import type { OrganizationType } from '../organizations/organization-type';

/** Where a step's due time is counted from. */
export type DueFrom = 'case_start' | 'dependencies_done';

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
}

/** The frozen content of a published routine version (and the editable content of a draft). */
export interface RoutineDefinition {
  title: string;
  description: string | null;
  goals: number[];
  measures: string[];
  steps: RoutineStepDefinition[];
}
