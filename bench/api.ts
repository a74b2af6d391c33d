/**
 * Talking to the service's API through the typed client (`client/src`), with an undici
 * keep-alive Agent as its `fetch`: Node's global `fetch` costs several times the CPU per
 * request, which the publishers would take from the service on this small machine.
 */
import { Agent, request } from 'undici';
import { createWebhooksClient, type FetchLike, type WebhooksClient } from '../client/src/index.js';

/** A `fetch` for the typed client over one keep-alive Agent. */
export interface HttpTransport {
  readonly fetch: FetchLike;
  close(): Promise<void>;
}

/** Creates a transport that keeps up to `connections` connections per origin. */
export function createTransport(connections: number): HttpTransport {
  const agent = new Agent({ connections, pipelining: 1 });
  const fetchLike: FetchLike = async (url, init) => {
    const res = await request(url, {
      dispatcher: agent,
      method: 'POST',
      headers: init.headers,
      body: init.body,
      ...(init.signal ? { signal: init.signal } : {}),
    });
    const text = await res.body.text();
    return {
      status: res.statusCode,
      ok: res.statusCode >= 200 && res.statusCode < 300,
      text: async () => text,
    };
  };
  return { fetch: fetchLike, close: () => agent.close() };
}

/** A typed client for `graphqlUrl` acting as `token`. */
export function createApi(
  graphqlUrl: string,
  token: string,
  transport: HttpTransport,
): WebhooksClient {
  return createWebhooksClient({ url: graphqlUrl, token, fetch: transport.fetch });
}

/** Runs `task(i)` for i in 0…count-1 with at most `concurrency` at a time, in order of i. */
export async function runPool<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
  onDone: (done: number) => void = () => undefined,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
      onDone(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
