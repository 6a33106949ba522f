import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { syncIdSequences } from '../db/sequences.js';
import { AppError } from '../errors/index.js';
import { sanitizeBody } from '../guard/sanitize.js';
import { findingsColumn } from '../guard/article-integrity.js';
import type { IntegrityOptions } from '../guard/integrity.js';
import { BACKUP_FORMAT, BACKUP_VERSION, insideMedia, presentTables, type AnyDb, type Backup } from './backup.js';
import { ingestMessages } from './messages.js';
import type { ImportReport, ReportItem } from './report.js';

const row = z.record(z.string(), z.unknown());
const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  tables: z.record(z.string(), z.array(row)),
  files: z.record(z.string(), z.string().nullable()),
});

/** Rows per INSERT: well under both dialects' limits on bound parameters. */
const BATCH = 50;

/** What a restore needs. */
export interface RestoreDeps {
  readonly db: Db;
  readonly mediaDir: string;
  /** Rebuilds what the backup leaves out (search index, keywords, related lists) after a restore. */
  readonly rebuild: () => Promise<void>;
  /** The site's integrity options: restored bodies are inspected again with them. */
  readonly integrity?: IntegrityOptions;
}

/**
 * Restores a backup (`createBackup`) into an empty database: every row with its id, in one
 * transaction, then the media files, then the derived data is rebuilt. Article bodies pass
 * the sanitizing policy again on the way in, so an edited backup cannot carry a script into
 * the site; a body it changed is reported in that item's `removed`. With `dryRun` the rows are
 * written and rolled back (every constraint is checked) and no file is written.
 *
 * Why not the article service's save path, as the other importers use: a restore must give
 * back the same newsroom, with the same ids (article URLs), versions, revisions and times,
 * all of which a save assigns anew.
 */
export async function restoreBackup(d: RestoreDeps, text: string, options: { dryRun: boolean }): Promise<ImportReport> {
  const backup = parseBackup(text);
  await mustBeEmpty(d.db);
  const present = await presentTables(d.db);
  const columns = new Map((await d.db.kysely.introspection.getTables()).map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
  for (const name of Object.keys(backup.tables)) {
    const known = present.find((t) => t.name === name);
    if (!known) throw new AppError('JD_ERR_INGEST_UNREADABLE', { kind: 'json', reason: ingestMessages.notBackup(`unknown table ${name} (a backup of a newer version?)`) });
    for (const r of backup.tables[name]!) {
      const extra = Object.keys(r).find((col) => !columns.get(name)!.has(col));
      if (extra) throw new AppError('JD_ERR_INGEST_UNREADABLE', { kind: 'json', reason: ingestMessages.notBackup(`unknown column ${name}.${extra}`) });
    }
  }
  const items: ReportItem[] = [];
  const articles = (backup.tables.articles ?? []).map((a) => {
    const body = typeof a.body_html === 'string' ? a.body_html : '';
    const clean = sanitizeBody(body);
    const removed = clean === body ? [] : [{ rule: 'sanitize', reason: 'markup outside the sanitizing policy was removed' }];
    // The guard's findings are the body's, never the file's word: an edited backup must not be
    // able to hide a flag (a flagged live article then shows as flagged to editors and in audits).
    const fresh = findingsColumn(clean, d.integrity);
    const stored = typeof a.integrity_findings === 'string' ? a.integrity_findings : null;
    if (stored !== null && rulesOf(stored) !== rulesOf(fresh)) removed.push({ rule: 'integrity', reason: 'the stored integrity findings did not match the body; they were made again' });
    items.push(reportOf(a, clean, removed, backup));
    return { ...a, body_html: clean, ...(stored !== null && rulesOf(stored) !== rulesOf(fresh) ? { integrity_findings: fresh } : {}) };
  });
  const rows = (name: string) => (name === 'articles' ? articles : name === 'sections' ? parentsFirst(backup.tables.sections ?? []) : (backup.tables[name] ?? []));
  const rollback = new DryRun();
  try {
    await d.db.kysely.transaction().execute(async (trx) => {
      const k = trx as unknown as AnyDb;
      for (const t of present) {
        const list = rows(t.name);
        for (let i = 0; i < list.length; i += BATCH) await k.insertInto(t.name).values(list.slice(i, i + BATCH)).execute();
      }
      await syncIdSequences(d.db, trx as never, present.filter((t) => t.id).map((t) => t.name));
      if (options.dryRun) throw rollback;
    });
  } catch (err) {
    if (err !== rollback) throw err;
    return { items: items.map((i) => ({ ...i, id: null })) };
  }
  for (const [path, data] of Object.entries(backup.files)) {
    const full = insideMedia(d.mediaDir, path);
    if (!full || data === null) continue;
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, Buffer.from(data, 'base64'));
  }
  await d.rebuild();
  return { items };
}

