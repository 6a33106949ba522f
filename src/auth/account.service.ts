import { z } from 'zod';
import { AppError, parseOrThrow } from '../errors/index.js';
import { throttleKeys, type LoginThrottle } from './login-throttle.js';
import { verifyPassword } from './password.js';
import type { TotpEnrolment, TotpService } from './totp.service.js';
import type { UserService, UserView } from './user.service.js';

/** Body of `PATCH /api/v1/auth/me`: what members may change about themselves. */
export const profileSchema = z
  .object({ name: z.string().trim().min(1).max(80).optional(), bio: z.string().trim().max(1000).optional() })
  .strict()
  .refine((p) => p.name !== undefined || p.bio !== undefined, { message: 'give name or bio' });

/** Body of `POST /api/v1/auth/password`. */
export const passwordChangeSchema = z.object({
  currentPassword: z.string({ error: 'your current password' }).min(1, 'your current password').max(1024),
  newPassword: z.string({ error: 'the new password' }).max(1024, 'at most 1024 characters'),
});

const codeSchema = z.object({ code: z.string({ error: 'the 6-digit code' }).trim().regex(/^\d{6}$/, 'the 6-digit code from your authenticator app') });
const disableSchema = codeSchema.extend({ password: z.string({ error: 'your password' }).min(1, 'your password').max(1024) });

/**
 * What a signed-in member does to their own account: profile, password, two-factor. Changing
 * the password or turning two-factor off asks for the current password, so that a session
 * left open on a shared computer cannot be turned into a takeover; wrong guesses count
 * against the same per-account and per-address limits as sign-in.
 */
export class AccountService {
  readonly #users: UserService;
  readonly #totp: TotpService;
  readonly #throttle: LoginThrottle;
  constructor(deps: { users: UserService; totp: TotpService; throttle: LoginThrottle }) {
    this.#users = deps.users;
    this.#totp = deps.totp;
    this.#throttle = deps.throttle;
  }

  /** Changes one's own name or bio (not the role). */
  async updateProfile(userId: number, raw: unknown): Promise<UserView> {
    return this.#users.update(userId, parseOrThrow(profileSchema, raw));
  }

  /** Changes one's own password and ends one's other sessions. */
  async changePassword(userId: number, raw: unknown, from: { ip: string; keepSessionId?: number }): Promise<void> {
    const input = parseOrThrow(passwordChangeSchema, raw);
    await this.#checkPassword(userId, input.currentPassword, 'currentPassword', from.ip);
    await this.#users.setPassword(userId, input.newPassword, from.keepSessionId);
  }

  /** Starts two-factor enrolment: returns the secret and otpauth:// URI, once. */
  async enrolTotp(userId: number): Promise<TotpEnrolment> {
    return this.#totp.enrol(await this.#users.row(userId));
  }

  /** Turns two-factor on with a first good code. */
  async confirmTotp(userId: number, raw: unknown): Promise<UserView> {
    const { code } = parseOrThrow(codeSchema, raw);
    await this.#totp.confirm(await this.#users.row(userId), code);
    return this.#users.get(userId);
  }

  /** Turns two-factor off; needs the password and a current code. */
  async disableTotp(userId: number, raw: unknown, ip: string): Promise<UserView> {
    const input = parseOrThrow(disableSchema, raw);
    await this.#checkPassword(userId, input.password, 'password', ip);
    const user = await this.#users.row(userId);
    if (!user.totp_secret) throw new AppError('JD_ERR_AUTH_TOTP_STATE', { detail: 'two-factor is not on' });
    if (!(await this.#totp.check(user, input.code))) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { code: 'not the current code of your authenticator app' } });
    await this.#totp.disable(userId);
    return this.#users.get(userId);
  }

  async #checkPassword(userId: number, password: string, field: string, ip: string): Promise<void> {
    const user = await this.#users.row(userId);
    const keys = throttleKeys(user.email ?? `user:${userId}`, ip);
    await this.#throttle.check(keys);
    if (!user.password_hash || !(await verifyPassword(user.password_hash, password))) {
      if (await this.#throttle.fail(keys)) await this.#throttle.check(keys);
      throw new AppError('JD_ERR_AUTH_WRONG_PASSWORD', {}, { fields: { [field]: 'not your current password' } });
    }
  }
}
