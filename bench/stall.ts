/**
 * Stalls: the service stops delivering while work is outstanding. A phase that sees no new
 * arrival for {@link STALL_MS} gives up with a {@link StallError} carrying a diagnosis, instead
 * of waiting for request timeouts minutes later.
 */

/** How long without a single new arrival counts as a stall. */
export const STALL_MS = 10_000;
/** Upper bound for one API request; a stalled service would otherwise hold it for 300 s. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Describes the state of the service when a phase stalled (CPU, database sessions). */
export type Diagnose = () => Promise<string>;

/** A phase ended because the service stopped delivering. */
export class StallError extends Error {
  constructor(
    readonly phase: string,
    /** What was outstanding and what the service was doing. */
    readonly detail: string,
  ) {
    super(`${phase} stalled: ${detail}`);
    this.name = 'StallError';
  }
}

/** Tracks progress of a counter and says when it has not moved for {@link STALL_MS}. */
export class StallWatch {
  private last = -1;
  private movedAt = performance.now();

  /** Feeds the current count; true when it has not grown for too long. */
  isStalled(count: number): boolean {
    const now = performance.now();
    if (count !== this.last) {
      this.last = count;
      this.movedAt = now;
      return false;
    }
    return now - this.movedAt > STALL_MS;
  }
}

/** A signal that aborts after {@link REQUEST_TIMEOUT_MS}, or with `signal`, whichever is first. */
export function requestSignal(signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
