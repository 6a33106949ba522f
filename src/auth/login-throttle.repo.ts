import type { Kysely } from 'kysely';
import type { Database, LoginThrottleTable } from '../db/index.js';

/** SQL for failed sign-in counters. */
export class LoginThrottleRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  get(keys: readonly string[]): Promise<LoginThrottleTable[]> {
    return this.#db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  }

  async put(row: LoginThrottleTable): Promise<void> {
    await this.#db
      .insertInto('login_throttle')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ failures: row.failures, window_started_at: row.window_started_at, locked_until: row.locked_until }))
      .execute();
  }

  async delete(key: string): Promise<void> {
    await this.#db.deleteFrom('login_throttle').where('key', '=', key).execute();
  }

  /** Drops counters whose window and lock have both ended. */
  async purge(windowStartedBefore: string, now: string): Promise<void> {
    await this.#db
      .deleteFrom('login_throttle')
      .where('window_started_at', '<', windowStartedBefore)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .execute();
  }
}
