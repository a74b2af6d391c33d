/** The event bodies the bench publishes: small, like a typical platform event. */

/** `data` of the events of the throughput and latency phases. */
export function memberJoinedData(sequence: number): Record<string, unknown> {
  return {
    vtcId: 4200 + (sequence % 50),
    vtcName: 'Bench Logistics',
    userId: 100_000 + sequence,
    displayName: `Driver ${sequence}`,
    role: 'member',
    joinedAt: '2026-01-01T12:00:00.000Z',
  };
}
