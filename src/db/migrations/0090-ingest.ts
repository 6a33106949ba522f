import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * Importers (src/ingest): feed subscriptions, what was already imported, and old URLs.
 *
 * - `feed_subscriptions`: a feed polled by the server. `etag` / `last_modified` make the next
 *   poll a conditional GET; `failures` and `next_poll_at` give failing feeds a growing back-off;
 *   `leased_until` lets one process claim a due feed with a conditional UPDATE.
 * - `ingest_seen`: one row per imported item, keyed by its GUID (or link) within its source
 *   kind, with a SimHash of its text for near-duplicate checks across feeds.
 * - `ingest_redirects`: old paths (WordPress `/?p=123`, `/2024/05/slug/`) → article id, served as
 *   301 by src/ingest/redirect.routes.ts.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const ts = adapter.timestampType;
  await adapter
    .idColumn(db.schema.createTable('feed_subscriptions'))
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('section', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('publish', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('every_minutes', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('etag', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_modified', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_polled_at', ts)
    .addColumn('next_poll_at', ts, (c) => c.notNull())
    .addColumn('leased_until', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feed_subscriptions_due').on('feed_subscriptions').columns(['next_poll_at']).execute();

  await db.schema
    .createTable('ingest_seen')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('guid', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
    .addColumn('simhash', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('ingest_seen_pk', ['kind', 'guid'])
    .execute();

  await db.schema
    .createTable('ingest_redirects')
    .addColumn('old_path', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
}
