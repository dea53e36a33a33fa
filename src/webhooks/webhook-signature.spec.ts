import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret } from './webhook-secret';
import { signWebhook } from './webhook-signature';

describe('signWebhook', () => {
  const body = JSON.stringify({ type: 'case.closed', timestamp: '2026-01-01T00:00:00.000Z', data: { caseId: 'c1' } });

  it('produces headers the reference verifier accepts', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook('msg_1', new Date(), body, [secret]);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('during a rotation verifies with the new and the old secret, and not with another', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signWebhook('msg_2', new Date(), body, [current, previous]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(previous).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow();
  });

  it('is bound to the message id, timestamp and body', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook('msg_3', new Date(), body, [secret]);
    expect(() => new Webhook(secret).verify(body.replace('c1', 'c2'), { ...headers })).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_4' })).toThrow();
  });
});
