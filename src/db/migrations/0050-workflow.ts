import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * The editorial workflow (src/content/workflow*.ts): when a scheduled article goes live, who
 * created an article (its first owner), an editor's latest comment on a returned article; every
 * save's full field snapshot in `article_revisions`; the old slugs of renamed or merged tags, so
 * their URLs can redirect; and versions on sections and tags for optimistic locking.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  const ts = adapter.timestampType;
  // SQLite adds one column per ALTER TABLE.
  // The embargo: when a `scheduled` article goes live. The scheduler claims rows by it.
  await db.schema.alterTable('articles').addColumn('publish_at', ts).execute();
  // Who created the article: an owner for `.own` rights even when the byline names others.
  await db.schema.alterTable('articles').addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null')).execute();
  // The last comment an editor returned the article with; cleared when it is submitted again.
  await db.schema.alterTable('articles').addColumn('review_note', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('articles_status_publish_at').on('articles').columns(['status', 'publish_at']).execute();

  await adapter
    .idColumn(db.schema.createTable('article_revisions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // The article's version this save produced: one revision per version.
    .addColumn('version', 'integer', (c) => c.notNull())
    // create | update | restore | submit | approve | return | publish | schedule | unpublish | archive
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: every field of the field list as stored after the save.
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    // No foreign key, as in the audit log: history outlives the accounts it names.
    .addColumn('actor_user_id', 'integer')
    // session | token | cli | scheduler | system
    .addColumn('actor_via', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_revisions_article_version').unique().on('article_revisions').columns(['article_id', 'version']).execute();

  await db.schema
    .createTable('tag_redirects')
    .addColumn('old_slug', 'text', (c) => c.primaryKey())
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tag_redirects_tag').on('tag_redirects').columns(['tag_id']).execute();

  await db.schema.alterTable('sections').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('tags').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}
