import { AppError } from '../errors/index.js';
import type { LoginThrottleRepo } from './login-throttle.repo.js';
import { sha256 } from './secrets.js';

/** How many failures within a window lock a key, and for how long. */
export interface ThrottleLimit {
  readonly failures: number;
  readonly windowMs: number;
  readonly lockMs: number;
}

/**
 * Sign-in limits. One account gets 5 tries per quarter hour: enough for typos, far too few to
 * guess a password or a 6-digit code. One address gets 20, so that a newsroom behind one NAT
 * is not locked out by a colleague, while password spraying across accounts is still slowed.
 */
export const LOGIN_LIMITS: Readonly<Record<'account' | 'address', ThrottleLimit>> = {
  account: { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  address: { failures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

/** The throttle keys of one sign-in attempt. Both are hashed: the table never holds an e-mail or address. */
export function throttleKeys(email: string, ip: string): { account: string; address: string } {
  return { account: `account:${sha256(email.trim().toLowerCase())}`, address: `address:${sha256(ip)}` };
}

/**
 * Counts failed sign-ins per key in the database, so that a lockout holds across processes and
 * restarts. Counting is read-then-write: two failures racing may count as one, which only ever
 * grants an attacker a try or two more, never unlocks a key.
 */
export class LoginThrottle {
  readonly #repo: LoginThrottleRepo;
  readonly #now: () => Date;
  readonly #limits: typeof LOGIN_LIMITS;
  constructor(deps: { loginThrottleRepo: LoginThrottleRepo; now: () => Date; limits?: typeof LOGIN_LIMITS }) {
    this.#repo = deps.loginThrottleRepo;
    this.#now = deps.now;
    this.#limits = deps.limits ?? LOGIN_LIMITS;
  }

  /** Throws `JD_ERR_AUTH_RATE_LIMITED` (429, with the minutes to wait) while any key is locked. */
  async check(keys: { account: string; address: string }): Promise<void> {
    const now = this.#now().getTime();
    const rows = await this.#repo.get([keys.account, keys.address]);
    const until = Math.max(0, ...rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) : 0)));
    if (until > now) throw new AppError('JD_ERR_AUTH_RATE_LIMITED', { minutes: Math.max(1, Math.ceil((until - now) / 60_000)) });
  }

  /** Counts a failure against both keys; returns whether this failure locked either. */
  async fail(keys: { account: string; address: string }): Promise<boolean> {
    const now = this.#now();
    const rows = new Map((await this.#repo.get([keys.account, keys.address])).map((r) => [r.key, r]));
    let locked = false;
    for (const [kind, key] of [['account', keys.account], ['address', keys.address]] as const) {
      const limit = this.#limits[kind];
      const row = rows.get(key);
      const fresh = !row || Date.parse(row.window_started_at) <= now.getTime() - limit.windowMs;
      const failures = fresh ? 1 : row.failures + 1;
      const lock = failures >= limit.failures;
      locked ||= lock;
      await this.#repo.put({
        key,
        // A lock starts a new window: after it ends the key gets its full allowance back.
        failures: lock ? 0 : failures,
        window_started_at: fresh || lock ? now.toISOString() : row.window_started_at,
        locked_until: lock ? new Date(now.getTime() + limit.lockMs).toISOString() : (row?.locked_until ?? null),
      });
    }
    const longest = Math.max(this.#limits.account.windowMs, this.#limits.address.windowMs, this.#limits.account.lockMs, this.#limits.address.lockMs);
    await this.#repo.purge(new Date(now.getTime() - longest).toISOString(), now.toISOString());
    return locked;
  }

  /**
   * Forgets an account's failures after a good sign-in. The address keeps its count: otherwise
   * an attacker could sign in to their own account now and then to keep spraying others.
   */
  async succeed(keys: { account: string }): Promise<void> {
    await this.#repo.delete(keys.account);
  }
}
