import { z } from 'zod';
import { AppError, parseOrThrow } from '../errors/index.js';
import type { SectionRow } from '../db/index.js';
import type { SectionRepo } from './section.repo.js';
import type { Cluster } from '../events/cluster.js';
import type { EventBus } from '../events/bus.js';
import { urls } from './urls.js';
import type { SectionView } from './views.js';

// Slugs become the first path segment of public URLs, so the few that routes own are reserved.
const RESERVED = new Set(['admin', 'api', 'media', 'assets', 'tag', 'author', 'archive', 'search', 'page', 'sitemaps', 'zh-hans', 'zh-hant', 'zh-tw', 'zh-hk']);

/** A section slug: the first path segment of its public URLs, so never one a site route owns. */
export const sectionSlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens')
  .max(60)
  .refine((s) => !RESERVED.has(s), 'this slug is reserved for a site route');

const newSectionSchema = z.object({
  slug: sectionSlugSchema,
  name: z.string().trim().min(1).max(40),
  parent: z.string().optional(),
  position: z.number().int().min(0).max(10_000).default(0),
  description: z.string().trim().max(500).default(''),
});

/** A section with its place in the tree. */
export interface SectionNode extends SectionView {
  readonly children: readonly SectionNode[];
}

/** All sections, indexed for the lookups pages need. */
export interface SectionIndex {
  /** Top-level sections in order, each with its children. */
  readonly tree: readonly SectionNode[];
  readonly byId: ReadonlyMap<number, SectionNode>;
  readonly bySlug: ReadonlyMap<string, SectionNode>;
}

/**
 * How long the section index is kept before it is read again. Every page needs it; changes
 * drop it at once (`subscribe`, and this service's own writes); the TTL bounds what no event
 * reports, as the card cache's does.
 */
const INDEX_TTL_MS = 60_000;

/** Reads sections and answers tree questions (path to the root, all descendants). */
export class SectionService {
  readonly #repo: SectionRepo;
  readonly #clock: () => number;
  #pinned: SectionIndex | undefined;
  #kept: { at: number; index: Promise<SectionIndex> } | undefined;
  constructor(deps: { sectionRepo: SectionRepo; clock?: () => number }) {
    this.#repo = deps.sectionRepo;
    this.#clock = deps.clock ?? Date.now;
  }

  /** Every section in an index (sections are few: one query, then kept; see INDEX_TTL_MS). */
  index(): Promise<SectionIndex> {
    if (this.#pinned) return Promise.resolve(this.#pinned);
    const now = this.#clock();
    if (this.#kept && now - this.#kept.at < INDEX_TTL_MS) return this.#kept.index;
    const index = this.#repo.all().then(buildIndex);
    const kept = { at: now, index };
    this.#kept = kept;
    index.catch(() => {
      if (this.#kept === kept) this.#kept = undefined;
    });
    return index;
  }

  /** Drops the kept index: the next page reads the sections again. */
  forget(): void {
    this.#kept = undefined;
  }

  /**
   * Keeps the index right: a section change here drops it as the event is emitted; a message
   * from another process (its page-cache purges) or a resync after an outage drops it too,
   * since this process did not see what changed.
   */
  subscribe(events: EventBus, cluster?: Cluster): void {
    events.on('taxonomy.changed', () => this.forget());
    cluster?.onMessage(() => this.forget());
    cluster?.onResync(() => this.forget());
  }

  /**
   * Answers `index()` with `index` until the returned function is called. For a static build,
   * which renders one state of the site and would otherwise read the sections again for every
   * page and block (some 50,000 times on 10,000 articles); never for a server.
   */
  pin(index: SectionIndex): () => void {
    this.#pinned = index;
    return () => {
      if (this.#pinned === index) this.#pinned = undefined;
    };
  }

  /** Creates a section under `parent` (a slug) or at the top. */
  async create(raw: unknown, now: string): Promise<number> {
    const input = parseOrThrow(newSectionSchema, raw);
    if (await this.#repo.bySlug(input.slug)) throw new AppError('JD_ERR_CONTENT_SLUG_TAKEN', { slug: input.slug, kind: 'section' });
    let parentId: number | null = null;
    if (input.parent) {
      const parent = await this.#repo.bySlug(input.parent);
      if (!parent) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { parent: `no section with slug ${input.parent}` } });
      parentId = parent.id;
    }
    const id = await this.#repo.insert({ slug: input.slug, name: input.name, parentId, position: input.position, description: input.description }, now);
    this.forget();
    return id;
  }

  /** The section with `slug`, or JD_ERR_CONTENT_SECTION_NOT_FOUND. */
  async require(slug: string): Promise<{ section: SectionNode; index: SectionIndex }> {
    let index = await this.index();
    // A section made since the index was read (by an import's own transaction, another process)
    // is not missing: read again once before saying so.
    if (!index.bySlug.has(slug)) index = await this.#reread();
    const section = index.bySlug.get(slug);
    if (!section) throw new AppError('JD_ERR_CONTENT_SECTION_NOT_FOUND', { slug });
    return { section, index };
  }

  /**
   * `index` if it knows every one of `ids`, else the sections read again: an article in a
   * section newer than the kept index must show that section, not a placeholder.
   */
  async covering(index: SectionIndex, ids: Iterable<number>): Promise<SectionIndex> {
    for (const id of ids) if (!index.byId.has(id)) return this.#reread();
    return index;
  }

  /** The sections read again (a pinned index stays: a build renders one state of the site). */
  #reread(): Promise<SectionIndex> {
    if (this.#pinned) return Promise.resolve(this.#pinned);
    this.forget();
    return this.index();
  }
}

/** Builds the index from rows; exported for tests. */
export function buildIndex(rows: readonly SectionRow[]): SectionIndex {
  const kids = new Map<number | null, SectionRow[]>();
  for (const r of rows) {
    const list = kids.get(r.parent_id) ?? [];
    list.push(r);
    kids.set(r.parent_id, list);
  }
  const byId = new Map<number, SectionNode>();
  const bySlug = new Map<string, SectionNode>();
  const build = (r: SectionRow, seen: Set<number>): SectionNode => {
    // A cycle cannot be created through the service, but a hand-edited database could hold one.
    const next = new Set(seen).add(r.id);
    const children = (kids.get(r.id) ?? []).filter((c) => !next.has(c.id)).map((c) => build(c, next));
    const node: SectionNode = { id: r.id, slug: r.slug, name: r.name, url: urls.section(r.slug), parentId: r.parent_id, position: r.position, children };
    byId.set(r.id, node);
    bySlug.set(r.slug, node);
    return node;
  };
  const tree = (kids.get(null) ?? []).map((r) => build(r, new Set()));
  return { tree, byId, bySlug };
}

/** The section and its ancestors, root first. */
export function pathTo(index: SectionIndex, id: number): SectionNode[] {
  const out: SectionNode[] = [];
  let node = index.byId.get(id);
  while (node && out.length < 20) {
    out.unshift(node);
    node = node.parentId === null ? undefined : index.byId.get(node.parentId);
  }
  return out;
}

/** Ids of a section and every section below it. */
export function descendantIds(node: SectionNode): number[] {
  return [node.id, ...node.children.flatMap(descendantIds)];
}
