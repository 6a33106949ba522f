import { can, type Actor, type Permission } from '../auth/permissions.js';
import type { ArticleStatus } from './article.fields.js';

/** The editorial moves an article can make, each an admin API endpoint `POST …/{id}/{action}`. */
export const WORKFLOW_ACTIONS = ['submit', 'approve', 'return', 'publish', 'schedule', 'unpublish', 'archive'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** Options a move may take; which ones matter depends on the move. */
export interface MoveOptions {
  /** approve, schedule: when the article goes live (approve without it publishes now). */
  readonly publishAt?: string | undefined;
  /** unpublish: where the article goes (default `draft`). */
  readonly to?: 'draft' | 'archived' | undefined;
}

/** One move: where it may start, the right the endpoint needs, and whether ownership counts. */
interface Rule {
  readonly from: readonly ArticleStatus[];
  /** The right the endpoint checks before it loads the article. */
  readonly permission: Permission;
  /**
   * Whether the actor may make this move on an article owned by `ownerIds`. Rights named
   * `.own` hold only for the article's owners unless the role has the `.any` right too.
   */
  readonly allowed: (actor: Actor, ownerIds: readonly number[]) => boolean;
  readonly to: (options: MoveOptions) => ArticleStatus;
}

/**
 * The state machine, in one table. Contributors submit their own drafts; editors approve
 * (publish now, or at `publishAt`) or return them with a comment; authors publish and schedule
 * their own articles, editors anyone's; editors unpublish (to draft or archive) and archive.
 *
 * | move | from | to |
 * |---|---|---|
 * | submit | draft | in_review |
 * | approve | in_review | published, or scheduled with `publishAt` |
 * | return | in_review, scheduled | draft |
 * | publish | draft, in_review, scheduled, archived | published |
 * | schedule | draft, in_review, scheduled, archived | scheduled |
 * | unpublish | published, scheduled | draft or archived |
 * | archive | draft, in_review, scheduled, published | archived |
 */
export const WORKFLOW: Readonly<Record<WorkflowAction, Rule>> = {
  submit: {
    from: ['draft'],
    permission: 'article.submit',
    // Submitting someone else's draft is editing it: ownership decides.
    allowed: (a, owners) => can(a, 'article.submit') && can(a, 'article.edit.own', { ownerIds: owners }),
    to: () => 'in_review',
  },
  approve: {
    from: ['in_review'],
    permission: 'article.approve',
    allowed: (a) => can(a, 'article.approve'),
    to: (o) => (o.publishAt ? 'scheduled' : 'published'),
  },
  return: {
    from: ['in_review', 'scheduled'],
    permission: 'article.approve',
    allowed: (a) => can(a, 'article.approve'),
    to: () => 'draft',
  },
  publish: {
    from: ['draft', 'in_review', 'scheduled', 'archived'],
    permission: 'article.publish.own',
    allowed: (a, owners) => can(a, 'article.publish.own', { ownerIds: owners }),
    to: () => 'published',
  },
  schedule: {
    from: ['draft', 'in_review', 'scheduled', 'archived'],
    permission: 'article.schedule',
    // Scheduling is publishing later: the same ownership rule as publishing.
    allowed: (a, owners) => can(a, 'article.schedule') && can(a, 'article.publish.own', { ownerIds: owners }),
    to: () => 'scheduled',
  },
  unpublish: {
    from: ['published', 'scheduled'],
    permission: 'article.unpublish',
    allowed: (a) => can(a, 'article.unpublish'),
    to: (o) => o.to ?? 'draft',
  },
  archive: {
    from: ['draft', 'in_review', 'scheduled', 'published'],
    permission: 'article.archive',
    allowed: (a) => can(a, 'article.archive'),
    to: () => 'archived',
  },
};

/**
 * Whether `actor` may make `action` on an article owned by `ownerIds` (its bylined authors and
 * creator). Says nothing about the article's status: see `nextStatus`.
 *
 * @example
 * mayMove({ userId: 7, role: 'author', via: 'session' }, 'publish', [7]) // true
 */
export function mayMove(actor: Actor, action: WorkflowAction, ownerIds: readonly number[]): boolean {
  return WORKFLOW[action].allowed(actor, ownerIds);
}

/** Where `action` takes an article in status `from`, or undefined when it cannot start there. */
export function nextStatus(action: WorkflowAction, from: ArticleStatus, options: MoveOptions = {}): ArticleStatus | undefined {
  const rule = WORKFLOW[action];
  return rule.from.includes(from) ? rule.to(options) : undefined;
}

/**
 * Whether an actor may change an article's fields (PATCH, restore) in its current status.
 * Contributors edit their own drafts; once an article is live or scheduled, changing it is
 * publishing, so it takes the right to publish it.
 */
export function mayEdit(actor: Actor, status: ArticleStatus, ownerIds: readonly number[]): boolean {
  if (!can(actor, 'article.edit.own', { ownerIds })) return false;
  if (status === 'published' || status === 'scheduled') return can(actor, 'article.publish.own', { ownerIds });
  return true;
}

/** Whether an actor may read an article in the newsroom: its owners, and whoever may edit any. */
export function mayRead(actor: Actor, ownerIds: readonly number[]): boolean {
  return can(actor, 'article.edit.own', { ownerIds });
}
