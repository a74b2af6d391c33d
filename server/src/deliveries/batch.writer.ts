import type { Logger } from '../logger.js';

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Groups writes: items added while a write is running go out together in the next one, so
 * a busy worker makes one round trip per batch instead of one per delivery, and an idle one
 * writes at once.
 */
export class BatchWriter<T> {
  private pending: Pending<T>[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly write: (batch: readonly T[]) => Promise<void>,
    private readonly log: Logger,
    private readonly maxBatch: number,
  ) {}

  /** Resolves once `item` has been written; rejects if its batch failed. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.writing) this.writing = this.drain();
    });
  }

  /** Resolves when everything added so far has been written (or has failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    // Let the current turn of the event loop add its items before the first write.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        await this.write(batch.map((p) => p.item));
        for (const p of batch) p.resolve();
      } catch (err: unknown) {
        this.log.warn({ err, size: batch.length }, 'batched write failed');
        for (const p of batch) p.reject(err);
      }
    }
    this.writing = null;
  }
}
