import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * In SQLite, the tables keyed by (article, other thing) become WITHOUT ROWID tables: rows stored
 * in their primary key's B-tree, ordered by article. As ordinary tables, every row read through
 * the primary key was found in the key's index and then looked up again in the table by rowid,
 * and every upsert wrote both. A page reads an article's co-visited neighbours (about 50 rows)
 * and their session counts, and its related list; on 10,000 articles with views those reads
 * took twice as long as from the key alone. The views flush upserts into `view_hours` and
 * `covisit_pairs` tens of thousands of times a second under load.
 *
 * PostgreSQL keeps its tables as they are: a heap with a primary key index is its only layout.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  if (adapter.name !== 'sqlite') return;
  await rebuild(db, 'covisit_pairs', { name: 'other_id', article: true }, 'weight', 'double precision', []);
  await rebuild(db, 'related_lists', { name: 'related_id', article: true }, 'score', 'double precision', [['related_lists_related', ['related_id']]]);
  await rebuild(db, 'view_hours', { name: 'hour', article: false }, 'views', 'integer', [['view_hours_hour', ['hour', 'article_id']]]);
}

/**
 * Recreates `table` (article_id, `second`, `value`; primary key the first two) without rowid,
 * copying its rows and recreating its indexes. `second.article`: the column is another
 * article's id, deleted with it as before. Nothing references these tables, so dropping the
 * old one touches no other table.
 */
async function rebuild(db: Kysely<unknown>, table: string, second: { name: string; article: boolean }, value: string, valueType: 'double precision' | 'integer', indexes: Array<[string, string[]]>): Promise<void> {
  const next = `${table}_clustered`;
  await db.schema
    .createTable(next)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn(second.name, 'integer', (c) => (second.article ? c.notNull().references('articles.id').onDelete('cascade') : c.notNull()))
    .addColumn(value, valueType, (c) => c.notNull())
    .addPrimaryKeyConstraint(`${table}_pk`, ['article_id', second.name])
    .modifyEnd(sql`without rowid`)
    .execute();
  await sql`insert into ${sql.table(next)} (article_id, ${sql.ref(second.name)}, ${sql.ref(value)}) select article_id, ${sql.ref(second.name)}, ${sql.ref(value)} from ${sql.table(table)}`.execute(db);
  await db.schema.dropTable(table).execute();
  await db.schema.alterTable(next).renameTo(table).execute();
  for (const [name, columns] of indexes) await db.schema.createIndex(name).on(table).columns(columns).execute();
}
