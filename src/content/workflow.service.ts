import type { AuditService } from '../auth/audit.service.js';
import type { Actor } from '../auth/permissions.js';
import type { ArticleRowUpdate } from '../db/index.js';
import { AppError } from '../errors/index.js';
import type { EventBus } from '../events/bus.js';
import type { ArticleStatus } from './article.fields.js';
import type { ArticleRepo } from './article.repo.js';
import type { Transactor } from './repos.js';
import { recordRevision, savedBy } from './snapshot.js';
import { storedFindings } from '../guard/article-integrity.js';
import { guardPublish } from '../guard/publish-guard.js';
import { mayMove, nextStatus, type WorkflowAction } from './workflow.js';

/** What a move takes besides the article: the version the client saw and the move's options. */
export interface MoveInput {
  readonly version: number;
  /** return: the editor's comment (required); other moves: a note kept with the revision. */
  readonly comment?: string | undefined;
  /** approve, schedule: an ISO instant in the future. */
  readonly publishAt?: string | undefined;
  /** unpublish: `draft` (default) or `archived`. */
  readonly to?: 'draft' | 'archived' | undefined;
  /** publish: a correction or update note shown on the public article with its time. */
  readonly correctionNote?: string | undefined;
  /** publish, schedule: use the new publish time even if the article was published before. */
  readonly resetPublishedAt?: boolean | undefined;
  /** publish, schedule, approve: publish although the integrity guard flagged the body (editors). */
  readonly override?: boolean | undefined;
  /** Why the flagged body may go out anyway; required with `override`, kept in the audit log. */
  readonly overrideReason?: string | undefined;
}

/** Dependencies of the workflow service. */
export interface WorkflowServiceDeps {
  readonly transaction: Transactor;
  readonly articleRepo: ArticleRepo;
  readonly events: EventBus;
  readonly now: () => Date;
  /** Where integrity overrides are recorded (src/auth/audit.service.ts). */
  readonly audit?: AuditService;
}

/** User-facing messages of the workflow. */
export const workflowMessages = {
  commentRequired: 'say what the authors should change',
  publishAtFuture: 'a time in the future',
  publishAtRequired: 'when the article should go live (ISO 8601)',
} as const;

/** A move that happened: the article's id, statuses and new version. */
export interface Moved {
  readonly id: number;
  readonly from: ArticleStatus;
  readonly to: ArticleStatus;
  readonly version: number;
}

/**
 * Runs the editorial state machine (src/content/workflow.ts) against stored articles: checks
 * the actor's right (403), the version (409) and the move's start status (409), writes the new
 * status with a revision in one transaction, then emits `article.saved` as every save does, so
 * search, caches, feeds and webhooks follow a publish however it happened.
 */
export class WorkflowService {
  readonly #d: WorkflowServiceDeps;
  constructor(deps: WorkflowServiceDeps) {
    this.#d = deps;
  }

