import { can, type Actor } from '../auth/permissions.js';
import { AppError } from '../errors/index.js';
import type { Finding } from './integrity.js';

/** An editor's decision to let flagged content go out anyway. */
export interface Override {
  readonly override?: boolean | undefined;
  /** Why; required with `override` and kept in the audit log. */
  readonly overrideReason?: string | undefined;
}

/** User-facing messages of the publish guard. */
export const publishGuardMessages = {
  overrideReason: 'say why the flagged content may be published (kept in the audit log)',
} as const;

/**
 * Lets content the integrity guard flagged go live (publish, schedule, or an edit of a live
 * article) only with an override, given by someone holding `article.integrity.override` (editors
 * and admins), with a reason. Findings whose rules were already accepted (`acceptedRules`, e.g.
 * an edit of an article that was published with an override) need no new override.
 *
 * Returns the rules being overridden, for the audit log, or false when nothing needed one.
 * Throws JD_ERR_GUARD_FLAGGED (409, findings in `fields`), JD_ERR_GUARD_OVERRIDE_FORBIDDEN (403)
 * or JD_ERR_VALIDATION (no reason).
 *
 * @example
 * const rules = guardPublish(storedFindings(row), actor, input);
 * if (rules) await audit.record({ actor, action: 'article.integrity.override', details: { rules, reason } });
 */
export function guardPublish(findings: readonly Finding[], actor: Actor, input: Override, acceptedRules: readonly string[] = []): string[] | false {
  const fresh = findings.filter((f) => !acceptedRules.includes(f.rule));
  if (fresh.length === 0) return false;
  if (!input.override) {
    const fields = Object.fromEntries(findings.slice(0, 50).map((f, i) => [`integrity.findings.${i}`, `${f.rule}: ${f.reason} (${f.location})`]));
    throw new AppError('JD_ERR_GUARD_FLAGGED', { count: findings.length }, { fields, extra: { integrity: { verdict: 'flagged', findings } } });
  }
  if (!can(actor, 'article.integrity.override')) throw new AppError('JD_ERR_GUARD_OVERRIDE_FORBIDDEN');
  if (!input.overrideReason?.trim()) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { overrideReason: publishGuardMessages.overrideReason } });
  return [...new Set(findings.map((f) => f.rule))];
}
