import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { Kysely } from 'kysely';
import type { Db } from '../db/index.js';

/** A table as the backup handles it: its rows are ordered by `key`; `id` tables keep their ids. */
export interface BackupTable {
  readonly name: string;
  readonly key: readonly string[];
  readonly id?: boolean;
}

/**
 * What a backup holds, in restore order (referenced tables first). Derived data is left out
 * and rebuilt after a restore: the search index, keyword statistics, related lists, view
 * counts. So are sessions, API tokens, the audit log and webhook deliveries: a restored site
 * starts with nobody signed in and every integration re-issued a token.
 *
 * Users are kept whole, with password hashes and two-factor secrets, so that the newsroom can
 * sign in to the restored site as before: a backup file is as secret as the database.
 */
export const BACKUP_TABLES: readonly BackupTable[] = [
  { name: 'users', key: ['id'], id: true },
  { name: 'sections', key: ['id'], id: true },
  { name: 'tags', key: ['id'], id: true },
  { name: 'tag_redirects', key: ['old_slug'] },
  { name: 'media', key: ['id'], id: true },
  { name: 'media_variants', key: ['media_id', 'format', 'width', 'path'] },
  { name: 'articles', key: ['id'], id: true },
  { name: 'article_tags', key: ['article_id', 'position', 'tag_id'] },
  { name: 'article_authors', key: ['article_id', 'position', 'user_id'] },
  { name: 'article_revisions', key: ['id'], id: true },
  { name: 'dictionary_terms', key: ['id'], id: true },
  { name: 'user_words', key: ['word'] },
  { name: 'featured_picks', key: ['article_id'] },
  { name: 'related_word_overrides', key: ['article_id', 'word'] },
  { name: 'site_settings', key: ['key'] },
  { name: 'webhooks', key: ['id'], id: true },
  { name: 'feed_subscriptions', key: ['id'], id: true },
  { name: 'ingest_seen', key: ['kind', 'guid'] },
  { name: 'ingest_redirects', key: ['old_path'] },
];

/** Marks a Jiaodian backup document. */
export const BACKUP_FORMAT = 'jiaodian-backup';
/** The backup layout's version; a restore refuses others. */
export const BACKUP_VERSION = 1;

/** A backup document (`jiaodian export json`). */
export interface Backup {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: number;
  /** Rows by table name, each a column → value object, in key order. */
  readonly tables: Record<string, Array<Record<string, unknown>>>;
  /** Media files by path inside the media folder, base64; null for a file that was missing. */
  readonly files: Record<string, string | null>;
}

/** Untyped access for copying whole tables (the typed schema does not matter to a copy). */
export type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/** The tables of `BACKUP_TABLES` this database has (a table added by a later migration may be missing). */
export async function presentTables(db: Db): Promise<BackupTable[]> {
  const names = new Set((await db.kysely.introspection.getTables()).map((t) => t.name));
  return BACKUP_TABLES.filter((t) => names.has(t.name));
}

/**
 * The whole newsroom as one document: every row of the backup tables and every media file
 * they name, so that `restoreBackup` into an empty database gives the same newsroom (and the
 * same backup again). Deterministic: two backups of the same data are equal.
 *
 * @example
 * const backup = await createBackup(c.db, c.mediaDir);
 */
export async function createBackup(db: Db, mediaDir: string): Promise<Backup> {
  const k = db.kysely as unknown as AnyDb;
  const tables: Record<string, Array<Record<string, unknown>>> = {};
  for (const t of await presentTables(db)) {
    let q = k.selectFrom(t.name).selectAll();
    for (const col of t.key) q = q.orderBy(col);
    tables[t.name] = (await q.execute()).map(normalizeRow);
  }
  const paths = new Set<string>();
  for (const row of [...(tables.media ?? []), ...(tables.media_variants ?? [])]) if (typeof row.path === 'string') paths.add(row.path);
  const files: Record<string, string | null> = {};
  for (const p of [...paths].sort()) {
    const full = insideMedia(mediaDir, p);
    files[p] = full ? await readFile(full).then((b) => b.toString('base64'), () => null) : null;
  }
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, tables, files };
}

/** The absolute path of a media-relative path, or undefined when it would leave the media folder. */
export function insideMedia(mediaDir: string, rel: string): string | undefined {
  const clean = normalize(rel).replace(/\\/g, '/');
  if (clean.startsWith('..') || clean.startsWith('/') || clean.split('/').some((p) => p === '' || p === '..')) return undefined;
  const full = join(mediaDir, ...clean.split('/'));
  return full.startsWith(mediaDir + sep) ? full : undefined;
}

// Both dialects give the same JS values for these columns except what drivers choose: dates
// come back as strings from the adapters, bigint counts never appear in these tables.
function normalizeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString('base64') : v;
  return out;
}
