import { describe, expect, it } from 'vitest';
import { nextStateAfterAttempt } from '../../server/src/deliveries/retry-schedule.js';

const schedule = [30_000, 120_000, 600_000];
const now = new Date('2026-06-30T12:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const auto = (scheduledAttempts: number) => ({ scheduledAttempts, manual: false, resumeAt: null });

describe('nextStateAfterAttempt', () => {
  it.each([
    [0, 'RETRYING', at(30_000)],
    [1, 'RETRYING', at(120_000)],
    [2, 'RETRYING', at(600_000)],
    [3, 'FAILED', null],
  ])('after failed automatic attempt %i+1 → %s', (done, status, next) => {
    expect(nextStateAfterAttempt(auto(done), false, schedule, now)).toEqual({
      status,
      scheduledAttempts: done + 1,
      nextAttemptAt: next,
    });
  });

  it('succeeds whatever the attempt', () => {
    expect(nextStateAfterAttempt(auto(3), true, schedule, now)).toEqual({
      status: 'SUCCEEDED',
      scheduledAttempts: 4,
      nextAttemptAt: null,
    });
  });

  it('does not count a manual attempt against the schedule', () => {
    const manual = { scheduledAttempts: 4, manual: true, resumeAt: null };
    expect(nextStateAfterAttempt(manual, false, schedule, now)).toEqual({
      status: 'FAILED',
      scheduledAttempts: 4,
      nextAttemptAt: null,
    });
  });

  it('resumes a pending schedule after a failed manual attempt', () => {
    const manual = { scheduledAttempts: 1, manual: true, resumeAt: at(90_000) };
    expect(nextStateAfterAttempt(manual, false, schedule, now)).toEqual({
      status: 'RETRYING',
      scheduledAttempts: 1,
      nextAttemptAt: at(90_000),
    });
  });

  it('makes one attempt only with an empty schedule', () => {
    expect(nextStateAfterAttempt(auto(0), false, [], now).status).toBe('FAILED');
  });
});
