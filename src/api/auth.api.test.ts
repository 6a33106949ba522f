import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, authHarness, PASSWORD, signIn, totpCode, type AuthHarness } from '../auth/auth.testkit.js';
import { testDialects } from '../db/dialects.testkit.js';
import { openSqlite } from '../db/index.js';

const json = (body: string) => JSON.parse(body);

for (const dialect of testDialects()) {
  describe.skipIf(dialect.skip)(`sign-in over HTTP on ${dialect.name}`, () => {
    let h: AuthHarness;
    beforeAll(async () => {
      h = await authHarness(await dialect.open());
      await addUser(h.c, 'editor@example.com', 'editor');
      await addUser(h.c, 'author@example.com', 'author');
      await addUser(h.c, 'totp@example.com', 'author');
      await addUser(h.c, 'pw@example.com', 'contributor');
      await addUser(h.c, 'locked@example.com', 'author');
    });
    afterAll(async () => {
      await h?.close();
    });
    const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => h.app.inject({ method: 'POST', url, payload: payload as object, headers });

    it('signs in with an httpOnly, SameSite=Lax session cookie and answers who is signed in', async () => {
      const b = await signIn(h.app, 'Editor@Example.com');
      const cookie = b.res.cookies.find((k) => k.name === 'jd_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie.secure).toBeFalsy();
      expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(b.res.headers['cache-control']).toBe('no-store');
      const body = json(b.res.body);
      expect(body.user).toMatchObject({ email: 'editor@example.com', role: 'editor', twoFactor: false });
      expect(body.user).not.toHaveProperty('passwordHash');
      expect(b.res.body).not.toContain('argon2');
      const me = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: b.cookie } });
      expect(me.statusCode).toBe(200);
      expect(json(me.body)).toMatchObject({ user: { email: 'editor@example.com' }, role: 'editor', via: 'session', csrfToken: b.csrf });
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: 'jd_session=forged-forged-forged-forged' } })).statusCode).toBe(401);
    });

    it('answers a wrong password and an unknown e-mail alike, and bad payloads field by field', async () => {
      const wrong = await post('/api/v1/auth/login', { email: 'author@example.com', password: 'not the password' });
      const unknown = await post('/api/v1/auth/login', { email: 'nobody@example.com', password: 'not the password' });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.body).toBe(unknown.body);
      expect(json(wrong.body).error).toEqual({ code: 'JD_ERR_AUTH_INVALID_CREDENTIALS', message: 'wrong e-mail or password' });
      expect(wrong.cookies).toHaveLength(0);
      const bad = await post('/api/v1/auth/login', { email: 42 });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(json(bad.body).error.fields)).toEqual(expect.arrayContaining(['email', 'password']));
      expect((await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: 'email=a', headers: { 'content-type': 'text/plain' } })).statusCode).toBe(400);
      expect((await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"email":', headers: { 'content-type': 'application/json' } })).statusCode).toBe(400);
    });

    it('locks an account after repeated failures with 429 and a clear message', async () => {
      const tries = [];
      for (let i = 0; i < 5; i++) tries.push((await post('/api/v1/auth/login', { email: 'locked@example.com', password: `guess ${i} guess` }, {})).statusCode);
      expect(tries).toEqual([401, 401, 401, 401, 429]);
      const res = await post('/api/v1/auth/login', { email: 'locked@example.com', password: PASSWORD });
      expect(res.statusCode).toBe(429);
      expect(json(res.body).error).toMatchObject({ code: 'JD_ERR_AUTH_RATE_LIMITED', message: 'too many attempts, try again in 15 minutes' });
      h.clock.advance(15 * 60_000 + 1);
      expect((await post('/api/v1/auth/login', { email: 'locked@example.com', password: PASSWORD })).statusCode).toBe(200);
    });

    it('rotates the session on sign-in and ends it on sign-out', async () => {
      const first = await signIn(h.app, 'author@example.com');
      const again = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'author@example.com', password: PASSWORD }, headers: { cookie: first.cookie } });
      const second = `jd_session=${again.cookies.find((k) => k.name === 'jd_session')!.value}`;
      expect(second).not.toBe(first.cookie);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: first.cookie } })).statusCode).toBe(401);
      const csrf = json(again.body).csrfToken as string;
      expect(csrf).not.toBe(first.csrf);

      expect((await post('/api/v1/auth/logout', {}, { cookie: second })).statusCode).toBe(403);
      const out = await post('/api/v1/auth/logout', {}, { cookie: second, 'x-csrf-token': csrf });
      expect(out.statusCode).toBe(204);
      const cleared = out.cookies.find((k) => k.name === 'jd_session')!;
      expect(cleared.value).toBe('');
      expect(new Date(cleared.expires!).getTime()).toBeLessThan(Date.now());
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: second } })).statusCode).toBe(401);
      expect((await post('/api/v1/auth/logout', {})).statusCode).toBe(204);
      const log = await h.c.auth.audit.list({ action: 'auth.' }, 1, 100);
      expect(log.entries.find((e) => e.action === 'auth.logout')).toMatchObject({ ip: '127.0.0.1', actor: { email: 'author@example.com' } });
      expect(log.entries.find((e) => e.action === 'auth.login')).toMatchObject({ ip: '127.0.0.1', actor: { via: 'session' } });
      expect(log.entries.find((e) => e.action === 'auth.login.failed' && e.target === 'nobody@example.com')).toMatchObject({ details: { reason: 'credentials' } });
    });

    it('requires the CSRF header on cookie writes, but not on bearer-token writes', async () => {
      const b = await signIn(h.app, 'editor@example.com');
      const patch = (headers: Record<string, string>) => h.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', payload: { bio: '跑國際新聞' }, headers });
      const none = await patch({ cookie: b.cookie });
      expect(none.statusCode).toBe(403);
      expect(json(none.body).error.code).toBe('JD_ERR_AUTH_CSRF');
      expect((await patch({ cookie: b.cookie, 'x-csrf-token': `${b.csrf}x` })).statusCode).toBe(403);
      const ok = await patch({ cookie: b.cookie, 'x-csrf-token': b.csrf });
      expect(ok.statusCode).toBe(200);
      expect(json(ok.body).user.bio).toBe('跑國際新聞');
      const { secret } = await h.c.auth.tokens.create({ name: 'bot', role: 'editor' }, undefined, json(ok.body).user.id);
      expect((await patch({ authorization: `Bearer ${secret}` })).statusCode).toBe(200);
      // An explicit but bad token is a 401, never a fall-back to the cookie.
      expect((await patch({ authorization: 'Bearer jd_nope', cookie: b.cookie, 'x-csrf-token': b.csrf })).statusCode).toBe(401);
      // Reads need no CSRF token.
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: { cookie: b.cookie } })).statusCode).toBe(200);
      const elsewhere = await signIn(h.app, 'editor@example.com');
      const mine = json((await h.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: { cookie: b.cookie } })).body).sessions;
      expect(mine.filter((x: { current: boolean }) => x.current)).toHaveLength(1);
      const ended = await h.app.inject({ method: 'DELETE', url: '/api/v1/auth/sessions', headers: { cookie: b.cookie, 'x-csrf-token': b.csrf } });
      expect(json(ended.body).revoked).toBeGreaterThanOrEqual(1);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: elsewhere.cookie } })).statusCode).toBe(401);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: b.cookie } })).statusCode).toBe(200);
    });

    it('enrols, requires, protects against replay and turns off TOTP two-factor', async () => {
      const b = await signIn(h.app, 'totp@example.com');
      const w = { cookie: b.cookie, 'x-csrf-token': b.csrf };
      expect((await post('/api/v1/auth/2fa/confirm', { code: '123456' }, w)).statusCode).toBe(409);
      const enrol = await post('/api/v1/auth/2fa/enrol', {}, w);
      expect(enrol.statusCode).toBe(200);
      const { secret, uri } = json(enrol.body);
      expect(uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
      expect(uri).toContain('totp%40example.com');
      const wrong = await post('/api/v1/auth/2fa/confirm', { code: '000000' }, w);
      expect(wrong.statusCode).toBe(400);
      expect(json(wrong.body).error.fields.code).toBeTruthy();
      expect((await post('/api/v1/auth/2fa/confirm', { code: 'abc' }, w)).statusCode).toBe(400);
      const confirm = await post('/api/v1/auth/2fa/confirm', { code: await totpCode(secret, h.clock) }, w);
      expect(confirm.statusCode).toBe(200);
      expect(json(confirm.body).user.twoFactor).toBe(true);
      expect((await post('/api/v1/auth/2fa/enrol', {}, w)).statusCode).toBe(409);

      const bare = await post('/api/v1/auth/login', { email: 'totp@example.com', password: PASSWORD });
      expect(bare.statusCode).toBe(401);
      expect(json(bare.body).error).toMatchObject({ code: 'JD_ERR_AUTH_TOTP_REQUIRED', fields: { totp: expect.any(String) } });
      // The code that confirmed enrolment has been used: it may not sign in.
      expect(json((await post('/api/v1/auth/login', { email: 'totp@example.com', password: PASSWORD, totp: await totpCode(secret, h.clock) })).body).error.code).toBe('JD_ERR_AUTH_TOTP_INVALID');
      h.clock.advance(30_000);
      const code = await totpCode(secret, h.clock);
      expect((await post('/api/v1/auth/login', { email: 'totp@example.com', password: PASSWORD, totp: code })).statusCode).toBe(200);
      expect((await post('/api/v1/auth/login', { email: 'totp@example.com', password: PASSWORD, totp: code })).statusCode).toBe(401);
      // A wrong password with a right code still says nothing about the account.
      h.clock.advance(30_000);
      expect(json((await post('/api/v1/auth/login', { email: 'totp@example.com', password: 'wrong wrong', totp: await totpCode(secret, h.clock) })).body).error.code).toBe('JD_ERR_AUTH_INVALID_CREDENTIALS');

      const b2 = await signIn(h.app, 'totp@example.com', PASSWORD, { totp: await totpCode(secret, h.clock) });
      const w2 = { cookie: b2.cookie, 'x-csrf-token': b2.csrf };
      h.clock.advance(30_000);
      expect((await post('/api/v1/auth/2fa/disable', { password: 'wrong wrong', code: await totpCode(secret, h.clock) }, w2)).statusCode).toBe(400);
      const off = await post('/api/v1/auth/2fa/disable', { password: PASSWORD, code: await totpCode(secret, h.clock) }, w2);
      expect(off.statusCode).toBe(200);
      expect(json(off.body).user.twoFactor).toBe(false);
      expect((await post('/api/v1/auth/login', { email: 'totp@example.com', password: PASSWORD })).statusCode).toBe(200);
    });

    it('changes a password with the current one and ends the other sessions', async () => {
      const a = await signIn(h.app, 'pw@example.com');
      const other = await signIn(h.app, 'pw@example.com');
      const w = { cookie: a.cookie, 'x-csrf-token': a.csrf };
      const wrong = await post('/api/v1/auth/password', { currentPassword: 'nope nope nope', newPassword: 'a brand new passphrase' }, w);
      expect(wrong.statusCode).toBe(400);
      expect(json(wrong.body).error.fields.currentPassword).toBeTruthy();
      const weak = await post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'short' }, w);
      expect(weak.statusCode).toBe(400);
      expect(json(weak.body).error.fields.password).toBeTruthy();
      expect((await post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }, w)).statusCode).toBe(200);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: a.cookie } })).statusCode).toBe(200);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: other.cookie } })).statusCode).toBe(401);
      expect((await post('/api/v1/auth/login', { email: 'pw@example.com', password: PASSWORD })).statusCode).toBe(401);
      await signIn(h.app, 'pw@example.com', 'a brand new passphrase');
      const { secret } = await h.c.auth.tokens.create({ name: 'pw bot', role: 'contributor' }, undefined, json(a.res.body).user.id);
      const viaToken = await post('/api/v1/auth/password', { currentPassword: 'a brand new passphrase', newPassword: 'another new passphrase' }, { authorization: `Bearer ${secret}` });
      expect(viaToken.statusCode).toBe(403);
    });
  });
}

describe('the session cookie behind HTTPS', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await authHarness(openSqlite(':memory:'), { 'site-url': 'https://news.example.com' });
    await addUser(h.c, 'secure@example.com', 'author');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is Secure when the site is https://', async () => {
    const b = await signIn(h.app, 'secure@example.com');
    expect(b.res.cookies.find((k) => k.name === 'jd_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });
});
