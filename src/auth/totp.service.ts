import type { UserRow } from '../db/index.js';
import { AppError } from '../errors/index.js';
import { lazyImport } from '../lazy.js';
import type { UserRepo } from './user.repo.js';

/** What enrolment hands out, once: the secret and the otpauth:// URI a QR code is made from. */
export interface TotpEnrolment {
  readonly secret: string;
  readonly uri: string;
}

const CODE = /^\d{6}$/;
// Accept the previous and next 30-second step too: phones' clocks drift.
const TOLERANCE_SECONDS = 30;

// Imported on the first two-factor step, not at start: most requests never need it.
const otplib = lazyImport(() => import('otplib'));

/**
 * Optional TOTP two-factor (RFC 6238, 6 digits, 30 s, SHA-1: what every authenticator app
 * reads). Enrolment keeps the secret pending until the first good code, so that a half-done
 * enrolment never locks anyone out. Every accepted code's time step is stored and no code at or
 * before it is accepted again, so a code seen over a shoulder cannot be replayed.
 */
export class TotpService {
  readonly #repo: UserRepo;
  readonly #now: () => Date;
  readonly #issuer: string;
  constructor(deps: { userRepo: UserRepo; now: () => Date; issuer: string }) {
    this.#repo = deps.userRepo;
    this.#now = deps.now;
    this.#issuer = deps.issuer;
  }

  /** Starts enrolment: a new secret, pending until `confirm`. Refused while two-factor is on. */
  async enrol(user: UserRow): Promise<TotpEnrolment> {
    if (user.totp_secret) throw new AppError('JD_ERR_AUTH_TOTP_STATE', { detail: 'two-factor is already on; turn it off first to enrol a new device' });
    const { generateSecret, generateURI } = await otplib();
    const secret = generateSecret();
    await this.#repo.update(user.id, { totp_pending_secret: secret });
    return { secret, uri: generateURI({ issuer: this.#issuer, label: user.email ?? user.slug, secret }) };
  }

  /** Turns two-factor on with the first code from the enrolled app. */
  async confirm(user: UserRow, code: string): Promise<void> {
    if (user.totp_secret) throw new AppError('JD_ERR_AUTH_TOTP_STATE', { detail: 'two-factor is already on' });
    if (!user.totp_pending_secret) throw new AppError('JD_ERR_AUTH_TOTP_STATE', { detail: 'start enrolment first (POST /api/v1/auth/2fa/enrol)' });
    const step = await this.#verify(user.totp_pending_secret, code, null);
    // A 400, not a 401: the member is signed in, only the code is wrong.
    if (step === undefined) throw new AppError('JD_ERR_VALIDATION', {}, { fields: { code: 'not the current code of your authenticator app' } });
    await this.#repo.update(user.id, { totp_secret: user.totp_pending_secret, totp_pending_secret: null, totp_last_step: step });
  }

  /** Whether `code` is a good, unused code for a user with two-factor on; records its step. */
  async check(user: UserRow, code: string): Promise<boolean> {
    if (!user.totp_secret) return false;
    const step = await this.#verify(user.totp_secret, code, user.totp_last_step);
    if (step === undefined) return false;
    await this.#repo.update(user.id, { totp_last_step: step });
    return true;
  }

  /** Turns two-factor off (callers check the member's password and code, or run from the CLI). */
  async disable(userId: number): Promise<void> {
    await this.#repo.update(userId, { totp_secret: null, totp_pending_secret: null, totp_last_step: null });
  }

  async #verify(secret: string, code: string, lastStep: number | null): Promise<number | undefined> {
    if (!CODE.test(code)) return undefined;
    const { verify } = await otplib();
    try {
      const result = await verify({
        secret,
        token: code,
        epoch: Math.floor(this.#now().getTime() / 1000),
        epochTolerance: TOLERANCE_SECONDS,
        ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
      });
      return result.valid && 'timeStep' in result ? result.timeStep : undefined;
    } catch {
      // otplib throws on malformed input; to a member that is simply a wrong code.
      return undefined;
    }
  }
}
