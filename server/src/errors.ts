/**
 * Error codes a client can rely on. They travel in `extensions.code` of a GraphQL error;
 * anything that is not an {@link AppError} reaches clients as `INTERNAL_SERVER_ERROR`.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'UNSAFE_DESTINATION'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

/** An error whose message is safe to show to the caller, with a stable code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input path the error is about, e.g. `input.url`. */
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }

  /** A value broke a validation rule; the message names the field and the rule. */
  static badInput(field: string, rule: string): AppError {
    return new AppError('BAD_USER_INPUT', `${field}: ${rule}`, field);
  }

  /** The URL is well-formed but points somewhere the service refuses to deliver to. */
  static unsafeDestination(field: string, reason: string): AppError {
    return new AppError('UNSAFE_DESTINATION', `${field}: ${reason}`, field);
  }

  /** Missing, or owned by another account: the two are indistinguishable on purpose. */
  static notFound(kind: string, id: string): AppError {
    return new AppError('NOT_FOUND', `${kind} ${id} was not found`);
  }

  static unauthenticated(message = 'A valid credential is required'): AppError {
    return new AppError('UNAUTHENTICATED', message);
  }

  static forbidden(message: string): AppError {
    return new AppError('FORBIDDEN', message);
  }
}

/** Thrown from the `default` branch of a switch that must handle every case. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${String(value)}`);
  }
}
