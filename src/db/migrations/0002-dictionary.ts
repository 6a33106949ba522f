import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/** The site dictionary: protected terms and per-variant overrides applied before OpenCC. */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await adapter
    .idColumn(db.schema.createTable('dictionary_terms'))
    // JSON arrays/objects as text: the list is small and always read whole.
    .addColumn('match', 'text', (c) => c.notNull())
    .addColumn('outputs', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', adapter.timestampType, (c) => c.notNull())
    .addColumn('updated_at', adapter.timestampType, (c) => c.notNull())
    .execute();
}
