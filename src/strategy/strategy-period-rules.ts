import type { FieldError } from '../common/http/domain.exception';

/** A strategy period as loaded from a document: what POST /strategy-periods accepts. */
export interface StrategyPeriodDocument {
  code: string;
  title: { sv: string; en: string };
  validFrom: string;
  validTo: string;
  previousPeriod?: string;
  goals: {
    number: number;
    title: { sv: string; en: string };
    measures: { code: string; text: { sv: string; en: string } }[];
  }[];
  /** Each measure of the previous period, mapped to the measures of this one that carry it on (`"2.4": ["3.1"]`). */
  measureMapping?: Record<string, string[]>;
}

export interface KnownPeriod {
  code: string;
  validFrom: string;
  validTo: string;
}

export const PERIOD_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;
const MEASURE_OF_GOAL = /^([0-9]{1,2})\.[0-9]{1,2}$/;

/**
 * Every broken rule of a new period, naming its field: dates in order and overlapping no other period, goals and
 * measures numbered once each (a measure `<goal>.<n>` of its own goal), and a mapping from measures of the
 * previous period (which must exist) to measures of this one.
 */
export function strategyPeriodViolations(
  document: StrategyPeriodDocument,
  periods: readonly KnownPeriod[],
  previousMeasures: ReadonlySet<string> | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  const at = (field: string, code: string, message: string) => errors.push({ field, code, message });
  if (document.validFrom > document.validTo) {
    at('validTo', 'ends_before_start', 'validTo is on or after validFrom.');
  }
  const overlapping = periods.find((p) => p.validFrom <= document.validTo && p.validTo >= document.validFrom);
  if (overlapping) {
    at('validFrom', 'overlapping_period', `The dates overlap the period ${overlapping.code}.`);
  }
  const measures = new Set<string>();
  document.goals.forEach((goal, index) => {
    if (document.goals.findIndex((other) => other.number === goal.number) !== index) {
      at(`goals[${index}].number`, 'duplicate_goal', `Goal ${goal.number} is listed twice.`);
    }
    goal.measures.forEach((measure, position) => {
      const field = `goals[${index}].measures[${position}].code`;
      if (MEASURE_OF_GOAL.exec(measure.code)?.[1] !== String(goal.number)) {
        at(field, 'measure_outside_goal', `A measure of goal ${goal.number} is numbered ${goal.number}.<n>.`);
      } else if (measures.has(measure.code)) {
        at(field, 'duplicate_measure', `Measure ${measure.code} is listed twice.`);
      }
      measures.add(measure.code);
    });
  });
  const mapping = Object.entries(document.measureMapping ?? {});
  if (document.previousPeriod !== undefined && previousMeasures === undefined) {
    at('previousPeriod', 'unknown_period', 'Not a loaded strategy period.');
  } else if (mapping.length > 0 && previousMeasures === undefined) {
    at('measureMapping', 'no_previous_period', 'A mapping needs previousPeriod.');
  }
  for (const [from, to] of mapping) {
    if (previousMeasures && !previousMeasures.has(from)) {
      at(`measureMapping.${from}`, 'unknown_previous_measure', 'Not a measure of the previous period.');
    }
    to.forEach((code, index) => {
      if (!measures.has(code)) {
        at(`measureMapping.${from}[${index}]`, 'unknown_measure', 'Not a measure of this period.');
      }
    });
  }
  return errors;
}

export interface RelinkSuggestion {
  measures: string[];
  goals: number[];
  /** The routine's measures the mapping does not carry on. */
  unmapped: string[];
}

/**
 * The goals and measures a routine of the previous period would name in the new one: each measure replaced by the
 * measures it maps to, and the goals those belong to (or, without any mapped measure, its goals that still exist).
 */
export function suggestedRelink(
  routine: { goals: readonly number[]; measures: readonly string[] },
  mapping: ReadonlyMap<string, readonly string[]>,
  measureGoal: ReadonlyMap<string, number>,
): RelinkSuggestion {
  const measures = [...new Set(routine.measures.flatMap((measure) => mapping.get(measure) ?? []))];
  const unmapped = routine.measures.filter((measure) => (mapping.get(measure) ?? []).length === 0);
  const goalsOfMeasures = [...new Set(measures.map((measure) => measureGoal.get(measure) as number))];
  const existingGoals = new Set(measureGoal.values());
  const goals = goalsOfMeasures.length > 0 ? goalsOfMeasures : routine.goals.filter((goal) => existingGoals.has(goal));
  return { measures, goals: goals.sort((a, b) => a - b), unmapped };
}
