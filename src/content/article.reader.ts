import type { ArticleRow } from '../db/index.js';
import type { UserRepo } from '../auth/user.repo.js';
import { AppError } from '../errors/index.js';
import type { Cluster } from '../events/cluster.js';
import type { EventBus } from '../events/bus.js';
import { CardCache } from './article.cards.js';
import { Interner } from './interner.js';
import { readingMinutes } from '../zh/reading-time.js';
import type { ArticleStatus } from './article.fields.js';
import type { ArticleRepo, PublishedFilter } from './article.repo.js';
import type { MediaRepo } from './media.repo.js';
import { descendantIds, pathTo, type SectionIndex, type SectionService } from './section.service.js';
import type { TagRepo } from './tag.repo.js';
import { urls } from './urls.js';
import type { ArticleView, AuthorView, CoverView, Paged, SectionView, TagView } from './views.js';

/** A published article's canonical path and dates, without its text (for sitemaps). */
export interface ArticleRef {
  readonly id: number;
  /** Unprefixed path, as `ArticleView.url`. */
  readonly url: string;
  readonly publishedAt: string | null;
  readonly updatedAt: string;
}

/** Distinct tags, authors and sections whose views are shared between cards. */
const VIEWS_INTERNED = 20_000;

/** How many tag-sharing candidates `related` ranks. */
const RELATED_POOL = 200;
/** Newest ids of the article's section read for `related`'s top-up: one cached list per section. */
const RELATED_FILL_POOL = 40;

/** Dependencies of the reader. */
export interface ArticleReaderDeps {
  readonly articleRepo: ArticleRepo;
  readonly tagRepo: TagRepo;
  readonly userRepo: UserRepo;
  readonly mediaRepo: MediaRepo;
  readonly sectionService: SectionService;
  /** The card cache (default: one with a 60 s TTL on the system clock). */
  readonly cards?: CardCache;
}

/**
 * Read use cases for articles: one article, listings, and turning rows into views with their
 * section, tags, authors and cover loaded in a few batched queries (never one per article).
 */
export class ArticleReader {
  readonly #d: ArticleReaderDeps;
  readonly #cards: CardCache;
  // Views are immutable: cards of the same tag, author or section share one object (see Interner).
  readonly #tagViews = new Interner<TagView>(VIEWS_INTERNED);
  readonly #authorViews = new Interner<AuthorView>(VIEWS_INTERNED);
  readonly #sectionViews = new Interner<SectionView>(VIEWS_INTERNED);
  constructor(deps: ArticleReaderDeps) {
    this.#d = deps;
    this.#cards = deps.cards ?? new CardCache();
  }

  /** Cards this reader keeps at most (see CardCache). */
  get maxCards(): number {
    return this.#cards.maxCards;
  }

