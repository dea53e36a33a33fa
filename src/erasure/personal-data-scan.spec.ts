import { cachedDetector, findingsIn, isExempt, SCAN_EXEMPTIONS, storedPersonalData } from './personal-data-scan';

describe('findingsIn', () => {
  it('names the path and target of each flagged leaf and key, and leaves out the path of a plain value', () => {
    expect(findingsIn('Ring 070-123 45 67')).toEqual([{ target: 'value', kind: 'phone' }]);
    expect(findingsIn({ ok: ['fine', 'anna.svensson@example.se'], 'pnr19770707-7074': 1 })).toEqual([
      { path: ['ok', 1], target: 'value', kind: 'email' },
      { path: [{ keyAt: 1 }], target: 'key', kind: 'personal_identity_number' },
    ]);
    expect(findingsIn({ stepKey: 'joint_risk_meeting', n: 12 })).toEqual([]);
  });
});

describe('cachedDetector', () => {
  it('asks the detector once per short text, and always for long ones', () => {
    const asked: string[] = [];
    const detect = cachedDetector((text) => (asked.push(text), text === 'bad' ? 'email' : null));
    for (const text of ['code', 'code', 'bad', 'bad', 'x'.repeat(101), 'x'.repeat(101)]) {
      detect(text);
    }
    expect(asked).toEqual(['code', 'bad', 'x'.repeat(101), 'x'.repeat(101)]);
    expect(detect('bad')).toBe('email');
  });
});

describe('scan exemptions', () => {
  it('are exactly the staff account columns', () => {
    expect(SCAN_EXEMPTIONS.map((e) => `${e.table}.${e.column}`)).toEqual(['app_user.email', 'login_failure.key']);
    expect(isExempt('app_user', 'display_name')).toBe(false);
  });
});

describe('storedPersonalData', () => {
  it("does not take the service's own hex digests for phone numbers, but anything else the detector flags", () => {
    const digest = 'a0701234567b'.padEnd(64, 'c');
    expect(storedPersonalData(digest)).toBeNull();
    expect(storedPersonalData(`msg_${digest.slice(0, 32)}`)).toBeNull();
    expect(storedPersonalData(`${digest.slice(0, 63)}`)).not.toBeNull();
    expect(storedPersonalData(`Ring 0701234567`)).toBe('phone');
  });
});
