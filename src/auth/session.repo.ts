import type { Kysely } from 'kysely';
import type { Database, SessionRow } from '../db/index.js';

/** A session with what authentication needs of its user. */
export type SessionWithUser = SessionRow & { role: string; email: string | null; disabled_at: string | null };

/** SQL for sessions. */
export class SessionRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(s: Omit<SessionRow, 'id'>): Promise<number> {
    const row = await this.#db.insertInto('sessions').values(s).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  byHash(tokenHash: string): Promise<SessionWithUser | undefined> {
    return this.#db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('sessions')
      .select(['users.role', 'users.email', 'users.disabled_at'])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  async touch(id: number, at: string): Promise<void> {
    await this.#db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async deleteByHash(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteById(id: number): Promise<void> {
    await this.#db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Deletes a user's sessions, but the one with id `except`; returns how many went. */
  async deleteForUser(userId: number, except?: number): Promise<number> {
    let q = this.#db.deleteFrom('sessions').where('user_id', '=', userId);
    if (except !== undefined) q = q.where('id', '!=', except);
    const res = await q.executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  listForUser(userId: number): Promise<SessionRow[]> {
    return this.#db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('last_seen_at', 'desc').execute();
  }

  /** Removes sessions past their absolute expiry or idle since `idleBefore`. */
  async purge(now: string, idleBefore: string): Promise<void> {
    await this.#db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
      .execute();
  }
}
