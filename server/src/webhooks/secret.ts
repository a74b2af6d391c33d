import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A new signing secret: `whsec_` and 32 random bytes in base64url. */
export function generateWebhookSecret(): string {
  return 'whsec_' + randomBytes(32).toString('base64url');
}

/** What the API shows instead of the secret: enough to tell two secrets apart. */
export function secretHint(secret: string): string {
  return 'whsec_…' + secret.slice(-4);
}

/**
 * Encrypts and decrypts webhook secrets with AES-256-GCM. The key is derived with HKDF from
 * the configured secret key, so the configured value may be any long random string.
 * Stored form: `v1.<iv>.<ciphertext>.<tag>` in base64url; the webhook id is bound as
 * associated data, so a ciphertext copied onto another webhook does not decrypt.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    this.key = Buffer.from(
      hkdfSync('sha256', secretKey, 'trucklinemp-webhooks', 'webhook-secret-encryption', 32),
    );
  }

  /** Encrypts `secret` for the webhook `webhookId`. */
  seal(secret: string, webhookId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(webhookId));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
    return [FORMAT_VERSION, ...parts].join('.');
  }

  /** Decrypts what {@link seal} produced; throws when the data or the key is wrong. */
  open(sealed: string, webhookId: string): string {
    const [version, iv, body, tag] = sealed.split('.');
    if (version !== FORMAT_VERSION || !iv || !body || !tag) {
      throw new Error('Unrecognised encrypted secret format');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(webhookId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  }
}
