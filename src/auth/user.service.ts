import { z } from 'zod';
import type { UserRow } from '../db/index.js';
import type { EventBus } from '../events/bus.js';
import { slugify } from '../zh/slug.js';
import { AppError, parseOrThrow } from '../errors/index.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password.js';
import { ROLES, type Role } from './roles.js';
import type { SessionService } from './session.service.js';
import type { UserRepo } from './user.repo.js';

const newUserSchema = z.object({
  email: z.email().max(254).transform((e) => e.toLowerCase()).nullable().default(null),
  name: z.string().trim().min(1).max(80),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .max(60)
    .optional(),
  bio: z.string().trim().max(1000).default(''),
  role: z.enum(ROLES),
  password: z.string().max(1024).optional(),
});

/** What `add` takes before validation. */
export type NewUserInput = z.input<typeof newUserSchema>;

/** What an admin may change about an account. */
export const userPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    bio: z.string().trim().max(1000).optional(),
    role: z.enum(ROLES, { error: `one of ${ROLES.join(', ')}` }).optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'give at least one of name, bio, role, disabled' });

/** A user as others may see it (never the hash or the two-factor secret). */
export interface UserView {
  readonly id: number;
  readonly email: string | null;
  readonly slug: string;
  readonly name: string;
  readonly bio: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly twoFactor: boolean;
  readonly createdAt: string;
}

/** The public view of a user row. */
export function userView(u: UserRow): UserView {
  return {
    id: u.id,
    email: u.email,
    slug: u.slug,
    name: u.name,
    bio: u.bio,
    role: u.role as Role,
    disabled: u.disabled_at !== null,
    twoFactor: u.totp_secret !== null,
    createdAt: u.created_at,
  };
}

/** Checks a new password's length; weak ones are `JD_ERR_AUTH_WEAK_PASSWORD` naming the field. */
export function checkPasswordStrength(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('JD_ERR_AUTH_WEAK_PASSWORD', { min: MIN_PASSWORD_LENGTH }, { fields: { [field]: `at least ${MIN_PASSWORD_LENGTH} characters` } });
}

/** Users: creating them, and the admin's list, edits and disabling. */
export class UserService {
  readonly #repo: UserRepo;
  readonly #now: () => Date;
  readonly #sessions: SessionService | undefined;
  readonly #events: EventBus | undefined;
  /** `events` hears `author.changed` when a name or bio (what a byline and author page show) changes. */
  constructor(deps: { userRepo: UserRepo; now: () => Date; sessions?: SessionService; events?: EventBus }) {
    this.#repo = deps.userRepo;
    this.#now = deps.now;
    this.#sessions = deps.sessions;
    this.#events = deps.events;
  }

  /**
   * Adds a user. The slug (author page URL) comes from the e-mail's local part or the name;
   * a clash gets a number appended.
   *
   * @example
   * await users.add({ email: 'ed@example.com', name: 'Ed', role: 'editor', password: '…' });
   */
  async add(raw: NewUserInput): Promise<UserView> {
    const input = parseOrThrow(newUserSchema, raw);
    if (input.password !== undefined) checkPasswordStrength(input.password);
    if (input.email && (await this.#repo.byEmail(input.email))) throw new AppError('JD_ERR_AUTH_EMAIL_TAKEN', { email: input.email });
    const base = input.slug ?? (slugify(input.email?.split('@')[0] ?? '') || slugify(input.name) || 'user');
    let slug = base;
    for (let n = 2; await this.#repo.bySlug(slug); n++) {
      if (input.slug) throw new AppError('JD_ERR_CONTENT_SLUG_TAKEN', { slug, kind: 'user' });
      slug = `${base}-${n}`;
    }
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    const now = this.#now().toISOString();
    const id = await this.#repo.insert({ email: input.email, slug, name: input.name, bio: input.bio, role: input.role, passwordHash }, now);
    return userView((await this.#repo.byId(id))!);
  }

  /** One user by id; unknown ids are `JD_ERR_AUTH_USER_NOT_FOUND`. */
  async get(id: number): Promise<UserView> {
    return userView(await this.row(id));
  }

  /** The stored row (for the auth services); unknown ids are `JD_ERR_AUTH_USER_NOT_FOUND`. */
  async row(id: number): Promise<UserRow> {
    const u = await this.#repo.byId(id);
    if (!u) throw new AppError('JD_ERR_AUTH_USER_NOT_FOUND', { id });
    return u;
  }

  /** The account with an e-mail (any case); unknown ones are `JD_ERR_AUTH_USER_NOT_FOUND`. */
  async byEmail(email: string): Promise<UserRow> {
    const u = await this.#repo.byEmail(email.trim().toLowerCase());
    if (!u) throw new AppError('JD_ERR_AUTH_USER_NOT_FOUND', { id: email });
    return u;
  }

  /** Accounts (users who can sign in), by id, one page at a time. */
  async list(filter: { role?: Role; disabled?: boolean }, page: number, limit: number): Promise<{ users: UserView[]; total: number }> {
    const { rows, total } = await this.#repo.listAccounts(filter, limit, (page - 1) * limit);
    return { users: rows.map(userView), total };
  }

  /**
   * Changes a user's name, bio, role or disabled state. Disabling ends every session at once
   * (and the user's tokens stop working); the last active admin may be neither disabled nor
   * demoted, so that someone can always manage the newsroom.
   */
  async update(id: number, raw: unknown): Promise<UserView> {
    const patch = parseOrThrow(userPatchSchema, raw);
    const u = await this.row(id);
    const losesAdmin = u.role === 'admin' && u.disabled_at === null && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
    if (losesAdmin && (await this.#repo.countActiveAdmins()) <= 1) throw new AppError('JD_ERR_AUTH_LAST_ADMIN');
    const now = this.#now().toISOString();
    await this.#repo.update(id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.bio !== undefined ? { bio: patch.bio } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.disabled !== undefined ? { disabled_at: patch.disabled ? (u.disabled_at ?? now) : null } : {}),
      updated_at: now,
    });
    if (patch.disabled === true) await this.#sessions?.revokeForUser(id);
    if ((patch.name !== undefined && patch.name !== u.name) || (patch.bio !== undefined && patch.bio !== u.bio)) {
      await this.#events?.emit({ type: 'author.changed', userId: id, slug: u.slug });
    }
    return this.get(id);
  }

  /** Sets a new password (CLI reset, or after checking the old one) and ends the user's other sessions. */
  async setPassword(id: number, password: string, keepSessionId?: number): Promise<void> {
    checkPasswordStrength(password);
    if (password.length > 1024) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { password: 'at most 1024 characters' } });
    await this.#repo.update(id, { password_hash: await hashPassword(password), updated_at: this.#now().toISOString() });
    // Whoever knew the old password may still hold a session: end them all but the caller's own.
    await this.#sessions?.revokeForUser(id, keepSessionId);
  }
}
