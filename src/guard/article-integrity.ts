import { inspectHtml, verdictOf, type Finding, type IntegrityOptions } from './integrity.js';

/**
 * The guard's options for a site: links to the site itself are internal, and the configured
 * allowlist (JIAODIAN_GUARD_ALLOWED_DOMAINS) drives the outbound-domains rule.
 */
export function siteIntegrityOptions(config: { readonly siteUrl: string; readonly guardAllowedDomains?: readonly string[] }): IntegrityOptions {
  let host: string | undefined;
  try {
    host = new URL(config.siteUrl).hostname;
  } catch {
    host = undefined;
  }
  return { ...(host ? { siteDomains: [host] } : {}), ...(config.guardAllowedDomains?.length ? { allowedDomains: config.guardAllowedDomains } : {}) };
}

/** An article's integrity as the newsroom sees it. */
export interface IntegrityView {
  readonly verdict: 'clean' | 'flagged';
  readonly findings: readonly Finding[];
}

/**
 * The findings to store with a body that has already passed the sanitizing policy, as the JSON
 * the `articles.integrity_findings` column holds.
 */
export function findingsColumn(sanitizedBody: string, options?: IntegrityOptions): string {
  return JSON.stringify(inspectHtml(sanitizedBody, options));
}

/**
 * The stored findings of an article row; rows saved before the guard existed (null) are
 * inspected now, so no article escapes the check for being old.
 */
export function storedFindings(row: { readonly integrity_findings?: string | null; readonly body_html: string }, options?: IntegrityOptions): Finding[] {
  if (row.integrity_findings != null) {
    try {
      const parsed: unknown = JSON.parse(row.integrity_findings);
      if (Array.isArray(parsed)) return parsed as Finding[];
    } catch {
      // An unreadable column is re-derived from the body below.
    }
  }
  return inspectHtml(row.body_html, options);
}

/** `{verdict, findings}` of an article row. */
export function integrityOf(row: { readonly integrity_findings?: string | null; readonly body_html: string }, options?: IntegrityOptions): IntegrityView {
  const findings = storedFindings(row, options);
  return { verdict: verdictOf(findings), findings };
}
