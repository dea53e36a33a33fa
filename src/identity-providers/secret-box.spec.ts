import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox('a-configured-key-that-is-long-enough-000');

  it('opens what it sealed, and the sealed form does not contain the secret', () => {
    const sealed = box.seal('client-secret-value');
    expect(sealed.toString('utf8')).not.toContain('client-secret-value');
    expect(box.open(sealed)).toBe('client-secret-value');
    expect(box.seal('client-secret-value').equals(sealed)).toBe(false);
  });

  it('refuses a tampered value and another key', () => {
    const sealed = box.seal('client-secret-value');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => box.open(tampered)).toThrow();
    expect(() => new SecretBox('another-configured-key-that-is-long-000').open(sealed)).toThrow();
  });
});
