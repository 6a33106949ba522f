import type { UserRepo } from '../auth/user.repo.js';
import { AppError } from '../errors/index.js';
import { urls } from './urls.js';
import type { AuthorView } from './views.js';

/** Bylined authors as the public sees them (a user's public side). */
export class AuthorService {
  readonly #repo: UserRepo;
  constructor(deps: { userRepo: UserRepo }) {
    this.#repo = deps.userRepo;
  }

  /** The author with `slug`, or JD_ERR_CONTENT_AUTHOR_NOT_FOUND. */
  async require(slug: string): Promise<AuthorView & { id: number }> {
    const row = await this.#repo.bySlug(slug);
    if (!row) throw new AppError('JD_ERR_CONTENT_AUTHOR_NOT_FOUND', { slug });
    return { id: row.id, slug: row.slug, name: row.name, bio: row.bio, url: urls.author(row.slug) };
  }
}
