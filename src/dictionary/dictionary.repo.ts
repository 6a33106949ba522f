import type { Kysely } from 'kysely';
import { bumpCounter, readCounter } from '../db/counters.js';
import type { Database, DictionaryTermRow } from '../db/index.js';

const VERSION_KEY = 'dictionary.version';

/** SQL for the site dictionary and its version counter (bumped on every change). */
export class DictionaryRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  all(): Promise<DictionaryTermRow[]> {
    return this.#db.selectFrom('dictionary_terms').selectAll().orderBy('id').execute();
  }

  /** The dictionary's version: 0 before the first change. */
  async version(): Promise<number> {
    return readCounter(this.#db, VERSION_KEY);
  }

  /** Adds a term and bumps the version in one transaction; returns the new id. */
  insert(match: string, outputs: string, note: string, now: string): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('dictionary_terms').values({ match, outputs, note, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      await bumpCounter(trx, VERSION_KEY);
      return row.id;
    });
  }

  /** Replaces a term's forms, outputs and note; false when there is no such term. */
  update(id: number, match: string, outputs: string, note: string, now: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('dictionary_terms').set({ match, outputs, note, updated_at: now }).where('id', '=', id).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) return false;
      await bumpCounter(trx, VERSION_KEY);
      return true;
    });
  }

  /** Removes a term; false when there was none. */
  remove(id: number): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('dictionary_terms').where('id', '=', id).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) return false;
      await bumpCounter(trx, VERSION_KEY);
      return true;
    });
  }
}
