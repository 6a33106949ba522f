import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions.js';
import { ROLES, type Role } from '../auth/roles.js';
import { ARTICLE_STATUSES, type ArticleStatus } from './article.fields.js';
import { mayEdit, mayMove, nextStatus, WORKFLOW_ACTIONS, type WorkflowAction } from './workflow.js';

// The expectations are written out by hand, not derived from the machine under test.

/** Where each move may start and where it leads (unpublish to its default, draft). */
const MOVES: Record<WorkflowAction, Partial<Record<ArticleStatus, ArticleStatus>>> = {
  submit: { draft: 'in_review' },
  approve: { in_review: 'published' },
  return: { in_review: 'draft', scheduled: 'draft' },
  publish: { draft: 'published', in_review: 'published', scheduled: 'published', archived: 'published' },
  schedule: { draft: 'scheduled', in_review: 'scheduled', scheduled: 'scheduled', archived: 'scheduled' },
  unpublish: { published: 'draft', scheduled: 'draft' },
  archive: { draft: 'archived', in_review: 'archived', scheduled: 'archived', published: 'archived' },
};

/** Who may make each move: on their own article, and on someone else's. */
const WHO: Record<WorkflowAction, { own: readonly Role[]; others: readonly Role[] }> = {
  submit: { own: ['admin', 'editor', 'author', 'contributor'], others: ['admin', 'editor'] },
  approve: { own: ['admin', 'editor'], others: ['admin', 'editor'] },
  return: { own: ['admin', 'editor'], others: ['admin', 'editor'] },
  publish: { own: ['admin', 'editor', 'author'], others: ['admin', 'editor'] },
  schedule: { own: ['admin', 'editor', 'author'], others: ['admin', 'editor'] },
  unpublish: { own: ['admin', 'editor'], others: ['admin', 'editor'] },
  archive: { own: ['admin', 'editor'], others: ['admin', 'editor'] },
};

const ME = 7;
const actor = (role: Role, via: Actor['via'] = 'session'): Actor => ({ userId: ME, role, via });

describe('the workflow state machine', () => {
  for (const action of WORKFLOW_ACTIONS) {
    for (const from of ARTICLE_STATUSES) {
      const to = MOVES[action][from];
      it(`${action} from ${from} ${to ? `→ ${to}` : 'is refused'}`, () => {
        expect(nextStatus(action, from)).toBe(to);
      });
    }
  }

  it('approves to scheduled when a publish time is given, and unpublishes to the archive on request', () => {
    expect(nextStatus('approve', 'in_review', { publishAt: '2030-01-01T00:00:00Z' })).toBe('scheduled');
    expect(nextStatus('unpublish', 'published', { to: 'archived' })).toBe('archived');
    expect(nextStatus('unpublish', 'scheduled', { to: 'archived' })).toBe('archived');
  });
});

describe('who may make each move (every move × role × ownership)', () => {
  for (const action of WORKFLOW_ACTIONS) {
    for (const role of ROLES) {
      const own = WHO[action].own.includes(role);
      const others = WHO[action].others.includes(role);
      it(`${action} by ${role}: own ${own ? 'yes' : 'no'}, others' ${others ? 'yes' : 'no'}`, () => {
        for (const via of ['session', 'token'] as const) {
          expect(mayMove(actor(role, via), action, [ME])).toBe(own);
          expect(mayMove(actor(role, via), action, [ME + 1])).toBe(others);
          expect(mayMove(actor(role, via), action, [])).toBe(others);
        }
      });
    }
  }

  it('gives an ownerless token (user id 0) no ownership', () => {
    const token: Actor = { userId: 0, role: 'author', via: 'token' };
    expect(mayMove(token, 'publish', [])).toBe(false);
    expect(mayMove(token, 'publish', [0])).toBe(true);
  });
});

describe('who may change an article’s fields', () => {
  it('lets contributors edit their own drafts but not what is live or scheduled', () => {
    const c = actor('contributor');
    expect(mayEdit(c, 'draft', [ME])).toBe(true);
    expect(mayEdit(c, 'in_review', [ME])).toBe(true);
    expect(mayEdit(c, 'published', [ME])).toBe(false);
    expect(mayEdit(c, 'scheduled', [ME])).toBe(false);
    expect(mayEdit(c, 'draft', [ME + 1])).toBe(false);
  });

  it('lets authors edit their own live articles and editors anyone’s', () => {
    expect(mayEdit(actor('author'), 'published', [ME])).toBe(true);
    expect(mayEdit(actor('author'), 'draft', [ME + 1])).toBe(false);
    for (const status of ARTICLE_STATUSES) expect(mayEdit(actor('editor'), status, [ME + 1])).toBe(true);
  });
});
