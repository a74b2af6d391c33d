import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';

// The verification function printed on the platform's public webhooks page, as printed there.
function verifySignature(rawBody: Buffer, signatureHeader: string | undefined, secret: string) {
  const expected = 'sha256=' + createHmac('sha256', secret).update(rawBody).digest('hex');
  if (!signatureHeader || signatureHeader.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(signatureHeader), Buffer.from(expected));
}

/** One request the receiver got. */
export interface Received {
  readonly path: string;
  readonly method: string;
  /** Header names in the order and case they arrived. */
  readonly rawHeaders: string[];
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** Whether the seed page's function accepted the signature with the path's secret. */
  readonly verified: boolean;
  readonly at: number;
}

/** How to answer a request; the default is 200 "ok". */
export type Reply = {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (the connection stays open until the server closes). */
  hang?: boolean;
};

/** A loopback HTTP receiver that verifies every delivery like an integrator would. */
export class Receiver {
  readonly received: Received[] = [];
  private readonly secrets = new Map<string, string>();
  private readonly replies = new Map<string, (r: Received) => Reply>();
  private readonly server: http.Server;
  private waiters: Array<() => void> = [];

  constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const path = req.url ?? '/';
        const secret = this.secrets.get(path);
        const received: Received = {
          path,
          method: req.method ?? '',
          rawHeaders: req.rawHeaders.filter((_, i) => i % 2 === 0),
          headers: req.headers,
          body: raw.toString('utf8'),
          verified:
            secret !== undefined &&
            verifySignature(raw, req.headers['x-trucklinemp-signature'] as string, secret),
          at: Date.now(),
        };
        this.received.push(received);
        for (const wake of this.waiters.splice(0)) wake();
        const reply = this.replies.get(path)?.(received) ?? {};
        if (reply.hang) return;
        setTimeout(() => {
          res.writeHead(reply.status ?? 200, reply.headers ?? { 'content-type': 'text/plain' });
          res.end(reply.body ?? 'ok');
        }, reply.delayMs ?? 0);
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** A URL on this receiver; `path` should be unique per webhook. */
  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The secret deliveries to `path` must be signed with. */
  expectSecret(path: string, secret: string): void {
    this.secrets.set(path, secret);
  }

  /** How to answer requests to `path`. */
  reply(path: string, answer: (r: Received) => Reply): void {
    this.replies.set(path, answer);
  }

  /** Requests to `path` so far. */
  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Waits until `path` has received `count` requests. */
  async waitFor(path: string, count: number, timeoutMs = 10_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.at(path).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`${path} received ${this.at(path).length} of ${count} requests`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.at(path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
