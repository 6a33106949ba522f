import type { Role } from './roles.js';

/**
 * What a newsroom member may do. The matrix below is the one place rights are written down:
 * the admin API, the admin UI and the CLI all ask `can`.
 */
export const PERMISSIONS = [
  'article.create',
  'article.edit.own',
  'article.edit.any',
  'article.submit',
  'article.approve',
  'article.publish.own',
  'article.publish.any',
  'article.schedule',
  'article.unpublish',
  'article.archive',
  // Publish or schedule an article the integrity guard flagged (src/guard), with a reason.
  'article.integrity.override',
  'media.upload',
  'section.manage',
  'tag.manage',
  'user.manage',
  'token.manage',
  'webhook.manage',
  'settings.manage',
  'audit.read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const EDITOR: readonly Permission[] = [
  'article.create',
  'article.edit.own',
  'article.edit.any',
  'article.submit',
  'article.approve',
  'article.publish.own',
  'article.publish.any',
  'article.schedule',
  'article.unpublish',
  'article.archive',
  // Publish or schedule an article the integrity guard flagged (src/guard), with a reason.
  'article.integrity.override',
  'media.upload',
  'section.manage',
  'tag.manage',
];

/**
 * The permission matrix.
 *
 * | | admin | editor | author | contributor |
 * |---|---|---|---|---|
 * | create articles, edit own, submit for review, upload media | ✓ | ✓ | ✓ | ✓ |
 * | publish and schedule own articles | ✓ | ✓ | ✓ | |
 * | edit others' articles, approve, publish any, unpublish, archive | ✓ | ✓ | | |
 * | publish or schedule flagged content (integrity override, audited) | ✓ | ✓ | | |
 * | manage sections and tags | ✓ | ✓ | | |
 * | manage users, API tokens, webhooks, site settings; read the audit log | ✓ | | | |
 *
 * Contributors submit and editors approve; authors are trusted with their own articles, as in
 * most newsrooms (and in WordPress, whose roles these follow).
 */
export const MATRIX: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set(PERMISSIONS),
  editor: new Set(EDITOR),
  author: new Set<Permission>(['article.create', 'article.edit.own', 'article.submit', 'article.publish.own', 'article.schedule', 'media.upload']),
  contributor: new Set<Permission>(['article.create', 'article.edit.own', 'article.submit', 'media.upload']),
};

/** Who is acting: a signed-in member or an API token acting with a role. */
export interface Actor {
  readonly userId: number;
  readonly role: Role;
  /** How the actor proved who they are; cookie sessions need CSRF protection on writes. */
  readonly via: 'session' | 'token';
  readonly tokenId?: number;
}

/**
 * Whether `actor` has `permission`. With `ownerIds` (an article's authors), the `.own`
 * permissions count only for the article's own authors and `.any` for everyone.
 *
 * @example
 * can(actor, 'article.edit.own', { ownerIds: article.authorIds })
 */
export function can(actor: Actor, permission: Permission, resource?: { ownerIds: readonly number[] }): boolean {
  const rights = MATRIX[actor.role];
  if (!rights) return false;
  if (rights.has(permission)) {
    if (!resource || !permission.endsWith('.own')) return true;
    return resource.ownerIds.includes(actor.userId) || rights.has(permission.replace(/\.own$/, '.any') as Permission);
  }
  // Holding `.any` implies `.own`.
  if (permission.endsWith('.own')) return rights.has(permission.replace(/\.own$/, '.any') as Permission);
  return false;
}
