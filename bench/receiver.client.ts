/** The orchestrator's handle on the receiver process (bench/receiver.ts). */
import type { ChildProcess } from 'node:child_process';
import { forkBenchProcess, stopChild } from './child.js';
import { STALL_MS, StallError, StallWatch } from './stall.js';
import type {
  ReceiverCollection,
  ReceiverCounts,
  ReceiverReply,
  ReceiverRequest,
} from './messages.js';

type Answer = Exclude<ReceiverReply, { type: 'ready' }>;

/** A running receiver: where to send, and what arrived. */
export class Receiver {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (reply: Answer) => void; reject: (err: Error) => void }
  >();

  private constructor(
    private readonly child: ChildProcess,
    /** The receiver's port on 127.0.0.1. */
    readonly port: number,
  ) {
    child.on('message', (reply: ReceiverReply) => {
      if (reply.type === 'ready') return;
      this.pending.get(reply.id)?.resolve(reply);
      this.pending.delete(reply.id);
    });
    child.on('exit', (code, signal) => {
      const err = new Error(`the receiver process exited (code ${code}, signal ${signal})`);
      for (const waiter of this.pending.values()) waiter.reject(err);
      this.pending.clear();
    });
  }

  /** Forks the receiver and waits until it listens. */
  static async start(): Promise<Receiver> {
    const child = forkBenchProcess('./receiver.ts');
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the receiver exited early (code ${code})`)));
      child.on('message', (reply: ReceiverReply) => {
        if (reply.type === 'ready') resolve(reply.port);
      });
    });
    child.removeAllListeners('exit');
    return new Receiver(child, port);
  }

  /** Pid of the receiver process. */
  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** The URL a webhook with secret key `key` is registered with. */
  urlFor(key: string): string {
    return `http://127.0.0.1:${this.port}/h/${key}`;
  }

  /** Registers signing secrets by key. */
  async addSecrets(secrets: ReadonlyArray<readonly [string, string]>): Promise<void> {
    await this.ask({ type: 'secrets', secrets });
  }

  /** Starts a new phase: zeroes counters and drops arrival records. */
  async reset(): Promise<void> {
    await this.ask({ type: 'reset' });
  }

  /** Counters since the last reset. */
  async count(): Promise<ReceiverCounts> {
    const reply = await this.ask({ type: 'count' });
    if (reply.type !== 'counts') throw new Error(`unexpected receiver reply ${reply.type}`);
    return reply.counts;
  }

  /** Everything recorded since the last reset; `withTimes` adds every arrival time. */
  async collect(withTimes = false): Promise<ReceiverCollection> {
    const reply = await this.ask({ type: 'collect', withTimes });
    if (reply.type !== 'collection') throw new Error(`unexpected receiver reply ${reply.type}`);
    return reply.collection;
  }

  /**
   * Polls the counters until `isDone` holds. Fails with a {@link StallError} when no new
   * delivery verified for a while, and with a plain error after `timeoutMs`.
   */
  async waitFor(
    isDone: (counts: ReceiverCounts) => boolean,
    options: {
      readonly phase: string;
      readonly timeoutMs: number;
      readonly onPoll?: (counts: ReceiverCounts) => void;
      readonly pollMs?: number;
    },
  ): Promise<ReceiverCounts> {
    const deadline = performance.now() + options.timeoutMs;
    const watch = new StallWatch();
    for (;;) {
      const counts = await this.count();
      options.onPoll?.(counts);
      if (isDone(counts)) return counts;
      if (watch.isStalled(counts.verified)) {
        throw new StallError(
          options.phase,
          `no delivery arrived for ${STALL_MS / 1000} s; ${counts.verified} had`,
        );
      }
      if (performance.now() > deadline) {
        throw new Error(
          `${options.phase}: timed out after ${options.timeoutMs} ms; receiver saw ${JSON.stringify(counts)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
    }
  }

  /** Stops the receiver process. */
  async stop(): Promise<void> {
    await stopChild(this.child);
  }

  private ask(request: ReceiverRequest): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (!this.child.connected) {
        reject(new Error('the receiver process is gone'));
        return;
      }
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, request });
    });
  }
}
