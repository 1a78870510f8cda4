// Turns rows read with LIMIT limit + 1 into one page of a cursor connection.
import type { Page, PageRequest } from '../domain/models.js';

/** Builds a page from rows fetched with LIMIT limit + 1 (the extra row tells if there is more). */
export function toPage<T>(rows: T[], request: PageRequest, totalCount: () => Promise<number>): Page<T> {
  return {
    items: rows.slice(0, request.limit),
    offset: request.offset,
    hasNextPage: rows.length > request.limit,
    totalCount,
  };
}
