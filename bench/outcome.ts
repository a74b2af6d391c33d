/** How a phase ended: with figures, stalled (the service stopped delivering), or skipped. */
export type Outcome<T> =
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'stalled' | 'skipped'; readonly reason: string };

/** The figures of an outcome, or undefined when the phase did not complete. */
export function valueOf<T>(outcome: Outcome<T>): T | undefined {
  return outcome.status === 'ok' ? outcome.value : undefined;
}
