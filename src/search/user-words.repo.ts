import type { Kysely } from 'kysely';
import { bumpCounter, readCounter } from '../db/counters.js';
import type { Database } from '../db/index.js';

const VERSION_KEY = 'search.user_words.version';

/** SQL for the editors' word list and its version counter (bumped on every change). */
export class UserWordsRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async all(): Promise<Array<{ word: string; createdAt: string }>> {
    const rows = await this.#db.selectFrom('user_words').selectAll().orderBy('word').execute();
    return rows.map((r) => ({ word: r.word, createdAt: r.created_at }));
  }

  /** The list's version: 0 before the first change. */
  async version(): Promise<number> {
    return readCounter(this.#db, VERSION_KEY);
  }

  /** Adds words that are not there yet; returns those added. */
  add(words: readonly string[], now: string): Promise<string[]> {
    return this.#db.transaction().execute(async (trx) => {
      const existing = new Set((await trx.selectFrom('user_words').select('word').where('word', 'in', words).execute()).map((r) => r.word));
      const fresh = [...new Set(words)].filter((w) => !existing.has(w));
      if (fresh.length === 0) return [];
      await trx.insertInto('user_words').values(fresh.map((word) => ({ word, created_at: now }))).execute();
      await bumpCounter(trx, VERSION_KEY);
      return fresh;
    });
  }

  /** Removes a word; false when it was not there. */
  remove(word: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('user_words').where('word', '=', word).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) return false;
      await bumpCounter(trx, VERSION_KEY);
      return true;
    });
  }
}
