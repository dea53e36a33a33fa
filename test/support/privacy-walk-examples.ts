import {
  CODED_EVENTS,
  createRoutine,
  createWebhook,
  freshAccount,
  issueReset,
  letters,
  openCase,
  plantValue,
  requestErasure,
  identityProviderBody,
  routineBody,
  World,
} from './privacy-walk-world';

/**
 * One valid request per operation of the API: the privacy walk first sends it and expects 2xx, then sends it
 * again with one value replaced by an identifier. An operation missing here fails the walk, so a new route
 * cannot go unwalked.
 *
 * Operations that use up what they act on (publishing a draft, closing a case, deleting a subscription) name a
 * `target` factory: the body, query and path walk share one target, which must still accept the valid request
 * after the walk (so every attack met a live target, not a 409); header attacks, which a correct service may
 * ignore and then carry out, get a fresh target each.
 */
export type Target = Record<string, string>;

export interface Example {
  token?: (world: World, target: Target) => string;
  path?: (world: World, target: Target) => Record<string, string>;
  /** Query parameters; the target is given to the valid request, attacks on a documented parameter build them without. */
  query?: (world: World, target?: Target) => Record<string, string>;
  /** Headers every request of the operation carries (a browser's cookie). */
  headers?: (world: World, target: Target) => Record<string, string>;
  body?: (world: World, target: Target) => unknown;
  target?: (world: World) => Promise<Target>;
  /**
   * The target expires before the walk ends (a sign-in code lives 60 seconds), so the check afterwards that no
   * attack used it up cannot be made: only for an operation whose every attack replaces the value that is used up.
   */
  expiresDuringWalk?: boolean;
  /** The body is sent form-encoded (the OAuth 2.0 token endpoint), every body attack too. */
  form?: boolean;
  /** The status of the valid request, when not the usual one for its method. */
  status?: number;
  /** Carried out, the request costs the service a password hash (argon2): the walk sends it as few times as it can. */
  hashesPassword?: boolean;
}

const yesterday = () => new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
const coordinator = (w: World) => w.token.coordinator;
const caseworker = (w: World) => w.token.caseworker;
const manager = (w: World) => w.token.manager;
const auditor = (w: World) => w.token.auditor;
const admin = (w: World) => w.admin;
const bystander = (w: World) => w.token.bystander;
const countyAuditor = (w: World) => w.token.countyAuditor;
const pendingErasure = async (w: World) => ({ id: await requestErasure(w) });
const ownTrail = (w: World) => ({ organizationId: w.org.a, from: w.since });
const freshCase = async (w: World) => ({ id: await openCase(w) });

let periodDays = 0;
let lastRelinkPeriod = '';
/** A one-day period of its own per request, far in the future, so no two overlap. */
const walkPeriod = () => {
  const day = new Date(Date.UTC(3000, 0, 1) + (periodDays += 1) * 24 * 3600 * 1000).toISOString().slice(0, 10);
  return {
    code: `walk-${letters()}`,
    title: { sv: 'Strategi för samverkan mot våld', en: 'Strategy for collaboration against violence' },
    validFrom: day,
    validTo: day,
    goals: [
      {
        number: 1,
        title: { sv: 'Samverkan', en: 'Collaboration' },
        measures: [{ code: '1.1', text: { sv: 'Rutiner', en: 'Routines' } }],
      },
    ],
  };
};

/** A new API client of organisation a: `{ id, clientId, clientSecret }`. */
const createApiClient = async (w: World): Promise<Target> => {
  const reply = await w.api({
    method: 'POST',
    url: '/api/v1/api-clients',
    token: w.admin,
    body: { name: `Ärendesystem ${letters()}`, organizationId: w.org.a, scopes: ['cases:read', 'reports:read'] },
  });
  if (reply.status !== 201) {
    throw new Error(`api client: ${reply.status} ${reply.text}`);
  }
  const { id, clientId, clientSecret } = JSON.parse(reply.text) as Target;
  return { id, clientId, clientSecret };
};
/** One client read and rotated by every request, another that only asks for tokens (its secret stays). */
const sharedClients = new Map<string, Promise<Target>>();
const sharedClient = (role: 'read' | 'token') => (w: World) => {
  const client = sharedClients.get(role) ?? createApiClient(w);
  sharedClients.set(role, client);
  return client;
};

