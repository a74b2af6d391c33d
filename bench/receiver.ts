/**
 * The bench's webhook receiver, run as its own process (forked by bench/receiver.client.ts).
 * It verifies every request's signature the way the public docs tell receivers to, counts
 * arrivals, and records arrival times per event id and per second. A request to `/h/<key>`
 * is checked with the secret registered for `<key>`; the key `raw` is the raw-ceiling sender.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { epochNow } from './clock.js';
import type {
  EventArrivals,
  ReceiverCollection,
  ReceiverCounts,
  ReceiverReply,
  ReceiverRequest,
} from './messages.js';

/** The key whose requests are only counted (no per-event records, no duplicate check). */
const RAW_KEY = 'raw';
const PATH_PREFIX = '/h/';

interface MutableCounts {
  arrived: number;
  verified: number;
  badSignature: number;
  unknownPath: number;
  duplicates: number;
}

interface MutableArrivals {
  count: number;
  first: number;
  last: number;
  times: number[];
}

const secrets = new Map<string, string>();
let counts: MutableCounts = emptyCounts();
let perSecond = new Map<number, number>();
let events = new Map<string, MutableArrivals>();
let seen = new Set<string>();

function emptyCounts(): MutableCounts {
  return { arrived: 0, verified: 0, badSignature: 0, unknownPath: 0, duplicates: 0 };
}

function isValidSignature(body: Buffer, header: string | undefined, secret: string): boolean {
  const expected = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
  if (header === undefined || header.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(header), Buffer.from(expected));
}

function record(key: string, eventId: string, arrivedAt: number): void {
  const second = Math.floor(arrivedAt / 1000);
  perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  if (key === RAW_KEY) return;

  const pair = `${key} ${eventId}`;
  if (seen.has(pair)) {
    counts.duplicates++;
    return;
  }
  seen.add(pair);
  const entry = events.get(eventId);
  if (entry === undefined) {
    events.set(eventId, { count: 1, first: arrivedAt, last: arrivedAt, times: [arrivedAt] });
  } else {
    entry.count++;
    entry.times.push(arrivedAt);
    entry.first = Math.min(entry.first, arrivedAt);
    entry.last = Math.max(entry.last, arrivedAt);
  }
}

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const arrivedAt = epochNow();
  counts.arrived++;
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const url = req.url ?? '';
    const key = url.startsWith(PATH_PREFIX) ? url.slice(PATH_PREFIX.length) : '';
    const secret = secrets.get(key);
    if (secret === undefined) {
      counts.unknownPath++;
      res.writeHead(404, { 'content-length': '0' }).end();
      return;
    }
    const signature = req.headers['x-trucklinemp-signature'];
    const header = typeof signature === 'string' ? signature : undefined;
    if (!isValidSignature(Buffer.concat(chunks), header, secret)) {
      counts.badSignature++;
      res.writeHead(401, { 'content-length': '0' }).end();
      return;
    }
    counts.verified++;
    const delivery = req.headers['x-trucklinemp-delivery'];
    record(key, typeof delivery === 'string' ? delivery : '', arrivedAt);
    res.writeHead(200, { 'content-length': '0' }).end();
  });
}

function collect(withTimes: boolean): ReceiverCollection {
  const arrivals: EventArrivals[] = [];
  for (const [eventId, { count, first, last, times }] of events) {
    arrivals.push({ eventId, count, first, last, ...(withTimes ? { times } : {}) });
  }
  return {
    counts: { ...counts },
    perSecond: [...perSecond.entries()].sort((a, b) => a[0] - b[0]),
    events: arrivals,
  };
}

function answer(id: number, request: ReceiverRequest): ReceiverReply {
  switch (request.type) {
    case 'secrets':
      for (const [key, secret] of request.secrets) secrets.set(key, secret);
      return { type: 'ok', id };
    case 'reset':
      counts = emptyCounts();
      perSecond = new Map();
      events = new Map();
      seen = new Set();
      return { type: 'ok', id };
    case 'count':
      return { type: 'counts', id, counts: { ...counts } satisfies ReceiverCounts };
    case 'collect':
      return { type: 'collection', id, collection: collect(request.withTimes === true) };
  }
}

const server = http.createServer({ keepAlive: true }, handle);
// Longer than any pause between phases, so senders keep their connections.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;

process.on('message', (message: { id: number; request: ReceiverRequest }) => {
  process.send?.(answer(message.id, message.request));
});
// The orchestrator is gone (or done): nothing is left to receive for.
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', port } satisfies ReceiverReply);
});
