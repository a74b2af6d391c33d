import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function toDate(value: unknown): Date {
  const date = value instanceof Date ? value : new Date(String(value));
  if (typeof value !== 'string' && !(value instanceof Date)) {
    throw new GraphQLError('DateTime must be an ISO-8601 string');
  }
  if (Number.isNaN(date.getTime())) {
    throw new GraphQLError(`"${String(value)}" is not an ISO-8601 date and time`);
  }
  return date;
}

/** ISO-8601 date and time in UTC with milliseconds, e.g. `2026-06-30T12:00:00.000Z`. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'A point in time as an ISO-8601 string in UTC, e.g. `2026-06-30T12:00:00.000Z`.',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: (value) => toDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be an ISO-8601 string');
    }
    return toDate(ast.value);
  },
});
