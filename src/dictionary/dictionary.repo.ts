import type { Kysely } from 'kysely';
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
    const row = await this.#db.selectFrom('settings').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
    return row ? Number(row.value) : 0;
  }

  /** Adds a term and bumps the version in one transaction; returns the new id. */
  insert(match: string, outputs: string, note: string, now: string): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('dictionary_terms').values({ match, outputs, note, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      await bump(trx);
      return row.id;
    });
  }

  /** Removes a term; false when there was none. */
  remove(id: number): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('dictionary_terms').where('id', '=', id).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) return false;
      await bump(trx);
      return true;
    });
  }
}

async function bump(db: Kysely<Database>): Promise<void> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
  const next = String((row ? Number(row.value) : 0) + 1);
  await db
    .insertInto('settings')
    .values({ key: VERSION_KEY, value: next })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: next }))
    .execute();
}
