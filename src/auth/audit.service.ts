import type { AuditFilter, AuditRepo, AuditRowWithNames } from './audit.repo.js';
import type { Actor } from './permissions.js';

/** Who did something: a member or token (`Actor`), the CLI, or nobody signed in. */
export type AuditActor = Actor | 'cli' | null | undefined;

/** One thing to record. */
export interface AuditInput {
  readonly actor?: AuditActor;
  /** What happened, dotted (`auth.login`, `user.update`) or `METHOD /route/:pattern` for API writes. */
  readonly action: string;
  /** What it happened to (`user:12`, `/api/v1/admin/articles/5`, an e-mail). */
  readonly target?: string;
  /** The client's address; staff data, kept as is so that an incident can be traced. */
  readonly ip?: string;
  /** Anything else worth keeping; never passwords, tokens or request bodies. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** An entry as `GET /api/v1/admin/audit` shows it. */
export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: { readonly via: string; readonly userId: number | null; readonly email: string | null; readonly tokenId: number | null; readonly tokenName: string | null };
  readonly action: string;
  readonly target: string;
  readonly ip: string;
  readonly details: Record<string, unknown>;
}

// Details are context, not payloads: a runaway object must not fill the table.
const MAX_DETAILS = 4000;

/**
 * The audit log: who did what, when, from where. Every successful authenticated API write is
 * recorded by the auth HTTP hook (src/auth/http.ts); sign-ins and sign-outs by the login routes;
 * anything else (CLI, background jobs) calls `record` itself.
 *
 * @example
 * await audit.record({ actor, action: 'article.publish', target: `article:${id}`, ip: req.ip });
 */
export class AuditService {
  readonly #repo: AuditRepo;
  readonly #now: () => Date;
  constructor(deps: { auditRepo: AuditRepo; now: () => Date }) {
    this.#repo = deps.auditRepo;
    this.#now = deps.now;
  }

  /** Records one entry. */
  async record(input: AuditInput): Promise<void> {
    const a = input.actor;
    let details = JSON.stringify(input.details ?? {});
    if (details.length > MAX_DETAILS) details = JSON.stringify({ truncated: details.slice(0, MAX_DETAILS) });
    await this.#repo.insert({
      at: this.#now().toISOString(),
      actor_user_id: a && a !== 'cli' && a.userId > 0 ? a.userId : null,
      actor_token_id: a && a !== 'cli' ? (a.tokenId ?? null) : null,
      actor_via: a === 'cli' ? 'cli' : (a?.via ?? 'anonymous'),
      action: input.action.slice(0, 200),
      target: (input.target ?? '').slice(0, 500),
      ip: (input.ip ?? '').slice(0, 64),
      details,
    });
  }

  /** Entries newest first, filtered, one page at a time. */
  async list(filter: AuditFilter, page: number, limit: number): Promise<{ entries: AuditEntry[]; total: number }> {
    const { rows, total } = await this.#repo.list(filter, limit, (page - 1) * limit);
    return { entries: rows.map(entry), total };
  }
}

function entry(r: AuditRowWithNames): AuditEntry {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(r.details) as Record<string, unknown>;
  } catch {
    details = {};
  }
  return {
    id: r.id,
    at: r.at,
    actor: { via: r.actor_via, userId: r.actor_user_id, email: r.actor_email, tokenId: r.actor_token_id, tokenName: r.actor_token_name },
    action: r.action,
    target: r.target,
    ip: r.ip,
    details,
  };
}
