import { AppError } from '../errors/index.js';
import type { Actor } from '../auth/permissions.js';
import type { ArticleInput, ArticleStatus } from './article.fields.js';
import type { ContentRepos } from './repos.js';
import type { SavedBy } from './revision.repo.js';

/**
 * Every field of the field list as stored after a save (tags and authors by slug, the body as
 * sanitized), plus the embargo time of a scheduled article. Revisions keep one per save.
 */
export type ArticleSnapshot = ArticleInput & { readonly publishAt: string | null };

/** Why a save happened, as revisions record it. */
export type RevisionAction = 'create' | 'update' | 'restore' | 'submit' | 'approve' | 'return' | 'publish' | 'schedule' | 'unpublish' | 'archive';

/** Who saved and why: what `ArticleService` and the workflow pass down to the revision. */
export interface SaveContext {
  readonly by?: SavedBy;
  readonly action?: RevisionAction;
  readonly note?: string;
}

/** The revision's record of an actor; the system when nobody acted. */
export function savedBy(actor: Actor | undefined): SavedBy {
  return actor ? { userId: actor.userId > 0 ? actor.userId : null, via: actor.via } : { userId: null, via: 'system' };
}

/** Reads the stored state of article `id` as a snapshot, inside the caller's transaction. */
export async function snapshotOf(repos: ContentRepos, id: number): Promise<ArticleSnapshot> {
  return (await stateOf(repos, id)).snapshot;
}

async function stateOf(repos: ContentRepos, id: number): Promise<{ version: number; snapshot: ArticleSnapshot }> {
  const row = await repos.articles.byId(id);
  if (!row) throw new AppError('JD_ERR_CONTENT_ARTICLE_NOT_FOUND', { id });
  const [sections, tags, authors] = await Promise.all([repos.sections.all(), repos.tags.forArticles([id]), repos.users.forArticles([id])]);
  const snapshot: ArticleSnapshot = {
    title: row.title,
    subtitle: row.subtitle,
    summary: row.summary,
    bodyHtml: row.body_html,
    slug: row.slug,
    section: sections.find((s) => s.id === row.section_id)?.slug ?? '',
    tags: tags.map((t) => t.slug),
    authors: authors.map((a) => a.slug),
    source: { name: row.source_name, url: row.source_url },
    lang: row.lang as ArticleInput['lang'],
    status: row.status as ArticleStatus,
    flags: { headline: row.is_headline === 1, featured: row.is_featured === 1, slideshow: row.is_slideshow === 1 },
    publishedAt: row.published_at,
    cover: row.cover_media_id === null ? null : { mediaId: row.cover_media_id, caption: row.cover_caption, credit: row.cover_credit },
    correctionNote: row.correction_note,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    seoCanonicalUrl: row.canonical_url,
    publishAt: row.publish_at,
  };
  return { version: row.version, snapshot };
}

/**
 * Records the article's current state as the revision of its current version. Called inside
 * the transaction of every save, so a version never exists without its revision.
 */
export async function recordRevision(repos: ContentRepos, id: number, ctx: SaveContext, fallback: RevisionAction, at: string): Promise<void> {
  const { version, snapshot } = await stateOf(repos, id);
  await repos.revisions.insert({
    articleId: id,
    version,
    action: ctx.action ?? fallback,
    status: snapshot.status,
    snapshot: JSON.stringify(snapshot),
    note: ctx.note ?? '',
    by: ctx.by ?? { userId: null, via: 'system' },
    at,
  });
}
