import type { Pager } from '../render/models.js';

/** Pager links (unprefixed paths) for a listing whose page `n` lives at `pathOf(n)`. */
export function pagerFor(page: number, limit: number, total: number, pathOf: (n: number) => string): Pager {
  const pages = Math.max(1, Math.ceil(total / limit));
  return {
    page,
    pages,
    ...(page > 1 ? { prev: pathOf(page - 1) } : {}),
    ...(page < pages ? { next: pathOf(page + 1) } : {}),
  };
}
