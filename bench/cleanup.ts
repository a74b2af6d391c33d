/** Undo steps of a run: stop the service, the receiver, Postgres. */

/** Steps run last-in first-out, once, on success, failure or Ctrl-C. */
export class Cleanup {
  private readonly steps: Array<() => Promise<unknown>> = [];
  private running: Promise<void> | null = null;

  /** Registers an undo step. */
  push(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  /** Runs every step (again calls return the same promise). */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        await step().catch((err: unknown) => {
          // Keep undoing the rest: a half-stopped bench would leave processes behind.
          process.stderr.write(`cleanup step failed: ${describeError(err)}\n`);
        });
      }
    })();
    return this.running;
  }
}

/** An error and its causes, one per line. */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined; e = e instanceof Error ? e.cause : undefined) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return parts.join('\n  caused by: ');
}
