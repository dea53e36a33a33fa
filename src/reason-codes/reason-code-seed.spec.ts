import { SEEDED_REASON_CODES } from '../../migrations/1764600000000-ReasonCodes';
import { CASE_CLOSED_REASON } from '../cases/cases.service';
import { CODE_PATTERN } from '../common/validation/codes';
import { findPersonalData } from '../privacy/personal-data-detector';
import { REASON_CODE_KINDS, ReasonCodeKind } from './reason-code-kind';

const codesOf = (kind: `${ReasonCodeKind}`) =>
  SEEDED_REASON_CODES.filter((seed) => seed.kind === kind).map((seed) => seed.code);

describe('the seeded reason codes', () => {
  it('are well-formed codes, once per kind, of known kinds, with labels in both languages that pass the privacy guard', () => {
    const keys = SEEDED_REASON_CODES.map((seed) => `${seed.kind}:${seed.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const seed of SEEDED_REASON_CODES) {
      expect(REASON_CODE_KINDS).toContain(seed.kind);
      expect(seed.code).toMatch(CODE_PATTERN);
      for (const label of [seed.sv, seed.en]) {
        expect(label.length).toBeGreaterThan(0);
        expect(label.length).toBeLessThanOrEqual(200);
        expect(findPersonalData(label)).toBeNull();
      }
    }
  });

  it('hold the reason a forced close gives open steps, as the only code users may not choose', () => {
    expect(SEEDED_REASON_CODES.filter((seed) => seed.systemOnly)).toEqual([
      expect.objectContaining({ kind: ReasonCodeKind.StepSkip, code: CASE_CLOSED_REASON }),
    ]);
  });

  it('hold the codes the documentation and existing clients use', () => {
    expect(codesOf(ReasonCodeKind.StepSkip)).toEqual(
      expect.arrayContaining(['not_needed', 'not_applicable', 'declined_by_party', 'handled_elsewhere', 'duplicate']),
    );
    expect(codesOf(ReasonCodeKind.CaseClosure)).toEqual(
      expect.arrayContaining(['completed', 'withdrawn', 'referred_elsewhere', 'moved_out', 'duplicate', 'no_consent']),
    );
    expect(codesOf(ReasonCodeKind.FollowUpOutcome)).toEqual(
      expect.arrayContaining(['reviewed_unchanged', 'revised', 'partner_changed']),
    );
  });
});
