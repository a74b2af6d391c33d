import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Database errors are logged by kind only: their messages and details carry the statement's
 * parameters (token hashes, encrypted secrets, header values), which must never reach a log.
 */
function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const fields = err as Error & Record<string, unknown>;
  const sqlState =
    fields.sqlState ?? (typeof fields.routine === 'string' ? fields.code : undefined);
  if (typeof sqlState !== 'string') {
    return stdSerializers.err(err);
  }
  const where = [fields.table, fields.constraint].filter((v) => typeof v === 'string').join('/');
  return {
    type: err.name,
    message: `database error SQLSTATE ${sqlState}${where ? ` on ${where}` : ''}`,
    stack: err.stack
      ?.split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .join('\n'),
  };
}

/**
 * Builds the root logger. Domain code receives it (or a child) as a parameter and never
 * imports a global one. Values that could carry credentials are redacted as a last line of
 * defence; the rule is still that secrets, tokens and signatures are never passed to a log.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'trucklinemp-webhooks' },
      serializers: { err: serializeError },
      redact: {
        paths: ['authorization', 'token', 'secret', 'signature', '*.authorization', '*.token'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