  /**
   * Keeps the card cache right: a saved or deleted article's card and every recent-id list are
   * dropped as the event is emitted; a message from another process (its page-cache purges)
   * or a resync after an outage drops everything, since this process did not see the change.
   */
  subscribe(events: EventBus, cluster?: Cluster): void {
    events.on('article.saved', (e) => this.#cards.forget(e.articleId));
    events.on('article.deleted', (e) => this.#cards.forget(e.articleId));
    cluster?.onMessage(() => this.#cards.clear());
    cluster?.onResync(() => this.#cards.clear());
  }

  /**
   * A published article by id, or JD_ERR_CONTENT_ARTICLE_NOT_FOUND. `index`: the section index
   * the caller already holds (a page reads it once).
   */
  async published(id: number, index?: SectionIndex): Promise<ArticleView> {
    const row = await this.#d.articleRepo.byId(id);
    // An archived article was public once: links to it deserve "gone", not "never existed".
    if (row?.status === 'archived') throw new AppError('JD_ERR_CONTENT_ARTICLE_GONE', { id });
    if (!row || row.status !== 'published') throw new AppError('JD_ERR_CONTENT_ARTICLE_NOT_FOUND', { id });
    const sections = index ?? (await this.#d.sectionService.index());
    // The article's card of this very version already holds its tags and authors (a save drops
    // the card, a rename of a tag or author drops them all): two queries fewer per page.
    const [view] = await this.hydrate([row], sections, this.#cards.card(id, sections));
    return view!;
  }

  /**
   * Published articles among `ids` as cards (views with an empty body and no reading time, which
   * no list shows), in the order of `ids`; unpublished and unknown ids are left out. Cards come
   * from memory when they can (see CardCache); the rest are read in one batch, without bodies.
   */
  async cards(ids: readonly number[], index?: SectionIndex): Promise<ArticleView[]> {
    if (ids.length === 0) return [];
    const sections = index ?? (await this.#d.sectionService.index());
    const found = new Map<number, ArticleView>();
    const missing: number[] = [];
    for (const id of ids) {
      const card = this.#cards.card(id, sections);
      if (card) found.set(id, card);
      else if (!missing.includes(id)) missing.push(id);
    }
    if (missing.length > 0) {
      for (const view of await this.hydrate(await this.#d.articleRepo.publishedCardRows(missing), sections)) found.set(view.id, this.#cards.keep(view));
    }
    const out: ArticleView[] = [];
    for (const id of ids) {
      const card = found.get(id);
      if (card) out.push(card);
    }
    return out;
  }

  /**
   * Ids of the newest published articles matching `filter`, at most `limit`, kept in memory
   * until an article is saved or deleted (or the card cache's TTL passes): the home page's
   * and the fallback blocks' lists. `excludeIds` is not part of a cached filter; filter after.
   */
  recentIds(filter: Omit<PublishedFilter, 'excludeIds'>, limit: number): Promise<number[]> {
    const key = JSON.stringify([filter.sectionIds ?? null, filter.tagId ?? null, filter.authorId ?? null, filter.from ?? null, filter.to ?? null, filter.flag ?? null, limit]);
    return this.#cards.list(`ids:${key}`, () => this.#d.articleRepo.listPublishedIds(filter, limit));
  }

  /** Any article by id whatever its status (newsroom use), or JD_ERR_CONTENT_ARTICLE_NOT_FOUND. */
  async any(id: number): Promise<ArticleView> {
    const row = await this.#d.articleRepo.byId(id);
    if (!row) throw new AppError('JD_ERR_CONTENT_ARTICLE_NOT_FOUND', { id });
    const [view] = await this.hydrate([row]);
    return view!;
  }

  /** A page of published articles, newest first. */
  async list(filter: PublishedFilter, page: number, limit: number): Promise<Paged<ArticleView>> {
    const [rows, total] = await Promise.all([
      this.#d.articleRepo.listPublished(filter, limit, (page - 1) * limit),
      this.#d.articleRepo.countPublished(filter),
    ]);
    return { items: await this.hydrate(rows), page, limit, total };
  }

  /** The newest published articles matching a filter, without a count. */
  async latest(filter: PublishedFilter, limit: number): Promise<ArticleView[]> {
    return this.hydrate(await this.#d.articleRepo.listPublished(filter, limit));
  }

  /** How many published articles match a filter. */
  async count(filter: PublishedFilter = {}): Promise<number> {
    return this.#d.articleRepo.countPublished(filter);
  }

  /**
   * Published articles' paths and dates, oldest first, `limit` from `offset`: one light query
   * plus the section index, so a sitemap page of thousands of URLs never loads a body.
   */
  async refs(offset: number, limit: number): Promise<ArticleRef[]> {
    const [rows, sections] = await Promise.all([this.#d.articleRepo.listPublishedRefs(limit, offset), this.#d.sectionService.index()]);
    return rows.map((r) => ({
      id: r.id,
      url: urls.article(sections.byId.get(r.section_id)?.slug ?? 'section', r.id, r.slug),
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
    }));
  }

  /** The newest articles of a section and its sub-sections, or JD_ERR_CONTENT_SECTION_NOT_FOUND. */
  async sectionLatest(slug: string, limit: number): Promise<{ section: SectionView; articles: ArticleView[] }> {
    const { section, index } = await this.#d.sectionService.require(slug);
    const rows = await this.#d.articleRepo.listPublished({ sectionIds: descendantIds(section) }, limit);
    return { section, articles: await this.hydrate(rows, index) };
  }

  /** The oldest published article matching a filter (for "next" links in archives). */
  async earliest(filter: PublishedFilter): Promise<ArticleView | undefined> {
    const rows = await this.#d.articleRepo.listPublished(filter, 1, 0, 'asc');
    return (await this.hydrate(rows))[0];
  }

  /**
   * Published articles sharing tags or the section with `article`: most shared tags first,
   * then same section, then newest. `index`: the section index the page already holds.
   */
  async related(article: ArticleView, limit: number, excludeIds: readonly number[] = [], index?: SectionIndex): Promise<ArticleView[]> {
    const { articleRepo, tagRepo } = this.#d;
    const skip = new Set([article.id, ...excludeIds]);
    const tagIds = (await tagRepo.forArticles([article.id])).map((t) => t.id);
    // Candidates by shared tags (a bounded pool), ranked here; then the section's newest fill up.
    const sharing = await articleRepo.sharingTags(article.id, tagIds, RELATED_POOL);
    const shared = new Map(sharing.map((s) => [s.article_id, s.shared]));
    // Rank on three small columns; only the few shown become cards.
    const ranked = (await articleRepo.publishedMeta(sharing.map((s) => s.article_id)))
      .filter((r) => !skip.has(r.id))
      .sort(
        (a, b) =>
          shared.get(b.id)! - shared.get(a.id)! ||
          Number(b.section_id === article.section.id) - Number(a.section_id === article.section.id) ||
          (b.published_at ?? '').localeCompare(a.published_at ?? ''),
      )
      .slice(0, limit);
    // Cards, not rows: the shown articles come from the card cache (an article whose stored list
    // is short takes this path on every request), and the section's newest from its cached ids.
    const ids = ranked.map((r) => r.id);
    if (ids.length < limit) {
      const shown = new Set([...skip, ...ids]);
      const newest = await this.recentIds({ sectionIds: [article.section.id] }, Math.max(RELATED_FILL_POOL, limit + shown.size));
      for (const id of newest) {
        if (ids.length >= limit) break;
        if (!shown.has(id)) ids.push(id);
      }
    }
    return this.cards(ids, index);
  }

  /**
   * Turns rows into views, loading relations for all of them at once. `card`: a card of the
   * one row's article, whose tags and authors are taken instead of read when it is of the
   * row's version (a card of any other version is ignored).
   */
  async hydrate(rows: readonly ArticleRow[], index?: SectionIndex, card?: ArticleView): Promise<ArticleView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const mediaIds = rows.map((r) => r.cover_media_id).filter((v): v is number => v !== null);
    const only = rows.length === 1 ? rows[0]! : undefined;
    const relations = card && only && only.id === card.id && only.version === card.version ? card : undefined;
    const [known, tags, authors, media] = await Promise.all([
      index ?? this.#d.sectionService.index(),
      relations ? [] : this.#d.tagRepo.forArticles(ids),
      relations ? [] : this.#d.userRepo.forArticles(ids),
      this.#d.mediaRepo.byIds(mediaIds),
    ]);
    const sections = await this.#d.sectionService.covering(known, rows.map((r) => r.section_id));
    const tagsOf = groupBy(tags, (t) => t.article_id, (t): TagView => this.#tagViews.get(`${t.slug}\u0001${t.name}`, () => ({ slug: t.slug, name: t.name, url: urls.tag(t.slug) })));
    const authorsOf = groupBy(authors, (a) => a.article_id, (a): AuthorView =>
      this.#authorViews.get(`${a.slug}\u0001${a.name}\u0001${a.bio}`, () => ({ slug: a.slug, name: a.name, bio: a.bio, url: urls.author(a.slug) })),
    );
    const mediaById = new Map(media.map((m) => [m.id, m]));
    return rows.map((r) => {
      const section = sections.byId.get(r.section_id) ?? pathTo(sections, r.section_id)[0];
      const m = r.cover_media_id === null ? undefined : mediaById.get(r.cover_media_id);
      const cover: CoverView | null = m
        ? { url: urls.media(m.path), width: m.width, height: m.height, alt: m.alt, caption: r.cover_caption || m.caption, credit: r.cover_credit || m.credit }
        : null;
      const sectionView = section ?? { id: r.section_id, slug: 'section', name: '', url: '/', parentId: null, position: 0 };
      return {
        id: r.id,
        url: urls.article(sectionView.slug, r.id, r.slug),
        slug: r.slug,
        title: r.title,
        subtitle: r.subtitle,
        summary: r.summary,
        bodyHtml: r.body_html,
        section: this.#sectionViews.get(`${sectionView.id}\u0001${sectionView.slug}\u0001${sectionView.name}\u0001${sectionView.parentId}\u0001${sectionView.position}`, () => ({
          id: sectionView.id,
          slug: sectionView.slug,
          name: sectionView.name,
          url: sectionView.url,
          parentId: sectionView.parentId,
          position: sectionView.position,
        })),
        tags: relations?.tags ?? tagsOf.get(r.id) ?? [],
        authors: relations?.authors ?? authorsOf.get(r.id) ?? [],
        source: { name: r.source_name, url: r.source_url },
        lang: r.lang,
        status: r.status as ArticleStatus,
        flags: { headline: r.is_headline === 1, featured: r.is_featured === 1, slideshow: r.is_slideshow === 1 },
        publishedAt: r.published_at,
        updatedAt: r.updated_at,
        correction: r.correction_note ? { note: r.correction_note, at: r.corrected_at } : null,
        cover,
        // Tags are stripped crudely: reading time counts characters, it does not need exact text.
        readingMinutes: readingMinutes(r.body_html, { html: true }),
        version: r.version,
        seo: { title: r.seo_title, description: r.seo_description, canonicalUrl: r.canonical_url },
      };
    });
  }
}

function groupBy<R, V>(rows: readonly R[], key: (r: R) => number, map: (r: R) => V): Map<number, V[]> {
  const out = new Map<number, V[]>();
  for (const r of rows) {
    const list = out.get(key(r)) ?? [];
    list.push(map(r));
    out.set(key(r), list);
  }
  return out;
}
