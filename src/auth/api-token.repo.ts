import type { Kysely } from 'kysely';
import type { ApiTokenRow, Database } from '../db/index.js';

/** A token with its owner's current role and state (null for tokens without an owner). */
export type ApiTokenWithOwner = ApiTokenRow & { owner_role: string | null; owner_disabled_at: string | null };

/** SQL for API tokens. */
export class ApiTokenRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(t: Omit<ApiTokenRow, 'id'>): Promise<number> {
    const row = await this.#db.insertInto('api_tokens').values(t).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  byId(id: number): Promise<ApiTokenRow | undefined> {
    return this.#db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byHash(tokenHash: string): Promise<ApiTokenWithOwner | undefined> {
    return this.#db
      .selectFrom('api_tokens')
      .leftJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('api_tokens')
      .select(['users.role as owner_role', 'users.disabled_at as owner_disabled_at'])
      .where('api_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  list(includeRevoked: boolean): Promise<ApiTokenRow[]> {
    let q = this.#db.selectFrom('api_tokens').selectAll();
    if (!includeRevoked) q = q.where('revoked_at', 'is', null);
    return q.orderBy('id').execute();
  }

  async revoke(id: number, at: string): Promise<void> {
    await this.#db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  async touch(id: number, at: string): Promise<void> {
    await this.#db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}
