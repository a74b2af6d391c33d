/** The `extensions.code` values the TrucklineMP Webhooks API documents. */
export type WebhooksErrorCode =
  /** No credential, or a bad one. */
  | 'UNAUTHENTICATED'
  /** The wrong kind of credential (a developer token where the platform key is needed). */
  | 'FORBIDDEN'
  /** The id is missing, or belongs to another account. */
  | 'NOT_FOUND'
  /** Validation failed; `field` names the input path, e.g. `input.url`. */
  | 'BAD_USER_INPUT'
  /** The URL is refused: private, loopback or otherwise unsafe destination. */
  | 'UNSAFE_DESTINATION'
  /** A per-credential limit was hit. */
  | 'RATE_LIMITED'
  /** The service failed; the message leaks no internals. */
  | 'INTERNAL_SERVER_ERROR'
  /** A non-2xx HTTP answer without a GraphQL body (a proxy, a wrong URL, ...). */
  | 'HTTP_ERROR'
  /** A 2xx answer that is not a GraphQL response with `data`. */
  | 'INVALID_RESPONSE';

/** One entry of a GraphQL response's `errors` list. */
export interface GraphQLErrorEntry {
  /** What went wrong, for people. */
  message: string;
  /** The response path of the field that failed, when there is one. */
  path?: readonly (string | number)[];
  /** Where in the document the error applies. */
  locations?: readonly { line: number; column: number }[];
  /** Machine-readable details: `code`, and `field` for validation errors. */
  extensions?: Record<string, unknown>;
}

/**
 * A request the API answered with GraphQL errors, or with a non-2xx status and no GraphQL body.
 * Network failures are not wrapped: the `fetch` error propagates with its own `cause`.
 */
export class WebhooksApiError extends Error {
  /** `extensions.code` of the first error: one of {@link WebhooksErrorCode}, or another string. */
  readonly code: WebhooksErrorCode | (string & Record<never, never>);
  /** `extensions.field` of the first error: the input path a validation error is about. */
  readonly field: string | undefined;
  /** Every GraphQL error of the response (empty when the answer was not GraphQL). */
  readonly errors: readonly GraphQLErrorEntry[];
  /** The HTTP status of the response. */
  readonly status: number;

  /** Prefer the named constructors; this one takes every field as given. */
  constructor(
    message: string,
    details: {
      code: string;
      field?: string | undefined;
      errors?: readonly GraphQLErrorEntry[];
      status: number;
    },
  ) {
    super(message);
    this.name = 'WebhooksApiError';
    this.code = details.code;
    this.field = details.field;
    this.errors = details.errors ?? [];
    this.status = details.status;
  }

  /** The error for a response whose `errors` list is not empty. */
  static fromGraphQLErrors(errors: readonly GraphQLErrorEntry[], status: number): WebhooksApiError {
    const [first] = errors;
    const code = first?.extensions?.code;
    const field = first?.extensions?.field;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : '';
    return new WebhooksApiError(`${first?.message ?? 'Unknown error'}${more}`, {
      code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR',
      field: typeof field === 'string' ? field : undefined,
      errors,
      status,
    });
  }

  /** The error for a non-2xx answer that carries no GraphQL errors. */
  static fromHttpStatus(status: number): WebhooksApiError {
    return new WebhooksApiError(`The TrucklineMP Webhooks API answered HTTP ${status}.`, {
      code: 'HTTP_ERROR',
      status,
    });
  }

  /** The error for a 2xx answer that is not a GraphQL response with `data`. */
  static invalidResponse(status: number): WebhooksApiError {
    return new WebhooksApiError(
      `The TrucklineMP Webhooks API answered HTTP ${status} without GraphQL data.`,
      { code: 'INVALID_RESPONSE', status },
    );
  }
}
