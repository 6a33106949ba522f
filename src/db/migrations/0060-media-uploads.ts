import type { Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect.js';

/**
 * Uploaded media (src/media). `media` gains who uploaded a file (null for files the system made,
 * such as the demo's); `media_variants` lists the resized copies made from an upload's master:
 * WebP at several widths on upload, AVIF later in the background. Variants go with their media.
 */
export async function up(db: Kysely<unknown>, adapter: DialectAdapter): Promise<void> {
  // No foreign key: like the audit log, the library outlives the accounts that filled it.
  await db.schema.alterTable('media').addColumn('uploaded_by', 'integer').execute();
  await db.schema
    .createTable('media_variants')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    // webp | avif
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', adapter.timestampType, (c) => c.notNull())
    .addPrimaryKeyConstraint('media_variants_pk', ['media_id', 'format', 'width'])
    .execute();
}
