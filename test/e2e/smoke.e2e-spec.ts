import { startTestApp, TestApp } from '../support/test-app';
import { bearer, loginAdmin } from '../support/fixtures';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves goals to a signed-in user', async () => {
    const token = await loginAdmin(t.app);
    const response = await t.http.get('/api/v1/goals').set(bearer(token));
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(8);
  });
});
