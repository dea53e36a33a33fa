import { Webhook } from 'standardwebhooks';
import { OrganizationType } from '../../src/organizations/organization-type';
import { WebhookDelivererService } from '../../src/webhooks/webhook-deliverer.service';
import { eventually } from '../support/eventually';
import { bearer, createOrganization, FixtureOrganization, loginAdmin } from '../support/fixtures';
import { createPublishedRoutine, PublishedRoutine, routineDefinition, routineStep } from '../support/routine-fixtures';
import { startTestApp, TestApp, uniqueSuffix } from '../support/test-app';
import { ReceivedWebhook, startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';

interface Delivery {
  id: string;
  messageId: string;
  eventType: string;
  sequence: number;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  redeliveryOf: string | null;
}

interface Message {
  type: string;
  timestamp: string;
  sequence: number;
  data: { caseId?: string };
}

/** Webhooks signed per Standard Webhooks, verified by a receiver on loopback with the reference verifier. */
describe('webhooks', () => {
  let t: TestApp;
  let social: FixtureOrganization;
  let police: FixtureOrganization;
  let routine: PublishedRoutine;
  let receiver: WebhookReceiver;

  const coordinator = () => social.users.coordinator.token;
  /** Each subscription gets a path of its own on the receiver. */
  const subscribe = async (events: string[]) => {
    const response = await t.http
      .post('/api/v1/webhooks')
      .set(bearer(coordinator()))
      .send({ url: `${receiver.url}/hooks/${uniqueSuffix()}`, events });
    expect(response.status).toBe(201);
    return response.body as { id: string; secret: string; url: string; events: string[] };
  };
  const openCase = async () => {
    const response = await t.http
      .post('/api/v1/cases')
      .set(bearer(social.users.caseworker.token))
      .send({ routineId: routine.id, participants: [social.id, police.id] });
    expect(response.status).toBe(201);
    return response.body as { id: string; caseNumber: string };
  };
  const deliveries = async (subscriptionId: string) => {
    const response = await t.http.get(`/api/v1/webhooks/${subscriptionId}/deliveries`).set(bearer(coordinator()));
    expect(response.status).toBe(200);
    return response.body.items as Delivery[];
  };
  const receivedFor = (subscription: { url: string }, caseId: string, type: string) =>
    receiver.received.filter((message) => {
      const body = JSON.parse(message.body) as { type: string; data: { caseId?: string } };
      return subscription.url.endsWith(message.path) && body.type === type && body.data.caseId === caseId;
    });
  const verify = (secret: string, message: ReceivedWebhook) =>
    new Webhook(secret).verify(message.body, message.headers as Record<string, string>);

  beforeAll(async () => {
    t = await startTestApp();
    receiver = await startWebhookReceiver();
    social = await createOrganization(t.app, OrganizationType.SocialServices, '0181');
    police = await createOrganization(t.app, OrganizationType.Police, '0181');
    routine = await createPublishedRoutine(
      t.dataSource,
      { organizationId: social.id, userId: social.users.coordinator.id },
      routineDefinition([
        routineStep('report', OrganizationType.SocialServices, {
          dueAfter: 'PT2S',
          dueFrom: 'case_start',
          outcomeCodes: ['reported'],
        }),
      ]),
    );
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('shows the secret once and keeps it only sealed', async () => {
    const created = await subscribe(['case.created']);
    expect(created).toEqual({
      id: expect.any(String),
      url: expect.stringMatching(new RegExp(`^${receiver.url}/hooks/[a-z]{6}$`)),
      events: ['case.created'],
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      previousSecretExpiresAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const fetched = await t.http.get(`/api/v1/webhooks/${created.id}`).set(bearer(coordinator()));
    expect(fetched.status).toBe(200);
    expect(fetched.body.secret).toBeUndefined();
    const listed = await t.http.get('/api/v1/webhooks').set(bearer(coordinator()));
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(created.id);
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);
    const [row] = await t.dataSource.query<{ secret_ciphertext: string }[]>(
      `SELECT secret_ciphertext FROM webhook_subscription WHERE id = $1`,
      [created.id],
    );
    expect(row.secret_ciphertext).not.toContain(created.secret.slice('whsec_'.length, 20));
    await t.http.delete(`/api/v1/webhooks/${created.id}`).set(bearer(coordinator())).expect(204);
  });

  it('delivers case events signed so that the reference verifier accepts them', async () => {
    const subscription = await subscribe(['case.created', 'case.step.completed']);
    const kase = await openCase();
    const [message] = await eventually(
      () =>
        receivedFor(subscription, kase.id, 'case.created').length > 0 &&
        receivedFor(subscription, kase.id, 'case.created'),
      10_000,
      'case.created',
    );
    expect(verify(subscription.secret, message)).toEqual({
      type: 'case.created',
      timestamp: expect.any(String),
      sequence: 1,
      data: { caseId: kase.id, caseNumber: kase.caseNumber, routineId: routine.id, routineVersion: 1 },
    });
    expect(message.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(Math.abs(Number(message.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(10);
    expect(message.headers['content-type']).toBe('application/json');
    expect(() => verify(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, message)).toThrow();

    await t.http
      .post(`/api/v1/cases/${kase.id}/steps/report/complete`)
      .set(bearer(social.users.caseworker.token))
      .send({ outcomeCode: 'reported' })
      .expect(200);
    const [completed] = await eventually(
      () =>
        receivedFor(subscription, kase.id, 'case.step.completed').length > 0 &&
        receivedFor(subscription, kase.id, 'case.step.completed'),
      10_000,
      'step completed',
    );
    expect(verify(subscription.secret, completed)).toMatchObject({ sequence: 2, data: { stepKey: 'report' } });
    // Not subscribed: no case.step.activated.
    expect(receivedFor(subscription, kase.id, 'case.step.activated')).toEqual([]);
    // The receiver has the message a moment before the worker records the attempt.
    const succeeded = async () =>
      (await deliveries(subscription.id)).filter(
        (delivery) => delivery.status === 'succeeded' && delivery.attempts === 1,
      );
    await eventually(async () => (await succeeded()).length >= 2, 10_000, 'both deliveries recorded as succeeded');
    await t.http.delete(`/api/v1/webhooks/${subscription.id}`).set(bearer(coordinator())).expect(204);
  });

  it("numbers each subscription's messages 1, 2, 3, … in the order of the changes, each with the time it happened", async () => {
    const subscription = await subscribe(['case.created', 'case.step.activated', 'case.step.completed', 'case.closed']);
    const other = await subscribe(['case.closed']);
    const before = Date.now();
    const kases = [await openCase(), await openCase()];
    for (const kase of kases) {
      await t.http
        .post(`/api/v1/cases/${kase.id}/steps/report/complete`)
        .set(bearer(social.users.caseworker.token))
        .send({ outcomeCode: 'reported' })
        .expect(200);
      await t.http
        .post(`/api/v1/cases/${kase.id}/close`)
        .set(bearer(social.users.caseworker.token))
        .send({ closureCode: 'completed' })
        .expect(200);
    }
    const expected = [
      ...kases.flatMap((kase) => [`${kase.id} case.created`, `${kase.id} case.step.activated`]),
      ...kases.flatMap((kase) => [`${kase.id} case.step.completed`, `${kase.id} case.closed`]),
    ];
    const ofSubscription = (of: { url: string }) =>
      receiver.received
        .filter((message) => of.url.endsWith(message.path))
        .map((message) => verify(of === subscription ? subscription.secret : other.secret, message) as Message);
    const messages = await eventually(
      () => ofSubscription(subscription).length >= expected.length && ofSubscription(subscription),
      15_000,
      'all messages',
    );
    // However they arrived, the sequence puts them in the order the changes were made, without gaps or repeats.
    const ordered = [...messages].sort((a, b) => a.sequence - b.sequence);
    expect(ordered.map((message) => message.sequence)).toEqual(expected.map((_, index) => index + 1));
    expect(ordered.map((message) => `${message.data.caseId} ${message.type}`)).toEqual(expected);
    const times = ordered.map((message) => Date.parse(message.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(before - 1000);
    // Another subscription counts its own messages.
    const closed = await eventually(
      () => ofSubscription(other).length >= 2 && ofSubscription(other),
      10_000,
      'other subscription',
    );
    expect(closed.map((message) => message.sequence).sort()).toEqual([1, 2]);
    expect((await deliveries(subscription.id)).map((delivery) => delivery.sequence).sort((a, b) => a - b)).toEqual(
      expected.map((_, index) => index + 1),
    );
    for (const each of [subscription, other]) {
      await t.http.delete(`/api/v1/webhooks/${each.id}`).set(bearer(coordinator())).expect(204);
    }
  });

  it('delivers notification.created when a reminder is sent', async () => {
    const subscription = await subscribe(['notification.created']);
    const kase = await openCase();
    const [message] = await eventually(
      () =>
        receivedFor(subscription, kase.id, 'notification.created').length > 0 &&
        receivedFor(subscription, kase.id, 'notification.created'),
      15_000,
      'notification.created',
    );
    expect(verify(subscription.secret, message)).toMatchObject({
      type: 'notification.created',
      data: {
        kind: 'overdue',
        caseId: kase.id,
        caseNumber: kase.caseNumber,
        stepKey: 'report',
        link: `/api/v1/cases/${kase.id}`,
        recipients: 2,
      },
    });
    const { data } = verify(subscription.secret, message) as {
      data: { remindAt: string; dueAt: string; reviewDueOn: null };
    };
    // An overdue reminder falls due at the step's due time: both are given, and they agree.
    expect(data).toMatchObject({ remindAt: expect.any(String), dueAt: data.remindAt, reviewDueOn: null });
    await t.http.delete(`/api/v1/webhooks/${subscription.id}`).set(bearer(coordinator())).expect(204);
  });

  it('retries after a 500 with the same webhook-id, and records attempts and status codes', async () => {
    const subscription = await subscribe(['case.created']);
    receiver.answer(500);
    const kase = await openCase();
    const messages = await eventually(
      () =>
        receivedFor(subscription, kase.id, 'case.created').length >= 2 &&
        receivedFor(subscription, kase.id, 'case.created'),
      15_000,
      'a retry',
    );
    expect(messages.map((message) => message.status)).toEqual([500, 200]);
    expect(messages[1].headers['webhook-id']).toBe(messages[0].headers['webhook-id']);
    expect(() => verify(subscription.secret, messages[1])).not.toThrow();
    const [delivery] = await eventually(
      async () => {
        const listed = await deliveries(subscription.id);
        return listed[0]?.status === 'succeeded' && listed;
      },
      5000,
      'the delivery to succeed',
    );
    expect(delivery).toMatchObject({
      eventType: 'case.created',
      status: 'succeeded',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
    });
    await t.http.delete(`/api/v1/webhooks/${subscription.id}`).set(bearer(coordinator())).expect(204);
  });

  it('after a secret rotation signs with both the new and the old secret', async () => {
    const subscription = await subscribe(['case.created']);
    const rotated = await t.http.post(`/api/v1/webhooks/${subscription.id}/rotate-secret`).set(bearer(coordinator()));
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(subscription.secret);
    expect(new Date(rotated.body.previousSecretExpiresAt).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const kase = await openCase();
    const [message] = await eventually(
      () =>
        receivedFor(subscription, kase.id, 'case.created').length > 0 &&
        receivedFor(subscription, kase.id, 'case.created'),
      10_000,
      'delivery',
    );
    expect(String(message.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() => verify(rotated.body.secret, message)).not.toThrow();
    expect(() => verify(subscription.secret, message)).not.toThrow();

    // Once the 24 hours are over, only the new secret signs.
    await t.dataSource.query(
      `UPDATE webhook_subscription SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`,
      [subscription.id],
    );
    const later = await openCase();
    const [next] = await eventually(
      () =>
        receivedFor(subscription, later.id, 'case.created').length > 0 &&
        receivedFor(subscription, later.id, 'case.created'),
      10_000,
      'delivery',
    );
    expect(String(next.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => verify(rotated.body.secret, next)).not.toThrow();
    expect(() => verify(subscription.secret, next)).toThrow();
    await t.http.delete(`/api/v1/webhooks/${subscription.id}`).set(bearer(coordinator())).expect(204);
  });

  it('redelivers a finished delivery as a new one with the same message id; refuses while one is in progress', async () => {
    const subscription = await subscribe(['case.created']);
    const kase = await openCase();
    const [original] = await eventually(
      async () => {
        const listed = await deliveries(subscription.id);
        return listed[0]?.status === 'succeeded' && listed;
      },
      10_000,
      'first delivery',
    );
    const redelivered = await t.http
      .post(`/api/v1/webhooks/${subscription.id}/deliveries/${original.id}/redeliver`)
      .set(bearer(coordinator()));
    expect(redelivered.status).toBe(202);
    expect(redelivered.body).toMatchObject({
      messageId: original.messageId,
      sequence: original.sequence,
      redeliveryOf: original.id,
      status: 'pending',
      attempts: 0,
    });
    const messages = await eventually(
      () =>
        receivedFor(subscription, kase.id, 'case.created').length >= 2 &&
        receivedFor(subscription, kase.id, 'case.created'),
      10_000,
      'redelivery',
    );
    expect(new Set(messages.map((message) => message.headers['webhook-id']))).toEqual(new Set([original.messageId]));

    const [pending] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO webhook_delivery (subscription_id, message_id, event_type, body, queued_at) VALUES ($1, 'msg_pending', 'case.created', '{}', now()) RETURNING id`,
      [subscription.id],
    );
    const refused = await t.http
      .post(`/api/v1/webhooks/${subscription.id}/deliveries/${pending.id}/redeliver`)
      .set(bearer(coordinator()));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('webhook_delivery.in_progress');

    await t.http.delete(`/api/v1/webhooks/${subscription.id}`).set(bearer(coordinator())).expect(204);
    expect(await t.dataSource.query(`SELECT status FROM webhook_delivery WHERE id = $1`, [pending.id])).toEqual([
      { status: 'cancelled' },
    ]);
    expect((await t.http.get(`/api/v1/webhooks/${subscription.id}`).set(bearer(coordinator()))).status).toBe(404);
    const afterDelete = await openCase();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(receivedFor(subscription, afterDelete.id, 'case.created')).toEqual([]);
  });

  it('fails a delivery for good when its last attempt fails, and audits it', async () => {
    const subscription = await subscribe(['case.closed']);
    const [delivery] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO webhook_delivery (subscription_id, message_id, event_type, body, queued_at) VALUES ($1, 'msg_last', 'case.closed', '{"type":"case.closed"}', now()) RETURNING id`,
      [subscription.id],
    );
    receiver.answer(503);
    await expect(t.app.get(WebhookDelivererService).attempt(delivery.id, true)).resolves.toBe('failed');
    const [row] = await deliveries(subscription.id);
    expect(row).toMatchObject({
      id: delivery.id,
      status: 'failed',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'http_status',
    });
    expect(
      await t.dataSource.query(`SELECT action, data->>'lastStatusCode' AS code FROM audit_event WHERE entity_id = $1`, [
        delivery.id,
      ]),
    ).toEqual([{ action: 'webhook.delivery_failed', code: '503' }]);
    await t.http.delete(`/api/v1/webhooks/${subscription.id}`).set(bearer(coordinator())).expect(204);
  });

  it('validates subscriptions: known events only, a URL, no unknown fields', async () => {
    const post = (body: Record<string, unknown>) =>
      t.http.post('/api/v1/webhooks').set(bearer(coordinator())).send(body);
    expect((await post({ url: receiver.url, events: ['case.deleted'] })).status).toBe(400);
    expect((await post({ url: receiver.url, events: [] })).status).toBe(400);
    expect((await post({ url: 'not a url', events: ['case.created'] })).status).toBe(400);
    expect((await post({ url: receiver.url, events: ['case.created'], secret: 'whsec_mine' })).status).toBe(400);
    const personal = await post({ url: `${receiver.url}?pnr=19121212-1212`, events: ['case.created'] });
    expect(personal.status).toBe(422);
    expect(personal.body.errors[0]).toMatchObject({ field: 'url', code: 'personal_data' });
  });

  it.each([
    ['a stray % beside an encoded number', '/hook%?id=19121212%2D1212'],
    ['a dotted number in the query', '/hook?p=191212.12.1212'],
    ['a twice percent-encoded number', '/hook?p=%2531%25391212121212'],
    ['a number split over path segments', '/121212/1212'],
    ['a UUID-shaped path segment', '/hooks/0b7e0c0e-4a8a-4b8e-9a55-191212121212'],
    ['an e-mail address as userinfo', '', 'anna.andersson%40example.se@'],
    ['a phone number in a host label', 'https://ring-0701234567.hooks.example.se/samverkan'],
    ['an encoded e-mail in the fragment', '/hook#anna%40example.se'],
    ['an undecodable escape', '/hook?p=%E0%A4%A'],
  ])('refuses a URL with %s, without echoing it', async (_, rest, userinfo = '') => {
    const url = rest.startsWith('https://') ? rest : receiver.url.replace('http://', `http://${userinfo}`) + rest;
    const response = await t.http
      .post('/api/v1/webhooks')
      .set(bearer(coordinator()))
      .send({ url, events: ['case.created'] });
    expect(response.status).toBe(422);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field: 'url', code: 'personal_data' }));
    expect(response.text).not.toMatch(/1212|0701234567|anna/);
  });

  describe('access', () => {
    let subscriptionId: string;
    let deliveryId: string;
    beforeAll(async () => {
      subscriptionId = (await subscribe(['case.closed'])).id;
      [{ id: deliveryId }] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO webhook_delivery (subscription_id, message_id, event_type, body, status) VALUES ($1, 'msg_access', 'case.closed', '{}', 'succeeded') RETURNING id`,
        [subscriptionId],
      );
    });

    const routes = (): [string, string, Record<string, unknown>?][] => [
      ['post', '/api/v1/webhooks', { url: `${receiver.url}/hooks/access`, events: ['case.closed'] }],
      ['get', '/api/v1/webhooks'],
      ['get', `/api/v1/webhooks/${subscriptionId}`],
      ['delete', `/api/v1/webhooks/${subscriptionId}`],
      ['post', `/api/v1/webhooks/${subscriptionId}/rotate-secret`],
      ['get', `/api/v1/webhooks/${subscriptionId}/deliveries`],
      ['post', `/api/v1/webhooks/${subscriptionId}/deliveries/${deliveryId}/redeliver`],
    ];
    const call = (method: string, path: string, body?: Record<string, unknown>) => {
      const request = (t.http as unknown as Record<string, (path: string) => import('supertest').Test>)[method](path);
      return body ? request.send(body) : request;
    };

    it('answers 401 without a token and 403 to every role but coordinator', async () => {
      const admin = await loginAdmin(t.app);
      for (const [method, path, body] of routes()) {
        expect([method, path, (await call(method, path, body)).status]).toEqual([method, path, 401]);
        for (const token of [
          social.users.caseworker.token,
          social.users.manager.token,
          social.users.auditor.token,
          admin,
        ]) {
          expect([method, path, (await call(method, path, body).set(bearer(token))).status]).toEqual([
            method,
            path,
            403,
          ]);
        }
      }
    });

    it("answers 404 for another organisation's subscription and deliveries", async () => {
      for (const [method, path, body] of routes().slice(2)) {
        expect([
          method,
          path,
          (await call(method, path, body).set(bearer(police.users.coordinator.token))).status,
        ]).toEqual([method, path, 404]);
      }
      const theirs = await t.http.get('/api/v1/webhooks').set(bearer(police.users.coordinator.token));
      expect(theirs.body.items).toEqual([]);
      expect((await t.http.get(`/api/v1/webhooks/${subscriptionId}`).set(bearer(coordinator()))).status).toBe(200);
    });
  });
});
