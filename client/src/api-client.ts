import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';

import { WebhooksApiError, type GraphQLErrorEntry } from './api-error.js';
import * as generated from './gql/graphql.js';

/** The subset of `RequestInit` the client passes to `fetch`. */
export interface FetchInit {
  /** Always `POST`. */
  method: string;
  /** `content-type`, `accept`, `authorization` when a token is set, and any extra headers. */
  headers: Record<string, string>;
  /** The JSON request: `{ query, variables, operationName }`. */
  body: string;
  /** The caller's abort signal, when one was given. */
  signal?: AbortSignal;
}

/** The subset of a fetch `Response` the client reads. */
export interface FetchResponseLike {
  /** The HTTP status code. */
  readonly status: number;
  /** Whether the status is 2xx. */
  readonly ok: boolean;
  /** The whole body as text. */
  text(): Promise<string>;
}

/** A `fetch`-compatible function: the global one, undici's, or a test double. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

/** How to reach the API. */
export interface WebhooksClientOptions {
  /** The GraphQL endpoint, e.g. `https://webhooks.example.com/graphql`. */
  url: string;
  /** A developer API token or the platform key, sent as `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** The `fetch` to use; the global `fetch` by default. */
  fetch?: FetchLike | undefined;
  /** Extra headers sent with every request. */
  headers?: Readonly<Record<string, string>> | undefined;
}

/** Options for one call. */
export interface RequestOptions {
  /** Aborts the request; the `fetch` abort error propagates. */
  signal?: AbortSignal | undefined;
}

type GeneratedExports = typeof generated;

/** Each operation document of the package, keyed by its API field name (`webhooks`, ...). */
export type OperationDocuments = {
  [
    K in keyof GeneratedExports as K extends `${infer Name}Document` ? Uncapitalize<Name> : never
  ]: GeneratedExports[K];
};

/** The name of an API operation the client offers, e.g. `'createWebhook'`. */
export type OperationName = keyof OperationDocuments;

/** A client method: takes the operation's variables (optional when none is required). */
export type OperationMethod<TDocument> =
  Record<string, never> extends VariablesOf<TDocument>
    ? (variables?: VariablesOf<TDocument>, options?: RequestOptions) => Promise<ResultOf<TDocument>>
    : (variables: VariablesOf<TDocument>, options?: RequestOptions) => Promise<ResultOf<TDocument>>;

/**
 * One typed async method per API operation, named after its field: `viewer()`,
 * `webhooks({ first, after })`, `createWebhook({ input })`, ... Each resolves to the
 * operation's `data`, e.g. `{ createWebhook: { webhook, secret } }`.
 */
export type WebhooksClient = {
  readonly [K in OperationName]: OperationMethod<OperationDocuments[K]>;
};

interface PreparedOperation {
  readonly query: string;
  readonly operationName: string;
}

/**
 * Creates a client for the TrucklineMP Webhooks API. Its methods are derived from the
 * package's operation documents, so every API operation has one.
 */
export function createWebhooksClient(options: WebhooksClientOptions): WebhooksClient {
  const methods: Record<string, (variables?: unknown, init?: RequestOptions) => Promise<unknown>> =
    {};
  for (const [operationName, operation] of prepareOperations()) {
    const methodName = operationName.charAt(0).toLowerCase() + operationName.slice(1);
    methods[methodName] = (variables, init) => sendOperation(options, operation, variables, init);
  }

  // The names and signatures match by construction: both come from the `*Document` exports.
  return Object.freeze(methods) as unknown as WebhooksClient;
}

/** The generated operation documents, as `[operationName, { query, operationName }]`. */
function prepareOperations(): Map<string, PreparedOperation> {
  const operations = new Map<string, PreparedOperation>();
  for (const [exportName, document] of Object.entries(generated)) {
    if (!exportName.endsWith('Document')) continue;

    const definition = document.definitions.find((d) => d.kind === 'OperationDefinition');
    const operationName = definition?.name?.value;
    // codegen.ts embeds the printed document (fragments included) as `__meta__.query`.
    const query = (document as { __meta__?: { query?: unknown } }).__meta__?.query;
    if (operationName === undefined || typeof query !== 'string') {
      throw new Error(`${exportName} lacks an operation name or its query text; run codegen.`);
    }
    operations.set(operationName, { query, operationName });
  }
  return operations;
}

async function sendOperation(
  options: WebhooksClientOptions,
  operation: PreparedOperation,
  variables: unknown,
  init: RequestOptions | undefined,
): Promise<unknown> {
  const headers: Record<string, string> = {
    ...options.headers,
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json;q=0.9',
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  const fetchFn: FetchLike = options.fetch ?? globalThis.fetch;
  const response = await fetchFn(options.url, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      query: operation.query,
      variables: variables ?? {},
      operationName: operation.operationName,
    }),
    ...(init?.signal ? { signal: init.signal } : {}),
  });
  const body = parseGraphQLResponse(await response.text());

  if (body?.errors !== undefined && body.errors.length > 0) {
    throw WebhooksApiError.fromGraphQLErrors(body.errors, response.status);
  }
  if (!response.ok) throw WebhooksApiError.fromHttpStatus(response.status);
  if (body?.data === undefined || body.data === null) {
    throw WebhooksApiError.invalidResponse(response.status);
  }
  return body.data;
}

interface GraphQLResponse {
  data?: unknown;
  errors?: GraphQLErrorEntry[];
}

/** The GraphQL response in `text`, or `undefined` when the text is not one. */
function parseGraphQLResponse(text: string): GraphQLResponse | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page, an empty body): the caller reports the HTTP status.
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  if (!('data' in json) && !('errors' in json)) return undefined;

  const { data, errors } = json as { data?: unknown; errors?: unknown };
  return { data, errors: Array.isArray(errors) ? errors.map(toErrorEntry) : undefined };
}

function toErrorEntry(error: unknown): GraphQLErrorEntry {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const entry = error as Partial<Record<keyof GraphQLErrorEntry, unknown>>;
  return {
    ...(entry as GraphQLErrorEntry),
    message: typeof entry.message === 'string' ? entry.message : 'Unknown error',
    extensions:
      typeof entry.extensions === 'object' && entry.extensions !== null
        ? (entry.extensions as Record<string, unknown>)
        : undefined,
  };
}
