import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, SecretBox, secretHint } from '../../server/src/webhooks/secret.js';

describe('webhook secrets', () => {
  it('are whsec_ and 32 random bytes in base64url', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(6), 'base64url')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
    expect(secretHint(secret)).toBe(`whsec_…${secret.slice(-4)}`);
  });

  it('round-trip through authenticated encryption bound to the webhook', () => {
    const box = new SecretBox('k'.repeat(40));
    const sealed = box.seal('whsec_abc', 'hook-1');
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed, 'hook-1')).toBe('whsec_abc');
    expect(() => box.open(sealed, 'hook-2')).toThrow();
    expect(() => new SecretBox('j'.repeat(40)).open(sealed, 'hook-1')).toThrow();
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() =>
      box.open([v, iv, flipped.toString('base64url'), tag].join('.'), 'hook-1'),
    ).toThrow();
  });
});
