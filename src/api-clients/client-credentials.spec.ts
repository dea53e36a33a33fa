import { Scope } from '../common/auth/scope';
import { grantedScopes, OAuthError, readClientCredentials } from './client-credentials';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof OAuthError ? { error: error.error, status: error.status } : error;
  }
  return null;
};

describe('client credentials (RFC 6749 §2.3.1)', () => {
  it('reads HTTP Basic, form-urlencoded inside', () => {
    expect(readClientCredentials(basic('sv-abc', 'a%2Bb%3Ac'), {})).toEqual({
      method: 'client_secret_basic',
      clientId: 'sv-abc',
      clientSecret: 'a+b:c',
    });
    expect(readClientCredentials('basic ' + Buffer.from('x:y').toString('base64'), {}).clientId).toBe('x');
  });

  it('reads the form fields', () => {
    expect(readClientCredentials(undefined, { client_id: 'sv-abc', client_secret: 's' })).toEqual({
      method: 'client_secret_post',
      clientId: 'sv-abc',
      clientSecret: 's',
    });
  });

  it('refuses missing, partial or malformed credentials as invalid_client (401)', () => {
    for (const [authorization, fields] of [
      [undefined, {}],
      [undefined, { client_id: 'sv-abc' }],
      ['Basic ' + Buffer.from('no-colon').toString('base64'), {}],
      [basic('', 's'), {}],
      [basic('a', '%E0%A4%A'), {}],
      [basic('a', 'x'.repeat(201)), {}],
      [basic('a', 's'), { client_id: 'b' }],
    ] as const) {
      expect(errorOf(() => readClientCredentials(authorization, fields))).toEqual({
        error: 'invalid_client',
        status: 401,
      });
    }
  });

  it('refuses two methods at once, and repeated parameters, as invalid_request (400)', () => {
    expect(errorOf(() => readClientCredentials(basic('a', 's'), { client_id: 'a', client_secret: 's' }))).toEqual({
      error: 'invalid_request',
      status: 400,
    });
    expect(errorOf(() => readClientCredentials(undefined, { client_id: ['a', 'b'], client_secret: 's' }))).toEqual({
      error: 'invalid_request',
      status: 400,
    });
    // The client_id alongside Basic is allowed when it names the same client.
    expect(readClientCredentials(basic('a', 's'), { client_id: 'a' }).clientId).toBe('a');
  });
});

describe('granted scopes (RFC 6749 §3.3)', () => {
  const held = [Scope.CasesRead, Scope.CasesWrite];
  it('grants everything held without a request, and exactly what is asked otherwise', () => {
    expect(grantedScopes(undefined, held)).toEqual(held);
    expect(grantedScopes('', held)).toEqual(held);
    expect(grantedScopes('cases:read', held)).toEqual([Scope.CasesRead]);
    expect(grantedScopes('cases:write cases:read cases:read', held)).toEqual([Scope.CasesWrite, Scope.CasesRead]);
  });

  it('refuses a scope not held, an unknown one, or a malformed list as invalid_scope', () => {
    for (const requested of [
      'audit:read',
      'cases:read nonsense',
      ' cases:read',
      'cases:read  cases:write',
      'cases:"read',
    ]) {
      expect(errorOf(() => grantedScopes(requested, held))).toEqual({ error: 'invalid_scope', status: 400 });
    }
  });
});
