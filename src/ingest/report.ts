import { isAppError } from '../errors/index.js';

/** What happened to one item (the `--json` report's `items[]`, exactly as ARCHITECTURE.md documents it). */
export interface ReportItem {
  readonly status: 'imported' | 'skipped' | 'failed';
  /** The new article's id; null when skipped, failed, or in a dry run. */
  readonly id: number | null;
  readonly title: string;
  readonly publishedAt: string | null;
  readonly source: { readonly name: string; readonly url: string };
  /** Author slugs (after mapping onto the newsroom's users). */
  readonly authors: readonly string[];
  readonly tags: readonly string[];
  /** The body as it was (or, in a dry run, would be) stored. */
  readonly bodyHtml: string;
  /** What the integrity guard stripped, and images left out (`image-download`, src/ingest/images.ts). */
  readonly removed: ReadonlyArray<{ readonly rule: string; readonly reason: string }>;
  /**
   * Why a failed item failed or a skipped one was skipped; for an imported item, a warning
   * about a part left out (its featured image); otherwise null.
   */
  readonly error: string | null;
}

/** The whole report (`jiaodian import … --json`). */
export interface ImportReport {
  readonly items: readonly ReportItem[];
}

/**
 * The exit rule of `jiaodian import`: 0 when at least one item was imported, or when nothing
 * failed (an empty feed, everything already imported); 1 when items failed and none was
 * imported. An unreadable source is an error before any item (exit 1 too).
 */
export function exitCodeOf(report: ImportReport): number {
  const imported = report.items.some((i) => i.status === 'imported');
  const failed = report.items.some((i) => i.status === 'failed');
  return imported || !failed ? 0 : 1;
}

/** An item with its keys in the documented order (what `--json` and the admin API print). */
export function orderedItem(i: ReportItem): ReportItem {
  return { status: i.status, id: i.id, title: i.title, publishedAt: i.publishedAt, source: { name: i.source.name, url: i.source.url }, authors: i.authors, tags: i.tags, bodyHtml: i.bodyHtml, removed: i.removed.map((r) => ({ rule: r.rule, reason: r.reason })), error: i.error };
}

/** One line for an error: the message of a known error, its fields too. */
export function messageOf(err: unknown): string {
  if (isAppError(err)) {
    const fields = Object.entries(err.fields ?? {}).map(([k, v]) => `${k}: ${v}`);
    return fields.length ? `${err.message}: ${fields.join('; ')}` : err.message;
  }
  return String((err as Error)?.message ?? err).split('\n')[0]!;
}
