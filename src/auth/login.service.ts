import { z } from 'zod';
import { AppError, isAppError, parseOrThrow } from '../errors/index.js';
import type { AuditService } from './audit.service.js';
import type { LoginThrottle } from './login-throttle.js';
import { throttleKeys } from './login-throttle.js';
import { hashPassword, verifyPassword } from './password.js';
import type { Role } from './roles.js';
import { newSecret } from './secrets.js';
import type { SessionService, StartedSession } from './session.service.js';
import type { TotpService } from './totp.service.js';
import type { UserRepo } from './user.repo.js';
import { userView, type UserView } from './user.service.js';

/** Body of `POST /api/v1/auth/login`. */
export const loginSchema = z.object({
  email: z.string({ error: 'your e-mail address' }).trim().min(1, 'your e-mail address').max(254, 'at most 254 characters'),
  password: z.string({ error: 'your password' }).min(1, 'your password').max(1024, 'at most 1024 characters'),
  totp: z.string().trim().max(10, 'the 6-digit code').optional(),
});

/** Where a sign-in came from. */
export interface LoginMeta {
  readonly ip: string;
  readonly userAgent: string;
  /** The session cookie the browser already held, ended by this sign-in. */
  readonly previousToken?: string | undefined;
}

/** A successful sign-in. */
export interface LoginResult {
  readonly user: UserView;
  readonly session: StartedSession;
}

/**
 * Signing in and out. Every attempt is audited. Wrong e-mail, wrong password and an account
 * without a password give the same 401, and an unknown e-mail is checked against a dummy hash
 * so that timing does not tell them apart either. Failures count per account and per address
 * (src/auth/login-throttle.ts); a locked key answers 429 before any password is checked.
 */
export class LoginService {
  readonly #users: UserRepo;
  readonly #sessions: SessionService;
  readonly #throttle: LoginThrottle;
  readonly #totp: TotpService;
  readonly #audit: AuditService;
  #dummyHash: Promise<string> | undefined;

  constructor(deps: { userRepo: UserRepo; sessions: SessionService; throttle: LoginThrottle; totp: TotpService; audit: AuditService }) {
    this.#users = deps.userRepo;
    this.#sessions = deps.sessions;
    this.#throttle = deps.throttle;
    this.#totp = deps.totp;
    this.#audit = deps.audit;
  }

  /**
   * Checks credentials (and the TOTP code when two-factor is on) and starts a new session.
   *
   * @example
   * const { user, session } = await login.login({ email, password }, { ip: req.ip, userAgent });
   */
  async login(raw: unknown, meta: LoginMeta): Promise<LoginResult> {
    const input = parseOrThrow(loginSchema, raw);
    const email = input.email.toLowerCase();
    const keys = throttleKeys(email, meta.ip);
    const fail = async (reason: string, err: AppError, count = true): Promise<never> => {
      const locked = count && (await this.#throttle.fail(keys));
      await this.#audit.record({ action: 'auth.login.failed', target: email, ip: meta.ip, details: { reason, ...(locked ? { locked: true } : {}) } });
      if (locked) await this.#throttle.check(keys);
      throw err;
    };
    try {
      await this.#throttle.check(keys);
    } catch (err) {
      if (isAppError(err, 'JD_ERR_AUTH_RATE_LIMITED')) await this.#audit.record({ action: 'auth.login.failed', target: email, ip: meta.ip, details: { reason: 'locked' } });
      throw err;
    }
    const user = await this.#users.byEmail(email);
    // Always run argon2, against a throwaway hash when there is nothing real to check.
    const stored = user?.password_hash ?? (await this.#dummy());
    const good = (await verifyPassword(stored, input.password)) && !!user?.password_hash;
    if (!user || !good) return fail('credentials', new AppError('JD_ERR_AUTH_INVALID_CREDENTIALS'));
    // Only someone who knows the password learns that the account is disabled.
    if (user.disabled_at !== null) return fail('disabled', new AppError('JD_ERR_AUTH_ACCOUNT_DISABLED'), false);
    if (user.totp_secret !== null) {
      if (!input.totp) {
        throw new AppError('JD_ERR_AUTH_TOTP_REQUIRED', {}, { fields: { totp: 'the 6-digit code from your authenticator app' } });
      }
      if (!(await this.#totp.check(user, input.totp))) return fail('totp', new AppError('JD_ERR_AUTH_TOTP_INVALID', {}, { fields: { totp: 'the 6-digit code from your authenticator app' } }));
    }
    await this.#throttle.succeed(keys);
    const session = await this.#sessions.start(user.id, meta, meta.previousToken);
    await this.#audit.record({
      actor: { userId: user.id, role: user.role as Role, via: 'session' },
      action: 'auth.login',
      target: `user:${user.id}`,
      ip: meta.ip,
      details: { twoFactor: user.totp_secret !== null, rotated: !!meta.previousToken },
    });
    return { user: userView(user), session };
  }

  /** Ends a session and audits it. */
  async logout(token: string, actor: { userId: number; role: Role }, ip: string): Promise<void> {
    await this.#sessions.end(token);
    await this.#audit.record({ actor: { ...actor, via: 'session' }, action: 'auth.logout', target: `user:${actor.userId}`, ip });
  }

  #dummy(): Promise<string> {
    this.#dummyHash ??= hashPassword(newSecret(16));
    return this.#dummyHash;
  }
}
