import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * SEO fields of an article (src/content/article.fields.ts): a title and a description for the
 * page head and social cards, and a canonical URL for copy first published elsewhere. Empty
 * means "use the article's own": the title, the summary, the article's URL.
 */
export async function up(db: Kysely<unknown>, _adapter: DialectAdapter): Promise<void> {
  // SQLite adds one column per ALTER TABLE.
  await db.schema.alterTable('articles').addColumn('seo_title', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('articles').addColumn('seo_description', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('articles').addColumn('canonical_url', 'text', (c) => c.notNull().defaultTo('')).execute();
}
