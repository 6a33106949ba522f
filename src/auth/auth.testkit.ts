import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import type { Db } from '../db/index.js';
import { buildServer } from '../http/server.js';
import type { Role } from './roles.js';
import { SESSION_COOKIE } from './http.js';

/** A settable clock for tests: sessions, lockouts and TOTP codes all read it. */
export class TestClock {
  ms = Date.parse('2026-11-01T00:00:00Z');
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** An app over a fresh database with a controllable clock. */
export interface AuthHarness {
  readonly c: Container;
  readonly app: FastifyInstance;
  readonly clock: TestClock;
  close(): Promise<void>;
}

/** Builds the whole HTTP app (as `jiaodian serve` does) over `db`. */
export async function authHarness(db: Db, flags: Record<string, string> = {}): Promise<AuthHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'jd-auth-'));
  const clock = new TestClock();
  const c = await createContainer(testConfig({ data: dir, ...flags }), { db, now: clock.now });
  const app = await buildServer(c);
  return {
    c,
    app,
    clock,
    close: async () => {
      await app.close();
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The default password of test accounts. */
export const PASSWORD = 'correct horse battery';

/** Adds an account with the test password. */
export async function addUser(c: Container, email: string, role: Role): Promise<number> {
  return (await c.users.add({ email, name: email.split('@')[0]!, role, password: PASSWORD })).id;
}

/** A signed-in browser: its cookie header and CSRF token. */
export interface Browser {
  readonly cookie: string;
  readonly csrf: string;
  readonly res: LightMyRequestResponse;
}

/** Signs in through the API and returns the browser state; throws on a non-200. */
export async function signIn(app: FastifyInstance, email: string, password = PASSWORD, extra: Record<string, unknown> = {}): Promise<Browser> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password, ...extra } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} answered ${res.statusCode}: ${res.body}`);
  const cookie = res.cookies.find((k) => k.name === SESSION_COOKIE)!;
  return { cookie: `${SESSION_COOKIE}=${cookie.value}`, csrf: JSON.parse(res.body).csrfToken as string, res };
}

/** The current TOTP code of a secret at the clock's time. */
export function totpCode(secret: string, clock: TestClock): Promise<string> {
  return generate({ secret, epoch: Math.floor(clock.ms / 1000) });
}
