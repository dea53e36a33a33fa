import { DataSource } from 'typeorm';
import { DEMO_ORGANIZATIONS, DEMO_USERS, demoOrganizationOf } from '../../src/cli/demo-region';
import { demoSignInText, seedDemo } from '../../src/cli/seed-demo';
import { OrganizationType, ORGANIZATION_TYPES } from '../../src/organizations/organization-type';
import { login } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('npm run seed:demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates every organisation type in three Stockholm county municipalities, one user per role, the routine library; twice is harmless', async () => {
    const dataSource = t.app.get(DataSource);
    const first = await seedDemo(dataSource, 'demo-password-for-tests');
    const second = await seedDemo(dataSource, 'demo-password-for-tests');
    expect(second).toEqual({ organizationsCreated: 0, usersCreated: 0, routinesPublished: 0 });
    expect(first.organizationsCreated + first.usersCreated).toBeGreaterThan(0);

    expect(new Set(DEMO_ORGANIZATIONS.map((o) => o.type))).toEqual(new Set(ORGANIZATION_TYPES));
    const municipalities = new Set(
      DEMO_ORGANIZATIONS.filter((o) => o.type === OrganizationType.SocialServices).map((o) => o.municipalityCode),
    );
    expect(municipalities.size).toBe(3);
    expect(new Set(DEMO_USERS.flatMap((u) => u.roles))).toEqual(
      new Set(['admin', 'coordinator', 'caseworker', 'manager', 'auditor']),
    );

    const token = await login(t.app, 'coordinator@demo.samverkan.local', 'demo-password-for-tests');
    const routines = await t.http.get('/api/v1/routines?limit=200').set({ Authorization: `Bearer ${token}` });
    expect(routines.status).toBe(200);
    expect(routines.body.items.length).toBeGreaterThanOrEqual(6);

    // Every organisation type has a coordinator (webhooks, routines) and a manager (escalations, reports).
    const staffed = await dataSource.query<{ type: string; roles: string[] }[]>(
      `SELECT o.type, array_agg(DISTINCT r.role ORDER BY r.role) AS roles
         FROM app_user u JOIN organization o ON o.id = u.organization_id CROSS JOIN unnest(u.roles) AS r(role)
        WHERE u.email LIKE '%@demo.samverkan.local' AND u.active GROUP BY o.type`,
    );
    expect(staffed.map((row) => row.type).sort()).toEqual([...ORGANIZATION_TYPES].sort());
    for (const row of staffed) {
      expect(row.roles).toEqual(expect.arrayContaining(['coordinator', 'manager']));
    }

    const police = await login(t.app, 'police.coordinator@demo.samverkan.local', 'demo-password-for-tests');
    const webhook = await t.http
      .post('/api/v1/webhooks')
      .set({ Authorization: `Bearer ${police}` })
      .send({ url: 'https://hooks.example.org/samverkan', events: ['case.step.activated'] });
    expect(webhook.status).toBe(201);
  });

  it("prints each account's roles and organisation", () => {
    const text = demoSignInText(
      { organizationsCreated: 0, usersCreated: 0, routinesPublished: 0 },
      'demo-password-for-tests',
    );
    const lines = text.split('\n');
    for (const user of DEMO_USERS) {
      const line = lines.find((candidate) => candidate.trim().startsWith(`${user.email} `));
      expect(line).toContain(demoOrganizationOf(user).name);
      expect(line).toContain(user.roles.join(', '));
    }
    expect(lines.find((line) => line.includes('police.manager@'))).toContain('Polisen, lokalpolisområde Södertälje');
  });
});
