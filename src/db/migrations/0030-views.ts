import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * Reading counts and co-visitation (src/recommend). No table holds a single view, a session id
 * or an address: views arrive already aggregated by the in-memory buffer.
 *
 * - `view_hours`: views per article per hour (hours since the Unix epoch), kept 8 days for the
 *   24 h / 7 d counts and "most read" lists, then deleted.
 * - `view_totals`: one row per article: all-time views and the hot score (decayed views).
 * - `covisit_pairs`: how often two articles were read in the same session, both directions,
 *   plus a self row (article_id = other_id) counting the sessions that read the article.
 *   Weights are time-scaled (see recommend/covisit-math.ts); maintenance keeps each article's
 *   strongest neighbours and deletes faded pairs.
 */
export async function up(db: Kysely<unknown>, _adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('view_hours')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('view_hours_pk', ['article_id', 'hour'])
    .execute();
  // "Most read since hour H" walks hours, not articles.
  await db.schema.createIndex('view_hours_hour').on('view_hours').columns(['hour', 'article_id']).execute();

  await db.schema
    .createTable('view_totals')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('views', 'integer', (c) => c.notNull())
    // 'double precision' in both dialects: PostgreSQL's 'real' is single precision.
    .addColumn('hot', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('view_totals_hot').on('view_totals').columns(['hot']).execute();

  await db.schema
    .createTable('covisit_pairs')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('other_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('covisit_pairs_pk', ['article_id', 'other_id'])
    .execute();
  // No secondary index on purpose: this table takes tens of thousands of upserts a second under
  // load, and an article's neighbours (at most a few dozen rows, trimmed) are read through the
  // primary key's article_id prefix and ranked in memory.
}
