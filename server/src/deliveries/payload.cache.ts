/** Total payload bytes kept; a fan-out reads its event once, not once per delivery. */
const MAX_CACHED_BYTES = 32 * 1024 * 1024;

/**
 * Event bodies by event id, least recently used out first. Bodies never change after
 * publishing, so a cached one is never stale.
 */
export class PayloadCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly load: (ids: readonly string[]) => Promise<Map<string, string>>) {}

  /** The bodies of `ids`, loading the missing ones in one query. */
  async get(ids: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const missing: string[] = [];
    for (const id of ids) {
      const payload = this.entries.get(id);
      if (payload === undefined) {
        missing.push(id);
      } else {
        this.entries.delete(id);
        this.entries.set(id, payload);
        found.set(id, payload);
      }
    }
    if (missing.length > 0) {
      for (const [id, payload] of await this.load(missing)) {
        found.set(id, payload);
        this.remember(id, payload);
      }
    }
    return found;
  }

  private remember(id: string, payload: string): void {
    if (this.entries.has(id)) return;
    this.entries.set(id, payload);
    this.bytes += payload.length;
    for (const [oldId, oldPayload] of this.entries) {
      if (this.bytes <= MAX_CACHED_BYTES) break;
      this.entries.delete(oldId);
      this.bytes -= oldPayload.length;
    }
  }
}
