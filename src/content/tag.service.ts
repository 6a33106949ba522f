import { AppError } from '../errors/index.js';
import type { TagRepo } from './tag.repo.js';
import { slugify } from '../zh/slug.js';
import { urls } from './urls.js';
import type { Paged, TagView } from './views.js';

/** A tag with its count of published articles. */
export interface TagWithCount extends TagView {
  readonly count: number;
}

/** Tags: lookups, listings and finding-or-creating tags by name for new articles. */
export class TagService {
  readonly #repo: TagRepo;
  constructor(deps: { tagRepo: TagRepo }) {
    this.#repo = deps.tagRepo;
  }

  /** The tag with `slug`, or JD_ERR_CONTENT_TAG_NOT_FOUND. */
  async require(slug: string): Promise<TagView & { id: number }> {
    const row = await this.#repo.bySlug(slug);
    if (!row) throw new AppError('JD_ERR_CONTENT_TAG_NOT_FOUND', { slug });
    return { id: row.id, slug: row.slug, name: row.name, url: urls.tag(row.slug) };
  }

  /** Tags, most used first. */
  async list(page: number, limit: number): Promise<Paged<TagWithCount>> {
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
