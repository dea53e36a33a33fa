import { CONDITION_NOT_MET_SEED } from '../../migrations/1765300000000-AssessmentMethodsAndConditions';
import { DateTime } from 'luxon';
import { DomainException } from '../common/http/domain.exception';
import { CaseStatus, CaseStepStatus } from './case-status';
import {
  activateReadySteps,
  assertCaseOpen,
  assertClosable,
  assertOutcomeAllowed,
  assertTransition,
  assertAssessmentAllowed,
  conditionHolds,
  CONDITION_NOT_MET_REASON,
  FinishableStep,
  metDeadline,
  unmetConditions,
} from './case-step-rules';
import { SWEDISH_ZONE } from '../common/time/swedish-time';

const { Waiting, Active, Done, Skipped } = CaseStepStatus;

function step(
  key: string,
  status: CaseStepStatus,
  dependsOn: string[] = [],
  rule: Partial<FinishableStep> = {},
): FinishableStep {
  return {
    key,
    status,
    dependsOn,
    dueAfter: 'P1D',
    dueFrom: 'dependencies_done',
    workingDays: false,
    activatedAt: null,
    dueAt: null,
    completedAt: null,
    completedBy: null,
    outcomeCode: null,
    reasonCode: null,
    note: null,
    metDeadline: null,
    conditions: [],
    assessmentMethod: null,
    assessmentLevel: null,
    ...rule,
  };
}

/** The DomainException an action throws (it must throw one). */
const thrown = (code: string, more: Record<string, unknown> = {}) =>
  expect.objectContaining({ code, ...more }) as unknown as DomainException;

describe('assertTransition', () => {
  it.each([
    [Waiting, Active],
    [Active, Done],
    [Active, Skipped],
  ])('allows %s → %s', (from, to) => {
    const subject = step('a', from);
    expect(() => assertTransition(subject, to, [subject])).not.toThrow();
  });

  it('answers 409 for a waiting step, naming the dependencies still open', () => {
    const steps = [step('a', Done), step('b', Active), step('c', Waiting), step('d', Waiting, ['a', 'b', 'c'])];
    expect(() => assertTransition(steps[3], Done, steps)).toThrow(
      thrown('case_step.dependencies_open', { kind: 'conflict', detail: 'Step "d" is waiting for: b, c.' }),
    );
  });

  it.each([Done, Skipped])('answers 409 for a %s step', (status) => {
    const subject = step('a', status);
    for (const to of [Done, Skipped, Active]) {
      expect(() => assertTransition(subject, to, [subject])).toThrow(
        thrown('case_step.finished', { kind: 'conflict' }),
      );
    }
  });

  it('refuses active → waiting and active → active', () => {
    const subject = step('a', Active);
    expect(() => assertTransition(subject, Waiting, [subject])).toThrow(thrown('case_step.transition'));
    expect(() => assertTransition(subject, Active, [subject])).toThrow(thrown('case_step.transition'));
  });
});

describe('activateReadySteps', () => {
  const openedAt = DateTime.fromISO('2026-04-01T09:00', { zone: SWEDISH_ZONE }).toJSDate();
  const now = DateTime.fromISO('2026-04-02T11:00', { zone: SWEDISH_ZONE }).toJSDate();

  it('activates a waiting step once all its dependencies are done or skipped', () => {
    const steps = [
      step('a', Done),
      step('b', Skipped),
      step('c', Waiting, ['a', 'b'], { dueAfter: 'P2D', workingDays: true }),
    ];
    const { activated } = activateReadySteps(steps, openedAt, now);
    expect(activated.map((s) => s.key)).toEqual(['c']);
    expect(steps[2].status).toBe(Active);
    expect(steps[2].activatedAt).toBe(now);
    // Two working days from Thursday before Easter: Tuesday and Wednesday after it.
    expect(DateTime.fromJSDate(steps[2].dueAt as Date, { zone: SWEDISH_ZONE }).toISO()).toBe(
      '2026-04-08T11:00:00.000+02:00',
    );
  });

  it('leaves a step waiting while any dependency is open', () => {
    const steps = [step('a', Done), step('b', Active), step('c', Waiting, ['a', 'b'])];
    expect(activateReadySteps(steps, openedAt, now)).toEqual({ activated: [], skipped: [] });
    expect(steps[2].status).toBe(Waiting);
    expect(steps[2].dueAt).toBeNull();
  });

  it('counts a step due from the case start from the case start', () => {
    const steps = [step('a', Done), step('b', Waiting, ['a'], { dueFrom: 'case_start', dueAfter: 'P3D' })];
    activateReadySteps(steps, openedAt, now);
    expect(steps[1].dueAt?.toISOString()).toBe('2026-04-04T07:00:00.000Z');
  });

  it('activates several dependents at once and leaves active and finished steps alone', () => {
    const steps = [step('a', Done), step('b', Waiting, ['a']), step('c', Waiting, ['a']), step('d', Active)];
    expect(activateReadySteps(steps, openedAt, now).activated.map((s) => s.key)).toEqual(['b', 'c']);
    expect(steps[3].activatedAt).toBeNull();
  });
});

