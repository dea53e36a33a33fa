import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization, loginAdmin } from '../support/fixtures';
import { startTestApp, TestApp, uniqueSuffix } from '../support/test-app';

interface Verification {
  valid: boolean;
  checked: number;
  headSequence: number;
  headHash: string;
  firstInvalidSequence: number | null;
}

const CONCURRENT_REQUESTS = 60;

describe('audit chain under concurrent writes and failures', () => {
  let t: TestApp;
  let adminToken: string;
  let organizations: FixtureOrganization[];

  const verify = async (): Promise<Verification> => {
    const response = await t.http.get('/api/v1/audit-events/verify').set(bearer(adminToken));
    expect(response.status).toBe(200);
    return response.body as Verification;
  };

  beforeAll(async () => {
    // API role only: no queue worker in this process appends system events while the test counts.
    t = await startTestApp({ role: 'api' });
    adminToken = await loginAdmin(t.app);
    organizations = [
      await createOrganization(t.app, OrganizationType.SocialServices, '0181'),
      await createOrganization(t.app, OrganizationType.Healthcare, '0182'),
      await createOrganization(t.app, OrganizationType.School, '0183'),
    ];
  });
  afterAll(() => t.close());

  it(`stays valid under ${CONCURRENT_REQUESTS} concurrent mutating requests, one event each`, async () => {
    const before = await verify();
    expect(before).toMatchObject({ valid: true, firstInvalidSequence: null });
    const batch = uniqueSuffix();
    const requestId = (i: number) => `audit-concurrency-${batch}-${i}`;
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT_REQUESTS }, (_, i) =>
        i % 3 === 0
          ? t.http
              .post('/api/v1/organizations')
              .set(bearer(adminToken))
              .set('X-Request-Id', requestId(i))
              .send({ name: `Concurrent ${batch} ${i}`, type: 'other', municipalityCode: '0180' })
          : t.http
              .patch(`/api/v1/organizations/${organizations[i % organizations.length].id}`)
              .set(bearer(adminToken))
              .set('X-Request-Id', requestId(i))
              .send({ name: `Concurrent ${batch} ${i}` }),
      ),
    );
    expect(responses.map((response) => response.status).filter((status) => status >= 300)).toEqual([]);

    const after = await verify();
    expect(after).toMatchObject({ valid: true, firstInvalidSequence: null });
    expect(after.checked).toBe(before.checked + CONCURRENT_REQUESTS);
    expect(after.headSequence).toBe(before.headSequence + CONCURRENT_REQUESTS);
    const rows = await t.dataSource.query<{ sequence: string }[]>(
      `SELECT sequence FROM audit_event WHERE request_id LIKE $1`,
      [`audit-concurrency-${batch}-%`],
    );
    expect(new Set(rows.map((row) => row.sequence)).size).toBe(CONCURRENT_REQUESTS);
  });

  it('rolls the change back when its audit append fails', async () => {
    const requestId = `audit-failure-${uniqueSuffix()}`;
    const name = `Never created ${requestId}`;
    const before = await verify();
    // The database refuses this one request's audit row, as a full disk or a broken constraint would.
    const fn = `audit_test_refuse_${requestId.replace(/-/g, '_')}`;
    await t.dataSource.query(
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit append refused'; END $$`,
    );
    try {
      await t.dataSource.query(
        `CREATE TRIGGER ${fn} BEFORE INSERT ON audit_event FOR EACH ROW WHEN (NEW.request_id = '${requestId}') EXECUTE FUNCTION ${fn}()`,
      );
      const response = await t.http
        .post('/api/v1/organizations')
        .set(bearer(adminToken))
        .set('X-Request-Id', requestId)
        .send({ name, type: 'other', municipalityCode: '0180' });
      expect(response.status).toBe(500);
      expect(response.body.errorId).toEqual(expect.any(String));
    } finally {
      jest.restoreAllMocks();
      await t.dataSource.query(`DROP TRIGGER IF EXISTS ${fn} ON audit_event`);
      await t.dataSource.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
    const [{ count }] = await t.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM organization WHERE name = $1`,
      [name],
    );
    expect(count).toBe(0);
    const after = await verify();
    expect(after).toEqual(before);
  });

  it('answers verification to auditors too', async () => {
    const response = await t.http.get('/api/v1/audit-events/verify').set(bearer(organizations[0].users.auditor.token));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      valid: true,
      checked: expect.any(Number),
      headSequence: expect.any(Number),
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      firstInvalidSequence: null,
      redactedSequences: expect.any(Array),
    });
  });
});
