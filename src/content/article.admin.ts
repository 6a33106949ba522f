import { can, type Actor } from '../auth/permissions.js';
import type { UserRepo } from '../auth/user.repo.js';
import type { ArticleRow } from '../db/index.js';
import { AppError, isAppError, parseOrThrow } from '../errors/index.js';
import { articlePatchSchema, type ArticleStatus } from './article.fields.js';
import type { AdminFilter, AdminSort, ArticleRepo } from './article.repo.js';
import { dayRange } from './day-range.js';
import type { ArticleReader } from './article.reader.js';
import type { ArticleService } from './article.service.js';
import type { AuthorService } from './author.service.js';
import type { Transactor } from './repos.js';
import { descendantIds, type SectionService } from './section.service.js';
import { savedBy, snapshotOf } from './snapshot.js';
import type { TagService } from './tag.service.js';
import type { ArticleView } from './views.js';
import { mayEdit, mayRead } from './workflow.js';
import type { AuditService } from '../auth/audit.service.js';
import { integrityOf, storedFindings, type IntegrityView } from '../guard/article-integrity.js';
import { inspectHtml } from '../guard/integrity.js';
import { guardPublish, type Override } from '../guard/publish-guard.js';
import { sanitizeBody } from '../guard/sanitize.js';

/** An article as the newsroom sees it: the view plus its workflow state. */
export interface AdminArticle {
  readonly article: ArticleView;
  /** When a scheduled article goes live. */
  readonly publishAt: string | null;
  /** An editor's comment from returning it. */
  readonly reviewNote: string;
  readonly createdBy: number | null;
  /** The integrity guard's verdict on the stored body; publishing a flagged one takes an override. */
  readonly integrity: IntegrityView;
}

/** The newsroom's search over every status (src/search), when it is wired. */
export interface NewsroomSearch {
  searchNewsroom(input: {
    q: string;
    section?: string;
    tag?: string;
    author?: string;
    from?: string;
    to?: string;
    page: number;
    limit: number;
    sort: 'date' | 'relevance';
    scope: 'any' | 'published' | 'unpublished';
  }): Promise<{ readonly items: ReadonlyArray<{ readonly id: number }>; readonly total: number }>;
}

/** The newsroom's list query. */
export interface AdminListQuery {
  readonly status?: ArticleStatus | undefined;
  readonly section?: string | undefined;
  readonly author?: string | undefined;
  readonly tag?: string | undefined;
  readonly q?: string | undefined;
  /** First publish day, `YYYY-MM-DD` in the newsroom's time zone (inclusive). */
  readonly from?: string | undefined;
  /** Last publish day (inclusive). */
  readonly to?: string | undefined;
  /** The order; `relevance` only with `q`. Default: updated, or publish time with `q`. */
  readonly sort?: AdminSort | 'relevance' | undefined;
  readonly page: number;
  readonly limit: number;
}

/** Dependencies of the newsroom's article use cases. */
export interface ArticleAdminDeps {
  readonly articles: ArticleService;
  readonly reader: ArticleReader;
  readonly articleRepo: ArticleRepo;
  readonly userRepo: UserRepo;
  readonly sectionService: SectionService;
  readonly tagService: TagService;
  readonly authorService: AuthorService;
  readonly transaction: Transactor;
  readonly search?: NewsroomSearch;
  /** Where integrity overrides of live edits are recorded. */
  readonly audit?: AuditService;
  /** The newsroom's time zone: publish-date filters mean its calendar days (default UTC). */
  readonly timezone?: string;
}

/** User-facing messages of the newsroom's article use cases. */
export const adminMessages = {
  statusOnCreate: 'new articles start as drafts: create, then POST …/{id}/submit, /publish or /schedule',
  statusOnPatch: 'change the status with the workflow: POST …/{id}/submit, /approve, /return, /publish, /schedule, /unpublish or /archive',
  publishedAt: 'only members who may publish this article set its publish time',
  relevanceNeedsQuery: 'sorting by relevance needs a search term (q)',
  sortWithQuery: 'with a search term, sort by published or relevance',
  rangeOrder: 'the last day comes on or after the first',
} as const;

/**
 * The newsroom's article use cases over the write service: create with the actor as owner,
 * read and list every status with ownership checks, and partial saves under optimistic locking.
 * Status changes go through the workflow only.
 */
export class ArticleAdmin {
  readonly #d: ArticleAdminDeps;
  constructor(deps: ArticleAdminDeps) {
    this.#d = deps;
  }

