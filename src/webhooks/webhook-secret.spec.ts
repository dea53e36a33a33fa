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

  it('opens what an earlier release sealed: the key derivation and the format are fixed', () => {
    // Sealed with the key above by this code; a change to the HKDF salt or label, or to the format, fails here.
    expect(
      box.open(
        'v1.9MBo5gUgRp6SbzE-.IBgVT18u4Mul8TFhAXO9dQ.sjwFDrEwbehwBvAWTaGDcrKNV8erO9y9OWOdfDCHwj-dTSrgbq-ttuI9M-2JJWazm4o',
      ),
    ).toBe('whsec_MfKQ9r8GKYqrTjjtcKAz1bHqrTN5O9c0Ymm0ZfX6i2Y=');
    expect(box.open('v1.d9yc5nM4895R5UhH.Nu3ejVQoybIajGm1fu5GDw.hT_FakcMbnIZjOU8LZESEg')).toBe('lösenord-åäö');
    expect(box.seal('x')).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
  });

  it('seals and opens an empty secret', () => {
    expect(box.open(box.seal(''))).toBe('');
  });

  it.each([
    ['another format', (parts: string[]) => ['v2', ...parts.slice(1)]],
    ['no iv', (parts: string[]) => [parts[0], '', parts[2], parts[3]]],
    ['no tag', (parts: string[]) => [parts[0], parts[1], '', parts[3]]],
    ['no ciphertext', (parts: string[]) => parts.slice(0, 3)],
  ])('refuses a sealed value with %s as an unknown format', (_, change) => {
    const parts = box.seal(generateWebhookSecret()).split('.');
    expect(() => box.open(change(parts).join('.'))).toThrow(new Error('Unknown webhook secret format'));
  });
});
