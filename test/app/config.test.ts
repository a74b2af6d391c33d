import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseRetrySchedule } from '../../server/src/config.js';

describe('parseRetrySchedule', () => {
  it.each([
    ['30s,2m,10m', [30_000, 120_000, 600_000]],
    ['500ms', [500]],
    [' 1s , 1.5s ', [1000, 1500]],
    ['1h', [3_600_000]],
  ])('reads %j', (text, ms) => {
    expect(parseRetrySchedule(text)).toEqual(ms);
  });

  it.each(['30', 'soon', '30s,,2m', '-1s', '0s', '8d', '1s'.concat(',1s'.repeat(20))])(
    'refuses %j',
    (text) => {
      expect(typeof parseRetrySchedule(text)).toBe('string');
    },
  );
});

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      databaseUrl: undefined,
      dataDir: '/srv/app/.data',
      port: 4000,
      role: 'all',
      retryScheduleMs: [30_000, 120_000, 600_000],
      allowPrivateDestinations: false,
      allowHttp: false,
      logLevel: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('needs the secret key and platform key with DATABASE_URL (the worker needs no platform key)', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x' })).toThrow(ConfigError);
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://db/x',
        WEBHOOKS_SECRET_KEY: 'k'.repeat(32),
        WEBHOOKS_ROLE: 'worker',
      }).role,
    ).toBe('worker');
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: '99999', WEBHOOKS_ROLE: 'x', WEBHOOKS_SECRET_KEY: 'short' });
      expect.unreachable();
    } catch (err: unknown) {
      expect((err as ConfigError).problems).toHaveLength(3);
    }
  });
});
