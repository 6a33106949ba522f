import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, totpCode } from '../auth/auth.testkit.js';
import { newsroomHarness, type NewsroomHarness } from '../api/newsroom.testkit.js';
import { testDialects } from '../db/dialects.testkit.js';

// Over SQLite only: the account service under it is covered on both dialects by the auth tests.
const sqlite = testDialects().find((d) => d.name === 'sqlite')!;

describe('two-factor set-up on /admin/profile', () => {
  let h: NewsroomHarness;
  let browser: { cookie: string; csrf: string };
  const post = (payload: string) =>
    h.app.inject({ method: 'POST', url: '/admin/profile/2fa', headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload });

  beforeAll(async () => {
    h = await newsroomHarness(await sqlite.open());
    browser = await signIn(h.app, 'editor@example.com');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('offers set-up as a form post carrying the CSRF token', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/admin/profile', headers: { cookie: browser.cookie, accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('action="/admin/profile/2fa"');
    expect(res.body).toContain(`name="csrf" value="${browser.csrf}"`);
    expect(res.body).not.toContain('<svg');
  });

  it('refuses a post without the page’s CSRF token and starts nothing', async () => {
    expect((await post('csrf=forged')).statusCode).toBe(403);
    expect((await post('')).statusCode).toBe(403);
    const row = await h.c.db.kysely.selectFrom('users').select('totp_pending_secret').where('email', '=', 'editor@example.com').executeTakeFirstOrThrow();
    expect(row.totp_pending_secret).toBeNull();
  });

  it('answers with the QR code drawn on the server and the secret for typing, under the admin CSP', async () => {
    const res = await post(`csrf=${encodeURIComponent(browser.csrf)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
    const svg = /<svg[^]*?<\/svg>/.exec(res.body)?.[0];
    expect(svg).toBeDefined();
    expect([...svg!.matchAll(/<(\w+)/g)].map((m) => m[1])).toEqual(['svg', 'rect', 'path']);
    // Every executable script carries the response's nonce (JSON data blocks never run).
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    for (const tag of (res.body.match(/<script[^>]*>/g) ?? []).filter((t) => !t.includes('application/json'))) expect(tag).toContain(`nonce="${nonce}"`);
    const typed = /id="twofa-secret">([A-Z2-7 ]+)</.exec(res.body)![1]!;
    const secret = typed.replace(/ /g, '');
    expect(res.body).toContain(`otpauth://totp/`);
    expect(res.body).toContain(`secret=${secret}`);
    // The shown secret is the one enrolled: its code turns two-factor on.
    const confirm = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/2fa/confirm',
      headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf },
      payload: { code: await totpCode(secret, h.clock) },
    });
    expect(confirm.statusCode).toBe(200);
    const page = await h.app.inject({ method: 'GET', url: '/admin/profile', headers: { cookie: browser.cookie, accept: 'text/html' } });
    expect(page.body).toContain('id="twofa-disable"');
  });
});
