/** Webhooks whose opened secret is kept; a fan-out to more than this opens some twice. */
const MAX_ENTRIES = 20_000;

/**
 * Opened signing secrets by webhook id, so a busy worker decrypts each webhook's secret once
 * rather than once per delivery. An entry is used only while the stored ciphertext is the
 * one it was opened from, so a rotated secret is picked up by the next delivery. Secrets
 * stay in this process's memory only, as they already do while a request is signed.
 */
export class SecretCache {
  private readonly entries = new Map<string, { sealed: string; secret: string }>();

  constructor(
    private readonly open: (webhook: { id: string; secretCiphertext: string }) => string,
  ) {}

  /** The secret of `webhook`, opened now or earlier from the same ciphertext. */
  get(webhook: { id: string; secretCiphertext: string }): string {
    const entry = this.entries.get(webhook.id);
    if (entry?.sealed === webhook.secretCiphertext) return entry.secret;
    const secret = this.open(webhook);
    if (this.entries.size >= MAX_ENTRIES) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(webhook.id, { sealed: webhook.secretCiphertext, secret });
    return secret;
  }
}