describe('activateReadySteps with conditions', () => {
  const now = new Date('2026-04-02T09:00:00Z');
  const done = (key: string, outcomeCode: string, assessmentLevel: string | null = null) =>
    step(key, Done, [], { outcomeCode, assessmentLevel, assessmentMethod: assessmentLevel && 'sara_sv' });
  const conditional = (key: string, dependsOn: string[], conditions: FinishableStep['conditions']) =>
    step(key, Waiting, dependsOn, { conditions });

  it('activates a step whose conditions all hold', () => {
    const steps = [
      done('risk', 'assessed', 'high'),
      conditional('conference', ['risk'], [{ step: 'risk', outcomeIn: ['assessed'], levelIn: ['high', 'moderate'] }]),
    ];
    expect(activateReadySteps(steps, now, now).activated.map((s) => s.key)).toEqual(['conference']);
  });

  it('skips a step whose condition does not hold with condition_not_met, by nobody, without a due time', () => {
    const steps = [
      done('risk', 'assessed', 'low'),
      conditional('conference', ['risk'], [{ step: 'risk', levelIn: ['high'] }]),
    ];
    const { activated, skipped } = activateReadySteps(steps, now, now);
    expect(activated).toEqual([]);
    expect(skipped.map((s) => s.key)).toEqual(['conference']);
    expect(steps[1]).toMatchObject({
      status: Skipped,
      reasonCode: CONDITION_NOT_MET_REASON,
      completedBy: null,
      completedAt: now,
      dueAt: null,
      metDeadline: null,
    });
  });

  it('counts a skipped step as finished: its dependents move in the same pass, conditional or not', () => {
    const steps = [
      done('risk', 'assessed', 'low'),
      conditional('conference', ['risk'], [{ step: 'risk', levelIn: ['high'] }]),
      conditional('protection', ['conference'], [{ step: 'conference', outcomeIn: ['held'] }]),
      step('follow_up', Waiting, ['protection']),
    ];
    const { activated, skipped } = activateReadySteps(steps, now, now);
    expect(skipped.map((s) => s.key)).toEqual(['conference', 'protection']);
    expect(activated.map((s) => s.key)).toEqual(['follow_up']);
  });

  it('needs every condition to hold, and a skipped source holds none', () => {
    const steps = [
      done('a', 'yes'),
      step('b', Skipped),
      conditional(
        'c',
        ['a', 'b'],
        [
          { step: 'a', outcomeIn: ['yes'] },
          { step: 'b', outcomeIn: ['yes'] },
        ],
      ),
    ];
    expect(activateReadySteps(steps, now, now).skipped.map((s) => s.key)).toEqual(['c']);
    expect(unmetConditions(steps[2], steps)).toEqual([{ step: 'b', outcomeIn: ['yes'] }]);
  });
});

describe('conditionHolds', () => {
  it('reads the outcome and the level of a done step only', () => {
    const source = { status: Done, outcomeCode: 'assessed', assessmentLevel: 'high' };
    expect(conditionHolds({ step: 'x', outcomeIn: ['assessed'] }, source)).toBe(true);
    expect(conditionHolds({ step: 'x', levelIn: ['low'] }, source)).toBe(false);
    expect(conditionHolds({ step: 'x', levelIn: ['high'] }, { ...source, assessmentLevel: null })).toBe(false);
    expect(conditionHolds({ step: 'x', outcomeIn: ['assessed'] }, { ...source, status: Active })).toBe(false);
  });
});

