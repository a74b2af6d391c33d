/** Clocks shared by the bench's processes. */

/** Epoch milliseconds with the monotonic clock's precision (comparable across processes). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** CLOCK_MONOTONIC in microseconds: the clock V8's CPU profiles stamp their samples with. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
