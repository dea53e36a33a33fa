import { DomainErrorKind } from '../common/http/domain.exception';
import { ReasonCodeKind } from './reason-code-kind';
import { reasonCodeRefusal, refusedReasonCode } from './reason-code-rules';

describe('reasonCodeRefusal', () => {
  it('accepts an active code users may choose', () => {
    expect(reasonCodeRefusal({ retired: false, systemOnly: false })).toBeNull();
  });

  it('refuses a code not in the catalogue, a retired one and one only the system writes', () => {
    expect(reasonCodeRefusal(undefined)).toBe('unknown');
    expect(reasonCodeRefusal({ retired: true, systemOnly: false })).toBe('retired');
    expect(reasonCodeRefusal({ retired: false, systemOnly: true })).toBe('system_only');
  });
});

describe('refusedReasonCode', () => {
  it.each([
    [ReasonCodeKind.StepSkip, 'case_step.unknown_reason_code', 'reasonCode'],
    [ReasonCodeKind.CaseClosure, 'case.unknown_closure_code', 'closureCode'],
    [ReasonCodeKind.FollowUpOutcome, 'adoption.unknown_outcome_code', 'outcomeCode'],
  ])('is a 422 for %s naming its field and why, and how to find the allowed codes', (kind, problem, field) => {
    const error = refusedReasonCode(kind, 'retired');
    expect(error).toMatchObject({
      kind: DomainErrorKind.Unprocessable,
      code: problem,
      errors: [{ field, code: 'retired' }],
    });
    expect(error.detail).toContain('is retired');
    expect(error.detail).toContain(`/api/v1/reason-codes?kind=${kind}`);
  });
});
