import { z } from 'zod';
import type { ApiTokenRow } from '../db/index.js';
import { AppError, parseOrThrow } from '../errors/index.js';
import type { ApiTokenRepo } from './api-token.repo.js';
import type { Actor } from './permissions.js';
import { ROLES, type Role } from './roles.js';
import { newSecret, sha256 } from './secrets.js';

/** Prefix of every API token, so that people and secret scanners recognise one. */
export const TOKEN_PREFIX = 'jd_';
// Writing the time on every call would make each API request a write.
const LAST_USED_EVERY_MS = 60_000;

/** Input of `create`, validated. */
export const newTokenSchema = z.object({
  name: z.string().trim().min(1, 'a name of 1 to 80 characters').max(80, 'a name of 1 to 80 characters'),
  role: z.enum(ROLES, { error: `one of ${ROLES.join(', ')}` }),
});

/** A token as lists show it: never the secret, never its hash. */
export interface TokenView {
  readonly id: number;
  readonly name: string;
  /** The first characters, to tell tokens apart. */
  readonly prefix: string;
  readonly role: Role;
  /** The member the token acts for; null for a token made with the CLI without --user. */
  readonly userId: number | null;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** Whether role `a` is at most as powerful as role `b`. */
export function roleAtMost(a: Role, b: Role): boolean {
  return ROLES.indexOf(a) >= ROLES.indexOf(b);
}

/**
 * API tokens for integrations: named, scoped to a role, shown once, stored as SHA-256,
 * revocable, with the last-used time kept to the minute. A token acts for the member who made
 * it and never above that member's role: not when made, and not later if the member is demoted
 * (the weaker of the two roles counts) or disabled (the token stops working).
 */
export class ApiTokenService {
  readonly #repo: ApiTokenRepo;
  readonly #now: () => Date;
  constructor(deps: { apiTokenRepo: ApiTokenRepo; now: () => Date }) {
    this.#repo = deps.apiTokenRepo;
    this.#now = deps.now;
  }

  /**
   * Makes a token. `creator` is the acting member (API) or undefined (CLI, run by whoever holds
   * the server); `ownerId` is who the token acts for, by default the creator.
   *
   * @example
   * const { token, secret } = await tokens.create({ name: 'wire feed', role: 'author' }, actor);
   */
  async create(raw: unknown, creator?: Actor, ownerId?: number | null): Promise<{ token: TokenView; secret: string }> {
    const input = parseOrThrow(newTokenSchema, raw);
    if (creator && !roleAtMost(input.role, creator.role)) throw new AppError('JD_ERR_AUTH_ROLE_TOO_HIGH', { own: creator.role });
    const secret = newSecret(32, TOKEN_PREFIX);
    const row: Omit<ApiTokenRow, 'id'> = {
      name: input.name,
      token_hash: sha256(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      role: input.role,
      user_id: ownerId !== undefined ? ownerId : creator && creator.userId > 0 ? creator.userId : null,
      created_at: this.#now().toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    const id = await this.#repo.insert(row);
    return { token: view({ ...row, id }), secret };
  }

  /** Tokens, oldest first; revoked ones only when asked. */
  async list(includeRevoked = false): Promise<TokenView[]> {
    return (await this.#repo.list(includeRevoked)).map(view);
  }

  /** Revokes a token (again is fine); unknown ids are `JD_ERR_AUTH_TOKEN_NOT_FOUND`. */
  async revoke(id: number): Promise<TokenView> {
    if (!(await this.#repo.byId(id))) throw new AppError('JD_ERR_AUTH_TOKEN_NOT_FOUND', { id });
    await this.#repo.revoke(id, this.#now().toISOString());
    return view((await this.#repo.byId(id))!);
  }

  /** Who a bearer token acts as, or undefined for an unknown, revoked or orphaned one. */
  async resolve(secret: string): Promise<Actor | undefined> {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 100) return undefined;
    const row = await this.#repo.byHash(sha256(secret));
    if (!row || row.revoked_at !== null || !isRole(row.role)) return undefined;
    let role: Role = row.role;
    if (row.user_id !== null) {
      if (row.owner_disabled_at !== null || !isRole(row.owner_role)) return undefined;
      if (!roleAtMost(role, row.owner_role)) role = row.owner_role;
    }
    const now = this.#now();
    if (!row.last_used_at || Date.parse(row.last_used_at) < now.getTime() - LAST_USED_EVERY_MS) await this.#repo.touch(row.id, now.toISOString());
    // A token without an owner acts for no member: user id 0 owns no article.
    return { userId: row.user_id ?? 0, role, via: 'token', tokenId: row.id };
  }
}

function isRole(r: string | null): r is Role {
  return r !== null && (ROLES as readonly string[]).includes(r);
}

function view(r: ApiTokenRow): TokenView {
  return { id: r.id, name: r.name, prefix: r.prefix, role: r.role as Role, userId: r.user_id, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at };
}
