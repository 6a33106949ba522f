import { describe, expect, it } from 'vitest';
import { can, MATRIX, PERMISSIONS, type Actor } from './permissions.js';
import { ROLES } from './roles.js';

const actor = (role: Actor['role'], userId = 1): Actor => ({ userId, role, via: 'session' });

describe('the permission matrix', () => {
  it('gives admins everything and contributors only drafting and submitting', () => {
    for (const p of PERMISSIONS) expect(can(actor('admin'), p)).toBe(true);
    expect([...MATRIX.contributor].sort()).toEqual(['article.create', 'article.edit.own', 'article.submit', 'media.upload']);
  });

  it('lets only admins manage people, tokens, webhooks and settings', () => {
    for (const p of ['user.manage', 'token.manage', 'webhook.manage', 'settings.manage', 'audit.read'] as const) {
      expect(ROLES.filter((r) => can(actor(r), p))).toEqual(['admin']);
    }
  });

  it('limits .own rights to the article’s authors unless the role has .any', () => {
    const owned = { ownerIds: [7] };
    expect(can(actor('author', 7), 'article.edit.own', owned)).toBe(true);
    expect(can(actor('author', 8), 'article.edit.own', owned)).toBe(false);
    expect(can(actor('contributor', 8), 'article.edit.own', owned)).toBe(false);
    expect(can(actor('editor', 8), 'article.edit.own', owned)).toBe(true);
    expect(can(actor('author', 7), 'article.publish.own', owned)).toBe(true);
    expect(can(actor('contributor', 7), 'article.publish.own', owned)).toBe(false);
  });

  it('refuses an unknown role', () => {
    expect(can({ userId: 1, role: 'boss' as Actor['role'], via: 'token' }, 'article.create')).toBe(false);
  });
});
