import { EXTERNAL_REFERENCE_PATTERN, normaliseReference, referenceHmac } from './case-reference';

describe('external references', () => {
  const key = 'a-reference-hmac-key-that-is-long-enough';

  it('normalises case, surrounding and repeated spaces, and Unicode forms', () => {
    expect(normaliseReference('  ifo  2026-0042 ')).toBe('IFO 2026-0042');
    expect(normaliseReference('ＩＦＯ-1')).toBe('IFO-1');
  });

  it('gives the same HMAC for the same reference written differently in one organisation', () => {
    expect(referenceHmac(key, 'org-a', 'ifo 2026-0042').equals(referenceHmac(key, 'org-a', 'IFO  2026-0042'))).toBe(
      true,
    );
  });

  it('scopes the HMAC to the organisation and the key', () => {
    const hmac = referenceHmac(key, 'org-a', 'IFO-1');
    expect(hmac).toHaveLength(32);
    expect(hmac.equals(referenceHmac(key, 'org-b', 'IFO-1'))).toBe(false);
    expect(hmac.equals(referenceHmac(`${key}-other`, 'org-a', 'IFO-1'))).toBe(false);
    expect(hmac.toString('hex')).not.toContain(Buffer.from('IFO-1').toString('hex'));
  });

  it.each(['IFO-2026-0042', '5000-K123456-26', 'Dnr 2026/1234', 'ÄR 17'])('accepts the reference %s', (reference) => {
    expect(EXTERNAL_REFERENCE_PATTERN.test(reference)).toBe(true);
  });

  it.each(['', ' IFO', 'IFO<script>', 'a'.repeat(65), 'IFO\n1'])('refuses %p', (reference) => {
    expect(EXTERNAL_REFERENCE_PATTERN.test(reference)).toBe(false);
  });
});
