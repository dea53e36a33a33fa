import { Duration } from 'luxon';
import type { AssessmentMethodIndex } from '../assessment-methods/assessment-method-catalogue';
import type { FieldError } from '../common/http/domain.exception';
import { CODE_PATTERN, STEP_KEY_PATTERN } from '../common/validation/codes';
import type { RoutineDefinition, RoutineStepDefinition } from './routine-definition';
import { ancestors, findCycle, unknownDependencies } from './routine-graph';

/**
 * An ISO 8601 duration with unsigned components, e.g. `P10D`, `PT4H`, `P1M`. Luxon alone also accepts forms ISO
 * does not (`P`, `P1DT`, `P-1D`), so the shape is checked first.
 */
export const ISO_DURATION_PATTERN =
  /^P(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$/;
/** With `workingDays`, dueAfter counts Swedish working days, so it must be a whole number of days. */
export const WORKING_DAYS_DURATION_PATTERN = /^P\d+D$/;

/** The current strategy, as far as routines refer to it: which goals exist and which goal each measure belongs to. */
export interface StrategyIndex {
  goals: ReadonlySet<number>;
  measureGoal: ReadonlyMap<string, number>;
}

export function strategyIndex(measureGoal: ReadonlyMap<string, number>): StrategyIndex {
  return { goals: new Set(measureGoal.values()), measureGoal };
}

export type DurationProblem = 'invalid_duration' | 'non_positive_duration' | 'duration_too_long';

/**
 * Ten years is longer than any step of a collaboration should take; the bound keeps due-time maths (stepping
 * working days one by one) and timestamps within reach.
 */
export const MAX_DURATION_DAYS = 3650;

/** Why a duration is not a positive ISO 8601 duration of at most ten years, or null when it is one. */
export function durationProblem(value: string): DurationProblem | null {
  const duration = Duration.fromISO(value);
  if (!ISO_DURATION_PATTERN.test(value) || !duration.isValid) {
    return 'invalid_duration';
  }
  if (duration.toMillis() <= 0) {
    return 'non_positive_duration';
  }
  return duration.as('days') > MAX_DURATION_DAYS ? 'duration_too_long' : null;
}

/**
 * Every broken domain rule of a routine definition, each naming its field (`steps[2].dependsOn`) and, for a step,
 * the step's key. An empty list means the definition may be saved and published.
 */
export function routineViolations(
  definition: RoutineDefinition,
  strategy: StrategyIndex,
  methods: AssessmentMethodIndex = new Map(),
): FieldError[] {
  return [
    ...goalViolations(definition, strategy),
    ...measureViolations(definition, strategy),
    ...stepViolations(definition.steps),
    ...definition.steps.flatMap((step, index) => [
      ...assessmentViolations(step, index, methods),
      ...conditionViolations(step, index, definition.steps, methods),
    ]),
  ];
}

/** Each method a step requires exists (the level codes of methods, by code), once. */
function assessmentViolations(
  step: RoutineStepDefinition,
  index: number,
  methods: AssessmentMethodIndex,
): FieldError[] {
  if (!step.assessment) {
    return [];
  }
  const field = `steps[${index}].assessment.methods`;
  const required = step.assessment.methods;
  if (required.length === 0) {
    return [{ field, code: 'no_assessment_methods', stepKey: step.key, message: 'Name at least one method.' }];
  }
  return required.flatMap((method, position): FieldError[] => {
    if (required.indexOf(method) !== position) {
      return [{ field: `${field}[${position}]`, code: 'duplicate_assessment_method', stepKey: step.key }];
    }
    if (!methods.has(method)) {
      return [
        {
          field: `${field}[${position}]`,
          code: 'unknown_assessment_method',
          stepKey: step.key,
          message: 'Not a method of GET /api/v1/assessment-methods.',
        },
      ];
    }
    return [];
  });
}

/**
 * Each condition names an ancestor of the step (a step it waits for, directly or not) and only codes that step can
 * give: its outcome codes for `outcomeIn`, its assessment methods' levels for `levelIn`.
 */
function conditionViolations(
  step: RoutineStepDefinition,
  index: number,
  steps: readonly RoutineStepDefinition[],
  methods: AssessmentMethodIndex,
): FieldError[] {
  const conditions = step.when ?? [];
  const before = ancestors(steps, step.key);
  return conditions.flatMap((condition, position): FieldError[] => {
    const field = `steps[${index}].when[${position}]`;
    const at = (suffix: string, code: string, message: string): FieldError => ({
      field: `${field}${suffix}`,
      code,
      stepKey: step.key,
      message,
    });
    const source = steps.find((candidate) => candidate.key === condition.step);
    if (!source || !before.has(condition.step) || condition.step === step.key) {
      return [
        at('.step', 'condition_not_ancestor', `A condition of step "${step.key}" must name a step it depends on.`),
      ];
    }
    if (!condition.outcomeIn && !condition.levelIn) {
      return [at('', 'condition_without_codes', 'A condition gives outcomeIn, levelIn or both.')];
    }
    const levels = new Set((source.assessment?.methods ?? []).flatMap((method) => methods.get(method) ?? []));
    const codes = (list: 'outcomeIn' | 'levelIn', allowed: ReadonlySet<string>, code: string): FieldError[] => {
      const given = condition[list];
      if (!given) {
        return [];
      }
      if (given.length === 0) {
        return [at(`.${list}`, 'no_condition_codes', `${list} names at least one code.`)];
      }
      return given.flatMap((value, n) =>
        allowed.has(value)
          ? []
          : [at(`.${list}[${n}]`, code, `Not a code step "${condition.step}" can give for ${list}.`)],
      );
    };
    return [
      ...codes('outcomeIn', new Set(source.outcomeCodes), 'unknown_outcome_code'),
      ...codes('levelIn', levels, 'unknown_assessment_level'),
    ];
  });
}

function goalViolations({ goals }: RoutineDefinition, strategy: StrategyIndex): FieldError[] {
  if (goals.length === 0) {
    return [{ field: 'goals', code: 'no_goals', message: 'A routine serves at least one goal of the strategy.' }];
  }
  return goals.flatMap((goal, index): FieldError[] => {
    const field = `goals[${index}]`;
    if (goals.indexOf(goal) !== index) {
      return [{ field, code: 'duplicate_goal', goal, message: `Goal ${goal} is listed twice.` }];
    }
    if (!strategy.goals.has(goal)) {
      return [{ field, code: 'unknown_goal', goal, message: `The current strategy has no goal ${goal}.` }];
    }
    return [];
  });
}

function measureViolations({ goals, measures }: RoutineDefinition, strategy: StrategyIndex): FieldError[] {
  return measures.flatMap((measure, index): FieldError[] => {
    const field = `measures[${index}]`;
    if (measures.indexOf(measure) !== index) {
      return [{ field, code: 'duplicate_measure', measure, message: `Measure ${measure} is listed twice.` }];
    }
    const goal = strategy.measureGoal.get(measure);
    if (goal === undefined) {
      return [{ field, code: 'unknown_measure', measure, message: `The current strategy has no measure ${measure}.` }];
    }
    if (!goals.includes(goal)) {
      return [
        {
          field,
          code: 'measure_outside_goals',
          measure,
          goal,
          message: `Measure ${measure} belongs to goal ${goal}, which the routine does not name.`,
        },
      ];
    }
    return [];
  });
}

function stepViolations(steps: readonly RoutineStepDefinition[]): FieldError[] {
  if (steps.length === 0) {
    return [{ field: 'steps', code: 'no_steps', message: 'A routine has at least one step.' }];
  }
  const own = steps.flatMap((step, index) => singleStepViolations(step, index, steps));
  const unknown = unknownDependencies(steps).map(({ stepIndex, dependency }): FieldError => ({
    field: `steps[${stepIndex}].dependsOn`,
    code: 'unknown_dependency',
    stepKey: steps[stepIndex].key,
    dependency,
    message: `Step "${steps[stepIndex].key}" depends on "${dependency}", which is not a step of this routine.`,
  }));
  const cycle = findCycle(steps);
  const cycles: FieldError[] = cycle
    ? [
        {
          field: `steps[${steps.findIndex((step) => step.key === cycle[0])}].dependsOn`,
          code: 'dependency_cycle',
          stepKey: cycle[0],
          cycle,
          message: `The steps depend on each other in a cycle: ${cycle.join(' → ')}.`,
        },
      ]
    : [];
  return [...own, ...unknown, ...cycles];
}

function singleStepViolations(
  step: RoutineStepDefinition,
  index: number,
  steps: readonly RoutineStepDefinition[],
): FieldError[] {
  const at = (field: string, code: string, message: string, extra: Record<string, unknown> = {}): FieldError => ({
    field: `steps[${index}]${field}`,
    code,
    stepKey: step.key,
    message,
    ...extra,
  });
  const errors: FieldError[] = [];
  if (!STEP_KEY_PATTERN.test(step.key)) {
    errors.push(
      at(
        '.key',
        'invalid_key',
        'A step key is 2-64 characters: a lower-case letter, then lower-case letters, digits or _.',
      ),
    );
  } else if (steps.findIndex((other) => other.key === step.key) !== index) {
    errors.push(at('.key', 'duplicate_key', `Another step already has the key "${step.key}".`));
  }
  step.dependsOn.forEach((dependency, position) => {
    if (step.dependsOn.indexOf(dependency) !== position) {
      errors.push(at('.dependsOn', 'duplicate_dependency', `"${dependency}" is listed twice.`, { dependency }));
    }
  });
  if (step.dueFrom === 'dependencies_done' && step.dependsOn.length === 0) {
    errors.push(
      at(
        '.dueFrom',
        'no_dependencies',
        'A step due from its dependencies being done must depend on at least one step.',
      ),
    );
  }
  for (const field of ['dueAfter', 'remindBefore', 'escalateAfter'] as const) {
    const value = step[field];
    const problem = value === null ? null : durationProblem(value);
    if (problem) {
      errors.push(
        at(
          `.${field}`,
          problem,
          `${field} must be a positive ISO 8601 duration of at most ${MAX_DURATION_DAYS} days, such as P5D or PT4H.`,
        ),
      );
    }
  }
  if (
    step.workingDays &&
    durationProblem(step.dueAfter) === null &&
    !WORKING_DAYS_DURATION_PATTERN.test(step.dueAfter)
  ) {
    errors.push(
      at('.dueAfter', 'working_days_need_days', 'With workingDays, dueAfter is a whole number of days (e.g. P10D).'),
    );
  }
  if (step.outcomeCodes.length === 0) {
    errors.push(at('.outcomeCodes', 'no_outcome_codes', 'A step offers at least one outcome code.'));
  }
  step.outcomeCodes.forEach((code, position) => {
    const field = `.outcomeCodes[${position}]`;
    if (!CODE_PATTERN.test(code)) {
      errors.push(
        at(
          field,
          'invalid_outcome_code',
          'An outcome code is 2-50 characters: a lower-case letter, then lower-case letters, digits or _.',
        ),
      );
    } else if (step.outcomeCodes.indexOf(code) !== position) {
      errors.push(at(field, 'duplicate_outcome_code', `Outcome code "${code}" is listed twice.`));
    }
  });
  return errors;
}
