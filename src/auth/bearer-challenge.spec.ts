import { bearerRefusal, offersBearerToken } from './bearer-challenge';

describe('bearer challenges (RFC 6750 §3)', () => {
  it('tells a missing token from an expired and from an otherwise bad one', () => {
    const expired = Object.assign(new Error('jwt expired'), { name: 'TokenExpiredError' });
    expect(bearerRefusal(false, new Error('No auth token'))).toMatchObject({
      code: 'auth.unauthenticated',
      challenge: 'Bearer realm="samverkan"',
    });
    const refusal = bearerRefusal(true, expired);
    expect(refusal).toMatchObject({ code: 'auth.token_expired' });
    expect(refusal.challenge).toContain('error="invalid_token"');
    expect(
      bearerRefusal(true, Object.assign(new Error('invalid signature'), { name: 'JsonWebTokenError' })),
    ).toMatchObject({ code: 'auth.invalid_token' });
    expect(bearerRefusal(true, undefined)).toMatchObject({
      code: 'auth.invalid_token',
      challenge: 'Bearer realm="samverkan", error="invalid_token"',
    });
  });

  it('reads the scheme case-insensitively and wants a token after it', () => {
    expect(offersBearerToken('Bearer abc')).toBe(true);
    expect(offersBearerToken('bearer abc')).toBe(true);
    expect(offersBearerToken('Bearer ')).toBe(false);
    expect(offersBearerToken('Basic abc')).toBe(false);
    expect(offersBearerToken(undefined)).toBe(false);
  });
});
