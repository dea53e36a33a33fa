import { createHash } from 'node:crypto';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization, loginAdmin } from '../support/fixtures';
import { freePort } from '../support/free-port';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestIdp, TestAccount, TestBrowser, TestIdp } from '../support/test-idp';

const LOA3 = 'http://id.sambi.se/loa/loa3';
const RETURN = 'http://web.samverkan.test/app/';

interface Me {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  organization: { id: string };
}

/**
 * The whole browser flow against a real OpenID provider (oidc-provider, in a child process on loopback): the
 * service listens on a real port, a cookie-keeping browser follows every redirect, fills in the IdP's login form,
 * and lands on returnTo with a sign-in code or a sign-in error.
 */
describe('sign-in through an identity provider (OpenID Connect)', () => {
  let t: TestApp;
  let idp: TestIdp;
  let admin: string;
  let org: FixtureOrganization;
  let publicUrl: string;
  let providerId: string;
  let accounts = 0;

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    idp = await startTestIdp(`${publicUrl}/api/v1/auth/oidc/callback`);
    t = await startTestApp({ signIn: { publicUrl, returnUrls: [RETURN], allowInsecureIssuers: true } });
    await t.app.listen(port, '127.0.0.1');
    admin = await loginAdmin(t.app);
    org = await createOrganization(t.app, OrganizationType.SocialServices, '0181');
    const created = await t.http
      .post('/api/v1/identity-providers')
      .set(bearer(admin))
      .send({
        name: 'Testkommun',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        scopes: ['openid', 'email', 'profile', 'samverkan'],
        requiredAcr: [LOA3],
        organizationClaim: 'org',
        organizations: { '2120001234': org.id },
        roleClaim: 'groups',
        roles: { samverkan_handlaggare: 'caseworker', samverkan_samordnare: 'coordinator' },
      });
    expect(created.status).toBe(201);
    providerId = (created.body as { id: string }).id;
  }, 60000);
  afterAll(async () => {
    await t?.close();
    await idp?.stop();
  });

  /** A fresh IdP account whose claims map (unless overridden); its e-mail is unique to the test. */
  const account = (overrides: Partial<TestAccount['claims']> = {}, acr = LOA3): TestAccount => {
    accounts += 1;
    const id = `user${'abcdefghij'[accounts % 10]}${String.fromCharCode(97 + accounts)}`;
    return {
      id,
      acr,
      claims: {
        email: `Anna.${id}@Testkommun.Example.SE`,
        name: 'Anna Andersson',
        org: '2120001234',
        groups: ['samverkan_handlaggare', 'all_staff'],
        ...overrides,
      },
    };
  };
  const signIn = async (who: TestAccount, rewrite?: (url: URL) => URL): Promise<URLSearchParams> => {
    await idp.setAccount(who);
    const start = `${publicUrl}/api/v1/auth/oidc/${providerId}/login?returnTo=${encodeURIComponent(`${RETURN}start`)}`;
    return (await new TestBrowser().follow(start, RETURN, who.id, rewrite)).searchParams;
  };
  const exchange = (signInCode: string | null) => t.http.post('/api/v1/auth/exchange').send({ signInCode });
  const tokenFor = async (who: TestAccount): Promise<string> => {
    const params = await signIn(who);
    expect(params.get('signInError')).toBeNull();
    const response = await exchange(params.get('signInCode'));
    expect(response.status).toBe(200);
    return (response.body as { accessToken: string }).accessToken;
  };
  const me = async (token: string) => t.http.get('/api/v1/auth/me').set(bearer(token));
  const signInEvents = async () =>
    await t.dataSource.query<{ action: string; actor_type: string; data: Record<string, unknown> }[]>(
      `SELECT action, actor_type, data FROM audit_event WHERE entity_type = 'identity_provider' AND entity_id = $1 ORDER BY sequence`,
      [providerId],
    );

  it('admins register the provider: the redirect URI to register is answered, the secret never', async () => {
    const read = await t.http.get(`/api/v1/identity-providers/${providerId}`).set(bearer(admin));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      issuer: idp.issuer,
      redirectUri: `${publicUrl}/api/v1/auth/oidc/callback`,
      requiredAcr: [LOA3],
      active: true,
    });
    expect(JSON.stringify(read.body)).not.toContain(idp.clientSecret);
    const [stored] = await t.dataSource.query<{ client_secret_encrypted: Buffer }[]>(
      `SELECT client_secret_encrypted FROM identity_provider WHERE id = $1`,
      [providerId],
    );
    expect(stored.client_secret_encrypted.toString('latin1')).not.toContain(idp.clientSecret);
    expect((await t.http.get('/api/v1/identity-providers').set(bearer(org.users.coordinator.token))).status).toBe(403);

    const base = { name: 'X', clientId: 'x', clientSecret: 'y', organizationClaim: 'org', roleClaim: 'groups' };
    const undiscoverable = await t.http
      .post('/api/v1/identity-providers')
      .set(bearer(admin))
      .send({ ...base, issuer: `${publicUrl}/nowhere`, organizations: { a: org.id }, roles: { b: 'caseworker' } });
    expect(undiscoverable.status).toBe(422);
    expect((undiscoverable.body as Record<string, unknown>).code).toBe('identity_provider.discovery_failed');
    const unknownOrganisation = await t.http
      .post('/api/v1/identity-providers')
      .set(bearer(admin))
      .send({
        ...base,
        issuer: idp.issuer,
        organizations: { a: '00000000-0000-4000-8000-000000000000' },
        roles: { b: 'caseworker' },
      });
    expect(unknownOrganisation.status).toBe(422);
    const badMap = await t.http
      .post('/api/v1/identity-providers')
      .set(bearer(admin))
      .send({ ...base, issuer: idp.issuer, organizations: { a: org.id }, roles: { b: 'superuser' } });
    expect(badMap.status).toBe(400);
  });

  it('signs in: the account is created just in time with the mapped organisation and roles; the code works once', async () => {
    const who = account();
    const params = await signIn(who);
    expect(params.get('signInError')).toBeNull();
    const code = params.get('signInCode');
    expect(code).toEqual(expect.any(String));
    const response = await exchange(code);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
    const profile = (await me((response.body as { accessToken: string }).accessToken)).body as Me;
    expect(profile).toMatchObject({
      email: `anna.${who.id}@testkommun.example.se`,
      displayName: 'Anna Andersson',
      roles: ['caseworker'],
      organization: { id: org.id },
    });
    const replay = await exchange(code);
    expect(replay.status).toBe(400);
    expect((replay.body as Record<string, unknown>).code).toBe('sign_in.code_invalid');
    const events = await signInEvents();
    const signedIn = events.find((event) => event.action === 'auth.signed_in' && event.data.userId === profile.id);
    expect(signedIn).toMatchObject({
      actor_type: 'system',
      data: { providerId, outcome: 'signed_in', account: 'created' },
    });
    expect(JSON.stringify(events)).not.toMatch(/anna|Andersson|2120001234|samverkan_handlaggare/i);
  });

  it('updates the account at the next sign-in: roles replaced, name changed, earlier tokens ended', async () => {
    const who = account();
    const first = await tokenFor(who);
    const changed = { ...who, claims: { ...who.claims, name: 'Anna Berg', groups: ['samverkan_samordnare'] } };
    const second = await tokenFor(changed);
    const profile = (await me(second)).body as Me;
    expect(profile).toMatchObject({ displayName: 'Anna Berg', roles: ['coordinator'], organization: { id: org.id } });
    expect((await me(first)).status).toBe(401);
    const [row] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM app_user WHERE email = $1`,
      [profile.email],
    );
    expect(row.n).toBe(1);
  });

  it.each([
    ['a wrong acr', () => account({}, 'http://id.sambi.se/loa/loa2'), 'acr_not_accepted'],
    ['an unknown organisation', () => account({ org: '2120009999' }), 'unknown_organization'],
    ['no mapped role', () => account({ groups: ['all_staff'] }), 'no_mapped_role'],
  ])('refuses %s, redirecting with signInError and auditing the outcome', async (_what, who, refusal) => {
    const params = await signIn(who());
    expect(params.get('signInCode')).toBeNull();
    expect(params.get('signInError')).toBe(refusal);
    const events = await signInEvents();
    expect(events[events.length - 1]).toMatchObject({
      action: 'auth.sign_in_refused',
      data: { providerId, outcome: refusal, userId: null },
    });
  });

  it('refuses a callback whose state is not this browser’s', async () => {
    const params = await signIn(account(), (url) => {
      if (url.pathname.endsWith('/auth/oidc/callback')) {
        url.searchParams.set('state', 'forged-state');
      }
      return url;
    });
    expect(params.get('signInError')).toBe('state_mismatch');
  });

  it.each([
    ['a forged code', 'code', 'forged-code'],
    ['another issuer in the response (RFC 9207)', 'iss', 'http://127.0.0.1:1'],
  ])('refuses a callback with %s as token_invalid', async (_what, parameter, value) => {
    const params = await signIn(account(), (url) => {
      if (url.pathname.endsWith('/auth/oidc/callback')) {
        url.searchParams.set(parameter, value);
      }
      return url;
    });
    expect(params.get('signInError')).toBe('token_invalid');
  });

  it('refuses an expired sign-in code', async () => {
    const params = await signIn(account());
    const code = params.get('signInCode') as string;
    const hash = createHash('sha256').update(code, 'utf8').digest();
    await t.dataSource.query(`UPDATE sign_in_code SET expires_at = now() - interval '1 second' WHERE code_hash = $1`, [
      hash,
    ]);
    const response = await exchange(code);
    expect(response.status).toBe(400);
    expect((response.body as Record<string, unknown>).code).toBe('sign_in.code_invalid');
  });

  it('refuses a deactivated account, and audits the refusal with its user id', async () => {
    const who = account();
    const profile = (await me(await tokenFor(who))).body as Me;
    const deactivated = await t.http.patch(`/api/v1/users/${profile.id}`).set(bearer(admin)).send({ active: false });
    expect(deactivated.status).toBe(200);
    const params = await signIn(who);
    expect(params.get('signInError')).toBe('user_deactivated');
    const events = await signInEvents();
    expect(events[events.length - 1].data).toMatchObject({ outcome: 'user_deactivated', userId: profile.id });
  });

  it('answers 400 without a valid returnTo, and at a callback without a sign-in in progress', async () => {
    for (const returnTo of ['https://evil.example/', '']) {
      const response = await fetch(
        `${publicUrl}/api/v1/auth/oidc/${providerId}/login?returnTo=${encodeURIComponent(returnTo)}`,
        { redirect: 'manual' },
      );
      expect(response.status).toBe(400);
    }
    const callback = await fetch(`${publicUrl}/api/v1/auth/oidc/callback?code=x&state=y`, { redirect: 'manual' });
    expect(callback.status).toBe(400);
    expect(((await callback.json()) as { code: string }).code).toBe('sign_in.unknown');
  });

  it('signing out ends a token from an identity provider sign-in at once', async () => {
    const token = await tokenFor(account());
    expect((await t.http.post('/api/v1/auth/logout').set(bearer(token))).status).toBe(204);
    expect((await me(token)).status).toBe(401);
  });

  it('a disabled provider signs nobody in', async () => {
    expect((await t.http.delete(`/api/v1/identity-providers/${providerId}`).set(bearer(admin))).status).toBe(204);
    const response = await fetch(
      `${publicUrl}/api/v1/auth/oidc/${providerId}/login?returnTo=${encodeURIComponent(RETURN)}`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(404);
  });
});
