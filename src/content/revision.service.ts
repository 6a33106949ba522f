import type { AuditService } from '../auth/audit.service.js';
import type { Actor } from '../auth/permissions.js';
import { AppError } from '../errors/index.js';
import { storedFindings } from '../guard/article-integrity.js';
import { inspectHtml, type IntegrityOptions } from '../guard/integrity.js';
import { guardPublish, type Override } from '../guard/publish-guard.js';
import { sanitizeBody } from '../guard/sanitize.js';
import { articleFields } from './article.fields.js';
import type { ArticleService } from './article.service.js';
import { diffBodies, type BodyDiff } from './diff.js';
import type { Transactor } from './repos.js';
import type { RevisionRepo, RevisionWithName } from './revision.repo.js';
import { savedBy, snapshotOf, type ArticleSnapshot } from './snapshot.js';
import type { ArticleView } from './views.js';

/** One revision in a list: who saved which version, when and why. */
export interface RevisionSummary {
  readonly version: number;
  readonly action: string;
  readonly status: string;
  readonly note: string;
  readonly by: { readonly userId: number | null; readonly name: string | null; readonly via: string };
  readonly createdAt: string;
}

/** One revision with its full field snapshot. */
export interface RevisionDetail extends RevisionSummary {
  readonly snapshot: ArticleSnapshot;
}

/** A field whose value differs between two revisions. */
export interface FieldChange {
  readonly field: string;
  /** The field's label in the admin form. */
  readonly label: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** The difference between two revisions: changed fields, and the body line by line. */
export interface RevisionDiff {
  readonly from: RevisionSummary;
  readonly to: RevisionSummary;
  /** Every changed field but the body, which `body` shows as a line and word diff. */
  readonly fields: readonly FieldChange[];
  readonly body: BodyDiff;
}

/** Dependencies of the revision use cases. */
export interface RevisionServiceDeps {
  readonly revisionRepo: RevisionRepo;
  readonly articles: ArticleService;
  readonly transaction: Transactor;
  /** The current slug of a tag slug that may have been renamed or merged since. */
  readonly tagRedirect: (slug: string) => Promise<string | undefined>;
  /** Where integrity overrides of restores are recorded (src/auth/audit.service.ts). */
  readonly audit?: AuditService;
  /** The integrity guard's options for this site (as the article service uses). */
  readonly integrity?: IntegrityOptions;
}

const LABELS: Readonly<Record<string, string>> = { ...Object.fromEntries(Object.entries(articleFields).map(([k, f]) => [k, f.label])), publishAt: '預約發佈時間' };

/**
 * An article's history: list its revisions, read one, diff any two, restore one. A restore
 * is a new save of the old fields (version-checked like any save), so it is itself a revision
 * and can be undone.
 */
export class RevisionService {
  readonly #d: RevisionServiceDeps;
  constructor(deps: RevisionServiceDeps) {
    this.#d = deps;
  }

