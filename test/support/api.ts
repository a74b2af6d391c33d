import { expect } from 'vitest';
import { createWebhooksClient, WebhooksApiError } from '../../client/src/index.js';
import type { TestService } from './service.js';

export type Client = ReturnType<typeof createWebhooksClient>;

/** The typed client, as a third-party tool would use it, with `token` (or none). */
export function clientFor(service: TestService, token?: string): Client {
  return createWebhooksClient({ url: service.graphqlUrl, token });
}

/** The platform's client. */
export function platformClient(service: TestService): Client {
  return clientFor(service, service.platformKey);
}

/** Creates a developer account and returns its client and token. */
export async function newDeveloper(service: TestService, name = 'Developer') {
  const { createAccount } = await platformClient(service).createAccount({ name });
  return {
    account: createAccount.account,
    token: createAccount.token,
    client: clientFor(service, createAccount.token),
  };
}

/** Asserts that `promise` fails with a GraphQL error of `code` (and `field`, when given). */
export async function expectApiError(
  promise: Promise<unknown>,
  code: string,
  field?: string,
): Promise<WebhooksApiError> {
  const err = await promise.then(
    () => {
      throw new Error(`expected ${code}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WebhooksApiError);
  const apiError = err as WebhooksApiError;
  expect({ code: apiError.code, field: apiError.field }).toEqual({
    code,
    field: field ?? apiError.field,
  });
  return apiError;
}

/** Posts a raw GraphQL request and returns the HTTP status and the parsed body. */
export async function rawGraphql(
  service: TestService,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: GraphqlBody }> {
  const res = await fetch(service.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as GraphqlBody };
}

export interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}
