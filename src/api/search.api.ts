import { z } from 'zod';
import { searchInputSchema } from '../search/search.input.js';
import type { SearchHit, SearchResults, SearchService } from '../search/search.service.js';
import { MAX_SUGGESTIONS } from '../search/suggest.js';
import { VARIANTS } from '../zh/variants.js';
import { defineEndpoint, type Endpoint } from './endpoint.js';

/** Dependencies of the search API. */
export interface SearchApiDeps {
  readonly search: SearchService;
}

// A repeated parameter (?q=a&q=b) is read as one query, as the search page reads it.
const joined = z.preprocess((v) => (Array.isArray(v) ? v.join(' ') : v), z.string().optional());
// Query strings carry anything; beyond this the request is not a search but a mistake.
const MAX_RAW_QUERY = 4000;

/**
 * The public search API: `GET /api/v1/search` (results with snippets, `meta` with the page,
 * limit and total) and `GET /api/v1/search/suggest` (typeahead). Any `q` is answered with 200:
 * results or an empty list with `meta.notice`; only invalid filter values are 400s.
 */
export function searchEndpoints(d: SearchApiDeps): Endpoint[] {
  return [
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/search',
      summary: 'Full-text search over published articles',
      permissions: 'public',
      cache: { maxAge: 30 },
      query: searchInputSchema.extend({ q: joined.transform((v) => (v ?? '').slice(0, MAX_RAW_QUERY)) }),
      handler: async ({ query }) => searchJson(await d.search.search(query)),
    }),
    defineEndpoint({
      method: 'GET',
      url: '/api/v1/search/suggest',
      summary: 'Typeahead suggestions from tags and titles',
      permissions: 'public',
      cache: { maxAge: 60 },
      query: z.object({
        q: joined.transform((v) => (v ?? '').slice(0, MAX_RAW_QUERY)),
        limit: z.coerce.number({ error: `a whole number from 1 to ${MAX_SUGGESTIONS}` }).int().min(1).max(MAX_SUGGESTIONS).default(8),
        variant: z.enum(VARIANTS, { error: `one of ${VARIANTS.join(', ')}` }).optional(),
      }),
      handler: async ({ query }) => ({
        suggestions: await d.search.suggest(query.q, { limit: query.limit, ...(query.variant ? { variant: query.variant } : {}) }),
      }),
    }),
  ];
}

/** The public JSON of a result page: `{results, meta}` as ARCHITECTURE.md gives it. */
export function searchJson(r: SearchResults) {
  return {
    results: r.items.map(hitJson),
    meta: {
      page: r.page,
      limit: r.limit,
      total: r.total,
      query: r.query,
      ...(r.totalIsLowerBound ? { totalIsLowerBound: true } : {}),
      ...(r.truncated ? { truncated: true } : {}),
      ...(r.relaxed ? { relaxed: true } : {}),
      ...(r.notice ? { notice: r.notice } : {}),
    },
  };
}

function hitJson(h: SearchHit) {
  return {
    id: h.id,
    url: h.url,
    title: h.title,
    snippet: h.snippet,
    score: h.score,
    publishedAt: h.publishedAt,
    section: h.section,
  };
}
