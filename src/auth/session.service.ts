import { ROLES, type Role } from './roles.js';
import { newSecret, sha256 } from './secrets.js';
import type { SessionRepo } from './session.repo.js';

/** Longest a session lives, however active: a stolen cookie stops working after this. */
export const SESSION_LIFETIME_MS = 14 * 24 * 3_600_000;
/** A session unused this long ends. */
export const SESSION_IDLE_MS = 3 * 24 * 3_600_000;
// Recording every request's time would turn each page view into a write.
const LAST_SEEN_EVERY_MS = 5 * 60_000;

/** A live session and who it belongs to. */
export interface ResolvedSession {
  readonly sessionId: number;
  readonly userId: number;
  readonly role: Role;
  readonly email: string | null;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** What a newly started session hands the browser: its cookie value and CSRF token. */
export interface StartedSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly sessionId: number;
}

/** A session as a member or admin sees it in a list (never its token). */
export interface SessionView {
  readonly id: number;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly ip: string;
  readonly userAgent: string;
}

/**
 * Server-side sessions. The browser holds a 256-bit random token; the database holds its
 * SHA-256, so neither a database dump nor a log line can be replayed as a cookie.
 */
export class SessionService {
  readonly #repo: SessionRepo;
  readonly #now: () => Date;
  constructor(deps: { sessionRepo: SessionRepo; now: () => Date }) {
    this.#repo = deps.sessionRepo;
    this.#now = deps.now;
  }

  /**
   * Starts a session for a user who has just proved who they are. The session the browser held
   * before (if any) ends: a new id on every sign-in defeats session fixation.
   */
  async start(userId: number, meta: { ip: string; userAgent: string }, previousToken?: string): Promise<StartedSession> {
    const now = this.#now();
    if (previousToken) await this.#repo.deleteByHash(sha256(previousToken));
    // Expired rows are cleared here rather than by a timer: sign-ins are rare and cheap to extend.
    await this.#repo.purge(now.toISOString(), new Date(now.getTime() - SESSION_IDLE_MS).toISOString());
    const token = newSecret(32);
    const csrfToken = newSecret(24);
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    const sessionId = await this.#repo.insert({
      token_hash: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: now.toISOString(),
      ip: meta.ip.slice(0, 64),
      user_agent: meta.userAgent.slice(0, 300),
    });
    return { token, csrfToken, expiresAt, sessionId };
  }

  /** The live session behind a cookie value, or undefined (unknown, expired, idle, disabled user). */
  async resolve(token: string): Promise<ResolvedSession | undefined> {
    if (token.length < 20 || token.length > 100) return undefined;
    const row = await this.#repo.byHash(sha256(token));
    if (!row) return undefined;
    const now = this.#now().getTime();
    const expired = Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) < now - SESSION_IDLE_MS;
    if (expired || row.disabled_at !== null || !(ROLES as readonly string[]).includes(row.role)) {
      await this.#repo.deleteById(row.id);
      return undefined;
    }
    if (Date.parse(row.last_seen_at) < now - LAST_SEEN_EVERY_MS) await this.#repo.touch(row.id, new Date(now).toISOString());
    return { sessionId: row.id, userId: row.user_id, role: row.role as Role, email: row.email, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  /** Ends the session behind a cookie value (sign-out). */
  async end(token: string): Promise<void> {
    await this.#repo.deleteByHash(sha256(token));
  }

  /** Ends every session of a user but `exceptSessionId`; returns how many ended. */
  revokeForUser(userId: number, exceptSessionId?: number): Promise<number> {
    return this.#repo.deleteForUser(userId, exceptSessionId);
  }

  /** A user's sessions, most recently used first. */
  async list(userId: number): Promise<SessionView[]> {
    const rows = await this.#repo.listForUser(userId);
    return rows.map((r) => ({ id: r.id, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, ip: r.ip, userAgent: r.user_agent }));
  }
}
