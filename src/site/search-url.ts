import type { SearchFilters } from '../render/models.js';

const KEYS = ['section', 'tag', 'author', 'from', 'to'] as const;

/**
 * The path of a search page: the query, then each filter that is set, then the page. The
 * default sort (relevance) and page 1 are left out, so one search has one URL for caches.
 *
 * @example
 * searchPath('颱風', { section: 'world', sort: 'date' }, 2) // '/search?q=%E9%A2%B1%E9%A2%A8&section=world&sort=date&page=2'
 */
export function searchPath(query: string, filters: SearchFilters = {}, page = 1): string {
  const parts = [`q=${encodeURIComponent(query)}`];
  for (const key of KEYS) {
    const value = filters[key];
    if (value) parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  if (filters.sort === 'date') parts.push('sort=date');
  if (page > 1) parts.push(`page=${page}`);
  return `/search?${parts.join('&')}`;
}

/** The same filters without one of them (the link that clears it). */
export function withoutFilter(filters: SearchFilters, key: keyof SearchFilters): SearchFilters {
  const { [key]: _dropped, ...rest } = filters;
  return rest;
}