/** The sorted rule ids of a findings column, to compare two columns regardless of order and wording. */
function rulesOf(column: string): string {
  try {
    const parsed: unknown = JSON.parse(column);
    return Array.isArray(parsed) ? parsed.map((f) => String((f as { rule?: unknown }).rule)).sort().join(',') : '';
  } catch {
    return '';
  }
}

/** Thrown inside a dry run's transaction to roll it back. */
class DryRun {}

function parseBackup(text: string): Backup {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AppError('JD_ERR_INGEST_UNREADABLE', { kind: 'json', reason: ingestMessages.notJson((err as Error).message) });
  }
  const res = backupSchema.safeParse(raw);
  if (!res.success) {
    const issue = res.error.issues[0]!;
    throw new AppError('JD_ERR_INGEST_UNREADABLE', { kind: 'json', reason: ingestMessages.notBackup(`${issue.path.join('.') || 'document'}: ${issue.message}`) });
  }
  return res.data as Backup;
}

async function mustBeEmpty(db: Db): Promise<void> {
  const k = db.kysely as unknown as AnyDb;
  for (const table of ['articles', 'sections', 'tags', 'media', 'users']) {
    const found = await k.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (found) throw new AppError('JD_ERR_INGEST_RESTORE_NOT_EMPTY', { what: table });
  }
}

/** Sections with each parent before its children (a parent may have a larger id). */
function parentsFirst(list: ReadonlyArray<Record<string, unknown>>): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const placed = new Set<unknown>();
  let rest = [...list];
  while (rest.length > 0) {
    const ready = rest.filter((s) => s.parent_id === null || s.parent_id === undefined || placed.has(s.parent_id) || !list.some((p) => p.id === s.parent_id));
    // A cycle (only a hand-edited backup has one) is inserted as it is and fails on its reference.
    const next = ready.length > 0 ? ready : rest;
    for (const s of next) {
      out.push(s);
      placed.add(s.id);
    }
    rest = rest.filter((s) => !next.includes(s));
  }
  return out;
}

function reportOf(a: Record<string, unknown>, body: string, removed: ReportItem['removed'], backup: Backup): ReportItem {
  const id = Number(a.id);
  const users = new Map((backup.tables.users ?? []).map((u) => [u.id, String(u.slug)]));
  const tags = new Map((backup.tables.tags ?? []).map((t) => [t.id, String(t.name)]));
  return {
    status: 'imported',
    id,
    title: String(a.title ?? ''),
    publishedAt: typeof a.published_at === 'string' ? a.published_at : null,
    source: { name: String(a.source_name ?? ''), url: String(a.source_url ?? '') },
    authors: (backup.tables.article_authors ?? []).filter((x) => x.article_id === id).map((x) => users.get(x.user_id) ?? ''),
    tags: (backup.tables.article_tags ?? []).filter((x) => x.article_id === id).map((x) => tags.get(x.tag_id) ?? ''),
    bodyHtml: body,
    removed,
    error: null,
  };
}
