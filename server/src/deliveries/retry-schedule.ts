import type { DeliveryStatus } from './delivery.entity.js';

/** What a claimed delivery looked like when its attempt started. */
export interface AttemptContext {
  /** Automatic attempts made before this one. */
  readonly scheduledAttempts: number;
  /** Whether this attempt was asked for by a developer (retry now, send test). */
  readonly manual: boolean;
  /** For a manual attempt: when the automatic schedule continues, if it had attempts left. */
  readonly resumeAt: Date | null;
}

/** Where a delivery goes after an attempt. */
export interface NextState {
  readonly status: DeliveryStatus;
  readonly scheduledAttempts: number;
  readonly nextAttemptAt: Date | null;
}

/**
 * Decides the state after an attempt. Automatic attempts follow `scheduleMs` (the delays
 * before the 2nd, 3rd, … attempt); a manual attempt never restarts the schedule: when it
 * fails, the delivery resumes its own schedule if one was pending, and is FAILED otherwise.
 */
export function nextStateAfterAttempt(
  context: AttemptContext,
  succeeded: boolean,
  scheduleMs: readonly number[],
  now: Date,
): NextState {
  const scheduledAttempts = context.scheduledAttempts + (context.manual ? 0 : 1);
  if (succeeded) {
    return { status: 'SUCCEEDED', scheduledAttempts, nextAttemptAt: null };
  }
  if (context.manual) {
    return context.resumeAt
      ? { status: 'RETRYING', scheduledAttempts, nextAttemptAt: context.resumeAt }
      : { status: 'FAILED', scheduledAttempts, nextAttemptAt: null };
  }
  const delay = scheduleMs[scheduledAttempts - 1];
  if (delay === undefined) {
    return { status: 'FAILED', scheduledAttempts, nextAttemptAt: null };
  }
  return { status: 'RETRYING', scheduledAttempts, nextAttemptAt: new Date(now.getTime() + delay) };
}
