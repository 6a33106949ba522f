import { AppError } from '../errors/index.js';
import type { TagRepo } from './tag.repo.js';
import { slugify } from '../zh/slug.js';
import { urls } from './urls.js';
import type { Paged, TagView } from './views.js';

/** A tag with its count of published articles. */
export interface TagWithCount extends TagView {
  readonly count: number;
}

/**
 * Where short tag listings are shared between requests: the reader's card cache, which drops
 * them when an article is saved or a tag changes (`CardCache.list`).
 */
export interface SharedLists {
  list<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/**
 * Listings up to this many tags are shared (the home page's 24, the search filter, API pages of
 * at most 100). Longer ones (sitemaps, the static export) are read when asked: they are asked
 * for rarely, and keeping them would hold every tag of a large site in memory.
 */
const SHARED_LIST_LIMIT = 100;

/** Tags: lookups, listings and finding-or-creating tags by name for new articles. */
export class TagService {
  readonly #repo: TagRepo;
  readonly #shared: SharedLists | undefined;
  constructor(deps: { tagRepo: TagRepo; shared?: SharedLists }) {
    this.#repo = deps.tagRepo;
    this.#shared = deps.shared;
  }

  /** The tag with `slug`, or JD_ERR_CONTENT_TAG_NOT_FOUND. */
  async require(slug: string): Promise<TagView & { id: number }> {
    const row = await this.#repo.bySlug(slug);
    if (!row) throw new AppError('JD_ERR_CONTENT_TAG_NOT_FOUND', { slug });
    return { id: row.id, slug: row.slug, name: row.name, url: urls.tag(row.slug) };
  }

  /**
   * Tags, most used first. Counting every tag's published articles took 15 ms a call on
   * 100,000 articles, and the home page, the search page and the API ask on every render or
   * call: short listings are shared until an article or tag changes. Callers must not modify
   * what they get.
   */
  list(page: number, limit: number): Promise<Paged<TagWithCount>> {
    const load = () => this.#list(page, limit);
    return this.#shared && limit <= SHARED_LIST_LIMIT ? this.#shared.list(`tags:${page}:${limit}`, load) : load();
  }

  async #list(page: number, limit: number): Promise<Paged<TagWithCount>> {
    const [rows, total] = await Promise.all([this.#repo.withCounts(limit, (page - 1) * limit), this.#repo.countAll()]);
    return { items: rows.map((r) => ({ slug: r.slug, name: r.name, url: urls.tag(r.slug), count: Number(r.count) })), page, limit, total };
  }

  /**
   * Ids for tags given by slug or name, creating missing ones. A new tag's slug is the ASCII
   * slug of its name, or the name itself (lower-cased, spaces as hyphens) when it has no
   * Latin letters, as most Chinese tags do.
   */
  async ensure(namesOrSlugs: readonly string[], now: string): Promise<number[]> {
    const ids: number[] = [];
    for (const raw of namesOrSlugs) {
      const value = raw.trim();
      const found = (await this.#repo.bySlug(value)) ?? (await this.#repo.byName(value));
      const id = found?.id ?? (await this.#repo.insert(tagSlug(value), value, now));
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  /** Creates a tag with an explicit slug (demo loader, imports) unless it exists. */
  async define(slug: string, name: string, now: string): Promise<number> {
    const found = await this.#repo.bySlug(slug);
    return found?.id ?? this.#repo.insert(slug, name, now);
  }
}

function tagSlug(name: string): string {
  return slugify(name) || name.toLowerCase().replace(/\s+/g, '-').replace(/[/?#%\\]/g, '');
}
