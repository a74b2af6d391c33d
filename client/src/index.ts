/**
 * `@trucklinemp/webhooks-client`: a typed client for the TrucklineMP Webhooks GraphQL API, its
 * typed documents (for Apollo Client, urql, ...), and helpers that verify deliveries.
 *
 * @packageDocumentation
 */

export {
  createWebhooksClient,
  type FetchInit,
  type FetchLike,
  type FetchResponseLike,
  type OperationDocuments,
  type OperationMethod,
  type OperationName,
  type RequestOptions,
  type WebhooksClient,
  type WebhooksClientOptions,
} from './api-client.js';
export { WebhooksApiError, type GraphQLErrorEntry, type WebhooksErrorCode } from './api-error.js';
export { EVENT_TYPE_NAMES, isEventTypeName, type EventTypeName } from './event-types.js';
export { computeSignature, verifySignature } from './signature.js';
export {
  parseWebhook,
  SIGNATURE_HEADER,
  WebhookVerificationError,
  type HeadersLike,
  type WebhookEvent,
  type WebhookHeaders,
  type WebhookVerificationFailure,
} from './webhook-event.js';

// Typed documents (`WebhooksDocument`, `CreateWebhookDocument`, ...), fragment documents, and the
// result, variables and input types generated from schema.graphql.
export * from './gql/graphql.js';
export type {
  DocumentTypeDecoration,
  ResultOf,
  TypedDocumentNode,
  VariablesOf,
} from '@graphql-typed-document-node/core';