  /**
   * Makes one move.
   *
   * @example
   * await workflow.move(12, 'return', editor, { version: 4, comment: '請補充消息來源' });
   */
  async move(id: number, action: WorkflowAction, actor: Actor, input: MoveInput): Promise<Moved> {
    const now = this.#d.now();
    const iso = now.toISOString();
    const { overridden, ...moved } = await this.#d.transaction(async (repos) => {
      const row = await repos.articles.byId(id);
      if (!row) throw new AppError('JD_ERR_CONTENT_ARTICLE_NOT_FOUND', { id });
      // Rights first: someone who may not touch the article learns nothing about its version.
      if (!mayMove(actor, action, await repos.articles.ownerIds(id))) throw new AppError('JD_ERR_AUTH_FORBIDDEN', { action: `${action} this article` });
      if (row.version !== input.version) throw new AppError('JD_ERR_CONTENT_VERSION_CONFLICT', { given: input.version, current: row.version });
      const from = row.status as ArticleStatus;
      const to = nextStatus(action, from, { publishAt: input.publishAt, to: input.to });
      if (!to) throw new AppError('JD_ERR_CONTENT_TRANSITION_INVALID', { action, status: from });
      const overridden = (to === 'published' || to === 'scheduled') && guardPublish(storedFindings(row), actor, input);
      const patch = changes(action, to, row, input, now);
      if (!(await repos.articles.updateIfVersion(id, row.version, patch))) {
        const fresh = await repos.articles.byId(id);
        throw new AppError('JD_ERR_CONTENT_VERSION_CONFLICT', { given: input.version, current: fresh?.version ?? '?' });
      }
      const note = input.comment ?? (to === 'scheduled' ? `publishAt ${patch.publish_at}` : input.correctionNote ?? '');
      await recordRevision(repos, id, { by: savedBy(actor), action, note }, action, iso);
      return { id, from, to, version: row.version + 1, overridden };
    });
    if (overridden) {
      await this.#d.audit?.record({ actor, action: 'article.integrity.override', target: `article:${id}`, details: { move: action, reason: input.overrideReason?.trim(), rules: overridden } });
    }
    await this.#d.events.emit({ type: 'article.saved', articleId: id, status: moved.to, previousStatus: moved.from });
    return moved;
  }

  /**
   * Publishes every scheduled article whose embargo has passed, at most `limit` of them, and
   * returns their ids. Each is claimed with a conditional UPDATE on its version, so when several
   * processes run this at once each article is published (and announced) exactly once.
   */
  async publishDue(limit = 50): Promise<number[]> {
    const now = this.#d.now().toISOString();
    const due = await this.#d.articleRepo.dueScheduled(now, limit);
    const published: number[] = [];
    for (const { id, version } of due) {
      const claimed = await this.#d.transaction(async (repos) => {
        if (!(await repos.articles.claimScheduled(id, version, now))) return false;
        await recordRevision(repos, id, { by: { userId: null, via: 'scheduler' }, action: 'publish', note: 'published at its scheduled time' }, 'publish', now);
        return true;
      });
      if (!claimed) continue;
      published.push(id);
      await this.#d.events.emit({ type: 'article.saved', articleId: id, status: 'published', previousStatus: 'scheduled' });
    }
    return published;
  }

  /** The earliest embargo still waiting, as epoch milliseconds, or undefined. */
  async nextDue(): Promise<number | undefined> {
    const next = await this.#d.articleRepo.nextScheduledAt();
    return next ? Date.parse(next) : undefined;
  }
}

/** The column changes of a move. */
function changes(action: WorkflowAction, to: ArticleStatus, row: { published_at: string | null; correction_note: string }, input: MoveInput, now: Date): ArticleRowUpdate {
  const iso = now.toISOString();
  const patch: ArticleRowUpdate = { status: to, updated_at: iso, publish_at: null };
  if (action === 'return') {
    if (!input.comment?.trim()) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { comment: workflowMessages.commentRequired } });
    patch.review_note = input.comment.trim();
  }
  // A new submission starts a new review: the last comment has been dealt with.
  if (action === 'submit') patch.review_note = '';
  if (to === 'scheduled') {
    if (!input.publishAt) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { publishAt: workflowMessages.publishAtRequired } });
    if (Date.parse(input.publishAt) <= now.getTime()) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { publishAt: workflowMessages.publishAtFuture } });
    patch.publish_at = new Date(input.publishAt).toISOString();
    // The scheduler keeps a set publish time and fills an empty one with the embargo.
    if (input.resetPublishedAt) patch.published_at = null;
  }
  if (to === 'published') {
    // A re-published article keeps its original time unless told; the first publish stamps now.
    patch.published_at = row.published_at && !input.resetPublishedAt ? row.published_at : iso;
    patch.review_note = '';
  }
  if (input.correctionNote !== undefined && input.correctionNote.trim() !== row.correction_note) {
    patch.correction_note = input.correctionNote.trim();
    patch.corrected_at = patch.correction_note ? iso : null;
  }
  return patch;
}
