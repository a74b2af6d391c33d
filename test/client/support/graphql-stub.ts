import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stub received. */
export interface StubRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A canned answer: status, body text and content type. */
export interface StubAnswer {
  status?: number;
  body: string;
  contentType?: string;
}

/** A local GraphQL endpoint that records requests and answers what the test queued. */
export interface GraphQLStub {
  url: string;
  requests: StubRequest[];
  answer(answer: StubAnswer | ((request: StubRequest) => StubAnswer)): void;
  close(): Promise<void>;
}

/** Starts a stub on a random loopback port; every request gets the last queued answer. */
export async function startGraphQLStub(): Promise<GraphQLStub> {
  const requests: StubRequest[] = [];
  let next: StubAnswer | ((request: StubRequest) => StubAnswer) = {
    status: 500,
    body: 'no answer queued',
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: StubRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
      requests.push(request);
      const answer = typeof next === 'function' ? next(request) : next;
      res
        .writeHead(answer.status ?? 200, {
          'content-type': answer.contentType ?? 'application/json',
        })
        .end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    answer(answer) {
      next = answer;
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((err) => (err ? reject(err) : resolve())),
      ),
  };
}
