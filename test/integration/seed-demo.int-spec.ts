import { DataSource } from 'typeorm';
import { DEMO_ORGANIZATIONS, DEMO_USERS } from '../../src/cli/demo-region';
import { seedDemo } from '../../src/cli/seed-demo';
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
    const municipalities = new Set(DEMO_ORGANIZATIONS.filter((o) => o.type === OrganizationType.SocialServices).map((o) => o.municipalityCode));
    expect(municipalities.size).toBe(3);
    expect(new Set(DEMO_USERS.flatMap((u) => u.roles))).toEqual(new Set(['admin', 'coordinator', 'caseworker', 'manager', 'auditor']));

    const token = await login(t.app, 'coordinator@demo.samverkan.local', 'demo-password-for-tests');
    const routines = await t.http.get('/api/v1/routines?limit=200').set({ Authorization: `Bearer ${token}` });
    expect(routines.status).toBe(200);
    expect(routines.body.items.length).toBeGreaterThanOrEqual(6);
  });
});
