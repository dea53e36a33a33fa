import type { RoutineDefinition, RoutineStepDefinition } from './routine-definition';
import { durationProblem, routineViolations, strategyIndex } from './routine-rules';

const strategy = strategyIndex(
  new Map([
    ['2.1', 2],
    ['2.4', 2],
    ['4.4', 4],
    ['6.1', 6],
  ]),
);

const step = (key: string, overrides: Partial<RoutineStepDefinition> = {}): RoutineStepDefinition => ({
  key,
  title: `Steg ${key}`,
  responsibleOrganizationType: 'social_services' as RoutineStepDefinition['responsibleOrganizationType'],
  dependsOn: [],
  dueAfter: 'P5D',
  dueFrom: 'case_start',
  workingDays: false,
  remindBefore: null,
  escalateAfter: null,
  outcomeCodes: ['done'],
  ...overrides,
});

const routine = (overrides: Partial<RoutineDefinition> = {}): RoutineDefinition => ({
  title: 'Rutin',
  description: null,
  goals: [2, 4],
  measures: ['2.4', '4.4'],
  steps: [step('first'), step('second', { dependsOn: ['first'], dueFrom: 'dependencies_done' })],
  ...overrides,
});

const codes = (definition: RoutineDefinition) =>
  routineViolations(definition, strategy).map(({ field, code }) => `${field}:${code}`);

describe('routineViolations', () => {
  it('accepts a well-formed routine', () => {
    expect(routineViolations(routine(), strategy)).toEqual([]);
  });

  it('requires at least one step and one goal', () => {
    expect(codes(routine({ steps: [] }))).toEqual(['steps:no_steps']);
    expect(codes(routine({ goals: [], measures: [] }))).toEqual(['goals:no_goals']);
  });

  it('refuses goals and measures the current strategy does not have, and duplicates', () => {
    expect(codes(routine({ goals: [2, 9, 2], measures: ['2.4'] }))).toEqual([
      'goals[1]:unknown_goal',
      'goals[2]:duplicate_goal',
    ]);
    expect(codes(routine({ measures: ['2.4', '2.9', '2.4'] }))).toEqual([
      'measures[1]:unknown_measure',
      'measures[2]:duplicate_measure',
    ]);
  });

  it('refuses a measure that belongs to none of the routine goals, naming its goal', () => {
    expect(routineViolations(routine({ goals: [2], measures: ['2.4', '6.1'] }), strategy)).toEqual([
      expect.objectContaining({ field: 'measures[1]', code: 'measure_outside_goals', measure: '6.1', goal: 6 }),
    ]);
  });

  it('refuses malformed and duplicate step keys, naming the step', () => {
    const errors = routineViolations(
      routine({ steps: [step('first'), step('First'), step('first'), step('x')] }),
      strategy,
    );
    expect(errors.map(({ field, code, stepKey }) => [field, code, stepKey])).toEqual([
      ['steps[1].key', 'invalid_key', 'First'],
      ['steps[2].key', 'duplicate_key', 'first'],
      ['steps[3].key', 'invalid_key', 'x'],
    ]);
  });

  it('refuses unknown and repeated dependencies', () => {
    const errors = routineViolations(
      routine({ steps: [step('first'), step('second', { dependsOn: ['first', 'first', 'ghost'] })] }),
      strategy,
    );
    expect(errors).toEqual([
      expect.objectContaining({
        field: 'steps[1].dependsOn',
        code: 'duplicate_dependency',
        stepKey: 'second',
        dependency: 'first',
      }),
      expect.objectContaining({
        field: 'steps[1].dependsOn',
        code: 'unknown_dependency',
        stepKey: 'second',
        dependency: 'ghost',
      }),
    ]);
  });

  it('names a dependency cycle', () => {
    const steps = [
      step('intake'),
      step('assess', { dependsOn: ['intake', 'plan'] }),
      step('plan', { dependsOn: ['review'] }),
      step('review', { dependsOn: ['assess'] }),
    ];
    expect(routineViolations(routine({ steps }), strategy)).toEqual([
      expect.objectContaining({
        field: 'steps[1].dependsOn',
        code: 'dependency_cycle',
        stepKey: 'assess',
        cycle: ['assess', 'plan', 'review', 'assess'],
      }),
    ]);
  });

  it('requires dependencies for a step due from its dependencies being done', () => {
    expect(codes(routine({ steps: [step('first', { dueFrom: 'dependencies_done' })] }))).toEqual([
      'steps[0].dueFrom:no_dependencies',
    ]);
  });

  it('requires positive ISO 8601 durations', () => {
    const steps = [step('first', { dueAfter: 'P0D', remindBefore: '5 days', escalateAfter: '-P1D' })];
    expect(codes(routine({ steps }))).toEqual([
      'steps[0].dueAfter:non_positive_duration',
      'steps[0].remindBefore:invalid_duration',
      'steps[0].escalateAfter:invalid_duration',
    ]);
  });

  it('requires whole days when a step counts working days', () => {
    expect(codes(routine({ steps: [step('first', { workingDays: true, dueAfter: 'P10D' })] }))).toEqual([]);
    expect(codes(routine({ steps: [step('first', { workingDays: true, dueAfter: 'PT48H' })] }))).toEqual([
      'steps[0].dueAfter:working_days_need_days',
    ]);
    expect(codes(routine({ steps: [step('first', { workingDays: true, dueAfter: 'P2W' })] }))).toEqual([
      'steps[0].dueAfter:working_days_need_days',
    ]);
  });

  it('requires well-formed, distinct outcome codes, at least one', () => {
    expect(codes(routine({ steps: [step('first', { outcomeCodes: [] })] }))).toEqual([
      'steps[0].outcomeCodes:no_outcome_codes',
    ]);
    expect(codes(routine({ steps: [step('first', { outcomeCodes: ['done', 'Not done', 'done'] })] }))).toEqual([
      'steps[0].outcomeCodes[1]:invalid_outcome_code',
      'steps[0].outcomeCodes[2]:duplicate_outcome_code',
    ]);
  });
});

describe('durationProblem', () => {
  it.each(['P3D', 'PT4H', 'P1W', 'P1M', 'PT1H30M', 'P1DT12H', 'P0.5D'])('accepts %s', (value) => {
    expect(durationProblem(value)).toBeNull();
  });

  it.each(['P0D', 'PT0S', 'P0Y0M'])('refuses the zero duration %s', (value) => {
    expect(durationProblem(value)).toBe('non_positive_duration');
  });

  it.each(['P3651D', 'P11Y', 'P99999999D', 'P300000Y', 'PT100000H'])('refuses the unreasonably long %s', (value) => {
    expect(durationProblem(value)).toBe('duration_too_long');
  });

  it('accepts ten years exactly', () => {
    expect(durationProblem('P3650D')).toBeNull();
  });

  it.each(['', 'P', 'P1DT', '-P1D', 'P-1D', 'p3d', '3 days', 'PT', 'P1H'])('refuses the malformed %p', (value) => {
    expect(durationProblem(value)).toBe('invalid_duration');
  });
});
