import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 1;

/**
 * Encrypts secrets at rest (an identity provider's client secret) with AES-256-GCM: version byte, 12-byte IV,
 * 16-byte tag, ciphertext. The key is derived from the configured one with HKDF, so any long random string will do.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(configuredKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', configuredKey, 'samverkan', 'identity-provider-secret', 32));
  }

  seal(plaintext: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
  }

  open(sealed: Buffer): string {
    if (sealed[0] !== VERSION) {
      throw new Error('Unknown secret format');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(1, 13));
    decipher.setAuthTag(sealed.subarray(13, 29));
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
  }
}
