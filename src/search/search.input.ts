import { z } from 'zod';
import type { AuthorService } from '../content/author.service.js';
import { descendantIds, type SectionService } from '../content/section.service.js';
import type { TagService } from '../content/tag.service.js';
import { AppError, isAppError, parseOrThrow } from '../errors/index.js';
import { VARIANTS } from '../zh/variants.js';
import { keyCeil, keyFloor, KEYS_PER_SECOND, type BackendFilter } from './backend.js';
import { zoneOffsetMs } from '../content/zone-offset.js';

/** Most results one page may hold. */
export const MAX_LIMIT = 100;
/** Deepest page: 1,000 pages of 10 is more than anyone reads, and keeps offsets cheap. */
export const MAX_PAGE = 1000;

/** Field messages of search validation (later i18n keys). */
export const searchMessages = {
  page: `page must be a whole number from 1 to ${MAX_PAGE}`,
  limit: `limit must be a whole number from 1 to ${MAX_LIMIT}`,
  date: 'a date like 2026-11-30, or an ISO 8601 time like 2026-11-30T08:00:00Z',
  slug: 'a slug of at most 100 characters',
  sort: 'relevance or date',
  variant: `one of ${VARIANTS.join(', ')}`,
  order: 'must not be before from',
  noSection: (s: string) => `no section ${JSON.stringify(s)}`,
  noTag: (s: string) => `no tag ${JSON.stringify(s)}`,
  noAuthor: (s: string) => `no author ${JSON.stringify(s)}`,
} as const;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

// Empty form fields (`?section=`) mean "no filter", not an error.
const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const slug = z.preprocess(blank, z.string({ error: searchMessages.slug }).trim().min(1, searchMessages.slug).max(100, searchMessages.slug).optional());
const date = z.preprocess(
  blank,
  z
    .string({ error: searchMessages.date })
    .trim()
    .refine((s) => (DAY.test(s) && validDay(s)) || (INSTANT.test(s) && !Number.isNaN(Date.parse(s))), searchMessages.date)
    .optional(),
);

/**
 * What a search takes. Every field but `q` is optional; `q` is any text at all (it is parsed,
 * never passed on). Filters are slugs; dates are days in the site's time zone or instants.
 */
export const searchInputSchema = z.object({
  q: z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string()),
  section: slug,
  tag: slug,
  author: slug,
  from: date,
  to: date,
  sort: z.preprocess(blank, z.enum(['relevance', 'date'], { error: searchMessages.sort }).default('relevance')),
  page: z.preprocess(blank, z.coerce.number({ error: searchMessages.page }).int(searchMessages.page).min(1, searchMessages.page).max(MAX_PAGE, searchMessages.page).default(1)),
  limit: z.preprocess(blank, z.coerce.number({ error: searchMessages.limit }).int(searchMessages.limit).min(1, searchMessages.limit).max(MAX_LIMIT, searchMessages.limit).default(20)),
  variant: z.preprocess(blank, z.enum(VARIANTS, { error: searchMessages.variant }).optional()),
});

/** A search request as callers write it (every field but `q` optional). */
export type SearchInput = z.input<typeof searchInputSchema>;
/** A validated search request. */
export type SearchRequest = z.output<typeof searchInputSchema>;

/** Validates a search request; bad values become JD_ERR_VALIDATION with a message per field. */
export function parseSearchInput(raw: SearchInput): SearchRequest {
  return parseOrThrow(searchInputSchema, raw);
}

/** Services that turn filter slugs into ids. */
export interface FilterDeps {
  readonly sectionService: SectionService;
  readonly tagService: TagService;
  readonly authorService: AuthorService;
  /** IANA time zone in which a bare date is a day. */
  readonly timezone: string;
}

/**
 * The backend filter for a request: slugs become ids (a section includes its sub-sections),
 * dates become sort-key bounds. Unknown slugs and reversed dates are field errors.
 */
export async function resolveFilter(d: FilterDeps, r: SearchRequest, scope: BackendFilter['scope']): Promise<BackendFilter> {
  const fields: Record<string, string> = {};
  const missing = async <T>(field: string, message: string, load: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await load();
    } catch (err) {
      if (!isAppError(err) || err.status !== 404) throw err;
      fields[field] = message;
      return undefined;
    }
  };
  const [section, tag, author] = await Promise.all([
    r.section ? missing('section', searchMessages.noSection(r.section), () => d.sectionService.require(r.section!)) : undefined,
    r.tag ? missing('tag', searchMessages.noTag(r.tag), () => d.tagService.require(r.tag!)) : undefined,
    r.author ? missing('author', searchMessages.noAuthor(r.author), () => d.authorService.require(r.author!)) : undefined,
  ]);
  const from = r.from ? startOf(r.from, d.timezone) : undefined;
  const to = r.to ? endOf(r.to, d.timezone) : undefined;
  if (from && to && to.key <= from.key) fields.to = searchMessages.order;
  if (Object.keys(fields).length > 0) throw new AppError('JD_ERR_VALIDATION', {}, { fields });
  return {
    scope,
    ...(section ? { sectionIds: descendantIds(section.section) } : {}),
    ...(tag ? { tagId: tag.id } : {}),
    ...(author ? { authorId: author.id } : {}),
    ...(from ? { fromKey: from.key } : {}),
    ...(to ? { toKey: to.key } : {}),
  };
}

/** A day starts at its local midnight; an instant is itself. */
function startOf(value: string, tz: string): { key: number } {
  const day = DAY.exec(value);
  return { key: keyFloor(day ? zonedMidnight(Number(day[1]), Number(day[2]), Number(day[3]), tz) : value) };
}

/** A day ends at the next local midnight; an instant includes its whole second. */
function endOf(value: string, tz: string): { key: number } {
  const day = DAY.exec(value);
  if (day) return { key: keyCeil(zonedMidnight(Number(day[1]), Number(day[2]), Number(day[3]) + 1, tz)) };
  return { key: keyFloor(value) + KEYS_PER_SECOND };
}

function validDay(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1970 && y <= 2100 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The UTC instant of local midnight starting day y-m-d in a time zone (d may overflow into the next month). */
function zonedMidnight(y: number, m: number, d: number, timeZone: string): string {
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at that instant; a second pass settles days where daylight saving changes it.
  let t = guess - zoneOffsetMs(guess, timeZone);
  t = guess - zoneOffsetMs(t, timeZone);
  return new Date(t).toISOString();
}

