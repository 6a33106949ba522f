import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, authHarness, signIn, type AuthHarness, type Browser } from '../auth/auth.testkit.js';
import { sha256 } from '../auth/secrets.js';
import { testDialects } from '../db/dialects.testkit.js';

const json = (body: string) => JSON.parse(body);

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`users, tokens and audit admin API on ${dialect.name}`, () => {
    let h: AuthHarness;
    let admin: Browser;
    let adminId: number;
    let editorId: number;
    beforeAll(async () => {
      h = await authHarness(await dialect.open());
      adminId = await addUser(h.c, 'admin@example.com', 'admin');
      editorId = await addUser(h.c, 'editor@example.com', 'editor');
      admin = await signIn(h.app, 'admin@example.com');
    });
    afterAll(async () => {
      await h?.close();
    });
    const as = (b: Browser) => ({ cookie: b.cookie, 'x-csrf-token': b.csrf });
    const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = as(admin)) =>
      h.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

    it('creates, lists, reads and updates users, with field messages, 404s and 409s', async () => {
      const created = await req('POST', '/api/v1/admin/users', { email: 'New@Example.com', name: '陳新', role: 'author', password: 'a long enough password' });
      expect(created.statusCode).toBe(201);
      const user = json(created.body).user;
      expect(user).toMatchObject({ email: 'new@example.com', name: '陳新', role: 'author', disabled: false, twoFactor: false });
      expect((await req('POST', '/api/v1/admin/users', { email: 'new@example.com', name: 'x', role: 'author' })).statusCode).toBe(409);
      const bad = await req('POST', '/api/v1/admin/users', { email: 'not-an-email', name: '', role: 'boss' });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(json(bad.body).error.fields).sort()).toEqual(['email', 'name', 'role']);
      const weak = await req('POST', '/api/v1/admin/users', { email: 'weak@example.com', name: 'w', role: 'author', password: 'short' });
      expect(json(weak.body).error.fields.password).toBeTruthy();

      const list = json((await req('GET', '/api/v1/admin/users?role=author&limit=10')).body);
      expect(list.meta).toEqual({ page: 1, limit: 10, total: 1 });
      expect(list.users[0].email).toBe('new@example.com');
      expect(JSON.stringify(list)).not.toMatch(/argon2|password/);
      expect(json((await req('GET', '/api/v1/admin/users?limit=500&page=0&role=x')).body).error.fields).toEqual({ limit: expect.any(String), page: expect.any(String), role: expect.any(String) });

      expect(json((await req('GET', `/api/v1/admin/users/${user.id}`)).body).user.id).toBe(user.id);
      expect((await req('GET', '/api/v1/admin/users/999999')).statusCode).toBe(404);
      expect((await req('GET', '/api/v1/admin/users/abc')).statusCode).toBe(400);
      const promoted = await req('PATCH', `/api/v1/admin/users/${user.id}`, { role: 'editor', name: '陳新 (編輯)' });
      expect(json(promoted.body).user).toMatchObject({ role: 'editor', name: '陳新 (編輯)' });
      expect((await req('PATCH', `/api/v1/admin/users/${user.id}`, { role: 'boss' })).statusCode).toBe(400);
      expect(json((await req('PATCH', `/api/v1/admin/users/${user.id}`, { email: 'x@example.com' })).body).error.code).toBe('JD_ERR_VALIDATION');
      expect((await req('PATCH', '/api/v1/admin/users/999999', { name: 'x' })).statusCode).toBe(404);
      const lastAdmin = await req('PATCH', `/api/v1/admin/users/${adminId}`, { role: 'editor' });
      expect(lastAdmin.statusCode).toBe(409);
      expect(json(lastAdmin.body).error.code).toBe('JD_ERR_AUTH_LAST_ADMIN');
    });

    it('disables a user: their sessions end, their tokens stop, they cannot sign in', async () => {
      const ed = await signIn(h.app, 'editor@example.com');
      const { secret } = await h.c.auth.tokens.create({ name: 'ed bot', role: 'editor' }, undefined, editorId);
      const sessions = json((await req('GET', `/api/v1/admin/users/${editorId}/sessions`)).body).sessions;
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ ip: '127.0.0.1' });
      expect(JSON.stringify(sessions)).not.toContain(ed.cookie.split('=')[1]);
      expect(json((await req('PATCH', `/api/v1/admin/users/${editorId}`, { disabled: true })).body).user.disabled).toBe(true);
      expect((await req('GET', '/api/v1/auth/me', undefined, { cookie: ed.cookie })).statusCode).toBe(401);
      expect((await req('GET', '/api/v1/auth/me', undefined, { authorization: `Bearer ${secret}` })).statusCode).toBe(401);
      const login = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'editor@example.com', password: 'correct horse battery' } });
      expect(json(login.body).error.code).toBe('JD_ERR_AUTH_ACCOUNT_DISABLED');
      await req('PATCH', `/api/v1/admin/users/${editorId}`, { disabled: false });
      const again = await signIn(h.app, 'editor@example.com');
      expect(json((await req('DELETE', `/api/v1/admin/users/${editorId}/sessions`)).body).revoked).toBe(1);
      expect((await req('GET', '/api/v1/auth/me', undefined, { cookie: again.cookie })).statusCode).toBe(401);
      expect((await req('DELETE', '/api/v1/admin/users/999999/sessions')).statusCode).toBe(404);
    });

    it('shows a token once, keeps only its hash, records its use and revokes it', async () => {
      const created = await req('POST', '/api/v1/admin/tokens', { name: '通訊社匯入', role: 'editor' });
      expect(created.statusCode).toBe(201);
      const { token, secret } = json(created.body);
      expect(secret).toMatch(/^jd_/);
      expect(token).toMatchObject({ name: '通訊社匯入', role: 'editor', userId: adminId, lastUsedAt: null, revokedAt: null });
      const listed = await req('GET', '/api/v1/admin/tokens');
      expect(listed.body).not.toContain(secret);
      expect(listed.body).not.toContain(sha256(secret));
      expect(json(listed.body).tokens.map((t: { id: number }) => t.id)).toContain(token.id);

      const me = await req('GET', '/api/v1/auth/me', undefined, { authorization: `Bearer ${secret}` });
      expect(json(me.body)).toMatchObject({ via: 'token', role: 'editor', tokenId: token.id, user: { id: adminId } });
      const used = json((await req('GET', '/api/v1/admin/tokens')).body).tokens.find((t: { id: number }) => t.id === token.id);
      expect(used.lastUsedAt).toBe(h.clock.now().toISOString());
      // The token is an editor's: it may not manage tokens.
      expect((await req('GET', '/api/v1/admin/tokens', undefined, { authorization: `Bearer ${secret}` })).statusCode).toBe(403);

      const revoked = await req('DELETE', `/api/v1/admin/tokens/${token.id}`);
      expect(json(revoked.body).token.revokedAt).not.toBeNull();
      expect((await req('GET', '/api/v1/auth/me', undefined, { authorization: `Bearer ${secret}` })).statusCode).toBe(401);
      expect((await req('DELETE', '/api/v1/admin/tokens/999999')).statusCode).toBe(404);
      expect(json((await req('GET', '/api/v1/admin/tokens?revoked=true')).body).tokens.find((t: { id: number }) => t.id === token.id).revokedAt).not.toBeNull();
      const bad = await req('POST', '/api/v1/admin/tokens', { name: '', role: 'root' });
      expect(Object.keys(json(bad.body).error.fields).sort()).toEqual(['name', 'role']);

      const ed = await signIn(h.app, 'editor@example.com');
      const adminToken = (await h.c.auth.tokens.create({ name: 'admin bot', role: 'admin' }, undefined, adminId)).secret;
      expect((await req('GET', '/api/v1/auth/me', undefined, { authorization: `bearer ${adminToken}` })).statusCode).toBe(200);
      expect((await req('POST', '/api/v1/admin/tokens', { name: 'x', role: 'editor' }, { authorization: `Bearer ${adminToken}` })).statusCode).toBe(201);
      expect(ed.csrf).toBeTruthy();
    });

    it('audits every authenticated write automatically and serves the log with filters and paging', async () => {
      h.clock.advance(1000);
      const from = h.clock.now().toISOString();
      const res = await req('PATCH', `/api/v1/admin/users/${editorId}`, { bio: '國際組' });
      expect(res.statusCode).toBe(200);
      await req('PATCH', '/api/v1/admin/users/999999', { bio: 'x' });
      const log = json((await req('GET', `/api/v1/admin/audit?from=${encodeURIComponent(from)}`)).body);
      expect(log.meta.total).toBe(1);
      expect(log.entries[0]).toMatchObject({
        action: 'PATCH /api/v1/admin/users/:id',
        target: `/api/v1/admin/users/${editorId}`,
        ip: '127.0.0.1',
        actor: { via: 'session', userId: adminId, email: 'admin@example.com' },
        details: { status: 200, params: { id: String(editorId) } },
      });
      expect(JSON.stringify(log)).not.toContain('國際組');

      const all = json((await req('GET', '/api/v1/admin/audit?limit=200')).body);
      const actions = new Set(all.entries.map((e: { action: string }) => e.action));
      for (const a of ['auth.login', 'auth.login.failed', 'POST /api/v1/admin/users', 'POST /api/v1/admin/tokens', 'DELETE /api/v1/admin/tokens/:id', 'DELETE /api/v1/admin/users/:id/sessions']) expect(actions).toContain(a);
      const tokenWrite = all.entries.find((e: { action: string; actor: { via: string } }) => e.action === 'POST /api/v1/admin/tokens' && e.actor.via === 'token');
      expect(tokenWrite.actor.tokenName).toBe('admin bot');
      const logins = json((await req('GET', `/api/v1/admin/audit?action=auth.login&user=${adminId}`)).body);
      expect(logins.entries.every((e: { action: string; actor: { userId: number } }) => e.action === 'auth.login' && e.actor.userId === adminId)).toBe(true);
      const page2 = json((await req('GET', '/api/v1/admin/audit?limit=2&page=2')).body);
      expect(page2.entries).toHaveLength(2);
      expect(page2.entries[0].id).toBe(all.entries[2].id);
      const bad = await req('GET', '/api/v1/admin/audit?from=yesterday&limit=0&user=-1');
      expect(Object.keys(json(bad.body).error.fields).sort()).toEqual(['from', 'limit', 'user']);
    });
  });
}
