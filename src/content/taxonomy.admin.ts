import type { z } from 'zod';
import type { SectionRow, TagRow } from '../db/index.js';
import { AppError } from '../errors/index.js';
import type { EventBus } from '../events/bus.js';
import { slugify } from '../zh/slug.js';
import type { SectionService } from './section.service.js';
import type { sectionCreateSchema, sectionPatchSchema, tagCreateSchema, tagMergeSchema, tagPatchSchema } from './taxonomy.input.js';
import type { SectionUsageRow, TaxonomyRepo, TagUsageRow } from './taxonomy.repo.js';
import { urls } from './urls.js';

/** A section as the newsroom manages it. */
export interface SectionAdminView {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly parentId: number | null;
  readonly position: number;
  readonly url: string;
  readonly version: number;
  readonly articles: number;
  readonly children: number;
  readonly updatedAt: string;
}

/** A tag as the newsroom manages it. */
export interface TagAdminView {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly url: string;
  readonly version: number;
  readonly articles: number;
  readonly published: number;
  /** Slugs that redirect here (renames and merged tags). */
  readonly oldSlugs: readonly string[];
}

/** Dependencies of the taxonomy administration. */
export interface TaxonomyAdminDeps {
  readonly repo: TaxonomyRepo;
  /** Runs work in one transaction with a repository bound to it. */
  readonly transaction: <T>(work: (repo: TaxonomyRepo) => Promise<T>) => Promise<T>;
  readonly sectionService: SectionService;
  readonly events: EventBus;
  readonly now: () => Date;
}

const messages = {
  cycle: 'a section cannot move inside itself or its own sub-sections',
  noParent: (slug: string) => `no section with slug ${slug}`,
  mergeSelf: 'a tag cannot be merged into itself',
  slugNeeded: 'this name gives no usable slug: give one',
} as const;

/**
 * Sections and tags for the newsroom: create, change (version-checked), delete, and merge
 * tags. A renamed or merged tag's old slug is kept so its public URL redirects.
 */
export class TaxonomyAdmin {
  readonly #d: TaxonomyAdminDeps;
  constructor(deps: TaxonomyAdminDeps) {
    this.#d = deps;
  }

