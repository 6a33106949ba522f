import { z } from 'zod';
import { slugify } from '../zh/slug.js';
import { AppError, parseOrThrow } from '../errors/index.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password.js';
import { ROLES, type Role } from './roles.js';
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

/** A user as others may see it (never the hash). */
export interface UserView {
  readonly id: number;
  readonly email: string | null;
  readonly slug: string;
  readonly name: string;
  readonly role: Role;
}

/** Creating users. Sessions, tokens and roles' rights come with the newsroom core. */
export class UserService {
  readonly #repo: UserRepo;
  readonly #now: () => Date;
  constructor(deps: { userRepo: UserRepo; now: () => Date }) {
    this.#repo = deps.userRepo;
    this.#now = deps.now;
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
    if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
      throw new AppError('JD_ERR_AUTH_WEAK_PASSWORD', { min: MIN_PASSWORD_LENGTH }, { fields: { password: `at least ${MIN_PASSWORD_LENGTH} characters` } });
    }
    if (input.email && (await this.#repo.byEmail(input.email))) throw new AppError('JD_ERR_AUTH_EMAIL_TAKEN', { email: input.email });
    const base = input.slug ?? (slugify(input.email?.split('@')[0] ?? '') || slugify(input.name) || 'user');
    let slug = base;
    for (let n = 2; await this.#repo.bySlug(slug); n++) {
      if (input.slug) throw new AppError('JD_ERR_CONTENT_SLUG_TAKEN', { slug, kind: 'user' });
      slug = `${base}-${n}`;
    }
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    const id = await this.#repo.insert({ email: input.email, slug, name: input.name, bio: input.bio, role: input.role, passwordHash }, this.#now().toISOString());
    return { id, email: input.email, slug, name: input.name, role: input.role };
  }
}
