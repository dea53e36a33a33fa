import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import {
  createPublishedRoutine,
  openCase,
  routineDefinition,
  routineStep,
  threeOrganisationRoutine,
} from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface Item {
  id: string;
  caseNumber: string;
  status: string;
  nextDueAt: string | null;
}

describe('collaboration cases: listing with filters and cursor pagination', () => {
  let t: TestApp;
  let social: FixtureOrganization;
  let police: FixtureOrganization;
  let health: FixtureOrganization;
  let outsider: FixtureOrganization;
  /** a: three-organisation routine (goals 3, 5), opened in 2025; b: social-only routine (goal 7), closed; c: overdue; d: another organisation's. */
  const ids: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };
  let threeOrganisations: string;
  let socialOnly: string;

  const list = async (
    token: string,
    query: Record<string, string | number | boolean> = {},
  ): Promise<{ items: Item[]; nextCursor: string | null }> => {
    const response = await t.http.get('/api/v1/cases').query(query).set(bearer(token));
    expect(response.status).toBe(200);
    return response.body as { items: Item[]; nextCursor: string | null };
  };
  const named = (items: Item[]) =>
    items.map((item) => (Object.entries(ids).find(([, id]) => id === item.id) ?? ['?'])[0]).sort();

  const open = async (token: string, routineId: string, participants: string[]) =>
    (await openCase(t.http, token, { routineId, participants })).id;

  beforeAll(async () => {
    t = await startTestApp();
    social = await createOrganization(t.app, OrganizationType.SocialServices, '0184');
    police = await createOrganization(t.app, OrganizationType.Police, '0184');
    health = await createOrganization(t.app, OrganizationType.Healthcare, '0184');
    outsider = await createOrganization(t.app, OrganizationType.SocialServices, '0186');
    const owner = { organizationId: social.id, userId: social.users.coordinator.id };
    threeOrganisations = (await createPublishedRoutine(t.dataSource, owner, threeOrganisationRoutine())).id;
    socialOnly = (
      await createPublishedRoutine(
        t.dataSource,
        owner,
        routineDefinition([routineStep('plan', OrganizationType.SocialServices)], { goals: [7] }),
      )
    ).id;

    const all = [social.id, police.id, health.id];
    ids.a = await open(social.users.caseworker.token, threeOrganisations, all);
    ids.b = await open(social.users.coordinator.token, socialOnly, [social.id]);
    ids.c = await open(police.users.caseworker.token, threeOrganisations, all);
    ids.d = await open(outsider.users.caseworker.token, socialOnly, [outsider.id]);
    await t.dataSource.query(`UPDATE collaboration_case SET opened_at = '2025-06-15T10:00:00Z' WHERE id = $1`, [ids.a]);
    await t.dataSource.query(
      `UPDATE case_step SET due_at = now() - interval '2 days' WHERE case_id = $1 AND status = 'active'`,
      [ids.c],
    );
    await t.http
      .post(`/api/v1/cases/${ids.b}/steps/plan/complete`)
      .set(bearer(social.users.caseworker.token))
      .send({ outcomeCode: 'done' })
      .expect(200);
    await t.http
      .post(`/api/v1/cases/${ids.b}/close`)
      .set(bearer(social.users.caseworker.token))
      .send({ closureCode: 'completed' })
      .expect(200);
  });
  afterAll(() => t.close());

  it("lists only the cases the caller's organisation takes part in, newest first", async () => {
    const { items, nextCursor } = await list(social.users.manager.token);
    expect(items.map((item) => item.id)).toEqual([ids.c, ids.b, ids.a]);
    expect(nextCursor).toBeNull();
    expect(named((await list(police.users.caseworker.token)).items)).toEqual(['a', 'c']);
    expect(named((await list(outsider.users.caseworker.token)).items)).toEqual(['d']);
  });

  it('gives each case its earliest active due time', async () => {
    const { items } = await list(social.users.manager.token);
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(ids.b)?.nextDueAt).toBeNull();
    expect(new Date(byId.get(ids.c)?.nextDueAt as string).getTime()).toBeLessThan(Date.now());
    expect(new Date(byId.get(ids.a)?.nextDueAt as string).getTime()).toBeGreaterThan(Date.now());
  });

  it.each([
    [{ status: 'open' }, ['a', 'c']],
    [{ status: 'closed' }, ['b']],
    [{ goal: 5 }, ['a', 'c']],
    [{ goal: 7 }, ['b']],
    [{ goal: 1 }, []],
    [{ overdue: true }, ['c']],
    [{ overdue: false }, ['a', 'b']],
    [{ openedTo: '2025-12-31T23:59:59Z' }, ['a']],
    [{ openedFrom: '2026-01-01T00:00:00Z' }, ['b', 'c']],
    [{ openedFrom: '2025-06-01', openedTo: '2025-06-30' }, ['a']],
    [{ openedFrom: '2025-06-15', openedTo: '2025-06-15' }, ['a']],
    [{ openedTo: '2025-06-14' }, []],
    [{ openedFrom: '2025-06-16', openedTo: '2025-12-31' }, []],
    [{ openedFrom: '2025-06-15T12:00:00+02:00', openedTo: '2025-06-15T12:00:00+02:00' }, ['a']],
    [{ status: 'open', overdue: false }, ['a']],
  ])('filters %j', async (query, expected) => {
    expect(named((await list(social.users.caseworker.token, query)).items)).toEqual(expected);
  });

  it('filters by routine, step owner and due time', async () => {
    expect(named((await list(social.users.caseworker.token, { routineId: socialOnly })).items)).toEqual(['b']);
    expect(named((await list(social.users.caseworker.token, { routineId: threeOrganisations })).items)).toEqual([
      'a',
      'c',
    ]);
    expect(named((await list(social.users.caseworker.token, { ownerOrganizationId: health.id })).items)).toEqual([
      'a',
      'c',
    ]);
    expect(named((await list(social.users.caseworker.token, { ownerOrganizationId: outsider.id })).items)).toEqual([]);
    expect(named((await list(social.users.caseworker.token, { dueBefore: new Date().toISOString() })).items)).toEqual([
      'c',
    ]);
    const farAhead = new Date(Date.now() + 60 * 24 * 3600_000).toISOString();
    expect(named((await list(social.users.caseworker.token, { dueBefore: farAhead })).items)).toEqual(['a', 'c']);
  });

  it('reads a day filter as a Swedish calendar day, not a UTC one', async () => {
    // 22:30 UTC on 15 June is 00:30 on 16 June in Stockholm.
    await t.dataSource.query(`UPDATE collaboration_case SET opened_at = '2025-06-15T22:30:00Z' WHERE id = $1`, [ids.a]);
    try {
      expect(
        named((await list(social.users.caseworker.token, { openedFrom: '2025-06-16', openedTo: '2025-06-16' })).items),
      ).toEqual(['a']);
      expect(named((await list(social.users.caseworker.token, { openedTo: '2025-06-15' })).items)).toEqual([]);
    } finally {
      await t.dataSource.query(`UPDATE collaboration_case SET opened_at = '2025-06-15T10:00:00Z' WHERE id = $1`, [
        ids.a,
      ]);
    }
  });

  it('pages with an opaque cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list(social.users.caseworker.token, {
        limit: 1,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.c, ids.b, ids.a]);
  });

  it.each([
    [{ status: 'pending' }],
    [{ goal: 'three' }],
    [{ overdue: 'yes' }],
    [{ dueBefore: 'tomorrow' }],
    [{ openedFrom: '2025-06-15T10:00:00' }],
    [{ openedTo: '2025-06-15 10:00:00Z' }],
    [{ dueBefore: '2025-02-29' }],
    [{ routineId: 'abc' }],
    [{ cursor: 'not a cursor!' }],
    [{ limit: 500 }],
  ])('answers 400 to %j', async (query) => {
    expect((await t.http.get('/api/v1/cases').query(query).set(bearer(social.users.caseworker.token))).status).toBe(
      400,
    );
  });
});
