import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import { testDialects } from '../db/dialects.testkit.js';
import { isAppError } from '../errors/index.js';
import { addUser, PASSWORD, TestClock } from './auth.testkit.js';
import { sha256 } from './secrets.js';
import { SESSION_IDLE_MS, SESSION_LIFETIME_MS } from './session.service.js';

const meta = { ip: '203.0.113.7', userAgent: 'vitest' };
const rejects = async (p: Promise<unknown>, code: string) => {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(isAppError(err) ? err.code : err).toBe(code);
  return err;
};

// Sessions, tokens, lockouts, users and the audit log against each database.
for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`accounts on ${dialect.name}`, () => {
    let c: Container;
    const clock = new TestClock();
    let admin: number;
    let editor: number;

    beforeAll(async () => {
      c = await createContainer(testConfig({ data: `/tmp/jd-auth-${dialect.name}-${process.pid}` }), { db: await dialect.open(), now: clock.now });
      admin = await addUser(c, 'admin@example.com', 'admin');
      editor = await addUser(c, 'editor@example.com', 'editor');
    });
    afterAll(async () => {
      await c?.close();
    });

    it('keeps sessions hashed, rotates them and ends them on expiry, idleness and revocation', async () => {
      const { login, sessions } = c.auth;
      const first = await login.login({ email: 'Editor@Example.com', password: PASSWORD }, meta);
      expect(first.user.id).toBe(editor);
      const resolved = await sessions.resolve(first.session.token);
      expect(resolved).toMatchObject({ userId: editor, role: 'editor', csrfToken: first.session.csrfToken });
      const rows = await c.db.kysely.selectFrom('sessions').selectAll().execute();
      expect(rows.some((r) => r.token_hash === first.session.token)).toBe(false);
      expect(rows.some((r) => r.token_hash === sha256(first.session.token))).toBe(true);

      const second = await login.login({ email: 'editor@example.com', password: PASSWORD }, { ...meta, previousToken: first.session.token });
      expect(second.session.token).not.toBe(first.session.token);
      expect(await sessions.resolve(first.session.token)).toBeUndefined();
      expect(await sessions.resolve(second.session.token)).toBeDefined();

      clock.advance(SESSION_IDLE_MS + 1000);
      expect(await sessions.resolve(second.session.token)).toBeUndefined();

      const third = await login.login({ email: 'editor@example.com', password: PASSWORD }, meta);
      for (let t = 0; t < SESSION_LIFETIME_MS; t += SESSION_IDLE_MS / 2) {
        clock.advance(SESSION_IDLE_MS / 2);
        if (t + SESSION_IDLE_MS / 2 < SESSION_LIFETIME_MS) expect(await sessions.resolve(third.session.token)).toBeDefined();
      }
      expect(await sessions.resolve(third.session.token)).toBeUndefined();

      const a = await login.login({ email: 'editor@example.com', password: PASSWORD }, meta);
      const b = await login.login({ email: 'editor@example.com', password: PASSWORD }, meta);
      expect(await sessions.revokeForUser(editor, a.session.sessionId)).toBe(1);
      expect(await sessions.resolve(a.session.token)).toBeDefined();
      expect(await sessions.resolve(b.session.token)).toBeUndefined();
    });

    it('locks an account after five failures and an address after twenty, with the minutes to wait', async () => {
      await addUser(c, 'lock@example.com', 'author');
      for (let i = 0; i < 4; i++) await rejects(c.auth.login.login({ email: 'lock@example.com', password: 'wrong password' }, meta), 'JD_ERR_AUTH_INVALID_CREDENTIALS');
      const locked = await rejects(c.auth.login.login({ email: 'lock@example.com', password: 'wrong password' }, meta), 'JD_ERR_AUTH_RATE_LIMITED');
      expect((locked as Error).message).toBe('too many attempts, try again in 15 minutes');
      // Even the right password waits: the lock is checked first.
      await rejects(c.auth.login.login({ email: 'lock@example.com', password: PASSWORD }, meta), 'JD_ERR_AUTH_RATE_LIMITED');
      clock.advance(10 * 60_000);
      const later = await rejects(c.auth.login.login({ email: 'lock@example.com', password: PASSWORD }, meta), 'JD_ERR_AUTH_RATE_LIMITED');
      expect((later as Error).message).toContain('try again in 5 minutes');
      clock.advance(5 * 60_000 + 1);
      expect((await c.auth.login.login({ email: 'lock@example.com', password: PASSWORD }, meta)).user.email).toBe('lock@example.com');

      const spray = { ip: '198.51.100.9', userAgent: 'spray' };
      for (let i = 0; i < 19; i++) await rejects(c.auth.login.login({ email: `nobody${i}@example.com`, password: 'guess guess' }, spray), 'JD_ERR_AUTH_INVALID_CREDENTIALS');
      await rejects(c.auth.login.login({ email: 'nobody-else@example.com', password: 'guess guess' }, spray), 'JD_ERR_AUTH_RATE_LIMITED');
      await rejects(c.auth.login.login({ email: 'lock@example.com', password: PASSWORD }, spray), 'JD_ERR_AUTH_RATE_LIMITED');
      const keys = await c.db.kysely.selectFrom('login_throttle').select('key').execute();
      expect(keys.every((k) => /^(account|address):[0-9a-f]{64}$/.test(k.key))).toBe(true);
      clock.advance(16 * 60_000);
    });

    it('makes tokens shown once, stored hashed, capped by their owner and revocable', async () => {
      const editorActor = { userId: editor, role: 'editor' as const, via: 'session' as const };
      await rejects(c.auth.tokens.create({ name: 'too high', role: 'admin' }, editorActor), 'JD_ERR_AUTH_ROLE_TOO_HIGH');
      const { token, secret } = await c.auth.tokens.create({ name: '  wire feed ', role: 'author' }, editorActor);
      expect(secret).toMatch(/^jd_[A-Za-z0-9_-]{43}$/);
      expect(token).toMatchObject({ name: 'wire feed', role: 'author', userId: editor, lastUsedAt: null, prefix: secret.slice(0, 9) });
      expect(JSON.stringify(await c.auth.tokens.list())).not.toContain(secret);
      const stored = await c.db.kysely.selectFrom('api_tokens').select('token_hash').where('id', '=', token.id).executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(sha256(secret));

      expect(await c.auth.tokens.resolve(secret)).toEqual({ userId: editor, role: 'author', via: 'token', tokenId: token.id });
      const used = (await c.auth.tokens.list()).find((t) => t.id === token.id)!;
      expect(used.lastUsedAt).toBe(clock.now().toISOString());
      clock.advance(10_000);
      await c.auth.tokens.resolve(secret);
      expect((await c.auth.tokens.list()).find((t) => t.id === token.id)!.lastUsedAt).toBe(used.lastUsedAt);

      const cliToken = await c.auth.tokens.create({ name: 'cli', role: 'editor' });
      expect(await c.auth.tokens.resolve(cliToken.secret)).toEqual({ userId: 0, role: 'editor', via: 'token', tokenId: cliToken.token.id });
      const mine = await c.auth.tokens.create({ name: 'mine', role: 'editor' }, undefined, editor);
      await c.users.update(editor, { role: 'author' });
      expect((await c.auth.tokens.resolve(mine.secret))?.role).toBe('author');
      await c.users.update(editor, { disabled: true });
      expect(await c.auth.tokens.resolve(mine.secret)).toBeUndefined();
      await c.users.update(editor, { disabled: false, role: 'editor' });

      expect((await c.auth.tokens.revoke(cliToken.token.id)).revokedAt).not.toBeNull();
      expect(await c.auth.tokens.resolve(cliToken.secret)).toBeUndefined();
      expect((await c.auth.tokens.list()).map((t) => t.id)).not.toContain(cliToken.token.id);
      expect((await c.auth.tokens.list(true)).map((t) => t.id)).toContain(cliToken.token.id);
      await rejects(c.auth.tokens.revoke(999_999), 'JD_ERR_AUTH_TOKEN_NOT_FOUND');
      expect(await c.auth.tokens.resolve('jd_not-a-token')).toBeUndefined();
    });

    it('lists, edits and disables users, ending sessions and keeping the last admin', async () => {
      const s = await c.auth.login.login({ email: 'editor@example.com', password: PASSWORD }, meta);
      const disabled = await c.users.update(editor, { disabled: true });
      expect(disabled.disabled).toBe(true);
      expect(await c.auth.sessions.resolve(s.session.token)).toBeUndefined();
      await rejects(c.auth.login.login({ email: 'editor@example.com', password: PASSWORD }, meta), 'JD_ERR_AUTH_ACCOUNT_DISABLED');
      await c.users.update(editor, { disabled: false });
      expect((await c.users.list({ disabled: false }, 1, 50)).users.map((u) => u.email)).toContain('editor@example.com');
      expect((await c.users.list({ role: 'admin' }, 1, 50)).users.map((u) => u.id)).toEqual([admin]);
      await rejects(c.users.update(admin, { role: 'editor' }), 'JD_ERR_AUTH_LAST_ADMIN');
      await rejects(c.users.update(admin, { disabled: true }), 'JD_ERR_AUTH_LAST_ADMIN');
      await rejects(c.users.update(admin, { role: 'boss' }), 'JD_ERR_VALIDATION');
      await rejects(c.users.update(admin, {}), 'JD_ERR_VALIDATION');
      await rejects(c.users.update(424_242, { name: 'x' }), 'JD_ERR_AUTH_USER_NOT_FOUND');
    });

    it('records who did what from where and reads it back filtered and paged', async () => {
      const actor = { userId: admin, role: 'admin' as const, via: 'session' as const };
      clock.advance(1000);
      const from = clock.now().toISOString();
      await c.auth.audit.record({ actor, action: 'user.update', target: `user:${editor}`, ip: '192.0.2.1', details: { role: 'author' } });
      await c.auth.audit.record({ actor: 'cli', action: 'token.create', target: 'token:1' });
      const { entries, total } = await c.auth.audit.list({ from }, 1, 10);
      expect(total).toBe(2);
      expect(entries[0]).toMatchObject({ action: 'token.create', actor: { via: 'cli', userId: null } });
      expect(entries[1]).toMatchObject({ action: 'user.update', ip: '192.0.2.1', details: { role: 'author' }, actor: { via: 'session', userId: admin, email: 'admin@example.com' } });
      expect((await c.auth.audit.list({ action: 'auth.' }, 1, 100)).entries.every((e) => e.action.startsWith('auth.'))).toBe(true);
      expect((await c.auth.audit.list({ action: 'auth.login.failed' }, 1, 100)).total).toBeGreaterThan(20);
      expect((await c.auth.audit.list({ action: 'auth.%' }, 1, 100)).total).toBe(0);
      expect((await c.auth.audit.list({ userId: admin, from }, 1, 10)).total).toBe(1);
      const p2 = await c.auth.audit.list({}, 2, 3);
      expect(p2.entries).toHaveLength(3);
    });
  });
}
