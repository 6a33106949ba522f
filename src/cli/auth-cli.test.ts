import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { sha256 } from '../auth/secrets.js';
import { loadConfig } from '../config/index.js';
import { createContainer } from '../container.js';
import { runCli } from './main.js';

let data: string;
beforeAll(() => {
  data = mkdtempSync(join(tmpdir(), 'jd-auth-cli-'));
});
afterAll(() => rmSync(data, { recursive: true, force: true }));

async function cli(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli([...argv, '--data', data], { stdin: Readable.from([stdin]), out: (t) => (out += t), err: (t) => (err += t), env: {} });
  return { code, out, err };
}

/** Runs `work` on a container over the same data folder, as another process would. */
async function withContainer<T>(work: (c: Awaited<ReturnType<typeof createContainer>>) => Promise<T>): Promise<T> {
  const c = await createContainer(loadConfig({ data, 'log-level': 'silent', demo: 'off' }, {}));
  try {
    return await work(c);
  } finally {
    await c.close();
  }
}
const meta = { ip: '192.0.2.5', userAgent: 'cli-test' };

describe('jiaodian user and token', () => {
  it('adds and lists accounts', async () => {
    expect((await cli(['user', 'add', '--email', 'chief@example.com', '--role', 'admin', '--password-stdin'], 'first password here\n')).code).toBe(0);
    expect((await cli(['user', 'add', '--email', 'desk@example.com', '--role', 'editor', '--password-stdin'], 'desk password here\n')).code).toBe(0);
    const list = await cli(['user', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/chief@example\.com\s+admin\s+active/);
    const json = JSON.parse((await cli(['user', 'list', '--role', 'editor', '--json'])).out);
    expect(json.users.map((u: { email: string }) => u.email)).toEqual(['desk@example.com']);
    expect((await cli(['user', 'list', '--role', 'boss'])).code).toBe(2);
  });

  it('resets a password from standard input and signs the user out everywhere', async () => {
    const token = await withContainer(async (c) => (await c.auth.login.login({ email: 'desk@example.com', password: 'desk password here' }, meta)).session.token);
    const r = await cli(['user', 'passwd', '--email', 'DESK@example.com'], 'a fresh desk password\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('desk@example.com');
    await withContainer(async (c) => {
      expect(await c.auth.sessions.resolve(token)).toBeUndefined();
      expect((await c.auth.login.login({ email: 'desk@example.com', password: 'a fresh desk password' }, meta)).user.email).toBe('desk@example.com');
      const log = await c.auth.audit.list({ action: 'user.password.set' }, 1, 10);
      expect(log.entries[0]).toMatchObject({ actor: { via: 'cli' } });
    });
    expect((await cli(['user', 'passwd', '--email', 'desk@example.com'], '')).code).toBe(2);
    const weak = await cli(['user', 'passwd', '--email', 'desk@example.com'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/at least 10 characters/);
    const unknown = await cli(['user', 'passwd', '--email', 'ghost@example.com'], 'whatever whatever\n');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^jiaodian: no user ghost@example\.com/);
  });

  it('disables and enables an account', async () => {
    expect((await cli(['user', 'disable', '--email', 'desk@example.com'])).code).toBe(0);
    await withContainer(async (c) => {
      await expect(c.auth.login.login({ email: 'desk@example.com', password: 'a fresh desk password' }, meta)).rejects.toMatchObject({ code: 'JD_ERR_AUTH_ACCOUNT_DISABLED' });
    });
    expect((await cli(['user', 'list'])).out).toMatch(/desk@example\.com\s+editor\s+disabled/);
    expect((await cli(['user', 'enable', '--email', 'desk@example.com'])).code).toBe(0);
    const last = await cli(['user', 'disable', '--email', 'chief@example.com']);
    expect(last.code).toBe(1);
    expect(last.err).toMatch(/last active admin/);
  });

  it('turns two-factor off for a member locked out of it', async () => {
    const secret = await withContainer(async (c) => {
      const user = await c.users.byEmail('desk@example.com');
      const { secret } = await c.auth.account.enrolTotp(user.id);
      await c.auth.account.confirmTotp(user.id, { code: await generate({ secret }) });
      return secret;
    });
    expect(secret).toBeTruthy();
    expect((await cli(['user', '2fa', '--email', 'desk@example.com'])).code).toBe(2);
    expect((await cli(['user', '2fa', '--email', 'desk@example.com', '--disable'])).code).toBe(0);
    await withContainer(async (c) => {
      expect((await c.users.get((await c.users.byEmail('desk@example.com')).id)).twoFactor).toBe(false);
    });
  });

  it('creates a token printed once, lists it without the secret and revokes it', async () => {
    const made = await cli(['token', 'create', '--name', 'wire import', '--role', 'editor']);
    expect(made.code).toBe(0);
    const secret = made.out.trim();
    expect(secret).toMatch(/^jd_[A-Za-z0-9_-]{43}$/);
    expect(made.err).toMatch(/shown once/);
    const list = await cli(['token', 'list']);
    expect(list.out).toContain('wire import');
    expect(list.out).not.toContain(secret);
    const id = await withContainer(async (c) => {
      const actor = await c.auth.tokens.resolve(secret);
      expect(actor).toMatchObject({ role: 'editor', via: 'token', userId: 0 });
      const row = await c.db.kysely.selectFrom('api_tokens').selectAll().where('id', '=', actor!.tokenId!).executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(sha256(secret));
      return actor!.tokenId!;
    });
    const revoked = await cli(['token', 'revoke', String(id)]);
    expect(revoked.code).toBe(0);
    await withContainer(async (c) => expect(await c.auth.tokens.resolve(secret)).toBeUndefined());
    expect((await cli(['token', 'list'])).out).not.toContain('wire import');
    expect((await cli(['token', 'list', '--all', '--json'])).out).toContain('"revokedAt":"');
    expect((await cli(['token', 'revoke', '999999'])).err).toMatch(/no API token with id 999999/);
    expect((await cli(['token', 'revoke', 'abc'])).code).toBe(2);
  });

  it('caps a member’s token at their role and refuses bad input with usage errors', async () => {
    const capped = await cli(['token', 'create', '--name', 'desk bot', '--role', 'admin', '--user', 'desk@example.com']);
    expect(capped.code).toBe(1);
    expect(capped.err).toMatch(/above yours \(editor\)/);
    const json = JSON.parse((await cli(['token', 'create', '--name', 'desk bot', '--role', 'author', '--user', 'desk@example.com', '--json'])).out);
    expect(json.token).toMatchObject({ name: 'desk bot', role: 'author' });
    expect(json.secret).toMatch(/^jd_/);
    for (const argv of [['token'], ['token', 'create', '--role', 'editor'], ['token', 'create', '--name', 'x'], ['token', 'delete', '1']]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect((await cli(['token', 'create', '--name', 'x', '--role', 'boss'])).err).toMatch(/role: /);
  });
});
