import type { ArticleRowUpdate } from '../db/index.js';
import { AppError, parseOrThrow } from '../errors/index.js';
import { sanitizeBody } from '../guard/sanitize.js';
import { findingsColumn } from '../guard/article-integrity.js';
import type { IntegrityOptions } from '../guard/integrity.js';
import { titleSlug } from '../zh/slug.js';
import { articleInputSchema, type ArticleInput } from './article.fields.js';
import type { ArticleReader } from './article.reader.js';
import type { ContentRepos, Transactor } from './repos.js';
import { TagService } from './tag.service.js';
import type { ArticleView } from './views.js';
import type { EventBus } from '../events/bus.js';
import { recordRevision, type SaveContext } from './snapshot.js';

/** Dependencies of the article write service. */
export interface ArticleServiceDeps {
  readonly transaction: Transactor;
  readonly events: EventBus;
  readonly reader: ArticleReader;
  readonly now: () => Date;
  /** The integrity guard's options for this site (src/guard/article-integrity.ts siteIntegrityOptions). */
  readonly integrity?: IntegrityOptions;
}

/**
 * Write use cases for articles: create and update. Every body passes the one sanitizing
 * policy; references (section, authors, cover) must exist; updates need the current version.
 * Every save records a revision (full field snapshot, who, why) in the same transaction.
 */
export class ArticleService {
  readonly #d: ArticleServiceDeps;
  constructor(deps: ArticleServiceDeps) {
    this.#d = deps;
  }

  /**
   * Validates and stores a new article.
   *
   * @example
   * await articles.create({ title: '颱風逼近', section: 'society', bodyHtml: '<p>…</p>' });
   */
  async create(raw: unknown, ctx: SaveContext = {}): Promise<ArticleView> {
    const input = parseOrThrow(articleInputSchema, raw);
    const now = this.#d.now().toISOString();
    const id = await this.#d.transaction(async (repos) => {
      const refs = await resolveRefs(repos, input, now);
      const row = columns(input, refs.sectionId, now, this.#d.integrity);
      // A readable slug from the title (pinyin for Chinese) unless the editor chose one.
      if (!row.slug) row.slug = titleSlug(input.title);
      // Back-dated copy (imports, the demo) was last changed when it was published.
      if (row.published_at && row.published_at < now) row.updated_at = row.published_at;
      const articleId = await repos.articles.insert({
        ...row,
        corrected_at: input.correctionNote ? row.updated_at : null,
        created_at: now,
        version: 1,
        created_by: ctx.by?.userId ?? null,
      });
      await repos.tags.setForArticle(articleId, refs.tagIds);
      await repos.users.setForArticle(articleId, refs.userIds);
      await recordRevision(repos, articleId, ctx, 'create', now);
      return articleId;
    });
    await this.#d.events.emit({ type: 'article.saved', articleId: id, status: input.status, previousStatus: undefined });
    return this.#d.reader.any(id);
  }

  /**
   * Replaces an article's fields if `version` is still current; otherwise throws
   * JD_ERR_CONTENT_VERSION_CONFLICT with the current version, so nothing is overwritten.
   */
  async update(id: number, version: number, raw: unknown, ctx: SaveContext = {}): Promise<ArticleView> {
    const input = parseOrThrow(articleInputSchema, raw);
    const now = this.#d.now().toISOString();
    const previousStatus = await this.#d.transaction(async (repos) => {
      const current = await repos.articles.byId(id);
      if (!current) throw new AppError('JD_ERR_CONTENT_ARTICLE_NOT_FOUND', { id });
      if (current.version !== version) throw new AppError('JD_ERR_CONTENT_VERSION_CONFLICT', { given: version, current: current.version });
      const refs = await resolveRefs(repos, input, now);
      const patch: ArticleRowUpdate = columns(input, refs.sectionId, now, this.#d.integrity);
      // Published URLs stay as they are unless the editor changes the slug on purpose.
      if (!patch.slug) patch.slug = current.slug || titleSlug(input.title);
      if (input.correctionNote !== current.correction_note) patch.corrected_at = input.correctionNote ? now : null;
      // Only the workflow schedules (it sets the embargo); any other status drops a stale one.
      if (input.status !== 'scheduled') patch.publish_at = null;
      if (!(await repos.articles.updateIfVersion(id, version, patch))) {
        const fresh = await repos.articles.byId(id);
        throw new AppError('JD_ERR_CONTENT_VERSION_CONFLICT', { given: version, current: fresh?.version ?? '?' });
      }
      await repos.tags.setForArticle(id, refs.tagIds);
      await repos.users.setForArticle(id, refs.userIds);
      await recordRevision(repos, id, ctx, 'update', now);
      return current.status;
    });
    await this.#d.events.emit({ type: 'article.saved', articleId: id, status: input.status, previousStatus });
    return this.#d.reader.any(id);
  }
}

async function resolveRefs(repos: ContentRepos, input: ArticleInput, now: string) {
  const section = await repos.sections.bySlug(input.section);
  if (!section) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { section: `no section with slug ${input.section}` } });
  const users = await repos.users.bySlugs(input.authors);
  const missing = input.authors.filter((slug) => !users.some((u) => u.slug === slug));
  if (missing.length > 0) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { authors: `unknown author: ${missing.join(', ')}` } });
  if (input.cover && !(await repos.media.byId(input.cover.mediaId))) {
    throw new AppError('JD_ERR_VALIDATION', {}, { fields: { 'cover.mediaId': `no media with id ${input.cover.mediaId}` } });
  }
  const tagIds = await new TagService({ tagRepo: repos.tags }).ensure(input.tags, now);
  const userIds = input.authors.map((slug) => users.find((u) => u.slug === slug)!.id);
  return { sectionId: section.id, tagIds, userIds };
}

function columns(input: ArticleInput, sectionId: number, now: string, integrity?: IntegrityOptions) {
  const publishedAt = input.publishedAt ?? (input.status === 'published' ? now : null);
  const body = sanitizeBody(input.bodyHtml);
  return {
    slug: input.slug,
    title: input.title,
    subtitle: input.subtitle,
    summary: input.summary,
    body_html: body,
    // Every save runs the integrity guard on what will be served; the save proceeds either way
    // (editors keep their work) and publishing a flagged body takes an editor's override.
    integrity_findings: findingsColumn(body, integrity),
    cover_media_id: input.cover?.mediaId ?? null,
    cover_caption: input.cover?.caption ?? '',
    cover_credit: input.cover?.credit ?? '',
    section_id: sectionId,
    source_name: input.source.name,
    source_url: input.source.url,
    lang: input.lang,
    status: input.status,
    is_headline: input.flags.headline ? 1 : 0,
    is_featured: input.flags.featured ? 1 : 0,
    is_slideshow: input.flags.slideshow ? 1 : 0,
    published_at: publishedAt,
    updated_at: now,
    correction_note: input.correctionNote,
    seo_title: input.seoTitle,
    seo_description: input.seoDescription,
    canonical_url: input.seoCanonicalUrl,
  };
}
