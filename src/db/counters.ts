import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Version counters in the settings table. A list that every process caches (the site
 * dictionary, editors' words) bumps its counter in the same transaction as each change, and
 * readers reload when the number moves.
 */
export async function readCounter(db: Kysely<Database>, key: string): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/** Adds one to a counter (creating it at 1); run it inside the change's transaction. */
export async function bumpCounter(db: Kysely<Database>, key: string): Promise<void> {
  const next = String((await readCounter(db, key)) + 1);
  await db
    .insertInto('settings')
    .values({ key, value: next })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: next }))
    .execute();
}
