/** Whether every expected delivery of a phase arrived exactly once with a valid signature. */
import type { ReceiverCounts } from './messages.js';

/** The receiver's view of a phase, judged against what was published. */
export interface DeliveryCheck {
  readonly expected: number;
  /** Distinct deliveries that arrived with a valid signature. */
  readonly verified: number;
  readonly badSignature: number;
  readonly unknownPath: number;
  /** Verified arrivals of a delivery that had arrived before (allowed: at least once). */
  readonly duplicates: number;
  /** Every expected delivery arrived and verified, and nothing failed verification. */
  readonly ok: boolean;
}

/** Judges `counts` against `expected` deliveries. */
export function checkDeliveries(expected: number, counts: ReceiverCounts): DeliveryCheck {
  const verified = counts.verified - counts.duplicates;
  return {
    expected,
    verified,
    badSignature: counts.badSignature,
    unknownPath: counts.unknownPath,
    duplicates: counts.duplicates,
    ok: verified === expected && counts.badSignature === 0 && counts.unknownPath === 0,
  };
}

/** Number of distinct deliveries verified so far. */
export function distinctVerified(counts: ReceiverCounts): number {
  return counts.verified - counts.duplicates;
}
