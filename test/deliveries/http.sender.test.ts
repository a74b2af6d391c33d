import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpSender, type OutgoingRequest } from '../../server/src/deliveries/http.sender.js';
import type { DestinationPolicy } from '../../server/src/webhooks/destination.policy.js';

const OPEN: DestinationPolicy = { allowPrivate: true, allowHttp: true };
const GUARDED: DestinationPolicy = { allowPrivate: false, allowHttp: true };

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

interface Received {
  method: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback receiver that counts TCP connections and records what reaches it. */
interface Receiver {
  url: string;
  port: number;
  connections: () => number;
  received: Received[];
  close: () => Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) {
    await cleanups.pop()?.();
  }
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function startReceiver(handler: Handler, server: Server = createServer()): Promise<Receiver> {
  let connections = 0;
  const received: Received[] = [];
  server.on('connection', () => {
    connections += 1;
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  const port = await listen(server);

  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  cleanups.push(close);
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    connections: () => connections,
    received,
    close,
  };
}

function newSender(
  policy: DestinationPolicy,
  extra: Partial<ConstructorParameters<typeof HttpSender>[0]> = {},
): HttpSender {
  const sender = new HttpSender({ policy, ...extra });
  cleanups.push(() => sender.close());
  return sender;
}

function post(url: string, extra: Partial<OutgoingRequest> = {}): OutgoingRequest {
  return {
    url,
    headers: { 'content-type': 'application/json' },
    body: '{"event":"webhook.test"}',
    timeoutMs: 5_000,
    ...extra,
  };
}

/** Answers every name with 127.0.0.1, in the shape the caller asks for. */
const loopbackLookup: LookupFunction = (_hostname, options, callback) => {
  if (options.all) {
    callback(null, [{ address: '127.0.0.1', family: 4 }]);
  } else {
    callback(null, '127.0.0.1', 4);
  }
};

describe('HttpSender', () => {
  it('reports a 2xx answer as SUCCESS with status, headers and body', async () => {
    const receiver = await startReceiver((_req, res) => {
      res.setHeader('x-receiver', 'yes');
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.writeHead(201, { 'content-type': 'text/plain' });
      res.end('accepted ✓');
    });
    const sender = newSender(OPEN);

    const result = await sender.send(post(receiver.url));

    expect(result).toMatchObject({
      outcome: 'SUCCESS',
      responseStatus: 201,
      responseBody: 'accepted ✓',
      error: null,
    });
    expect(result.responseHeaders).toContainEqual({ name: 'x-receiver', value: 'yes' });
    expect(result.responseHeaders).toContainEqual({ name: 'set-cookie', value: 'a=1, b=2' });
    expect(result.responseHeaders).toContainEqual({ name: 'content-type', value: 'text/plain' });
    expect(result.startedAt).toBeInstanceOf(Date);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('delivers the headers and body exactly as given, as a POST', async () => {
    const receiver = await startReceiver((_req, res) => res.end());
    const sender = newSender(OPEN);
    const body = '{"event":"vtc.member_joined","data":{"name":"Zoë 🚚"}}';
    const headers = {
      'Content-Type': 'application/json',
      'X-TrucklineMP-Signature': 'sha256=abc123',
      'X-TrucklineMP-Event': 'vtc.member_joined',
      'User-Agent': 'TrucklineMP-Webhooks/0.1.0',
      'X-Custom': 'value with spaces; and=symbols',
    };

    const result = await sender.send(post(receiver.url, { headers, body }));

    expect(result.outcome).toBe('SUCCESS');
    const [seen] = receiver.received;
    expect(seen.method).toBe('POST');
    expect(seen.body).toBe(body);
    expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    for (const [name, value] of Object.entries(headers)) {
      expect(seen.headers[name.toLowerCase()]).toBe(value);
    }
  });

  it('reports a 500 answer as HTTP_ERROR with its body', async () => {
    const receiver = await startReceiver((_req, res) => {
      res.writeHead(500);
      res.end('boom');
    });
    const sender = newSender(OPEN);

    const result = await sender.send(post(receiver.url));

    expect(result).toMatchObject({
      outcome: 'HTTP_ERROR',
      responseStatus: 500,
      responseBody: 'boom',
      error: null,
    });
  });

  it('reports a redirect as REDIRECT and does not follow it', async () => {
    const target = await startReceiver((_req, res) => res.end('should not be reached'));
    const redirecting = await startReceiver((_req, res) => {
      res.writeHead(302, { location: `${target.url}elsewhere` });
      res.end();
    });
    const sender = newSender(OPEN);

    const result = await sender.send(post(redirecting.url));

    expect(result.outcome).toBe('REDIRECT');
    expect(result.responseStatus).toBe(302);
    expect(result.error).toBe(`redirect (302) to ${target.url}elsewhere not followed`);
    expect(target.connections()).toBe(0);
  });

  it('times out on a server that never answers', async () => {
    const receiver = await startReceiver(() => undefined);
    const sender = newSender(OPEN);

    const started = Date.now();
    const result = await sender.send(post(receiver.url, { timeoutMs: 300 }));

    expect(Date.now() - started).toBeLessThan(1_500);
    expect(result).toMatchObject({
      outcome: 'TIMEOUT',
      responseStatus: null,
      responseBody: null,
      error: 'no complete response within 300 ms',
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('times out on a body that stalls after the headers', async () => {
    const receiver = await startReceiver((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    });
    const sender = newSender(OPEN);

    const started = Date.now();
    const result = await sender.send(post(receiver.url, { timeoutMs: 300 }));

    expect(Date.now() - started).toBeLessThan(1_500);
    expect(result.outcome).toBe('TIMEOUT');
    expect(result.responseStatus).toBe(200);
    expect(result.responseBody).toBe('partial');
  });

  it('reports a closed port as NETWORK_ERROR', async () => {
    const receiver = await startReceiver(() => undefined);
    await receiver.close();
    const sender = newSender(OPEN);

    const result = await sender.send(post(receiver.url));

    expect(result).toMatchObject({ outcome: 'NETWORK_ERROR', responseStatus: null });
    expect(result.error).toBe('connection refused (ECONNREFUSED)');
  });

  it('reports a connection dropped before the answer as NETWORK_ERROR', async () => {
    const receiver = await startReceiver((req) => req.socket.destroy());
    const sender = newSender(OPEN);

    const result = await sender.send(post(receiver.url));

    expect(result.outcome).toBe('NETWORK_ERROR');
    expect(result.error).toMatch(/connection (closed|reset) by the server/);
  });

  it('keeps only the first maxResponseBodyBytes of a 1 MiB body', async () => {
    const receiver = await startReceiver((_req, res) => res.end('x'.repeat(1024 * 1024)));
    const sender = newSender(OPEN);

    const result = await sender.send(post(receiver.url));

    expect(result.outcome).toBe('SUCCESS');
    expect(result.responseBody).toBe('x'.repeat(4096));
  });

  it('stops reading a huge body once the cap is reached', async () => {
    const total = 64 * 1024 * 1024;
    let written = 0;
    let closedEarly = false;
    const receiver = await startReceiver((_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 'y');
      const pump = (): void => {
        while (written < total) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        closedEarly = written < total;
      });
      pump();
    });
    const sender = newSender(OPEN, { maxResponseBodyBytes: 100 });

    const result = await sender.send(post(receiver.url));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(result.responseBody).toBe('y'.repeat(100));
    expect(closedEarly).toBe(true);
  });

  it('does not cut a multi-byte character in two at the cap', async () => {
    const receiver = await startReceiver((_req, res) => res.end('éé'));
    const sender = newSender(OPEN, { maxResponseBodyBytes: 3 });

    const result = await sender.send(post(receiver.url));

    expect(result.responseBody).toBe('é');
  });

  it('reuses keep-alive connections for sequential requests', async () => {
    const receiver = await startReceiver((_req, res) => res.end('ok'));
    const sender = newSender(OPEN);

    for (let i = 0; i < 20; i++) {
      expect((await sender.send(post(receiver.url))).outcome).toBe('SUCCESS');
    }

    expect(receiver.received).toHaveLength(20);
    expect(receiver.connections()).toBeLessThanOrEqual(2);
  });

  it('uses the injected lookup for host names', async () => {
    const receiver = await startReceiver((_req, res) => res.end('ok'));
    const sender = newSender(OPEN, { lookup: loopbackLookup });

    const result = await sender.send(post(`http://receiver.test:${receiver.port}/`));

    expect(result.outcome).toBe('SUCCESS');
    expect(receiver.received[0].headers.host).toBe(`receiver.test:${receiver.port}`);
  });

  it('returns a result instead of throwing once closed', async () => {
    const receiver = await startReceiver((_req, res) => res.end('ok'));
    const sender = new HttpSender({ policy: OPEN });
    await sender.close();

    const result = await sender.send(post(receiver.url));

    expect(result.outcome).toBe('NETWORK_ERROR');
    expect(result.error).toMatch(/^the sender is closed \(UND_ERR_(CLOSED|DESTROYED)\)$/);
  });

  describe('with private destinations refused', () => {
    it('blocks a loopback address literal without connecting', async () => {
      const receiver = await startReceiver((_req, res) => res.end('ok'));
      const sender = newSender(GUARDED);

      const result = await sender.send(post(receiver.url));

      expect(result).toMatchObject({
        outcome: 'BLOCKED_DESTINATION',
        responseStatus: null,
        error: 'loopback address 127.0.0.1 is not allowed',
      });
      expect(receiver.connections()).toBe(0);
    });

    it.each(['http://[::1]:4010/', 'http://[::ffff:127.0.0.1]:4010/', 'http://2130706433:4010/'])(
      'blocks %s without connecting',
      async (url) => {
        const sender = newSender(GUARDED);

        const result = await sender.send(post(url));

        expect(result.outcome).toBe('BLOCKED_DESTINATION');
        expect(result.error).toMatch(/loopback address/);
      },
    );

    it('blocks a host name that resolves to loopback at connect time (DNS rebinding)', async () => {
      const receiver = await startReceiver((_req, res) => res.end('ok'));
      const sender = newSender(GUARDED, { lookup: loopbackLookup });

      const result = await sender.send(post(`http://rebind.example.com:${receiver.port}/`));

      expect(result.outcome).toBe('BLOCKED_DESTINATION');
      expect(result.error).toBe(
        'host rebind.example.com resolves to loopback address 127.0.0.1, which is not allowed',
      );
      expect(receiver.connections()).toBe(0);
    });

    it('blocks a rebinding lookup that only answers the single-address shape', async () => {
      const receiver = await startReceiver((_req, res) => res.end('ok'));
      const singleShape: LookupFunction = (_hostname, _options, callback) =>
        callback(null, '127.0.0.1', 4);
      const sender = newSender(GUARDED, { lookup: singleShape });

      const result = await sender.send(post(`http://rebind.example.com:${receiver.port}/`));

      expect(result.outcome).toBe('BLOCKED_DESTINATION');
      expect(receiver.connections()).toBe(0);
    });

    it('blocks plain http, user-info and refused ports before connecting', async () => {
      const noHttp = newSender({ allowPrivate: false, allowHttp: false });
      const sender = newSender(GUARDED);

      const http = await noHttp.send(post('http://example.com/'));
      const userInfo = await sender.send(post('https://user:s3cret@example.com/'));
      const port = await sender.send(post('https://example.com:22/'));

      expect(http).toMatchObject({ outcome: 'BLOCKED_DESTINATION' });
      expect(http.error).toMatch(/plain http is not allowed/);
      expect(userInfo.outcome).toBe('BLOCKED_DESTINATION');
      expect(userInfo.error).not.toContain('s3cret');
      expect(port.error).toMatch(/port 22 is not allowed/);
    });
  });

  describe('over https', () => {
    const hasOpenssl = (() => {
      try {
        execFileSync('openssl', ['version'], { stdio: 'ignore' });
        return true;
      } catch {
        // No openssl on this machine: the TLS test is skipped, the others do not need it.
        return false;
      }
    })();

    it.skipIf(!hasOpenssl)('reports an untrusted certificate as a NETWORK_ERROR', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'http-sender-tls-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      const key = path.join(dir, 'key.pem');
      const cert = path.join(dir, 'cert.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) });
      const receiver = await startReceiver((_req, res) => res.end('ok'), server);
      const sender = newSender(OPEN);

      const result = await sender.send(post(`https://127.0.0.1:${receiver.port}/`));

      expect(result.outcome).toBe('NETWORK_ERROR');
      expect(result.error).toMatch(/^TLS error: .*self[- ]signed/i);
      expect(receiver.received).toHaveLength(0);
    });
  });
});