  /** Creates a draft owned by `actor`, bylined to them when no authors are given. */
  async create(raw: Record<string, unknown>, actor: Actor): Promise<AdminArticle> {
    const fields: Record<string, string> = {};
    if (raw.status !== undefined && raw.status !== 'draft') fields.status = adminMessages.statusOnCreate;
    if (raw.publishedAt != null && !can(actor, 'article.publish.own')) fields.publishedAt = adminMessages.publishedAt;
    if (Object.keys(fields).length > 0) throw new AppError('JD_ERR_VALIDATION', {}, { fields });
    const input: Record<string, unknown> = { ...raw, status: 'draft' };
    if ((!Array.isArray(raw.authors) || raw.authors.length === 0) && actor.userId > 0) {
      const me = await this.#d.userRepo.byId(actor.userId);
      if (me) input.authors = [me.slug];
    }
    const view = await this.#d.articles.create(input, { by: savedBy(actor), action: 'create' });
    return this.get(view.id);
  }

  /** One article with its workflow state, or JD_ERR_CONTENT_ARTICLE_NOT_FOUND. */
  async get(id: number): Promise<AdminArticle> {
    const [article, row] = await Promise.all([this.#d.reader.any(id), this.#d.articleRepo.byId(id)]);
    return adminOf(article, row!);
  }

  /**
   * Checks that `actor` may read (`read`) or change (`edit`) article `id`: 404 when it does not
   * exist, 403 when it is not theirs to touch.
   */
  async access(id: number, actor: Actor, mode: 'read' | 'edit'): Promise<void> {
    const row = await this.#d.articleRepo.byId(id);
    if (!row) throw new AppError('JD_ERR_CONTENT_ARTICLE_NOT_FOUND', { id });
    const owners = await this.#d.articleRepo.ownerIds(id);
    const ok = mode === 'read' ? mayRead(actor, owners) : mayEdit(actor, row.status as ArticleStatus, owners);
    if (!ok) throw new AppError('JD_ERR_AUTH_FORBIDDEN', { action: `${mode} this article` });
  }

  /**
   * Articles of every status, most recently changed first (or by publish time or title), within
   * a publish-date range when given; with `q`, the newsroom search's matches, newest first or
   * by relevance. Members who may not edit others' articles see only their own.
   */
  async list(query: AdminListQuery, actor: Actor): Promise<{ items: AdminArticle[]; total: number; approximate: boolean }> {
    const ownerId = can(actor, 'article.edit.any') ? undefined : actor.userId;
    const text = !!query.q?.trim() && !!this.#d.search;
    checkOrder(query, text);
    if (text) return this.#search(query, ownerId);
    const filter: AdminFilter = {
      ...(await this.#filter(query)),
      ...dayRange(query.from, query.to, this.#d.timezone ?? 'UTC'),
      ...(query.status ? { statuses: [query.status] } : {}),
      ...(ownerId !== undefined ? { ownerId } : {}),
    };
    const sort = query.sort === 'relevance' ? undefined : query.sort;
    const [rows, total] = await Promise.all([this.#d.articleRepo.listAdmin(filter, query.limit, (query.page - 1) * query.limit, sort), this.#d.articleRepo.countAdmin(filter)]);
    return { items: await this.#hydrate(rows), total, approximate: false };
  }

  /**
   * Saves the fields `raw` names (the rest keep their stored values) if `version` is current.
   * The status is the workflow's; the publish time takes the right to publish the article.
   * A new body for a live (published or scheduled) article that the integrity guard flags for
   * rules not already accepted goes live only with an editor's `override` (see guardPublish).
   */
  async patch(id: number, version: number, raw: unknown, actor: Actor, override: Override = {}): Promise<AdminArticle> {
    const patch = parseOrThrow(articlePatchSchema, raw);
    const current = await this.#d.transaction((repos) => snapshotOf(repos, id));
    const fields: Record<string, string> = {};
    if (patch.status !== undefined && patch.status !== current.status) fields.status = adminMessages.statusOnPatch;
    if (patch.publishedAt !== undefined && patch.publishedAt !== current.publishedAt && !can(actor, 'article.publish.own', { ownerIds: await this.#d.articleRepo.ownerIds(id) })) {
      fields.publishedAt = adminMessages.publishedAt;
    }
    if (Object.keys(fields).length > 0) throw new AppError('JD_ERR_VALIDATION', {}, { fields });
    const { publishAt: _workflowOwned, ...stored } = current;
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const overridden = await this.#guardLiveEdit(id, current.status, patch.bodyHtml, actor, override);
    await this.#d.articles.update(id, version, { ...stored, ...defined }, { by: savedBy(actor), action: 'update' });
    if (overridden) {
      await this.#d.audit?.record({ actor, action: 'article.integrity.override', target: `article:${id}`, details: { move: 'update', reason: override.overrideReason?.trim(), rules: overridden } });
    }
    return this.get(id);
  }

  /** A live article's new body is published the moment it is saved: it passes the publish guard. */
  async #guardLiveEdit(id: number, status: string, bodyHtml: string | undefined, actor: Actor, override: Override): Promise<string[] | false> {
    if (bodyHtml === undefined || (status !== 'published' && status !== 'scheduled')) return false;
    const row = await this.#d.articleRepo.byId(id);
    const accepted = row ? storedFindings(row).map((f) => f.rule) : [];
    return guardPublish(inspectHtml(sanitizeBody(bodyHtml)), actor, override, accepted);
  }

  async #filter(q: AdminListQuery): Promise<AdminFilter> {
    const fields: Record<string, string> = {};
    const find = async <T>(field: string, slug: string | undefined, load: (s: string) => Promise<T>): Promise<T | undefined> => {
      if (!slug) return undefined;
      try {
        return await load(slug);
      } catch (err) {
        if (!isAppError(err) || err.status !== 404) throw err;
        fields[field] = `no ${field} ${JSON.stringify(slug)}`;
        return undefined;
      }
    };
    const [section, tag, author] = await Promise.all([
      find('section', q.section, (s) => this.#d.sectionService.require(s)),
      find('tag', q.tag, (s) => this.#d.tagService.require(s)),
      find('author', q.author, (s) => this.#d.authorService.require(s)),
    ]);
    if (Object.keys(fields).length > 0) throw new AppError('JD_ERR_VALIDATION', {}, { fields });
    return {
      ...(section ? { sectionIds: descendantIds(section.section) } : {}),
      ...(tag ? { tagId: tag.id } : {}),
      ...(author ? { authorId: author.id } : {}),
    };
  }

  /**
   * Text queries go to the search index. It knows published and unpublished, not each status
   * or owner: those narrow the page it returns, and the total is then an upper bound.
   */
  async #search(q: AdminListQuery, ownerId: number | undefined) {
    await this.#filter(q);
    const scope = q.status === 'published' ? 'published' : q.status ? 'unpublished' : 'any';
    const res = await this.#d.search!.searchNewsroom({
      q: q.q!,
      ...(q.section ? { section: q.section } : {}),
      ...(q.tag ? { tag: q.tag } : {}),
      ...(q.author ? { author: q.author } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      page: q.page,
      limit: q.limit,
      sort: q.sort === 'relevance' ? 'relevance' : 'date',
      scope,
    });
    const rows = (await Promise.all(res.items.map((h) => this.#d.articleRepo.byId(h.id)))).filter((r): r is ArticleRow => r !== undefined);
    const kept: ArticleRow[] = [];
    for (const r of rows) {
      if (q.status && r.status !== q.status) continue;
      if (ownerId !== undefined && !(await this.#d.articleRepo.ownerIds(r.id)).includes(ownerId)) continue;
      kept.push(r);
    }
    return { items: await this.#hydrate(kept), total: res.total, approximate: kept.length !== rows.length || (q.status !== undefined && q.status !== 'published') || ownerId !== undefined };
  }

  async #hydrate(rows: readonly ArticleRow[]): Promise<AdminArticle[]> {
    const views = await this.#d.reader.hydrate(rows);
    return views.map((v, i) => adminOf(v, rows[i]!));
  }
}

/** Field errors for an order or date range the list cannot serve (400, before any query). */
function checkOrder(q: AdminListQuery, text: boolean): void {
  const fields: Record<string, string> = {};
  if (q.sort === 'relevance' && !text) fields.sort = adminMessages.relevanceNeedsQuery;
  if (text && (q.sort === 'updated' || q.sort === 'title')) fields.sort = adminMessages.sortWithQuery;
  if (q.from && q.to && q.to < q.from) fields.to = adminMessages.rangeOrder;
  if (Object.keys(fields).length > 0) throw new AppError('JD_ERR_VALIDATION', {}, { fields });
}

function adminOf(article: ArticleView, row: ArticleRow): AdminArticle {
  return { article, publishAt: row.publish_at, reviewNote: row.review_note, createdBy: row.created_by, integrity: integrityOf(row) };
}
