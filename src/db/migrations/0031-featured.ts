import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * Editors' order and expiry for 精彩推薦 picks. An article is a pick by its featured flag; a row
 * here only places it (lower position first) and may end it (`expires_at`, null for never).
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  await db.schema
    .createTable('featured_picks')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('expires_at', adapter.timestampType)
    .addColumn('created_at', adapter.timestampType, (c) => c.notNull())
    .addColumn('updated_at', adapter.timestampType, (c) => c.notNull())
    .execute();
}
