import { invalidParameter } from '../errors.js';

/** Offset paging behind an opaque token, as the List* operations return. */
export function page<T>(
  all: T[],
  limit: number,
  token: string | undefined,
): { items: T[]; next: string | null } {
  let start = 0;
  if (token !== undefined) {
    start = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0 || start > all.length)
      throw invalidParameter('Invalid pagination token');
  }
  const size = limit === 0 ? all.length : limit;
  const end = Math.min(all.length, start + size);
  return {
    items: all.slice(start, end),
    next: end < all.length ? Buffer.from(String(end)).toString('base64url') : null,
  };
}
