import { z } from 'zod';
import type { AdminArticle, ArticleAdmin } from '../content/article.admin.js';
import type { RevisionService } from '../content/revision.service.js';
import { AppError, isAppError } from '../errors/index.js';
import { articleJson } from './serialize.js';

/** The admin JSON of an article: the public shape plus its workflow state and version. */
export function adminArticleJson(a: AdminArticle, siteUrl: string) {
  return {
    ...articleJson(a.article, siteUrl),
    status: a.article.status,
    publishAt: a.publishAt,
    reviewNote: a.reviewNote,
    createdBy: a.createdBy,
    integrity: a.integrity,
    // The SEO fields as the editor set them ('' = unset), under their field-list names.
    seoTitle: a.article.seo?.title ?? '',
    seoDescription: a.article.seo?.description ?? '',
    seoCanonicalUrl: a.article.seo?.canonicalUrl ?? '',
  };
}

/** What turning a conflict into a helpful 409 needs. */
export interface ConflictDeps {
  readonly admin: ArticleAdmin;
  readonly revisions: RevisionService;
  readonly siteUrl: string;
}

const CONFLICTS = new Set(['JD_ERR_CONTENT_VERSION_CONFLICT', 'JD_ERR_CONTENT_TRANSITION_INVALID']);

/**
 * Runs a write on article `id` that the client based on `given`. A version conflict or a move
 * the article's status no longer allows becomes a 409 that carries the article as stored now
 * (`current`, with its `version`) and, for a stale version, which fields changed since: the
 * client can merge and retry; nothing is overwritten silently.
 *
 * @example
 * return withCurrent(d, params.id, body.version, () => d.admin.patch(params.id, body.version, rest, actor!));
 */
export async function withCurrent<T>(d: ConflictDeps, id: number, given: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isAppError(err) || !CONFLICTS.has(err.code)) throw err;
    const current = await d.admin.get(id);
    const changed = err.code === 'JD_ERR_CONTENT_VERSION_CONFLICT' ? await d.revisions.changedSince(id, given, current.article.version) : [];
    const fields = Object.fromEntries(changed.map((f) => [f, `changed by someone else since your version ${given}`]));
    throw new AppError(err.code, err.params, {
      cause: err,
      ...(changed.length > 0 ? { fields } : {}),
      extra: { current: adminArticleJson(current, d.siteUrl) },
    });
  }
}

/** `:id` of an article, section or tag URL: a positive whole number. */
export const idParam = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/, 'a positive whole number').transform(Number) });
/** A page number query parameter. */
export const pageParam = z.coerce.number({ error: 'a whole number from 1' }).int('a whole number from 1').min(1, 'a whole number from 1').max(100_000).default(1);
/** A page size query parameter. */
export const limitParam = z.coerce
  .number({ error: 'a whole number from 1 to 100' })
  .int('a whole number from 1 to 100')
  .min(1, 'a whole number from 1 to 100')
  .max(100, 'a whole number from 1 to 100')
  .default(20);
/** The version a write is based on (optimistic locking). */
export const versionField = z.number({ error: 'the version you last read (a whole number)' }).int('a whole number').min(1, 'a whole number from 1');

/** The `meta` of a list. */
export function listMeta(page: number, limit: number, total: number) {
  return { page, limit, total };
}