  /** Revisions of an article, newest first. */
  async list(articleId: number, page: number, limit: number): Promise<{ revisions: RevisionSummary[]; total: number }> {
    const [rows, total] = await Promise.all([this.#d.revisionRepo.list(articleId, limit, (page - 1) * limit), this.#d.revisionRepo.count(articleId)]);
    return { revisions: rows.map(summary), total };
  }

  /** One revision, or JD_ERR_CONTENT_REVISION_NOT_FOUND. */
  async get(articleId: number, version: number): Promise<RevisionDetail> {
    const row = await this.#d.revisionRepo.byVersion(articleId, version);
    if (!row) throw new AppError('JD_ERR_CONTENT_REVISION_NOT_FOUND', { id: articleId, version });
    return { ...summary(row), snapshot: JSON.parse(row.snapshot) as ArticleSnapshot };
  }

  /**
   * The difference from revision `from` to revision `to` (either order works).
   *
   * @example
   * const d = await revisions.diff(12, 3, 5);
   * d.fields.map((f) => f.field) // ['title', 'tags']
   */
  async diff(articleId: number, from: number, to: number): Promise<RevisionDiff> {
    const [a, b] = await Promise.all([this.get(articleId, from), this.get(articleId, to)]);
    const { snapshot: before, ...fromSummary } = a;
    const { snapshot: after, ...toSummary } = b;
    return { from: fromSummary, to: toSummary, fields: changedFields(before, after), body: diffBodies(before.bodyHtml, after.bodyHtml) };
  }

  /** Names of the fields that changed since `version` (what a 409 tells the stale client). */
  async changedSince(articleId: number, version: number, current: number): Promise<string[]> {
    if (version >= current) return [];
    const [a, b] = await Promise.all([this.#d.revisionRepo.byVersion(articleId, version), this.#d.revisionRepo.byVersion(articleId, current)]);
    if (!a || !b) return [];
    const before = JSON.parse(a.snapshot) as ArticleSnapshot;
    const after = JSON.parse(b.snapshot) as ArticleSnapshot;
    return [...changedFields(before, after).map((f) => f.field), ...(before.bodyHtml !== after.bodyHtml ? ['bodyHtml'] : [])];
  }

  /**
   * Saves revision `version`'s fields as the article's new version, if `currentVersion` is
   * still current. The workflow state (status, publish times) stays as it is now: restoring
   * text never publishes or unpublishes. Renamed or merged tags are followed to their current
   * slugs; bylines of deleted accounts and deleted cover images are left out.
   *
   * Restoring into a live (published or scheduled) article publishes the old body: it passes
   * the same integrity guard as publishing, so a flagged body takes an editor's `override` with
   * a reason (recorded in the audit log); rules the live article was already accepted with
   * need none.
   */
  async restore(articleId: number, version: number, currentVersion: number, actor: Actor, override: Override = {}): Promise<ArticleView> {
    const { snapshot } = await this.get(articleId, version);
    // Looked up before the transaction: on SQLite's one connection a query outside it would
    // wait for the transaction, which waits for the query.
    const moved = await Promise.all(snapshot.tags.map((t) => this.#d.tagRedirect(t)));
    const { input, accepted } = await this.#d.transaction(async (repos) => {
      const now = await snapshotOf(repos, articleId);
      const row = await repos.articles.byId(articleId);
      const live = now.status === 'published' || now.status === 'scheduled';
      const tags = await Promise.all(snapshot.tags.map(async (t, i) => ((await repos.tags.bySlug(t)) ? t : (moved[i] ?? t))));
      const authors = (await repos.users.bySlugs(snapshot.authors)).map((u) => u.slug);
      const cover = snapshot.cover && (await repos.media.byId(snapshot.cover.mediaId)) ? snapshot.cover : null;
      const { publishAt: _p, ...fields } = snapshot;
      const { publishAt: _n, ...current } = now;
      return {
        input: {
          // Fields added after that revision was saved (e.g. the SEO fields) keep today's values.
          ...current,
          ...fields,
          tags: [...new Set(tags)],
          authors: snapshot.authors.filter((s) => authors.includes(s)),
          cover,
          status: now.status,
          publishedAt: now.publishedAt,
        },
        // Undefined: a draft, which no guard stands in front of until it is published.
        accepted: live && row ? storedFindings(row, this.#d.integrity).map((f) => f.rule) : undefined,
      };
    });
    const overridden = accepted ? guardPublish(inspectHtml(sanitizeBody(snapshot.bodyHtml), this.#d.integrity), actor, override, accepted) : false;
    const view = await this.#d.articles.update(articleId, currentVersion, input, { by: savedBy(actor), action: 'restore', note: `restored version ${version}` });
    if (overridden) {
      await this.#d.audit?.record({ actor, action: 'article.integrity.override', target: `article:${articleId}`, details: { move: 'restore', version, reason: override.overrideReason?.trim(), rules: overridden } });
    }
    return view;
  }
}

function summary(r: RevisionWithName): RevisionSummary {
  return {
    version: r.version,
    action: r.action,
    status: r.status,
    note: r.note,
    by: { userId: r.actor_user_id, name: r.user_name, via: r.actor_via },
    createdAt: r.created_at,
  };
}

/** Fields whose values differ, compared as JSON; the body is left to the line diff. */
function changedFields(before: ArticleSnapshot, after: ArticleSnapshot): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'bodyHtml');
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ field: k, label: LABELS[k] ?? k, before: b[k] ?? null, after: a[k] ?? null }));
}
