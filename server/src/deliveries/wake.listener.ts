import pg from 'pg';
import type { Logger } from '../logger.js';
import { WAKE_CHANNEL } from './delivery.queue.js';

const RECONNECT_DELAY_MS = 1000;

/**
 * Listens for the NOTIFY that publishing sends on commit and wakes the dispatcher, so a
 * worker in another process starts a new delivery within milliseconds rather than at its
 * next poll. When the connection drops it reconnects; meanwhile the poll keeps work moving.
 */
export class WakeListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly onWake: () => void,
    private readonly log: Logger,
  ) {}

  /** Connects and starts listening; resolves once the first LISTEN is in place. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', () => this.onWake());
    client.on('error', (err) => {
      if (this.client !== client) return;
      this.log.warn({ err }, 'wake-up listener connection lost');
      this.client = null;
      // The client is already closing; ending it again can only repeat the same error.
      client.end().catch(() => undefined);
      this.reconnectLater();
    });
    await client.connect();
    await client.query(`listen ${WAKE_CHANNEL}`);
    this.client = client;
    // Work committed while no one was listening is picked up by this wake-up.
    this.onWake();
  }

  private reconnectLater(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.connect().catch((err: unknown) => {
        this.log.warn({ err }, 'wake-up listener could not reconnect');
        this.reconnectLater();
      });
    }, RECONNECT_DELAY_MS);
  }
}
