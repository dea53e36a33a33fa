import { bearer, loginAdmin } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('platform: errors, request ids, health, metrics, headers', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({
      http: { port: 0, host: '127.0.0.1', bodyLimit: 2048, corsOrigins: [], trustedProxyHops: 0 },
    });
    admin = await loginAdmin(t.app);
  });
  afterAll(() => t.close());

  const expectProblem = (
    response: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
    status: number,
  ) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toEqual(
      expect.objectContaining({
        type: expect.any(String),
        title: expect.any(String),
        status,
        detail: expect.any(String),
      }),
    );
  };

  it('malformed JSON is 400 with a code, and the body is not quoted', async () => {
    const response = await t.http
      .post('/api/v1/organizations')
      .set(bearer(admin))
      .set('content-type', 'application/json')
      .send('{"name": 19811228-9874');
    expectProblem(response, 400);
    expect(response.body.code).toBe('body.invalid_json');
    expect(response.text).not.toContain('9874');
  });

  it('a body over the limit is 413', async () => {
    const response = await t.http
      .post('/api/v1/organizations')
      .set(bearer(admin))
      .send({ name: 'x'.repeat(4096), type: 'police', municipalityCode: '0180' });
    expectProblem(response, 413);
  });

  it('an unknown route is 404, with or without a token, and the path is not echoed', async () => {
    expectProblem(await t.http.get('/api/v1/no-such-thing'), 404);
    expectProblem(await t.http.get('/api/v1/no-such-thing').set(bearer(admin)), 404);
    const response = await t.http.get('/api/v1/no-such-thing/19811228-9874?q=0701234567').set(bearer(admin));
    expectProblem(response, 404);
    expect(response.text).not.toMatch(/9874|0701234567|no-such-thing/);
  });

  it('schema-invalid input is 400 with field errors', async () => {
    const response = await t.http
      .post('/api/v1/organizations')
      .set(bearer(admin))
      .send({ name: 42, type: 'police', municipalityCode: '0180' });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', code: 'is_string', message: expect.any(String) }),
      ]),
    );
  });

  describe('a body that is not JSON is 415 and never echoed', () => {
    const body = JSON.stringify({ name: 'Enhet 19811228-9874', type: 'police', municipalityCode: '0180' });
    it.each([
      ['sent as a form (curl -d)', 'application/x-www-form-urlencoded'],
      ['sent as text', 'text/plain'],
      ['sent as XML', 'application/xml'],
    ])('%s', async (_, contentType) => {
      const response = await t.http
        .post('/api/v1/organizations')
        .set(bearer(admin))
        .set('content-type', contentType)
        .send(body);
      expectProblem(response, 415);
      expect(response.text).not.toMatch(/9874|Enhet/);
    });

    it('without any content type', async () => {
      const response = await t.http
        .post('/api/v1/organizations')
        .set(bearer(admin))
        .unset('content-type')
        .send(Buffer.from(body));
      expect([400, 415]).toContain(response.status);
      expect(response.text).not.toMatch(/9874|Enhet/);
    });
  });

  it('a path Fastify cannot route is a problem that does not quote the path', async () => {
    const badEncoding = await t.http.get('/api/v1/cases/19811228-9874%').set(bearer(admin));
    expectProblem(badEncoding, 400);
    const tooLong = await t.http.get(`/api/v1/cases/19811228-9874${'x'.repeat(120)}`).set(bearer(admin));
    expectProblem(tooLong, 414);
    for (const response of [badEncoding, tooLong]) {
      expect(response.body.code).toEqual(expect.any(String));
      expect(response.text).not.toContain('9874');
    }
  });

  it('names an unknown property only when it looks like one and carries no identifier', async () => {
    const response = await t.http
      .post('/api/v1/organizations')
      .set(bearer(admin))
      .send({ name: 'Enhet', type: 'police', municipalityCode: '0180', 'pnr 19811228-9874': 'x', nickname: 'y' });
    expectProblem(response, 400);
    expect(response.text).not.toContain('9874');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: '(unknown property)', code: 'whitelist_validation' }),
        expect.objectContaining({ field: 'nickname', code: 'whitelist_validation' }),
      ]),
    );
  });

  it('JSON nested deeper than any request is 400 before it is parsed, also on the sign-in route', async () => {
    const deep = `${'['.repeat(900)}${']'.repeat(900)}`;
    for (const path of ['/api/v1/organizations', '/api/v1/auth/login', '/api/v1/routines']) {
      const response = await t.http
        .post(path)
        .set(bearer(admin))
        .set('content-type', 'application/json')
        .send(`{"name":${deep}}`);
      expectProblem(response, 400);
      expect(response.body.code).toBe('body.too_deep');
    }
    const strings = await t.http
      .post('/api/v1/organizations')
      .set(bearer(admin))
      .send({ name: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ "\\" {', type: 'police', municipalityCode: '0180' });
    expect(strings.status).toBe(201);
  });

  it('a JSON body that is not an object is 400 without echo', async () => {
    for (const body of ['"Enhet 19811228-9874"', '["19811228-9874"]', '198112289874']) {
      const response = await t.http
        .post('/api/v1/organizations')
        .set(bearer(admin))
        .set('content-type', 'application/json')
        .send(body);
      expectProblem(response, 400);
      expect(response.text).not.toMatch(/9874/);
    }
  });

  it('refuses an access reason that carries an identifier on every route, also where it is not recorded', async () => {
    for (const path of ['/health/live', '/api/v1/goals', '/api/v1/audit-events/verify']) {
      const response = await t.http.get(path).set(bearer(admin)).set('x-access-reason', 'uppföljning av 19811228-9874');
      expectProblem(response, 422);
      expect(response.body.errors).toEqual([
        { field: 'X-Access-Reason', code: 'personal_data', kind: 'personal_identity_number' },
      ]);
      expect(response.text).not.toContain('9874');
    }
    expect(
      (await t.http.get('/api/v1/goals').set(bearer(admin)).set('x-access-reason', 'Uppföljning enligt rutin')).status,
    ).toBe(200);
  });

  it('replaces an incoming request id that carries an identifier', async () => {
    for (const id of ['400113.0840', '19811228-9874', 'pnr198112289874', 'tel_0701234567']) {
      const response = await t.http.get('/health').set('x-request-id', id);
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('returns the request id as x-request-id, keeping a well-formed incoming one', async () => {
    const generated = await t.http.get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await t.http.get('/health').set('x-request-id', 'trace-abc.123');
    expect(echoed.headers['x-request-id']).toBe('trace-abc.123');
    const unsafe = await t.http.get('/health').set('x-request-id', 'bad id <script>');
    expect(unsafe.headers['x-request-id']).not.toBe('bad id <script>');
  });

  it('GET /health reports the database and the queue', async () => {
    const response = await t.http.get('/health');
    expect(response.status).toBe(200);
    expect(response.body.details).toEqual({ database: { status: 'up' }, queue: { status: 'up' } });
  });

  it('GET /health/ready checks the database only, GET /health/live nothing but the process', async () => {
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toEqual({ database: { status: 'up' } });
    const live = await t.http.get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    expect(live.body.details).toEqual({});
  });

  it('GET /metrics exposes an HTTP latency histogram per route pattern and process metrics', async () => {
    await t.http.get(`/api/v1/goals/3`).set(bearer(admin));
    const response = await t.http.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toContain('http_request_duration_seconds_bucket');
    expect(response.text).toMatch(/route="\/api\/v1\/goals\/:number"/);
    expect(response.text).toContain('process_cpu_user_seconds_total');
  });

  it('tells caches to keep nothing: responses carry case data and staff accounts', async () => {
    for (const response of [
      await t.http.get('/api/v1/cases').set(bearer(admin)),
      await t.http.get('/api/v1/auth/me').set(bearer(admin)),
      await t.http.get('/api/v1/nothing-here'),
    ]) {
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('sends security headers and no CORS headers unless CORS_ORIGINS is set', async () => {
    const response = await t.http.get('/health').set('origin', 'https://evil.example');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('platform: CORS when configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      http: {
        port: 0,
        host: '127.0.0.1',
        bodyLimit: 1024 * 1024,
        corsOrigins: ['https://samverkan.example'],
        trustedProxyHops: 0,
      },
    });
  });
  afterAll(() => t.close());

  it('allows the configured origin only', async () => {
    expect(
      (await t.http.get('/health').set('origin', 'https://samverkan.example')).headers['access-control-allow-origin'],
    ).toBe('https://samverkan.example');
    expect(
      (await t.http.get('/health').set('origin', 'https://evil.example')).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });
});

describe('goals', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.app);
  });
  afterAll(() => t.close());

  it('lists the eight goals with their measures, Swedish as published and English', async () => {
    const response = await t.http.get('/api/v1/goals').set(bearer(admin));
    expect(response.status).toBe(200);
    expect(response.body.items.map((g: { number: number }) => g.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const two = response.body.items[1];
    expect(two.title.sv).toBe('Våldsutövare har tillgång till återfallsförebyggande insatser utifrån sina behov.');
    expect(two.measures.map((m: { code: string }) => m.code)).toEqual(['2.1', '2.2', '2.3', '2.4']);
    expect(two.measures[3].text.sv).toBe(
      'Strukturerad samverkan i enskilda ärenden mellan socialtjänst och polis samt andra aktörer.',
    );
    expect(two.measures[3].text.en).toEqual(expect.any(String));
  });

  it('reads one goal; unknown is 404, malformed is 400, anonymous is 401', async () => {
    const six = await t.http.get('/api/v1/goals/6').set(bearer(admin));
    expect(six.status).toBe(200);
    expect(six.body.measures).toHaveLength(2);
    expect((await t.http.get('/api/v1/goals/9').set(bearer(admin))).status).toBe(404);
    expect((await t.http.get('/api/v1/goals/abc').set(bearer(admin))).status).toBe(400);
    expect((await t.http.get('/api/v1/goals')).status).toBe(401);
  });
});
