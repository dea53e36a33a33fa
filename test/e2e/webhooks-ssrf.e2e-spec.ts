import { OrganizationType } from '../../src/organizations/organization-type';
import { WebhookAttemptFailed, WebhookDelivererService } from '../../src/webhooks/webhook-deliverer.service';
import { WebhookSecretBox } from '../../src/webhooks/webhook-secret';
import { eventually } from '../support/eventually';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import { startTestApp, testConfig, TestApp } from '../support/test-app';
import { startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';

/** The SSRF rules, with private networks not allowed (as in production). */
describe('webhooks: SSRF refusals', () => {
  let t: TestApp;
  let org: FixtureOrganization;
  let receiver: WebhookReceiver;
  const register = (url: string) =>
    t.http
      .post('/api/v1/webhooks')
      .set(bearer(org.users.coordinator.token))
      .send({ url, events: ['case.created'] });

  beforeAll(async () => {
    t = await startTestApp({ webhookAllowPrivateNetworks: false });
    org = await createOrganization(t.app, OrganizationType.SocialServices, '0180');
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('accepts an https URL on a public address', async () => {
    const response = await register('https://93.184.216.34/hooks/samverkan');
    expect(response.status).toBe(201);
  });

  it.each([
    ['http://93.184.216.34/hooks', 'not_https'],
    ['https://127.0.0.1/hooks', 'forbidden_address'],
    ['https://localhost:8443/hooks', 'forbidden_address'],
    ['https://[::1]/hooks', 'forbidden_address'],
    ['https://10.1.2.3/hooks', 'forbidden_address'],
    ['https://172.20.0.5/hooks', 'forbidden_address'],
    ['https://192.168.10.1/hooks', 'forbidden_address'],
    ['https://169.254.169.254/latest/meta-data/', 'forbidden_address'],
    ['https://[fe80::1]/hooks', 'forbidden_address'],
    ['https://[fd12:3456::1]/hooks', 'forbidden_address'],
    ['https://[::ffff:127.0.0.1]/hooks', 'forbidden_address'],
    ['https://no-such-host.invalid/hooks', 'unresolvable'],
  ])('refuses %s (%s)', async (url, code) => {
    const response = await register(url);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'webhook.url_not_allowed', errors: [{ field: 'url', code }] });
  });

  it('refuses at delivery time too: a host that now resolves to loopback gets nothing, and the delivery fails without retries', async () => {
    // Registered while its name pointed elsewhere; now "localhost" (loopback) is where it resolves.
    const url = receiver.url.replace('http://127.0.0.1', 'https://localhost');
    const [{ id: subscriptionId }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO webhook_subscription (organization_id, url, events, secret_ciphertext) VALUES ($1, $2, '{case.created}', $3) RETURNING id`,
      [
        org.id,
        url,
        new WebhookSecretBox(testConfig().referenceHmacKey).seal('whsec_' + Buffer.alloc(32, 7).toString('base64')),
      ],
    );
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO webhook_delivery (subscription_id, message_id, event_type, body) VALUES ($1, 'msg_ssrf', 'case.created', '{"type":"case.created"}') RETURNING id`,
      [subscriptionId],
    );
    const delivery = await eventually(
      async () => {
        const [row] = await t.dataSource.query<Record<string, unknown>[]>(
          `SELECT status, attempts, last_error, last_status_code FROM webhook_delivery WHERE id = $1`,
          [id],
        );
        return row.status !== 'pending' && row;
      },
      10_000,
      'the delivery to settle',
    );
    expect(delivery).toEqual({
      status: 'failed',
      attempts: 1,
      last_error: 'forbidden_address',
      last_status_code: null,
    });
    expect(receiver.received).toEqual([]);
  });

  it('retries a delivery whose host does not resolve at delivery time (a DNS outage is not a refusal)', async () => {
    const [{ id: subscriptionId }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO webhook_subscription (organization_id, url, events, secret_ciphertext) VALUES ($1, 'https://gone-for-now.invalid/hooks', '{case.created}', $2) RETURNING id`,
      [
        org.id,
        new WebhookSecretBox(testConfig().referenceHmacKey).seal('whsec_' + Buffer.alloc(32, 7).toString('base64')),
      ],
    );
    // Marked queued, so the worker leaves this delivery to the test.
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO webhook_delivery (subscription_id, message_id, event_type, body, queued_at) VALUES ($1, 'msg_dns', 'case.created', '{"type":"case.created"}', now()) RETURNING id`,
      [subscriptionId],
    );
    await expect(t.app.get(WebhookDelivererService).attempt(id, false)).rejects.toThrow(WebhookAttemptFailed);
    const [row] = await t.dataSource.query<Record<string, unknown>[]>(
      `SELECT status, attempts, last_error FROM webhook_delivery WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ status: 'pending', attempts: 1, last_error: 'network_error' });
  });
});
