import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { referenceHmac } from '../../src/cases/case-reference';
import { OrganizationType } from '../../src/organizations/organization-type';
import { ChildApp, startChildApp } from '../support/child-app';
import { createOrganization, FixtureOrganization } from '../support/fixtures';
import { createPublishedRoutine, PublishedRoutine, threeOrganisationRoutine } from '../support/routine-fixtures';
import { startTestApp, TestApp, testConfig, uniqueSuffix } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-services';

interface LookupItem {
  id: string;
  caseNumber: string;
  repeat: boolean;
}

/**
 * External references are pseudonymised: only an HMAC scoped to the organisation is kept. The service runs as a
 * child process at trace log level so that its real log output can be searched, and the whole database is dumped.
 */
describe('collaboration cases: external references, lookup and repeat cases', () => {
  let t: TestApp;
  let child: ChildApp;
  let social: FixtureOrganization;
  let police: FixtureOrganization;
  let health: FixtureOrganization;
  let routine: PublishedRoutine;
  const suffix = uniqueSuffix().toUpperCase();
  const reference = `IFO-${suffix}-4711`;
  const olderReference = `Dnr ${suffix}/1999`;

  const call = async (token: string, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${child.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };
  const open = async (organization: FixtureOrganization, externalReference: string) => {
    const response = await call(organization.users.caseworker.token, 'POST', '/cases', {
      routineId: routine.id,
      participants: [social.id, police.id, health.id],
      externalReference,
    });
    expect(response.status).toBe(201);
    expect(response.text).not.toContain(externalReference);
    return JSON.parse(response.text) as { id: string; caseNumber: string; hasExternalReference: boolean };
  };
  const lookup = async (organization: FixtureOrganization, value: string) => {
    const response = await call(
      organization.users.caseworker.token,
      'GET',
      `/cases/lookup?reference=${encodeURIComponent(value)}`,
    );
    expect(response.status).toBe(200);
    return JSON.parse(response.text) as { repeat: boolean; items: LookupItem[] };
  };

  beforeAll(async () => {
    t = await startTestApp();
    social = await createOrganization(t.app, OrganizationType.SocialServices, '0188');
    police = await createOrganization(t.app, OrganizationType.Police, '0188');
    health = await createOrganization(t.app, OrganizationType.Healthcare, '0188');
    routine = await createPublishedRoutine(
      t.dataSource,
      { organizationId: social.id, userId: social.users.coordinator.id },
      threeOrganisationRoutine(),
    );
    const config = testConfig();
    child = await startChildApp({
      DATABASE_URL: process.env.SAMVERKAN_TEST_DATABASE_URL as string,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `${process.env.SAMVERKAN_TEST_QUEUE_PREFIX}-cases`,
      JWT_SECRET: config.auth.jwtSecret,
      REFERENCE_HMAC_KEY: config.referenceHmacKey,
      MIGRATIONS_RUN: 'false',
      LOG_LEVEL: 'trace',
    });
  });
  afterAll(async () => {
    await child?.stop();
    await t?.close();
  });

  it('finds the organisation its cases by reference, however it is written, and flags a repeat within 12 months', async () => {
    const first = await open(social, reference);
    expect(first.hasExternalReference).toBe(true);
    const [stored] = await t.dataSource.query<
      {
        reference_hmac: Buffer;
        reference_organization_id: string;
      }[]
    >(`SELECT reference_hmac, reference_organization_id FROM collaboration_case WHERE id = $1`, [first.id]);
    expect(stored.reference_organization_id).toBe(social.id);
    expect(stored.reference_hmac.equals(referenceHmac(testConfig().referenceHmacKey, social.id, reference))).toBe(true);
    expect(await lookup(social, reference)).toEqual({
      repeat: false,
      items: [expect.objectContaining({ id: first.id, caseNumber: first.caseNumber, repeat: false })],
    });

    const second = await open(social, reference.toLowerCase());
    const found = await lookup(social, reference.toLowerCase());
    expect(found.repeat).toBe(true);
    expect(found.items.map((item) => [item.id, item.repeat])).toEqual([
      [second.id, true],
      [first.id, false],
    ]);
  });

  it("keeps each organisation's references apart: the same reference elsewhere neither matches nor makes a repeat", async () => {
    const policeCase = await open(police, reference);
    expect(await lookup(police, reference)).toEqual({
      repeat: false,
      items: [expect.objectContaining({ id: policeCase.id, repeat: false })],
    });
    expect((await lookup(social, reference)).items.map((item) => item.id)).not.toContain(policeCase.id);
    expect(await lookup(health, reference)).toEqual({ repeat: false, items: [] });
  });

  it('does not count a case opened more than 12 months before as a repeat', async () => {
    const old = await open(social, olderReference);
    await t.dataSource.query(`UPDATE collaboration_case SET opened_at = now() - interval '13 months' WHERE id = $1`, [
      old.id,
    ]);
    const recent = await open(social, olderReference);
    expect((await lookup(social, olderReference)).items.map((item) => [item.id, item.repeat])).toEqual([
      [recent.id, false],
      [old.id, false],
    ]);
    await t.dataSource.query(`UPDATE collaboration_case SET opened_at = now() - interval '11 months' WHERE id = $1`, [
      old.id,
    ]);
    expect(await lookup(social, olderReference)).toMatchObject({
      repeat: true,
      items: [
        { id: recent.id, repeat: true },
        { id: old.id, repeat: false },
      ],
    });
  });

  it('audits each lookup as a read naming the cases found, never the reference', async () => {
    const found = await lookup(social, reference);
    const [event] = await t.dataSource.query<
      { data: { caseIds: string[]; repeat: boolean }; organization_ids: string[] }[]
    >(
      `SELECT data, organization_ids FROM audit_event WHERE action = 'case.looked_up' AND actor_user_id = $1 ORDER BY sequence DESC LIMIT 1`,
      [social.users.caseworker.id],
    );
    expect(event.data).toEqual({ caseIds: found.items.map((item) => item.id), repeat: true });
    expect(event.organization_ids).toEqual(expect.arrayContaining([social.id, police.id, health.id]));
  });

  it('refuses personal data as a reference (422) without echoing it', async () => {
    const response = await call(
      social.users.caseworker.token,
      'GET',
      `/cases/lookup?reference=${encodeURIComponent('19811228-9874')}`,
    );
    expect(response.status).toBe(422);
    expect(response.text).not.toContain('9874');
  });

  it('keeps the raw reference out of the whole database and out of the logs', async () => {
    const { stdout } = await promisify(execFile)(
      'pg_dump',
      ['--data-only', '--dbname', process.env.SAMVERKAN_TEST_DATABASE_URL as string],
      {
        maxBuffer: 512 * 1024 * 1024,
      },
    );
    expect(stdout).toContain(routine.id);
    const dump = stdout.toUpperCase();
    for (const value of [reference, olderReference]) {
      expect(dump).not.toContain(value.toUpperCase());
      expect(dump).not.toContain(Buffer.from(value.toUpperCase()).toString('hex').toUpperCase());
    }
    const logs = child.output();
    expect(logs).toContain('/api/v1/cases/lookup');
    expect(logs.toUpperCase()).not.toContain(suffix);
  });
});
