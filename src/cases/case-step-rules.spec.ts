import { DateTime } from 'luxon';
import { DomainException } from '../common/http/domain.exception';
import { CaseStatus, CaseStepStatus } from './case-status';
import {
  activateReadySteps,
  assertCaseOpen,
  assertClosable,
  assertOutcomeAllowed,
  assertTransition,
  metDeadline,
  StepState,
} from './case-step-rules';
import { CASE_TIME_ZONE } from './due-time';

const { Waiting, Active, Done, Skipped } = CaseStepStatus;

function step(key: string, status: CaseStepStatus, dependsOn: string[] = [], rule: Partial<StepState> = {}): StepState {
  return {
    key,
    status,
    dependsOn,
    dueAfter: 'P1D',
    dueFrom: 'dependencies_done',
    workingDays: false,
    activatedAt: null,
    dueAt: null,
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
  const openedAt = DateTime.fromISO('2026-04-01T09:00', { zone: CASE_TIME_ZONE }).toJSDate();
  const now = DateTime.fromISO('2026-04-02T11:00', { zone: CASE_TIME_ZONE }).toJSDate();

  it('activates a waiting step once all its dependencies are done or skipped', () => {
    const steps = [
      step('a', Done),
      step('b', Skipped),
      step('c', Waiting, ['a', 'b'], { dueAfter: 'P2D', workingDays: true }),
    ];
    const activated = activateReadySteps(steps, openedAt, now);
    expect(activated.map((s) => s.key)).toEqual(['c']);
    expect(steps[2].status).toBe(Active);
    expect(steps[2].activatedAt).toBe(now);
    // Two working days from Thursday before Easter: Tuesday and Wednesday after it.
    expect(DateTime.fromJSDate(steps[2].dueAt as Date, { zone: CASE_TIME_ZONE }).toISO()).toBe(
      '2026-04-08T11:00:00.000+02:00',
    );
  });

  it('leaves a step waiting while any dependency is open', () => {
    const steps = [step('a', Done), step('b', Active), step('c', Waiting, ['a', 'b'])];
    expect(activateReadySteps(steps, openedAt, now)).toEqual([]);
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
    expect(activateReadySteps(steps, openedAt, now).map((s) => s.key)).toEqual(['b', 'c']);
    expect(steps[3].activatedAt).toBeNull();
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
