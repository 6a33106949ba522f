import type { Kysely, Updateable } from 'kysely';
import type { Database, UserRow, UsersTable } from '../db/index.js';
import { prepareQuery } from '../db/prepared.js';

/** Values of a new user. */
export interface NewUser {
  readonly email: string | null;
  readonly slug: string;
  readonly name: string;
  readonly bio: string;
  readonly role: string;
  readonly passwordHash: string | null;
}

/** SQL for users (who are also the bylined authors) and article–author links. */
export class UserRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(u: NewUser, now: string): Promise<number> {
    const row = await this.#db
      .insertInto('users')
      .values({ email: u.email, slug: u.slug, name: u.name, bio: u.bio, role: u.role, password_hash: u.passwordHash, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  byId(id: number): Promise<UserRow | undefined> {
    return this.#db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Accounts (users with an e-mail: bylines without one cannot sign in), by id, with paging. */
  async listAccounts(filter: { role?: string; disabled?: boolean }, limit: number, offset: number): Promise<{ rows: UserRow[]; total: number }> {
    let q = this.#db.selectFrom('users').where('email', 'is not', null);
    if (filter.role) q = q.where('role', '=', filter.role);
    if (filter.disabled !== undefined) q = q.where('disabled_at', filter.disabled ? 'is not' : 'is', null);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('id').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** How many enabled admins with an e-mail there are (the last one may not be removed). */
  async countActiveAdmins(): Promise<number> {
    const row = await this.#db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .where('email', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Changes account columns (role, name, password hash, disabled, two-factor state). */
  async update(id: number, values: Updateable<UsersTable>): Promise<void> {
    await this.#db.updateTable('users').set(values).where('id', '=', id).execute();
  }

  bySlug(slug: string): Promise<UserRow | undefined> {
    return this.#db.selectFrom('users').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  byEmail(email: string): Promise<UserRow | undefined> {
    return this.#db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  async bySlugs(slugs: readonly string[]): Promise<UserRow[]> {
    if (slugs.length === 0) return [];
    return this.#db.selectFrom('users').selectAll().where('slug', 'in', slugs).execute();
  }

  // Pages run this every time: built once (see prepareQuery).
  static readonly #forArticles = prepareQuery((db: Kysely<Database>, p: { ids: readonly number[] }) =>
    db
      .selectFrom('article_authors')
      .innerJoin('users', 'users.id', 'article_authors.user_id')
      .selectAll('users')
      .select('article_authors.article_id')
      .where('article_authors.article_id', 'in', p.ids)
      .orderBy('article_authors.article_id')
      .orderBy('article_authors.position'),
  );
  /** Bylines of many articles at once, in each article's order. */
  async forArticles(ids: readonly number[]): Promise<Array<UserRow & { article_id: number }>> {
    if (ids.length === 0) return [];
    return UserRepo.#forArticles.execute(this.#db, { ids });
  }

  async setForArticle(articleId: number, userIds: readonly number[]): Promise<void> {
    await this.#db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
    if (userIds.length === 0) return;
    await this.#db
      .insertInto('article_authors')
      .values(userIds.map((user_id, position) => ({ article_id: articleId, user_id, position })))
      .execute();
  }
}
