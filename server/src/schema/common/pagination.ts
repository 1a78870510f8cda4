// Cursor pagination shared by every connection: opaque cursors over a stable order, page size capped.
import { badInput, shorten } from '../../errors.js';
import type { Page, PageRequest } from '../../domain/models.js';

const PREFIX = 'o:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const offset = Number(text.slice(PREFIX.length));
  if (!text.startsWith(PREFIX) || !Number.isInteger(offset) || offset < 0) {
    throw badInput(field, `'${shorten(cursor)}' is not a cursor returned by this API`);
  }
  return offset;
}

export function pageRequest(
  first: number | null | undefined,
  after: string | null | undefined,
  maxPageSize: number,
): PageRequest {
  const limit = first ?? 50;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxPageSize) {
    throw badInput('first', `must be between 0 and ${maxPageSize}, got ${limit}`);
  }
  return { offset: after ? decodeCursor(after) + 1 : 0, limit };
}

/** The connection fields every *Connection type resolves the same way. */
export const connectionResolvers = {
  totalCount: <T>(page: Page<T>) => page.totalCount(),
  edges: <T>(page: Page<T>) => page.items.map((node, index) => ({ node, cursor: encodeCursor(page.offset + index) })),
  pageInfo: <T>(page: Page<T>) => ({
    hasNextPage: page.hasNextPage,
    endCursor: page.items.length > 0 ? encodeCursor(page.offset + page.items.length - 1) : null,
  }),
};
