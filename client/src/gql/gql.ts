/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ApiTokens {\n  apiTokens {\n    ...ApiTokenFields\n  }\n}": typeof types.ApiTokensDocument,
    "mutation CreateAccount($name: String!) {\n  createAccount(name: $name) {\n    account {\n      ...AccountFields\n    }\n    token\n  }\n}": typeof types.CreateAccountDocument,
    "mutation CreateApiToken($name: String!) {\n  createApiToken(name: $name) {\n    apiToken {\n      ...ApiTokenFields\n    }\n    token\n  }\n}": typeof types.CreateApiTokenDocument,
    "mutation CreateWebhook($input: CreateWebhookInput!) {\n  createWebhook(input: $input) {\n    ...WebhookWithSecretFields\n  }\n}": typeof types.CreateWebhookDocument,
    "mutation DeleteWebhook($id: ID!) {\n  deleteWebhook(id: $id)\n}": typeof types.DeleteWebhookDocument,
    "query Deliveries($filter: DeliveryFilter, $first: Int, $after: String) {\n  deliveries(filter: $filter, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...DeliverySummaryFields\n      }\n    }\n    pageInfo {\n      ...PageInfoFields\n    }\n  }\n}": typeof types.DeliveriesDocument,
    "query Delivery($id: ID!) {\n  delivery(id: $id) {\n    ...DeliveryFields\n  }\n}": typeof types.DeliveryDocument,
    "query EventTypes {\n  eventTypes {\n    ...EventTypeFields\n  }\n}": typeof types.EventTypesDocument,
    "fragment AccountFields on Account {\n  id\n  name\n  createdAt\n}\n\nfragment ApiTokenFields on ApiToken {\n  id\n  name\n  prefix\n  createdAt\n  lastUsedAt\n  revokedAt\n}\n\nfragment EventTypeFields on EventType {\n  name\n  description\n  group\n}\n\nfragment PageInfoFields on PageInfo {\n  hasNextPage\n  endCursor\n}\n\nfragment HttpHeaderFields on HttpHeader {\n  name\n  value\n}\n\nfragment WebhookSubscriptionFields on WebhookSubscription {\n  id\n  eventType\n  createdAt\n}\n\nfragment WebhookFields on Webhook {\n  id\n  name\n  url\n  description\n  enabled\n  events\n  subscriptions {\n    ...WebhookSubscriptionFields\n  }\n  headers {\n    ...HttpHeaderFields\n  }\n  timeoutSeconds\n  secretHint\n  secretRotatedAt\n  createdAt\n  updatedAt\n}\n\nfragment WebhookWithSecretFields on WebhookWithSecret {\n  webhook {\n    ...WebhookFields\n  }\n  secret\n}\n\nfragment EventFields on Event {\n  id\n  type\n  timestamp\n  data\n  payload\n}\n\nfragment DeliveryAttemptFields on DeliveryAttempt {\n  id\n  number\n  startedAt\n  durationMs\n  outcome\n  requestHeaders {\n    ...HttpHeaderFields\n  }\n  responseStatus\n  responseHeaders {\n    ...HttpHeaderFields\n  }\n  responseBody\n  error\n}\n\nfragment DeliverySummaryFields on Delivery {\n  id\n  eventId\n  eventType\n  webhook {\n    id\n    name\n    url\n  }\n  status\n  attemptCount\n  nextAttemptAt\n  createdAt\n  completedAt\n}\n\nfragment DeliveryFields on Delivery {\n  ...DeliverySummaryFields\n  event {\n    ...EventFields\n  }\n  attempts {\n    ...DeliveryAttemptFields\n  }\n}": typeof types.AccountFieldsFragmentDoc,
    "mutation PublishEvent($input: PublishEventInput!) {\n  publishEvent(input: $input) {\n    event {\n      ...EventFields\n    }\n    deliveryCount\n  }\n}": typeof types.PublishEventDocument,
    "mutation RetryDelivery($id: ID!) {\n  retryDelivery(id: $id) {\n    ...DeliveryFields\n  }\n}": typeof types.RetryDeliveryDocument,
    "mutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenFields\n  }\n}": typeof types.RevokeApiTokenDocument,
    "mutation RotateWebhookSecret($id: ID!) {\n  rotateWebhookSecret(id: $id) {\n    ...WebhookWithSecretFields\n  }\n}": typeof types.RotateWebhookSecretDocument,
    "mutation TestWebhook($id: ID!) {\n  testWebhook(id: $id) {\n    ...DeliveryFields\n  }\n}": typeof types.TestWebhookDocument,
    "mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {\n  updateWebhook(id: $id, input: $input) {\n    ...WebhookFields\n  }\n}": typeof types.UpdateWebhookDocument,
    "query Viewer {\n  viewer {\n    ...AccountFields\n  }\n}": typeof types.ViewerDocument,
    "query Webhook($id: ID!) {\n  webhook(id: $id) {\n    ...WebhookFields\n  }\n}": typeof types.WebhookDocument,
    "query Webhooks($first: Int, $after: String) {\n  webhooks(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...WebhookFields\n      }\n    }\n    pageInfo {\n      ...PageInfoFields\n    }\n    totalCount\n  }\n}": typeof types.WebhooksDocument,
};
const documents: Documents = {
    "query ApiTokens {\n  apiTokens {\n    ...ApiTokenFields\n  }\n}": types.ApiTokensDocument,
    "mutation CreateAccount($name: String!) {\n  createAccount(name: $name) {\n    account {\n      ...AccountFields\n    }\n    token\n  }\n}": types.CreateAccountDocument,
    "mutation CreateApiToken($name: String!) {\n  createApiToken(name: $name) {\n    apiToken {\n      ...ApiTokenFields\n    }\n    token\n  }\n}": types.CreateApiTokenDocument,
    "mutation CreateWebhook($input: CreateWebhookInput!) {\n  createWebhook(input: $input) {\n    ...WebhookWithSecretFields\n  }\n}": types.CreateWebhookDocument,
    "mutation DeleteWebhook($id: ID!) {\n  deleteWebhook(id: $id)\n}": types.DeleteWebhookDocument,
    "query Deliveries($filter: DeliveryFilter, $first: Int, $after: String) {\n  deliveries(filter: $filter, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...DeliverySummaryFields\n      }\n    }\n    pageInfo {\n      ...PageInfoFields\n    }\n  }\n}": types.DeliveriesDocument,
    "query Delivery($id: ID!) {\n  delivery(id: $id) {\n    ...DeliveryFields\n  }\n}": types.DeliveryDocument,
    "query EventTypes {\n  eventTypes {\n    ...EventTypeFields\n  }\n}": types.EventTypesDocument,
    "fragment AccountFields on Account {\n  id\n  name\n  createdAt\n}\n\nfragment ApiTokenFields on ApiToken {\n  id\n  name\n  prefix\n  createdAt\n  lastUsedAt\n  revokedAt\n}\n\nfragment EventTypeFields on EventType {\n  name\n  description\n  group\n}\n\nfragment PageInfoFields on PageInfo {\n  hasNextPage\n  endCursor\n}\n\nfragment HttpHeaderFields on HttpHeader {\n  name\n  value\n}\n\nfragment WebhookSubscriptionFields on WebhookSubscription {\n  id\n  eventType\n  createdAt\n}\n\nfragment WebhookFields on Webhook {\n  id\n  name\n  url\n  description\n  enabled\n  events\n  subscriptions {\n    ...WebhookSubscriptionFields\n  }\n  headers {\n    ...HttpHeaderFields\n  }\n  timeoutSeconds\n  secretHint\n  secretRotatedAt\n  createdAt\n  updatedAt\n}\n\nfragment WebhookWithSecretFields on WebhookWithSecret {\n  webhook {\n    ...WebhookFields\n  }\n  secret\n}\n\nfragment EventFields on Event {\n  id\n  type\n  timestamp\n  data\n  payload\n}\n\nfragment DeliveryAttemptFields on DeliveryAttempt {\n  id\n  number\n  startedAt\n  durationMs\n  outcome\n  requestHeaders {\n    ...HttpHeaderFields\n  }\n  responseStatus\n  responseHeaders {\n    ...HttpHeaderFields\n  }\n  responseBody\n  error\n}\n\nfragment DeliverySummaryFields on Delivery {\n  id\n  eventId\n  eventType\n  webhook {\n    id\n    name\n    url\n  }\n  status\n  attemptCount\n  nextAttemptAt\n  createdAt\n  completedAt\n}\n\nfragment DeliveryFields on Delivery {\n  ...DeliverySummaryFields\n  event {\n    ...EventFields\n  }\n  attempts {\n    ...DeliveryAttemptFields\n  }\n}": types.AccountFieldsFragmentDoc,
    "mutation PublishEvent($input: PublishEventInput!) {\n  publishEvent(input: $input) {\n    event {\n      ...EventFields\n    }\n    deliveryCount\n  }\n}": types.PublishEventDocument,
    "mutation RetryDelivery($id: ID!) {\n  retryDelivery(id: $id) {\n    ...DeliveryFields\n  }\n}": types.RetryDeliveryDocument,
    "mutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenFields\n  }\n}": types.RevokeApiTokenDocument,
    "mutation RotateWebhookSecret($id: ID!) {\n  rotateWebhookSecret(id: $id) {\n    ...WebhookWithSecretFields\n  }\n}": types.RotateWebhookSecretDocument,
    "mutation TestWebhook($id: ID!) {\n  testWebhook(id: $id) {\n    ...DeliveryFields\n  }\n}": types.TestWebhookDocument,
    "mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {\n  updateWebhook(id: $id, input: $input) {\n    ...WebhookFields\n  }\n}": types.UpdateWebhookDocument,
    "query Viewer {\n  viewer {\n    ...AccountFields\n  }\n}": types.ViewerDocument,
    "query Webhook($id: ID!) {\n  webhook(id: $id) {\n    ...WebhookFields\n  }\n}": types.WebhookDocument,
    "query Webhooks($first: Int, $after: String) {\n  webhooks(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...WebhookFields\n      }\n    }\n    pageInfo {\n      ...PageInfoFields\n    }\n    totalCount\n  }\n}": types.WebhooksDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ApiTokens {\n  apiTokens {\n    ...ApiTokenFields\n  }\n}"): (typeof documents)["query ApiTokens {\n  apiTokens {\n    ...ApiTokenFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateAccount($name: String!) {\n  createAccount(name: $name) {\n    account {\n      ...AccountFields\n    }\n    token\n  }\n}"): (typeof documents)["mutation CreateAccount($name: String!) {\n  createAccount(name: $name) {\n    account {\n      ...AccountFields\n    }\n    token\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateApiToken($name: String!) {\n  createApiToken(name: $name) {\n    apiToken {\n      ...ApiTokenFields\n    }\n    token\n  }\n}"): (typeof documents)["mutation CreateApiToken($name: String!) {\n  createApiToken(name: $name) {\n    apiToken {\n      ...ApiTokenFields\n    }\n    token\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateWebhook($input: CreateWebhookInput!) {\n  createWebhook(input: $input) {\n    ...WebhookWithSecretFields\n  }\n}"): (typeof documents)["mutation CreateWebhook($input: CreateWebhookInput!) {\n  createWebhook(input: $input) {\n    ...WebhookWithSecretFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteWebhook($id: ID!) {\n  deleteWebhook(id: $id)\n}"): (typeof documents)["mutation DeleteWebhook($id: ID!) {\n  deleteWebhook(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Deliveries($filter: DeliveryFilter, $first: Int, $after: String) {\n  deliveries(filter: $filter, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...DeliverySummaryFields\n      }\n    }\n    pageInfo {\n      ...PageInfoFields\n    }\n  }\n}"): (typeof documents)["query Deliveries($filter: DeliveryFilter, $first: Int, $after: String) {\n  deliveries(filter: $filter, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...DeliverySummaryFields\n      }\n    }\n    pageInfo {\n      ...PageInfoFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Delivery($id: ID!) {\n  delivery(id: $id) {\n    ...DeliveryFields\n  }\n}"): (typeof documents)["query Delivery($id: ID!) {\n  delivery(id: $id) {\n    ...DeliveryFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EventTypes {\n  eventTypes {\n    ...EventTypeFields\n  }\n}"): (typeof documents)["query EventTypes {\n  eventTypes {\n    ...EventTypeFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AccountFields on Account {\n  id\n  name\n  createdAt\n}\n\nfragment ApiTokenFields on ApiToken {\n  id\n  name\n  prefix\n  createdAt\n  lastUsedAt\n  revokedAt\n}\n\nfragment EventTypeFields on EventType {\n  name\n  description\n  group\n}\n\nfragment PageInfoFields on PageInfo {\n  hasNextPage\n  endCursor\n}\n\nfragment HttpHeaderFields on HttpHeader {\n  name\n  value\n}\n\nfragment WebhookSubscriptionFields on WebhookSubscription {\n  id\n  eventType\n  createdAt\n}\n\nfragment WebhookFields on Webhook {\n  id\n  name\n  url\n  description\n  enabled\n  events\n  subscriptions {\n    ...WebhookSubscriptionFields\n  }\n  headers {\n    ...HttpHeaderFields\n  }\n  timeoutSeconds\n  secretHint\n  secretRotatedAt\n  createdAt\n  updatedAt\n}\n\nfragment WebhookWithSecretFields on WebhookWithSecret {\n  webhook {\n    ...WebhookFields\n  }\n  secret\n}\n\nfragment EventFields on Event {\n  id\n  type\n  timestamp\n  data\n  payload\n}\n\nfragment DeliveryAttemptFields on DeliveryAttempt {\n  id\n  number\n  startedAt\n  durationMs\n  outcome\n  requestHeaders {\n    ...HttpHeaderFields\n  }\n  responseStatus\n  responseHeaders {\n    ...HttpHeaderFields\n  }\n  responseBody\n  error\n}\n\nfragment DeliverySummaryFields on Delivery {\n  id\n  eventId\n  eventType\n  webhook {\n    id\n    name\n    url\n  }\n  status\n  attemptCount\n  nextAttemptAt\n  createdAt\n  completedAt\n}\n\nfragment DeliveryFields on Delivery {\n  ...DeliverySummaryFields\n  event {\n    ...EventFields\n  }\n  attempts {\n    ...DeliveryAttemptFields\n  }\n}"): (typeof documents)["fragment AccountFields on Account {\n  id\n  name\n  createdAt\n}\n\nfragment ApiTokenFields on ApiToken {\n  id\n  name\n  prefix\n  createdAt\n  lastUsedAt\n  revokedAt\n}\n\nfragment EventTypeFields on EventType {\n  name\n  description\n  group\n}\n\nfragment PageInfoFields on PageInfo {\n  hasNextPage\n  endCursor\n}\n\nfragment HttpHeaderFields on HttpHeader {\n  name\n  value\n}\n\nfragment WebhookSubscriptionFields on WebhookSubscription {\n  id\n  eventType\n  createdAt\n}\n\nfragment WebhookFields on Webhook {\n  id\n  name\n  url\n  description\n  enabled\n  events\n  subscriptions {\n    ...WebhookSubscriptionFields\n  }\n  headers {\n    ...HttpHeaderFields\n  }\n  timeoutSeconds\n  secretHint\n  secretRotatedAt\n  createdAt\n  updatedAt\n}\n\nfragment WebhookWithSecretFields on WebhookWithSecret {\n  webhook {\n    ...WebhookFields\n  }\n  secret\n}\n\nfragment EventFields on Event {\n  id\n  type\n  timestamp\n  data\n  payload\n}\n\nfragment DeliveryAttemptFields on DeliveryAttempt {\n  id\n  number\n  startedAt\n  durationMs\n  outcome\n  requestHeaders {\n    ...HttpHeaderFields\n  }\n  responseStatus\n  responseHeaders {\n    ...HttpHeaderFields\n  }\n  responseBody\n  error\n}\n\nfragment DeliverySummaryFields on Delivery {\n  id\n  eventId\n  eventType\n  webhook {\n    id\n    name\n    url\n  }\n  status\n  attemptCount\n  nextAttemptAt\n  createdAt\n  completedAt\n}\n\nfragment DeliveryFields on Delivery {\n  ...DeliverySummaryFields\n  event {\n    ...EventFields\n  }\n  attempts {\n    ...DeliveryAttemptFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PublishEvent($input: PublishEventInput!) {\n  publishEvent(input: $input) {\n    event {\n      ...EventFields\n    }\n    deliveryCount\n  }\n}"): (typeof documents)["mutation PublishEvent($input: PublishEventInput!) {\n  publishEvent(input: $input) {\n    event {\n      ...EventFields\n    }\n    deliveryCount\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RetryDelivery($id: ID!) {\n  retryDelivery(id: $id) {\n    ...DeliveryFields\n  }\n}"): (typeof documents)["mutation RetryDelivery($id: ID!) {\n  retryDelivery(id: $id) {\n    ...DeliveryFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenFields\n  }\n}"): (typeof documents)["mutation RevokeApiToken($id: ID!) {\n  revokeApiToken(id: $id) {\n    ...ApiTokenFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RotateWebhookSecret($id: ID!) {\n  rotateWebhookSecret(id: $id) {\n    ...WebhookWithSecretFields\n  }\n}"): (typeof documents)["mutation RotateWebhookSecret($id: ID!) {\n  rotateWebhookSecret(id: $id) {\n    ...WebhookWithSecretFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TestWebhook($id: ID!) {\n  testWebhook(id: $id) {\n    ...DeliveryFields\n  }\n}"): (typeof documents)["mutation TestWebhook($id: ID!) {\n  testWebhook(id: $id) {\n    ...DeliveryFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {\n  updateWebhook(id: $id, input: $input) {\n    ...WebhookFields\n  }\n}"): (typeof documents)["mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {\n  updateWebhook(id: $id, input: $input) {\n    ...WebhookFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Viewer {\n  viewer {\n    ...AccountFields\n  }\n}"): (typeof documents)["query Viewer {\n  viewer {\n    ...AccountFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Webhook($id: ID!) {\n  webhook(id: $id) {\n    ...WebhookFields\n  }\n}"): (typeof documents)["query Webhook($id: ID!) {\n  webhook(id: $id) {\n    ...WebhookFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Webhooks($first: Int, $after: String) {\n  webhooks(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...WebhookFields\n      }\n    }\n    pageInfo {\n      ...PageInfoFields\n    }\n    totalCount\n  }\n}"): (typeof documents)["query Webhooks($first: Int, $after: String) {\n  webhooks(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...WebhookFields\n      }\n    }\n    pageInfo {\n      ...PageInfoFields\n    }\n    totalCount\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;