import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { AuditArticleRow, AuditNamedRow, AuditRepo } from './audit.repo.js';
import { inspectHtml, verdictOf, type Finding, type IntegrityOptions } from './integrity.js';
import { sanitizeBody } from './sanitize.js';

/** One audited target, as `jiaodian audit --json` prints it. */
export interface AuditResult {
  readonly target: string;
  readonly verdict: 'clean' | 'flagged';
  readonly findings: readonly Finding[];
}

/** Reason sentences of the audit's own rules (user-facing; later i18n keys). */
export const auditMessages = {
  markupInText: (field: string) => `The ${field} must be plain text but contains markup; templates escape it, yet it means something wrote HTML where text belongs.`,
  unsafeUrl: (field: string) => `The ${field} is not an http(s) URL.`,
  unsanitized: 'The stored body differs from what the sanitizing policy lets through: it was written around the policy.',
} as const;

const MARKUP = /<\s*[a-z!/?]/i;

/** Findings for a stored value that pages render as plain text. */
export function plainTextFindings(field: string, value: string): Finding[] {
  if (!MARKUP.test(value)) return [];
  return [{ rule: 'markup-in-text', reason: auditMessages.markupInText(field), location: `${field}: "${value.slice(0, 60)}"` }];
}

/** Findings for a stored URL that pages link to: only http(s) (or nothing) is allowed. */
export function urlFindings(field: string, value: string): Finding[] {
  if (value.trim() === '' || /^https?:\/\/[^\s]+$/i.test(value.trim())) return [];
  return [{ rule: 'unsafe-url', reason: auditMessages.unsafeUrl(field), location: `${field}: "${value.slice(0, 60)}"` }];
}

function result(target: string, findings: Finding[]): AuditResult {
  return { target, verdict: verdictOf(findings), findings };
}

/** Audits one HTML fragment or page. */
export function auditHtml(target: string, html: string, options: IntegrityOptions = {}): AuditResult {
  return result(target, inspectHtml(html, options));
}

/** Audits an article's stored values: the body (guard and policy) and the plain-text fields. */
export function auditArticle(row: AuditArticleRow, options: IntegrityOptions = {}): AuditResult {
  const findings = inspectHtml(row.body_html, options).map((f) => ({ ...f, location: `bodyHtml ${f.location}` }));
  if (sanitizeBody(row.body_html) !== row.body_html.trim()) findings.push({ rule: 'unsanitized-body', reason: auditMessages.unsanitized, location: 'bodyHtml' });
  const text: Array<[string, string]> = [
    ['title', row.title],
    ['subtitle', row.subtitle],
    ['summary', row.summary],
    ['source name', row.source_name],
    ['cover caption', row.cover_caption],
    ['cover credit', row.cover_credit],
    ['correction note', row.correction_note],
  ];
  for (const [field, value] of text) findings.push(...plainTextFindings(field, value));
  findings.push(...urlFindings('source URL', row.source_url));
  return result(`article:${row.id}`, findings);
}

/** Audits a section, tag, author or media item's plain-text fields. */
export function auditNamed(row: AuditNamedRow): AuditResult {
  return result(`${row.kind}:${row.key}`, Object.entries(row.fields).flatMap(([field, value]) => plainTextFindings(`${row.kind} ${field}`, value)));
}

/**
 * Audits everything stored that ends up in pages, calling `onResult` per target as it goes
 * (articles are read in batches, so memory stays flat on a large archive).
 */
export async function auditDatabase(repo: AuditRepo, options: IntegrityOptions, onResult: (r: AuditResult) => void): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await repo.articlesAfter(after, 500);
    for (const row of rows) onResult(auditArticle(row, options));
    const last = rows.at(-1);
    if (!last || rows.length < 500) break;
    after = last.id;
  }
  for (const row of await repo.named()) onResult(auditNamed(row));
}

/** Every `.html` file under `dir`, sorted, as paths. */
export async function htmlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.html?$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Audits a static export: every page, allowing only the site's own scripts (`/assets/*.js`)
 * and treating links to the site itself as internal. Targets are paths relative to `dir`.
 */
export async function auditDirectory(dir: string, options: IntegrityOptions, onResult: (r: AuditResult) => void): Promise<number> {
  const files = await htmlFilesUnder(dir);
  for (const file of files) onResult(auditHtml(relative(dir, file), await readFile(file, 'utf8'), options));
  return files.length;
}