describe('assertAssessmentAllowed', () => {
  const requiring = { key: 'risk', assessmentMethods: ['sara_sv', 'b_safer'] };
  const levels = ['low', 'moderate', 'high'];

  it("accepts one of the step's methods with one of its levels, and no assessment on a step without methods", () => {
    expect(() => assertAssessmentAllowed(requiring, { method: 'b_safer', level: 'high' }, levels)).not.toThrow();
    expect(() => assertAssessmentAllowed({ key: 'x', assessmentMethods: [] }, undefined, undefined)).not.toThrow();
  });

  it.each([
    ['missing', undefined, levels, 'assessment', 'required'],
    ['another method', { method: 'patriark', level: 'high' }, levels, 'assessment.method', 'not_allowed'],
    ['an unknown method', { method: 'sara_sv', level: 'high' }, undefined, 'assessment.method', 'not_allowed'],
    ['a level of no such kind', { method: 'sara_sv', level: 'indicated' }, levels, 'assessment.level', 'not_allowed'],
  ])('answers 422 for an assessment %s, naming the field', (_, assessment, known, field, code) => {
    expect(() => assertAssessmentAllowed(requiring, assessment, known)).toThrow(
      thrown('case_step.assessment_invalid', { errors: [expect.objectContaining({ field, code })] }),
    );
  });

  it('answers 422 for an assessment on a step that records none', () => {
    expect(() =>
      assertAssessmentAllowed({ key: 'x', assessmentMethods: [] }, { method: 'sara_sv', level: 'high' }, levels),
    ).toThrow(thrown('case_step.assessment_invalid', { errors: [expect.objectContaining({ code: 'not_expected' })] }));
  });
});

describe('metDeadline', () => {
  const dueAt = new Date('2026-04-08T09:00:00Z');
  it('is true up to and including the due time, false after it', () => {
    expect(metDeadline(dueAt, new Date('2026-04-08T08:59:59Z'))).toBe(true);
    expect(metDeadline(dueAt, dueAt)).toBe(true);
    expect(metDeadline(dueAt, new Date('2026-04-08T09:00:01Z'))).toBe(false);
  });
  it('is null for a step that never had a due time', () => {
    expect(metDeadline(null, new Date())).toBeNull();
  });
});

describe('assertOutcomeAllowed', () => {
  it('accepts an outcome the step allows and refuses another with 422', () => {
    const subject = { key: 'a', outcomeCodes: ['risk_high', 'risk_low'] };
    expect(() => assertOutcomeAllowed(subject, 'risk_low')).not.toThrow();
    expect(() => assertOutcomeAllowed(subject, 'risk_medium')).toThrow(
      thrown('case_step.outcome_not_allowed', {
        kind: 'unprocessable',
        errors: [{ field: 'outcomeCode', code: 'not_allowed', allowed: ['risk_high', 'risk_low'] }],
      }),
    );
  });
});

describe('assertCaseOpen and assertClosable', () => {
  it('refuses changes to a closed case with 409', () => {
    expect(() => assertCaseOpen(CaseStatus.Open)).not.toThrow();
    expect(() => assertCaseOpen(CaseStatus.Closed)).toThrow(thrown('case.closed', { kind: 'conflict' }));
  });

  it('closes when every step is done or skipped, or when forced', () => {
    expect(() => assertClosable([step('a', Done), step('b', Skipped)], false)).not.toThrow();
    const open = [step('a', Done), step('b', Active), step('c', Waiting)];
    expect(() => assertClosable(open, false)).toThrow(
      thrown('case.steps_open', { detail: expect.stringContaining('b, c.') }),
    );
    expect(() => assertClosable(open, true)).not.toThrow();
  });
});

describe('CONDITION_NOT_MET_REASON', () => {
  it('is the system-only skip reason the migration adds to the reason-code catalogue', () => {
    expect(CONDITION_NOT_MET_SEED).toMatchObject({ kind: 'step_skip', code: CONDITION_NOT_MET_REASON });
  });
});