  async sections(): Promise<SectionAdminView[]> {
    return (await this.#d.repo.sections()).map(sectionView);
  }

  async section(id: number): Promise<SectionAdminView> {
    const row = (await this.#d.repo.sections()).find((s) => s.id === id);
    if (!row) throw new AppError('JD_ERR_CONTENT_SECTION_ID_NOT_FOUND', { id });
    return sectionView(row);
  }

  async createSection(input: z.output<typeof sectionCreateSchema>): Promise<SectionAdminView> {
    const id = await this.#d.sectionService.create({ ...input, parent: input.parent ?? undefined }, this.#d.now().toISOString());
    await this.#changed('section', [id], [input.slug]);
    return this.section(id);
  }

  async updateSection(id: number, input: z.output<typeof sectionPatchSchema>): Promise<SectionAdminView> {
    const row = await this.#requireSection(id);
    if (row.version !== input.version) throw stale('section', input.version, row.version, await this.section(id));
    const patch: Partial<SectionRow> = { updated_at: this.#d.now().toISOString() };
    if (input.slug !== undefined && input.slug !== row.slug) {
      if (await this.#d.repo.sectionBySlug(input.slug)) throw new AppError('JD_ERR_CONTENT_SLUG_TAKEN', { slug: input.slug, kind: 'section' });
      patch.slug = input.slug;
    }
    if (input.parent !== undefined) patch.parent_id = await this.#parentId(id, input.parent);
    if (input.name !== undefined) patch.name = input.name;
    if (input.position !== undefined) patch.position = input.position;
    if (input.description !== undefined) patch.description = input.description;
    if (!(await this.#d.repo.updateSection(id, input.version, patch))) {
      const fresh = await this.section(id);
      throw stale('section', input.version, fresh.version, fresh);
    }
    await this.#changed('section', [id], [row.slug, patch.slug ?? row.slug]);
    return this.section(id);
  }

  /** Deletes an empty section; one with articles or sub-sections is a 409. */
  async deleteSection(id: number): Promise<void> {
    const s = await this.section(id);
    if (s.articles > 0 || s.children > 0) {
      const what = [s.articles > 0 ? `${s.articles} articles` : '', s.children > 0 ? `${s.children} sub-sections` : ''].filter(Boolean).join(' and ');
      throw new AppError('JD_ERR_CONTENT_SECTION_IN_USE', { slug: s.slug, what });
    }
    await this.#d.repo.deleteSection(id);
    await this.#changed('section', [id], [s.slug]);
  }

  async tags(q: string | undefined, page: number, limit: number): Promise<{ tags: TagAdminView[]; total: number }> {
    const { rows, total } = await this.#d.repo.tags(q, limit, (page - 1) * limit);
    return { tags: await Promise.all(rows.map((r) => this.#tagView(r))), total };
  }

  async tag(id: number): Promise<TagAdminView> {
    const row = await this.#requireTag(id);
    const usage = await this.#d.repo.articlesWithTag(id);
    return this.#tagView({ ...row, articles: usage.length, published: usage.filter((a) => a.status === 'published').length });
  }

  async createTag(input: z.output<typeof tagCreateSchema>): Promise<TagAdminView> {
    const slug = input.slug ?? defaultTagSlug(input.name);
    if (!slug) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { slug: messages.slugNeeded } });
    if (await this.#d.repo.tagByName(input.name)) throw new AppError('JD_ERR_CONTENT_NAME_TAKEN', { name: input.name, kind: 'tag' });
    if (await this.#d.repo.tagBySlug(slug)) throw new AppError('JD_ERR_CONTENT_SLUG_TAKEN', { slug, kind: 'tag' });
    const id = await this.#d.transaction(async (repo) => {
      // A new tag takes over a URL an old tag left behind.
      await repo.removeRedirect(slug);
      return repo.insertTag(slug, input.name, input.description, this.#d.now().toISOString());
    });
    await this.#changed('tag', [id], [slug]);
    return this.tag(id);
  }

  /** Renames a tag (name, slug or both); the old slug redirects to the new one. */
  async updateTag(id: number, input: z.output<typeof tagPatchSchema>): Promise<TagAdminView> {
    const row = await this.#requireTag(id);
    if (row.version !== input.version) throw stale('tag', input.version, row.version, await this.tag(id));
    const patch: Partial<TagRow> = {};
    if (input.name !== undefined && input.name !== row.name) {
      const other = await this.#d.repo.tagByName(input.name);
      if (other && other.id !== id) throw new AppError('JD_ERR_CONTENT_NAME_TAKEN', { name: input.name, kind: 'tag' });
      patch.name = input.name;
    }
    if (input.slug !== undefined && input.slug !== row.slug) {
      if (await this.#d.repo.tagBySlug(input.slug)) throw new AppError('JD_ERR_CONTENT_SLUG_TAKEN', { slug: input.slug, kind: 'tag' });
      patch.slug = input.slug;
    }
    if (input.description !== undefined) patch.description = input.description;
    const now = this.#d.now().toISOString();
    const saved = await this.#d.transaction(async (repo) => {
      if (!(await repo.updateTag(id, input.version, patch))) return false;
      if (patch.slug) {
        await repo.removeRedirect(patch.slug);
        await repo.addRedirect(row.slug, id, now);
      }
      return true;
    });
    if (!saved) {
      const fresh = await this.tag(id);
      throw stale('tag', input.version, fresh.version, fresh);
    }
    if (patch.name || patch.slug) await this.#resave(id);
    await this.#changed('tag', [id], [row.slug, patch.slug ?? row.slug]);
    return this.tag(id);
  }

  /**
   * Merges tag `id` into tag `into`: its articles get `into` (once), its slug and old slugs
   * redirect to `into`, and it is deleted.
   */
  async mergeTag(id: number, input: z.output<typeof tagMergeSchema>): Promise<TagAdminView> {
    if (id === input.into) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { into: messages.mergeSelf } });
    const [from, into] = await Promise.all([this.#requireTag(id), this.#requireTag(input.into)]);
    if (input.version !== undefined && input.version !== from.version) throw stale('tag', input.version, from.version, await this.tag(id));
    const affected = await this.#d.repo.articlesWithTag(id);
    const now = this.#d.now().toISOString();
    await this.#d.transaction(async (repo) => {
      await repo.moveTagLinks(from.id, into.id);
      await repo.moveRedirects(from.id, into.id);
      await repo.addRedirect(from.slug, into.id, now);
      await repo.deleteTag(from.id);
      // Bumps the target's version: whoever edits it next must have seen the merge.
      await repo.updateTag(into.id, into.version, {});
    });
    await this.#announce(affected);
    await this.#changed('tag', [from.id, into.id], [from.slug, into.slug]);
    return this.tag(into.id);
  }

  /** Deletes a tag; its articles lose it. */
  async deleteTag(id: number): Promise<void> {
    const row = await this.#requireTag(id);
    const affected = await this.#d.repo.articlesWithTag(id);
    await this.#d.repo.deleteTag(id);
    await this.#announce(affected);
    await this.#changed('tag', [id], [row.slug]);
  }

  /** The current slug an old tag slug redirects to, if any (public tag pages). */
  redirectFor(slug: string): Promise<string | undefined> {
    return this.#d.repo.redirectFor(slug);
  }

  async #resave(tagId: number): Promise<void> {
    await this.#announce(await this.#d.repo.articlesWithTag(tagId));
  }

  /** Articles whose tags changed are re-announced, so search and related lists follow. */
  async #announce(articles: ReadonlyArray<{ id: number; status: string }>): Promise<void> {
    for (const a of articles) await this.#d.events.emit({ type: 'article.saved', articleId: a.id, status: a.status, previousStatus: a.status, retagged: true });
  }

  /** Tells caches which sections or tags changed (after the commit, so they re-read the new state). */
  async #changed(kind: 'section' | 'tag', ids: readonly number[], slugs: readonly string[]): Promise<void> {
    await this.#d.events.emit({ type: 'taxonomy.changed', kind, ids, slugs: [...new Set(slugs)] });
  }

  async #parentId(id: number, parent: string | null): Promise<number | null> {
    if (parent === null) return null;
    const p = await this.#d.repo.sectionBySlug(parent);
    if (!p) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { parent: messages.noParent(parent) } });
    const index = await this.#d.sectionService.index();
    // Walking up from the new parent must not reach the section itself.
    for (let node = index.byId.get(p.id); node; node = node.parentId === null ? undefined : index.byId.get(node.parentId)) {
      if (node.id === id) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { parent: messages.cycle } });
    }
    return p.id;
  }

  async #requireSection(id: number): Promise<SectionRow> {
    const row = await this.#d.repo.sectionById(id);
    if (!row) throw new AppError('JD_ERR_CONTENT_SECTION_ID_NOT_FOUND', { id });
    return row;
  }

  async #requireTag(id: number): Promise<TagRow> {
    const row = await this.#d.repo.tagById(id);
    if (!row) throw new AppError('JD_ERR_CONTENT_TAG_ID_NOT_FOUND', { id });
    return row;
  }

  async #tagView(r: TagUsageRow): Promise<TagAdminView> {
    return {
      id: r.id,
      slug: r.slug,
      name: r.name,
      description: r.description,
      url: urls.tag(r.slug),
      version: r.version,
      articles: Number(r.articles),
      published: Number(r.published),
      oldSlugs: await this.#d.repo.oldSlugs(r.id),
    };
  }
}

function sectionView(r: SectionUsageRow): SectionAdminView {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    parentId: r.parent_id,
    position: r.position,
    url: urls.section(r.slug),
    version: r.version,
    articles: Number(r.articles),
    children: Number(r.children),
    updatedAt: r.updated_at,
  };
}

/** A 409 for a stale section or tag version, carrying the current item when known. */
function stale(kind: 'section' | 'tag', given: number, current: number, item: object | undefined): AppError {
  return new AppError('JD_ERR_CONTENT_STALE', { kind, given, current }, item ? { extra: { current: item } } : {});
}

/** The slug a tag gets from its name, as articles' tags get theirs (src/content/tag.service.ts). */
function defaultTagSlug(name: string): string {
  return slugify(name) || name.toLowerCase().replace(/\s+/g, '-').replace(/[/?#%\\]/g, '');
}