export const EXAMPLES: Record<string, Example> = {
  'GET /api/v1/audit-events': { token: auditor, query: ownTrail },
  'GET /api/v1/audit-events/verify': { token: auditor },
  'GET /api/v1/audit-events/export': { token: auditor, query: ownTrail },
  'POST /api/v1/auth/login': { body: (w) => w.user.login, status: 200, hashesPassword: true },
  'GET /api/v1/auth/me': { token: caseworker },
  // Changing a password ends the old one: a fresh account per target.
  'POST /api/v1/auth/password': {
    token: (_, target) => target.token,
    target: freshAccount,
    body: (_, target) => ({ currentPassword: target.password, newPassword: 'ett-helt-nytt-losenord-1' }),
    status: 200,
    hashesPassword: true,
  },
  'POST /api/v1/auth/password-reset': {
    target: async (w) => ({ token: await issueReset(w) }),
    body: (_, target) => ({ token: target.token ?? 'no-token-yet', newPassword: 'ett-aterstallt-losenord-1' }),
    hashesPassword: true,
  },
  'POST /api/v1/users/{id}/password-resets': { token: admin, path: (w) => ({ id: w.user.patched }) },
  'POST /api/v1/users': {
    token: admin,
    hashesPassword: true,
    body: (w) => ({
      email: `handlaggare.${letters()}@kommun.se`,
      displayName: 'Handläggare vid mottagningen',
      organizationId: w.org.patched,
      roles: ['caseworker'],
      password: 'ett-langt-losenord-1',
    }),
  },
  'GET /api/v1/users': { token: admin, query: (w) => ({ organizationId: w.org.a }) },
  'GET /api/v1/users/{id}': { token: admin, path: (w) => ({ id: w.user.patched }) },
  'PATCH /api/v1/users/{id}': {
    token: admin,
    path: (w) => ({ id: w.user.patched }),
    body: () => ({ displayName: 'Handläggare vid mottagningen', roles: ['caseworker'], active: true }),
  },
  'POST /api/v1/organizations': {
    token: admin,
    body: (w) => ({ name: `Familjeenheten ${letters()}`, type: 'other', municipalityCode: '0180', parentId: w.org.a }),
  },
  'GET /api/v1/organizations': { token: caseworker },
  'GET /api/v1/organizations/{id}': { token: caseworker, path: (w) => ({ id: w.org.a }) },
  'PATCH /api/v1/organizations/{id}': {
    token: admin,
    path: (w) => ({ id: w.org.patched }),
    body: (w) => ({
      name: `Kvinnojouren ${letters()}`,
      type: 'womens_shelter',
      municipalityCode: '0180',
      parentId: w.org.a,
    }),
  },
  'GET /api/v1/goals': { token: caseworker },
  'GET /api/v1/goals/{number}': { token: caseworker, path: () => ({ number: '2' }) },
  'POST /api/v1/routines': { token: coordinator, body: () => routineBody(`Samverkansrutin ${letters()}`) },
  'GET /api/v1/routines': { token: coordinator },
  'POST /api/v1/routines/import': {
    token: coordinator,
    status: 201,
    body: (w) => ({
      format: 'samverkan.routine/v1',
      exportedAt: new Date().toISOString(),
      source: { routineId: w.routine.id, ownerOrganizationId: w.org.a, version: 1, checksum: w.routine.checksum },
      routine: w.routine.definition,
    }),
  },
  'GET /api/v1/routines/{id}': { token: coordinator, path: (w) => ({ id: w.routine.id }) },
  'PATCH /api/v1/routines/{id}': {
    token: coordinator,
    path: (w) => ({ id: w.patchedRoutine }),
    body: () => routineBody(`Reviderad rutin ${letters()}`),
  },
  'POST /api/v1/routines/{id}/publish': {
    token: coordinator,
    path: (_, target) => target,
    target: async (w) => ({ id: await createRoutine(w, false) }),
  },
  'POST /api/v1/routines/{id}/retire': {
    token: coordinator,
    path: (_, target) => target,
    target: async (w) => ({ id: await createRoutine(w, true) }),
  },
  'GET /api/v1/routines/{id}/versions': { token: coordinator, path: (w) => ({ id: w.routine.id }) },
  'GET /api/v1/routines/{id}/versions/{version}': {
    token: coordinator,
    path: (w) => ({ id: w.routine.id, version: '1' }),
  },
  'GET /api/v1/routines/{id}/export': {
    token: coordinator,
    path: (w) => ({ id: w.routine.id }),
    query: () => ({ version: '1' }),
  },
  'GET /api/v1/schemas/routine-v1.json': {},
  'GET /api/v1/schemas/routine-v2.json': {},
  'GET /api/v1/routines/{id}/versions/{version}/diagram': {
    token: caseworker,
    path: (w) => ({ id: w.routine.id, version: '1' }),
    query: () => ({ format: 'mermaid' }),
  },
  'GET /api/v1/routines/{id}/draft/diagram': {
    token: coordinator,
    target: async (w) => ({ id: await createRoutine(w, false) }),
    path: (_, target) => ({ id: target.id }),
    query: () => ({ format: 'bpmn' }),
  },
  'GET /api/v1/routines/{id}/period-relink': {
    token: coordinator,
    target: async (w) => {
      const period = { ...walkPeriod(), previousPeriod: 'stockholm-2020-2026', measureMapping: { '2.4': ['1.1'] } };
      const reply = await w.api({ method: 'POST', url: '/api/v1/strategy-periods', token: w.admin, body: period });
      if (reply.status !== 201) {
        throw new Error(`strategy period: ${reply.status} ${reply.text}`);
      }
      lastRelinkPeriod = period.code;
      return { period: period.code };
    },
    path: (w) => ({ id: w.routine.id }),
    // Queries are built without the target: the period named is the one the latest target loaded.
    query: () => ({ period: lastRelinkPeriod }),
  },
  'GET /api/v1/reports/follow-up': {
    token: manager,
    query: (w) => ({
      groupBy: 'goal,organization',
      from: '2026-01-01',
      asOf: new Date().toISOString(),
      goal: '2',
      measure: '2.4',
      routineId: w.routine.id,
      organizationId: w.org.a,
      organizationType: 'social_services',
      municipalityCode: '0180',
    }),
  },
  'GET /api/v1/reports/strategy-follow-up': {
    token: manager,
    query: () => ({ year: '2026', countyCode: '01', asOf: new Date().toISOString() }),
  },
  'GET /api/v1/reports/overdue': { token: manager },
  'POST /api/v1/api-clients': {
    token: admin,
    body: (w) => ({ name: 'Ärendesystem socialtjänsten', organizationId: w.org.a, scopes: ['cases:read'] }),
  },
  'GET /api/v1/api-clients': { token: admin },
  'GET /api/v1/api-clients/{id}': {
    token: admin,
    target: sharedClient('read'),
    path: (_, target) => ({ id: target.id }),
  },
  'POST /api/v1/api-clients/{id}/disable': {
    token: admin,
    target: createApiClient,
    path: (_, target) => ({ id: target.id }),
    status: 200,
  },
  'POST /api/v1/api-clients/{id}/rotate-secret': {
    token: admin,
    target: sharedClient('read'),
    path: (_, target) => ({ id: target.id }),
    status: 200,
  },
  'POST /api/v1/auth/token': {
    form: true,
    target: sharedClient('token'),
    body: (_, target) => ({
      grant_type: 'client_credentials',
      scope: 'cases:read',
      client_id: target.clientId ?? 'sv-no-client-yet',
      client_secret: target.clientSecret ?? 'no-secret-yet',
    }),
    status: 200,
  },
  // Signing out ends the session: a fresh account per target.
  'POST /api/v1/auth/logout': {
    token: (_, target) => target.token,
    target: freshAccount,
    hashesPassword: true,
    status: 204,
  },
  'DELETE /api/v1/users/{id}/sessions': { token: admin, path: (w) => ({ id: w.user.patched }), status: 204 },
  'POST /api/v1/identity-providers': { token: admin, body: (w) => identityProviderBody(w.signIn, w.org.a) },
  'GET /api/v1/identity-providers': { token: admin },
  'GET /api/v1/identity-providers/{id}': { token: admin, path: (w) => ({ id: w.signIn.providerId }) },
  'PATCH /api/v1/identity-providers/{id}': {
    token: admin,
    path: (w) => ({ id: w.signIn.providerId }),
    body: () => ({ name: 'Testkommun socialtjänst', requiredAcr: [] }),
  },
  'DELETE /api/v1/identity-providers/{id}': {
    token: admin,
    target: async (w) => {
      const reply = await w.api({
        method: 'POST',
        url: '/api/v1/identity-providers',
        token: w.admin,
        body: identityProviderBody(w.signIn, w.org.a),
      });
      if (reply.status !== 201) {
        throw new Error(`identity provider: ${reply.status} ${reply.text}`);
      }
      return { id: (JSON.parse(reply.text) as Target).id };
    },
    path: (_, target) => target,
    status: 204,
  },
  'GET /api/v1/auth/oidc/{providerId}/login': {
    path: (w) => ({ providerId: w.signIn.providerId }),
    query: (w) => ({ returnTo: w.signIn.returnTo }),
    status: 302,
  },
  // The identity provider's redirect back, with this browser's cookie: each one finishes its own sign-in.
  'GET /api/v1/auth/oidc/callback': {
    target: async (w) => w.signIn.callback(),
    query: (_, target) => Object.fromEntries(new URLSearchParams(target?.query ?? '')),
    headers: (_, target): Record<string, string> => (target.cookie ? { cookie: target.cookie } : {}),
    status: 302,
  },
  'POST /api/v1/auth/exchange': {
    target: async (w) => ({ code: await w.signIn.signInCode() }),
    body: (_, target) => ({ signInCode: target.code ?? 'no-code-yet' }),
    expiresDuringWalk: true,
    status: 200,
  },
  'GET /api/v1/assessment-methods': { token: caseworker },
  'POST /api/v1/assessment-methods': {
    token: admin,
    body: () => ({
      code: `lokal_metod_${letters()}`,
      nameSv: 'Lokal bedömningsmetod',
      nameEn: 'Local assessment method',
      assesses: 'perpetrator',
      measures: ['2.1'],
      levels: [
        { code: 'low', sv: 'Låg risk', en: 'Low risk' },
        { code: 'high', sv: 'Hög risk', en: 'High risk' },
      ],
    }),
  },
  'GET /api/v1/strategy-periods': { token: caseworker },
  'GET /api/v1/strategy-periods/schema.json': {},
  'POST /api/v1/strategy-periods': {
    token: admin,
    body: () => ({ ...walkPeriod(), previousPeriod: 'stockholm-2020-2026', measureMapping: { '2.4': ['1.1'] } }),
  },
  'POST /api/v1/adoptions': {
    token: coordinator,
    target: async (w) => ({ routineId: await createRoutine(w, true) }),
    body: (w, target) => ({
      routineId: target.routineId,
      version: 1,
      organizationId: w.org.a,
      partnerOrganizationIds: [w.org.b],
      status: 'adopted',
      approvedAt: '2025-03-10',
      approvedBy: 'management',
      reviewIntervalMonths: 24,
    }),
  },
  'GET /api/v1/adoptions': { token: manager },
  'GET /api/v1/adoptions/{id}': { token: manager, path: (w) => ({ id: w.adoption }) },
  'PATCH /api/v1/adoptions/{id}': {
    token: coordinator,
    path: (w) => ({ id: w.adoption }),
    body: (w) => ({
      status: 'adopted',
      version: 1,
      partnerOrganizationIds: [w.org.b],
      approvedAt: '2025-03-10',
      approvedBy: 'management',
      reviewIntervalMonths: 24,
    }),
  },
  'POST /api/v1/adoptions/{id}/follow-ups': {
    token: coordinator,
    path: (w) => ({ id: w.adoption }),
    body: () => ({
      performedAt: yesterday(),
      outcomeCode: 'reviewed_unchanged',
      note: 'Överenskommelsen gäller oförändrad',
    }),
  },
  'GET /api/v1/adoptions/{id}/follow-ups': { token: manager, path: (w) => ({ id: w.adoption }) },
  'GET /api/v1/reports/collaboration-agreements': { token: manager },
  'POST /api/v1/cases': {
    token: caseworker,
    body: (w) => ({
      routineId: w.routine.id,
      version: 1,
      participants: [w.org.a, w.org.b, w.org.c],
      externalReference: `IFO-${letters(4).toUpperCase()}-12`,
      owners: { report: w.org.a },
    }),
  },
  'GET /api/v1/cases': { token: caseworker },
  'GET /api/v1/cases/lookup': { token: caseworker, query: (w) => ({ reference: w.kase.reference }) },
  'GET /api/v1/cases/{id}': { token: caseworker, path: (w) => ({ id: w.kase.id }) },
  'GET /api/v1/cases/{id}/timeline': { token: caseworker, path: (w) => ({ id: w.kase.id }) },
  'POST /api/v1/cases/{id}/steps/{key}/complete': {
    token: caseworker,
    target: freshCase,
    path: (_, target) => ({ id: target.id, key: 'report' }),
    body: () => ({ outcomeCode: 'reported', note: 'Anmälan mottagen och registrerad' }),
  },
  'POST /api/v1/cases/{id}/steps/{key}/skip': {
    token: caseworker,
    target: freshCase,
    path: (_, target) => ({ id: target.id, key: 'report' }),
    body: () => ({ reasonCode: 'not_applicable', note: 'Redan anmält i annat ärende' }),
  },
  'POST /api/v1/cases/{id}/close': {
    token: coordinator,
    target: freshCase,
    path: (_, target) => target,
    body: () => ({ closureCode: 'completed', force: true }),
  },
  'GET /health': {},
  'GET /health/ready': {},
  'GET /health/live': {},
  'GET /api/v1/notifications': { token: caseworker },
  'POST /api/v1/notifications/{id}/read': { token: caseworker, path: (w) => ({ id: w.notification }), status: 200 },
  'POST /api/v1/webhooks': {
    token: bystander,
    body: (w) => ({ url: `${w.receiverUrl}/quiet/${letters()}`, events: CODED_EVENTS }),
  },
  'GET /api/v1/webhooks': { token: coordinator },
  'GET /api/v1/webhooks/{id}': { token: coordinator, path: (w) => ({ id: w.webhook.id }) },
  'DELETE /api/v1/webhooks/{id}': {
    token: bystander,
    path: (_, target) => target,
    target: async (w) => ({ id: await createWebhook(w) }),
  },
  'POST /api/v1/webhooks/{id}/rotate-secret': { token: coordinator, path: (w) => ({ id: w.webhook.id }) },
  'GET /api/v1/webhooks/{id}/deliveries': { token: coordinator, path: (w) => ({ id: w.webhook.id }) },
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    token: coordinator,
    path: (w) => ({ id: w.webhook.id, deliveryId: w.webhook.deliveryId }),
  },
  'POST /api/v1/admin/queue-dashboard/session': { token: admin },
  'GET /api/v1/reason-codes': { token: caseworker },
  'POST /api/v1/reason-codes': {
    token: admin,
    body: () => ({
      kind: 'step_skip',
      code: `annan_myndighet_${letters()}`,
      labelSv: 'Hanteras av annan myndighet',
      labelEn: 'Handled by another authority',
    }),
  },
  'POST /api/v1/reason-codes/{kind}/{code}/retire': {
    token: admin,
    path: (_, target) => target,
    target: async (w) => {
      const code = `tillfallig_${letters()}`;
      const reply = await w.api({
        method: 'POST',
        url: '/api/v1/reason-codes',
        token: w.admin,
        body: { kind: 'case_closure', code, labelSv: 'Tillfällig kod', labelEn: 'Temporary code' },
      });
      if (reply.status !== 201) {
        throw new Error(`reason code: ${reply.status} ${reply.text}`);
      }
      return { kind: 'case_closure', code };
    },
  },
  // The erasure flow names a value that got past the guard: one is planted per request (see plantValue).
  'POST /api/v1/erasure-requests': {
    token: admin,
    target: async (w) => ({ body: JSON.stringify(await plantValue(w)) }),
    // Without a target (when the walk reads the body's shape) the same request on the world's case.
    body: (w, target) =>
      target.body
        ? (JSON.parse(target.body) as unknown)
        : {
            table: 'case_step',
            column: 'note',
            row: { case_id: w.kase.id, key: 'report' },
            kind: 'personal_identity_number',
            reasonCode: 'personal_data_leak',
          },
  },
  'GET /api/v1/erasure-requests': { token: countyAuditor },
  'GET /api/v1/erasure-requests/{id}': { token: countyAuditor, path: (w) => ({ id: w.erasureRequest }) },
  'POST /api/v1/erasure-requests/{id}/approve': {
    token: countyAuditor,
    target: pendingErasure,
    path: (_, target) => target,
    status: 200,
  },
  'POST /api/v1/erasure-requests/{id}/reject': {
    token: countyAuditor,
    target: pendingErasure,
    path: (_, target) => target,
    status: 200,
  },
  'POST /api/v1/erasure-requests/{id}/withdraw': {
    token: admin,
    target: pendingErasure,
    path: (_, target) => target,
    status: 200,
  },
};
