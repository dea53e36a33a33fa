import { postWebhook } from '../../src/webhooks/webhook-http';
import { signWebhook } from '../../src/webhooks/webhook-signature';
import { startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';

/** One delivery attempt over real sockets: status codes, the five-second rule, and the connect-time address check. */
describe('postWebhook', () => {
  let receiver: WebhookReceiver;
  const headers = signWebhook('msg_http', new Date(), '{}', ['whsec_' + Buffer.alloc(32, 3).toString('base64')]);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  it('succeeds on 2xx and fails on anything else, redirects included', async () => {
    receiver.answer(204, 500, 302);
    await expect(postWebhook(`${receiver.url}/a`, '{}', headers, true)).resolves.toEqual({
      ok: true,
      statusCode: 204,
      error: null,
    });
    await expect(postWebhook(`${receiver.url}/a`, '{}', headers, true)).resolves.toEqual({
      ok: false,
      statusCode: 500,
      error: 'http_status',
    });
    await expect(postWebhook(`${receiver.url}/a`, '{}', headers, true)).resolves.toEqual({
      ok: false,
      statusCode: 302,
      error: 'http_status',
    });
    expect(receiver.received.map((message) => message.headers['webhook-id'])).toEqual([
      'msg_http',
      'msg_http',
      'msg_http',
    ]);
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    receiver.hang();
    const started = Date.now();
    await expect(postWebhook(`${receiver.url}/slow`, '{}', headers, true, 300)).resolves.toEqual({
      ok: false,
      statusCode: null,
      error: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    receiver.respond();
  });

  it('reports a refused connection as a network error', async () => {
    await expect(postWebhook('http://127.0.0.1:1/none', '{}', headers, true)).resolves.toEqual({
      ok: false,
      statusCode: null,
      error: 'network_error',
    });
  });

  it('refuses, when connecting, a host name that resolves to a forbidden address', async () => {
    const before = receiver.received.length;
    const url = receiver.url.replace('127.0.0.1', 'localhost');
    await expect(postWebhook(url, '{}', headers, false)).resolves.toEqual({
      ok: false,
      statusCode: null,
      error: 'forbidden_address',
    });
    expect(receiver.received.length).toBe(before);
  });
});
