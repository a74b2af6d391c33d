import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createErrorFormatter } from '../../server/src/graphql/errors.js';
import { createLogger } from '../../server/src/logger.js';
import { AppError } from '../../server/src/errors.js';

function formatterWithLog() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { format: createErrorFormatter(createLogger('info', sink)), lines };
}

function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['webhook'], originalError: original });
}

describe('GraphQL error formatting', () => {
  it('passes an AppError through with its code and field', () => {
    const { format, lines } = formatterWithLog();
    const error = resolverError(AppError.badInput('input.name', 'must not be empty'));
    expect(format({ message: error.message, path: ['webhook'] }, error)).toEqual({
      message: 'input.name: must not be empty',
      path: ['webhook'],
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', field: 'input.name' },
    });
    expect(lines).toHaveLength(0);
  });

  it('masks anything unexpected and logs it once, without its message', () => {
    const { format, lines } = formatterWithLog();
    const leak = Object.assign(new Error('insert … values ($1) - token_hash=abc123'), {
      sqlState: '23505',
      table: 'api_tokens',
    });
    const error = resolverError(leak);
    expect(format({ message: error.message, path: ['webhook'] }, error)).toEqual({
      message: 'Internal server error',
      path: ['webhook'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('SQLSTATE 23505 on api_tokens');
    expect(lines[0]).not.toContain('abc123');
  });
});
