import { Field, ObjectType } from 'type-graphql';
import { AppError } from '../errors.js';

/** Page size when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;

/** Relay page information. */
@ObjectType({ description: 'Where a page of a connection stands in the whole list.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of this page; pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}

/** A validated page request: how many items, after which key. */
export interface PageRequest {
  readonly limit: number;
  readonly afterId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID; ids that are not are answered as missing without a query. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The opaque cursor of an item. */
export function encodeCursor(id: string): string {
  return Buffer.from(`c:${id}`).toString('base64url');
}

/** Checks `first` and `after` and turns them into a {@link PageRequest}. */
export function parsePageRequest(
  first: number | null | undefined,
  after: string | null | undefined,
): PageRequest {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw AppError.badInput('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  if (after === null || after === undefined) {
    return { limit, afterId: null };
  }
  const decoded = Buffer.from(after, 'base64url').toString('utf8');
  const id = decoded.startsWith('c:') ? decoded.slice(2) : '';
  if (!isUuid(id)) {
    throw AppError.badInput('after', 'is not a cursor returned by this API');
  }
  return { limit, afterId: id };
}

/** Cuts a fetched list of `limit + 1` rows into a page. */
export function toPage<T extends { id: string }>(
  rows: T[],
  limit: number,
): { items: T[]; pageInfo: PageInfo } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeCursor(last.id) : null },
  };
}
