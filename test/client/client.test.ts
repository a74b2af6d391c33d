import { createServer } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';

import {
  createWebhooksClient,
  CreateWebhookDocument,
  WebhooksApiError,
  type CreateWebhookMutation,
  type FetchLike,
  type RequestOptions,
  type ViewerQueryVariables,
  type WebhooksClient,
} from '../../client/src/index.js';
import { startGraphQLStub, type GraphQLStub } from './support/graphql-stub.js';

const WEBHOOK = {
  id: 'wh_1',
  name: 'Production',
  url: 'https://example.com/hooks',
  description: null,
  enabled: true,
  events: ['vtc.member_joined'],
  subscriptions: [
    { id: 's1', eventType: 'vtc.member_joined', createdAt: '2026-06-30T12:00:00.000Z' },
  ],
  headers: [],
  timeoutSeconds: 30,
  secretHint: 'whsec_…AbCd',
  secretRotatedAt: null,
  createdAt: '2026-06-30T12:00:00.000Z',
  updatedAt: '2026-06-30T12:00:00.000Z',
};

let stub: GraphQLStub;
beforeAll(async () => {
  stub = await startGraphQLStub();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
});

describe('createWebhooksClient', () => {
  it('posts the operation as JSON with the bearer token and returns typed data', async () => {
    const data = { createWebhook: { webhook: WEBHOOK, secret: 'whsec_abc' } };
    stub.answer({ body: JSON.stringify({ data }) });
    const client = createWebhooksClient({ url: stub.url, token: 'tok_123' });

    const input = { name: 'Production', url: WEBHOOK.url, events: ['vtc.member_joined'] };
    const result = await client.createWebhook({ input });

    expectTypeOf(result).toEqualTypeOf<CreateWebhookMutation>();
    expectTypeOf(result.createWebhook.secret).toEqualTypeOf<string>();
    expect(result).toEqual(data);
    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/graphql');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers.authorization).toBe('Bearer tok_123');
    expect(request!.body).toEqual({
      query: (CreateWebhookDocument as { __meta__?: { query?: string } }).__meta__?.query,
      variables: { input },
      operationName: 'CreateWebhook',
    });
    expect((request!.body as { query: string }).query).toMatch(
      /^mutation CreateWebhook\(\$input: CreateWebhookInput!\)[\s\S]*fragment WebhookFields on Webhook/,
    );
  });

  it('sends no Authorization header without a token, and empty variables for none', async () => {
    const eventTypes = [{ name: 'webhook.test', description: 'Test', group: 'Testing' }];
    stub.answer({ body: JSON.stringify({ data: { eventTypes } }) });

    const result = await createWebhooksClient({ url: stub.url }).eventTypes();

    expect(result.eventTypes).toEqual(eventTypes);
    expect(stub.requests[0]!.headers.authorization).toBeUndefined();
    expect(stub.requests[0]!.body).toMatchObject({ variables: {}, operationName: 'EventTypes' });
  });

  it('throws WebhooksApiError with the code, field and status of a GraphQL error', async () => {
    const errors = [
      {
        message: 'input.url: must be an absolute URL',
        path: ['createWebhook'],
        extensions: { code: 'BAD_USER_INPUT', field: 'input.url' },
      },
    ];
    stub.answer({ body: JSON.stringify({ data: null, errors }) });
    const client = createWebhooksClient({ url: stub.url, token: 't' });

    const error = await client
      .createWebhook({ input: { name: 'x', url: 'nope', events: ['webhook.test'] } })
      .catch((err: unknown) => err);

    expect(error).toBeInstanceOf(WebhooksApiError);
    expect(error).toMatchObject({
      name: 'WebhooksApiError',
      message: 'input.url: must be an absolute URL',
      code: 'BAD_USER_INPUT',
      field: 'input.url',
      status: 200,
      errors,
    });
  });

  it('reads GraphQL errors from a non-2xx answer', async () => {
    const errors = [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }];
    stub.answer({
      status: 401,
      body: JSON.stringify({ errors }),
      contentType: 'application/graphql-response+json',
    });

    const error = await createWebhooksClient({ url: stub.url })
      .viewer()
      .catch((err: unknown) => err);

    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', field: undefined, status: 401 });
  });

  it('throws HTTP_ERROR for a non-2xx answer without a GraphQL body', async () => {
    stub.answer({ status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' });

    const error = await createWebhooksClient({ url: stub.url })
      .webhooks({ first: 10 })
      .catch((err: unknown) => err);

    expect(error).toBeInstanceOf(WebhooksApiError);
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 502, errors: [] });
  });

  it('throws INVALID_RESPONSE for a 2xx answer without data', async () => {
    stub.answer({ body: '{"hello":"world"}' });

    const error = await createWebhooksClient({ url: stub.url })
      .apiTokens()
      .catch((err: unknown) => err);

    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', status: 200 });
  });

  it('lets network errors propagate with their cause', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/graphql`;

    const error = await createWebhooksClient({ url })
      .viewer()
      .catch((err: unknown) => err);

    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(WebhooksApiError);
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('uses the fetch it is given', async () => {
    const calls: Parameters<FetchLike>[] = [];
    const fetch: FetchLike = async (...args) => {
      calls.push(args);
      const body = JSON.stringify({ data: { webhook: null } });
      return { status: 200, ok: true, text: async () => body };
    };
    const client = createWebhooksClient({ url: 'https://api.invalid/graphql', token: 'k', fetch });

    const result = await client.webhook({ id: 'wh_404' });

    expect(result).toEqual({ webhook: null });
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0]!;
    expect(url).toBe('https://api.invalid/graphql');
    expect(init.method).toBe('POST');
    expect(init.headers.authorization).toBe('Bearer k');
    expect(JSON.parse(init.body)).toMatchObject({
      variables: { id: 'wh_404' },
      operationName: 'Webhook',
    });
  });

  it('passes an abort signal through', async () => {
    let seen: AbortSignal | undefined;
    const fetch: FetchLike = async (_url, init) => {
      seen = init.signal;
      return { status: 200, ok: true, text: async () => '{"data":{"apiTokens":[]}}' };
    };
    const controller = new AbortController();

    await createWebhooksClient({ url: 'https://api.invalid/graphql', fetch }).apiTokens(undefined, {
      signal: controller.signal,
    });

    expect(seen).toBe(controller.signal);
  });

  it('types each method from its document', () => {
    expectTypeOf<Parameters<WebhooksClient['viewer']>>().toEqualTypeOf<
      [variables?: ViewerQueryVariables, options?: RequestOptions]
    >();
    expectTypeOf<Parameters<WebhooksClient['webhook']>[0]>().toEqualTypeOf<{
      id: string | number;
    }>();
    expectTypeOf<Awaited<ReturnType<WebhooksClient['deleteWebhook']>>>().toEqualTypeOf<{
      deleteWebhook: string;
    }>();
    const client = createWebhooksClient({ url: '' });
    // @ts-expect-error -- `webhook` needs its id
    void (() => client.webhook());
    // @ts-expect-error -- `first` is an Int
    void (() => client.webhooks({ first: 'ten' }));
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
