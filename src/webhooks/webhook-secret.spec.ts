import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, WebhookSecretBox } from './webhook-secret';

describe('webhook secrets', () => {
  const box = new WebhookSecretBox('a-reference-hmac-key-that-is-long-enough-000');

  it('generates whsec_ secrets the reference library accepts', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(() => new Webhook(secret)).not.toThrow();
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('seals and opens a secret without keeping it readable', () => {
    const secret = generateWebhookSecret();
    const sealed = box.seal(secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.open(sealed)).toBe(secret);
    expect(box.seal(secret)).not.toBe(sealed);
  });

  it('refuses a tampered ciphertext or another deployment key', () => {
    const sealed = box.seal(generateWebhookSecret());
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered)).toThrow();
    expect(() => new WebhookSecretBox('another-deployment-key-that-is-long-enough').open(sealed)).toThrow();
  });
});
