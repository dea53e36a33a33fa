import { SIGN_IN_COOKIE } from '../../src/identity-providers/sign-in.service';
import { TestBrowser, TestIdp } from './test-idp';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { eventually } from './eventually';
import { person } from './identifier-spellings';

/**
 * The data the privacy walk acts on, made through the API of a running service as a client would: organisations,
 * users of each role, a published routine, an adoption, a case with steps, a webhook subscription with a
 * finished delivery, a notification. No Jest globals.
 */

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface RequestSpec {
  method: string;
  /** Path and query string, already encoded. */
  url: string;
  token?: string;
  body?: unknown;
  /** A body sent as it is, with its own content type (the non-JSON probe). */
  rawBody?: { text: string; contentType: string };
  headers?: Record<string, string>;
}

export type Api = (request: RequestSpec) => Promise<Reply>;

export function apiClient(baseUrl: string): Api {
  return async ({ method, url, token, body, rawBody, headers = {} }) => {
    const all: Record<string, string> = { ...headers };
    if (token) {
      all.authorization = `Bearer ${token}`;
    }
    let payload: string | undefined;
    if (rawBody) {
      all['content-type'] = rawBody.contentType;
      payload = rawBody.text;
    } else if (body !== undefined) {
      all['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    // Redirects are answers to judge (a sign-in redirects to the identity provider), not hops to follow.
    const response = await fetch(`${baseUrl}${url}`, { method, headers: all, body: payload, redirect: 'manual' });
    const text = await response.text();
    return { status: response.status, headers: Object.fromEntries(response.headers.entries()), text };
  };
}

/** Letters only: a random run of digits could itself be a phone number. */
export const letters = (length = 8) =>
  [...randomBytes(length)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');

export const PASSWORD = 'privacy-walk-password-1';

/** The id of something the worker did not make in time: the operations that need it are reported as invalid examples. */
export const MISSING = '00000000-0000-4000-8000-00000000dead';

/**
 * The suites' bootstrap admin (TEST_ADMIN of test-app.ts, which the shared database already holds). Spelled out
 * here because importing test-app.ts would compile the whole service into the test process, which talks to the
 * service only over HTTP.
 */
export const WALK_ADMIN = { email: 'admin@test.samverkan.local', password: 'test-admin-password-1' };
/** The events that carry codes (outcome, reason, closure): what the walk's subscription receives and the search reads. */
export const CODED_EVENTS = ['case.step.completed', 'case.step.skipped', 'case.closed'];

/**
 * The value planted (straight in the database, as if it had got past an older guard) for the erasure requests to
 * name: an identity number that is not one of the walk's, so the dump search never counts it.
 */
const planted = person('1987-04-26', 314);
export const PLANTED_NOTE = `Planterad uppgift ${planted.date}-${planted.serialAndCheck}`;

/** The test identity provider the walk registers, and a way through a whole sign-in to a one-time code. */
export interface SignInWorld {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where a sign-in may return the browser to (SIGN_IN_RETURN_URLS). */
  returnTo: string;
  /** A registered provider every read and update acts on. */
  providerId: string;
  /** Signs in through the provider like a browser and returns the sign-in code answered. */
  signInCode(): Promise<string>;
  /** Signs in up to the provider's redirect back: the callback's query and the browser's sign-in cookie. */
  callback(): Promise<{ query: string; cookie: string }>;
}

export interface World {
  api: Api;
  signIn: SignInWorld;
  db: Pool;
  receiverUrl: string;
  suffix: string;
  admin: string;
  /** a, b and c take part in every case; `patched` and `bystander` in none (their users and webhooks see no events). */
  org: { a: string; b: string; c: string; patched: string; bystander: string; county: string };
  token: {
    coordinator: string;
    caseworker: string;
    manager: string;
    auditor: string;
    bystander: string;
    countyAuditor: string;
  };
  user: { patched: string; login: { email: string; password: string } };
  routine: { id: string; checksum: string; definition: Record<string, unknown> };
  patchedRoutine: string;
  adoption: string;
  kase: { id: string; reference: string };
  webhook: { id: string; deliveryId: string };
  notification: string;
  erasureRequest: string;
  /** When the world was made: audit filters start here, so reads stay small. */
  since: string;
}

async function expectStatus(api: Api, request: RequestSpec, status: number): Promise<Record<string, unknown>> {
  const reply = await api(request);
  if (reply.status !== status) {
    throw new Error(
      `${request.method} ${request.url}: expected ${status}, got ${reply.status} ${reply.text.slice(0, 400)}`,
    );
  }
  return reply.text ? (JSON.parse(reply.text) as Record<string, unknown>) : {};
}

const created = async (api: Api, request: RequestSpec) =>
  (await expectStatus(api, request, request.method === 'POST' ? 201 : 200)).id as string;

/** A routine: social services report, then police and health care; `remindAtOnce` makes the report's reminder due at once. */
export function routineBody(title: string, remindAtOnce = false): Record<string, unknown> {
  return {
    title,
    description: 'Samverkan mellan socialtjänst, polis och hälso- och sjukvård vid våld i nära relation',
    goals: [2],
    measures: ['2.4'],
    steps: [
      {
        key: 'report',
        title: 'Orosanmälan tas emot',
        responsibleOrganizationType: 'social_services',
        dependsOn: [],
        dueAfter: remindAtOnce ? 'PT1H' : 'P1D',
        dueFrom: 'case_start',
        workingDays: false,
        remindBefore: remindAtOnce ? 'PT2H' : 'PT4H',
        escalateAfter: 'P1D',
        outcomeCodes: ['reported', 'no_report'],
      },
      {
        key: 'police_interview',
        title: 'Förhör hos polisen',
        responsibleOrganizationType: 'police',
        dependsOn: ['report'],
        dueAfter: 'P2D',
        dueFrom: 'dependencies_done',
        workingDays: true,
        remindBefore: null,
        escalateAfter: null,
        outcomeCodes: ['interview_held'],
      },
      {
        key: 'health_check',
        title: 'Läkarundersökning',
        responsibleOrganizationType: 'healthcare',
        dependsOn: ['report'],
        dueAfter: 'PT48H',
        dueFrom: 'dependencies_done',
        workingDays: false,
        remindBefore: null,
        escalateAfter: null,
        outcomeCodes: ['examined'],
      },
    ],
  };
}

export async function createRoutine(
  world: Pick<World, 'api' | 'token'>,
  publish: boolean,
  remindAtOnce = false,
): Promise<string> {
  const id = await created(world.api, {
    method: 'POST',
    url: '/api/v1/routines',
    token: world.token.coordinator,
    body: routineBody(`Samverkansrutin ${letters()}`, remindAtOnce),
  });
  if (publish) {
    await expectStatus(
      world.api,
      { method: 'POST', url: `/api/v1/routines/${id}/publish`, token: world.token.coordinator },
      201,
    );
  }
  return id;
}

export async function openCase(
  world: Pick<World, 'api' | 'token' | 'org' | 'routine'>,
  reference?: string,
  routineId = world.routine.id,
): Promise<string> {
  const body = {
    routineId,
    participants: [world.org.a, world.org.b, world.org.c],
    ...(reference ? { externalReference: reference } : {}),
  };
  return created(world.api, { method: 'POST', url: '/api/v1/cases', token: world.token.caseworker, body });
}

/** A subscription of the bystander organisation, which takes part in no case: it is made and deleted, never sent to. */
export async function createWebhook(world: Pick<World, 'api' | 'token' | 'receiverUrl'>): Promise<string> {
  return created(world.api, {
    method: 'POST',
    url: '/api/v1/webhooks',
    token: world.token.bystander,
    body: { url: `${world.receiverUrl}/quiet/${letters()}`, events: CODED_EVENTS },
  });
}

/** A new caseworker of the bystander organisation, signed in: `{ token, password }`. */
export async function freshAccount(world: Pick<World, 'api' | 'admin' | 'org'>): Promise<Record<string, string>> {
  const email = `konto.${letters()}@kommun.se`;
  await created(world.api, {
    method: 'POST',
    url: '/api/v1/users',
    token: world.admin,
    body: {
      email,
      displayName: 'Tillfälligt konto',
      organizationId: world.org.bystander,
      roles: ['caseworker'],
      password: PASSWORD,
    },
  });
  const signedIn = await expectStatus(
    world.api,
    { method: 'POST', url: '/api/v1/auth/login', body: { email, password: PASSWORD } },
    200,
  );
  return { token: signedIn.accessToken as string, password: PASSWORD };
}

/** A one-time password reset token for a new account. */
export async function issueReset(world: Pick<World, 'api' | 'admin' | 'org'>): Promise<string> {
  const email = `aterstallning.${letters()}@kommun.se`;
  const id = await created(world.api, {
    method: 'POST',
    url: '/api/v1/users',
    token: world.admin,
    body: {
      email,
      displayName: 'Tillfälligt konto',
      organizationId: world.org.bystander,
      roles: ['caseworker'],
      password: PASSWORD,
    },
  });
  return (
    await expectStatus(
      world.api,
      { method: 'POST', url: `/api/v1/users/${id}/password-resets`, token: world.admin },
      201,
    )
  ).token as string;
}

/** A pending erasure request, by the admin, of a value planted in a fresh case's step note. */
export async function plantValue(
  world: Pick<World, 'api' | 'token' | 'org' | 'routine' | 'db'>,
): Promise<Record<string, unknown>> {
  const caseId = await openCase(world);
  await world.db.query(`UPDATE case_step SET note = $1 WHERE case_id = $2 AND key = 'report'`, [PLANTED_NOTE, caseId]);
  return {
    table: 'case_step',
    column: 'note',
    row: { case_id: caseId, key: 'report' },
    kind: 'personal_identity_number',
    reasonCode: 'personal_data_leak',
  };
}

export async function requestErasure(
  world: Pick<World, 'api' | 'token' | 'org' | 'routine' | 'db' | 'admin'>,
): Promise<string> {
  return created(world.api, {
    method: 'POST',
    url: '/api/v1/erasure-requests',
    token: world.admin,
    body: await plantValue(world),
  });
}

/** Planted values the walk left behind (requests rejected or withdrawn): gone, so no privacy scan of the shared database finds them. */
export async function removePlantedValues(db: Pool): Promise<void> {
  await db.query(`UPDATE case_step SET note = NULL WHERE note = $1`, [PLANTED_NOTE]);
}

export async function buildWorld(api: Api, db: Pool, receiverUrl: string): Promise<Omit<World, 'signIn'>> {
  const since = new Date().toISOString();
  const suffix = letters();
  const login = async (email: string, password: string) =>
    (await expectStatus(api, { method: 'POST', url: '/api/v1/auth/login', body: { email, password } }, 200))
      .accessToken as string;
  const admin = await login(WALK_ADMIN.email, WALK_ADMIN.password);
  const organization = (name: string, type: string) =>
    created(api, {
      method: 'POST',
      url: '/api/v1/organizations',
      token: admin,
      body: { name: `${name} ${suffix}`, type, municipalityCode: '0180' },
    });
  const org = {
    a: await organization('Socialtjänsten Integritetsvandring', 'social_services'),
    b: await organization('Polisen Integritetsvandring', 'police'),
    c: await organization('Hälso- och sjukvården Integritetsvandring', 'healthcare'),
    patched: await organization('Kvinnojouren Integritetsvandring', 'womens_shelter'),
    bystander: await organization('Skolan Integritetsvandring', 'school'),
    county: await organization('Länsstyrelsen Integritetsvandring', 'county_board'),
  };
  const user = async (role: string, tag = 'walk', organizationId = org.a) => {
    const email = `${role}.${tag}.${suffix}@kommun.se`;
    const id = await created(api, {
      method: 'POST',
      url: '/api/v1/users',
      token: admin,
      body: { email, displayName: `Walk ${role}`, organizationId, roles: [role], password: PASSWORD },
    });
    return { id, email };
  };
  const roles = ['coordinator', 'caseworker', 'manager', 'auditor'] as const;
  const users = await Promise.all([
    ...roles.map((role) => user(role)),
    user('coordinator', 'bystander', org.bystander),
    user('auditor', 'county', org.county),
  ]);
  const tokens = await Promise.all(users.map((entry) => login(entry.email, PASSWORD)));
  const token = Object.fromEntries(
    [...roles, 'bystander', 'countyAuditor'].map((role, index) => [role, tokens[index]]),
  ) as World['token'];
  const loginUser = await user('caseworker', 'login');
  const patched = await user('caseworker', 'patched');

  const partial = { api, db, admin, token, org, receiverUrl };
  const routineId = await createRoutine(partial, true);
  const exported = await expectStatus(
    api,
    { method: 'GET', url: `/api/v1/routines/${routineId}/export`, token: token.coordinator },
    200,
  );
  const routine = {
    id: routineId,
    checksum: (exported.source as { checksum: string }).checksum,
    definition: exported.routine as Record<string, unknown>,
  };
  const patchedRoutine = await createRoutine(partial, true);
  const adoption = await created(api, {
    method: 'POST',
    url: '/api/v1/adoptions',
    token: token.coordinator,
    body: {
      routineId,
      version: 1,
      organizationId: org.a,
      partnerOrganizationIds: [org.b],
      status: 'adopted',
      approvedAt: '2025-03-10',
      approvedBy: 'management',
    },
  });
  const webhookId = await created(api, {
    method: 'POST',
    url: '/api/v1/webhooks',
    token: token.coordinator,
    body: { url: `${receiverUrl}/hook/${suffix}`, events: CODED_EVENTS },
  });
  const reference = `PW-${suffix.toUpperCase()}`;
  const caseId = await openCase({ ...partial, routine }, reference);
  await expectStatus(
    api,
    {
      method: 'POST',
      url: `/api/v1/cases/${caseId}/steps/report/complete`,
      token: token.caseworker,
      body: { outcomeCode: 'reported' },
    },
    200,
  );
  await openCase({ ...partial, routine }, undefined, await createRoutine(partial, true, true));
  const erasureRequest = await requestErasure({ ...partial, routine });

  // The worker's products: when one does not come, only the operations that need it fail (as invalid examples).
  const [deliveryId, notification] = await Promise.all([
    eventually(
      async () => {
        const page = await expectStatus(
          api,
          { method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries`, token: token.coordinator },
          200,
        );
        return (page.items as { id: string; status: string }[]).find((item) => item.status !== 'pending')?.id;
      },
      20_000,
      'a finished webhook delivery',
    ).catch(() => MISSING),
    eventually(
      async () => {
        const page = await expectStatus(
          api,
          { method: 'GET', url: '/api/v1/notifications', token: token.caseworker },
          200,
        );
        return (page.items as { id: string }[])[0]?.id;
      },
      20_000,
      'a notification for the caseworker',
    ).catch(() => MISSING),
  ]);

  return {
    api,
    db,
    receiverUrl,
    suffix,
    admin,
    org,
    token,
    user: { patched: patched.id, login: { email: loginUser.email, password: PASSWORD } },
    routine,
    patchedRoutine,
    adoption,
    kase: { id: caseId, reference },
    webhook: { id: webhookId, deliveryId },
    notification,
    erasureRequest,
    since,
  };
}

/** An identity provider's registration: the test IdP, its organisation claim mapped to organisation a. */
export function identityProviderBody(
  idp: Pick<SignInWorld, 'issuer' | 'clientId' | 'clientSecret'>,
  organizationId: string,
): Record<string, unknown> {
  return {
    name: `Testkommun ${letters()}`,
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    scopes: ['openid', 'email', 'profile', 'samverkan'],
    requiredAcr: [],
    organizationClaim: 'org',
    organizations: { testkommun: organizationId },
    roleClaim: 'groups',
    roles: { samverkan_handlaggare: 'caseworker' },
    emailClaim: 'email',
    nameClaim: 'name',
  };
}

/** Registers the test IdP and signs in through it once, so the walk's sign-in requests meet a working provider. */
export async function registerSignIn(
  world: Omit<World, 'signIn'>,
  idp: TestIdp,
  serviceUrl: string,
  returnTo: string,
): Promise<SignInWorld> {
  const providerId = await created(world.api, {
    method: 'POST',
    url: '/api/v1/identity-providers',
    token: world.admin,
    body: identityProviderBody(idp, world.org.a),
  });
  await idp.setAccount({
    id: 'walkstaff',
    claims: {
      email: `handlaggare.${letters()}@testkommun.example.se`,
      name: 'Handläggare Testkommun',
      org: 'testkommun',
      groups: ['samverkan_handlaggare'],
    },
  });
  const start = `${serviceUrl}/api/v1/auth/oidc/${providerId}/login?returnTo=${encodeURIComponent(returnTo)}`;
  const signInCode = async () => {
    const landed = await new TestBrowser().follow(start, returnTo, 'walkstaff');
    const code = landed.searchParams.get('signInCode');
    if (!code) {
      throw new Error(`sign-in: no code at ${landed.pathname}${landed.search.replace(/signInCode=[^&]+/, '')}`);
    }
    return code;
  };
  const callback = async () => {
    const browser = new TestBrowser();
    const landed = await browser.follow(start, `${serviceUrl}/api/v1/auth/oidc/callback`, 'walkstaff');
    return {
      query: landed.search.slice(1),
      cookie: `${SIGN_IN_COOKIE}=${browser.cookie(landed.hostname, SIGN_IN_COOKIE)}`,
    };
  };
  await signInCode();
  return { ...idp, returnTo, providerId, signInCode, callback };
}
