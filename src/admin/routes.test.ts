import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/http.js';
import { signIn, totpCode } from '../auth/auth.testkit.js';
import { newsroomHarness, type NewsroomHarness } from '../api/newsroom.testkit.js';
import { testDialects } from '../db/dialects.testkit.js';

// The admin pages over SQLite only: they call the same services the API tests cover on both dialects.
const sqlite = testDialects().find((d) => d.name === 'sqlite')!;

describe('admin page routes', () => {
  let h: NewsroomHarness;
  const cookies: Record<string, string> = {};
  const get = (who: string | null, url: string) => h.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(who ? { cookie: cookies[who]! } : {}) } });

  beforeAll(async () => {
    h = await newsroomHarness(await sqlite.open());
    for (const who of ['admin', 'editor', 'contributor']) cookies[who] = (await signIn(h.app, `${who}@example.com`)).cookie;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sends visitors who are not signed in to the sign-in page, keeping where they were going', async () => {
    for (const url of ['/admin/articles', '/admin/articles/new', '/admin/profile', '/admin/articles/1']) {
      const res = await get(null, url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe(`/admin/login?next=${encodeURIComponent(url)}`);
    }
    const login = await get(null, '/admin/login?next=/admin/articles');
    expect(login.statusCode).toBe(200);
    expect(login.body).toContain('name="email"');
    expect(login.body).toContain('value="/admin/articles"');
    expect(login.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
  });

  it('signs in with the form, refuses a wrong password with a message, and never redirects off-site', async () => {
    const bad = await h.app.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=editor%40example.com&password=nope&next=%2Fadmin%2Farticles' });
    expect(bad.statusCode).toBe(401);
    expect(bad.body).toContain('電子郵件或密碼不正確');
    expect(bad.body).toContain('value="editor@example.com"');
    const good = await h.app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=editor%40example.com&password=correct+horse+battery&next=%2F%2Fevil.example%2F',
    });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/admin/');
    expect(good.cookies.some((c) => c.name === SESSION_COOKIE)).toBe(true);
  });

  it('asks for the two-factor code as a second step, keeping what was typed', async () => {
    const member = h.members.author2;
    const { secret } = await h.c.auth.account.enrolTotp(member.id);
    await h.c.auth.account.confirmTotp(member.id, { code: await totpCode(secret, h.clock) });
    h.clock.advance(31_000);
    const form = (extra: string) => ({ method: 'POST' as const, url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `email=author2%40example.com&password=correct+horse+battery&next=%2Fadmin%2Fprofile${extra}` });
    const step = await h.app.inject(form(''));
    expect(step.statusCode).toBe(401);
    expect(step.body).toContain('id="totp"');
    expect(step.body).toContain('value="author2@example.com"');
    const wrong = await h.app.inject(form('&totp=000000'));
    expect(wrong.body).toContain('驗證碼不正確');
    const ok = await h.app.inject(form(`&totp=${await totpCode(secret, h.clock)}`));
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/admin/profile');
  });

  it('renders the article list with the navigation the role allows', async () => {
    await h.draft('contributor', { title: '投稿人的草稿' });
    const admin = await get('admin', '/admin/articles');
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain('投稿人的草稿');
    for (const href of ['/admin/users', '/admin/tokens', '/admin/audit', '/admin/settings', '/admin/sections']) expect(admin.body).toContain(`href="${href}"`);
    expect(admin.body).toMatch(/<meta name="csrf-token" content="[^"]+"/);
    const contributor = await get('contributor', '/admin/articles');
    expect(contributor.statusCode).toBe(200);
    expect(contributor.body).toContain('投稿人的草稿');
    expect(contributor.body).not.toContain('href="/admin/users"');
    expect(contributor.body).not.toContain('href="/admin/sections"');
    expect(contributor.body).not.toContain('href="/admin/imports"');
    expect(contributor.body).toContain('href="/admin/media"');
    expect(contributor.body).not.toContain('<option value="publish">');
  });

  it('shows a bad filter beside its field instead of failing', async () => {
    const res = await get('editor', '/admin/articles?status=nonsense&section=nowhere');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="field-error"');
    const range = await get('editor', '/admin/articles?from=2026-13-01');
    expect(range.body).toMatch(/id="f-from-err">[^<]+</);
    // A date range works without a search term; relevance needs one, said beside the order.
    const noWords = await get('editor', '/admin/articles?from=2026-01-01&sort=published');
    expect(noWords.body).not.toContain('class="field-error"');
    expect(noWords.body).toContain('<option value="published" selected');
    const relevance = await get('editor', '/admin/articles?sort=relevance');
    expect(relevance.body).toMatch(/id="f-sort-err">[^<]*search term/);
  });

  it('renders the editor for a new and a stored article, with the moves the role may make', async () => {
    const blank = await get('contributor', '/admin/articles/new');
    expect(blank.statusCode).toBe(200);
    expect(blank.body).toContain('id="f-title"');
    expect(blank.body).toMatch(/<script type="module" src="\/admin\/assets\/editor\.js\?v=[^"]+" nonce="/);
    const a = await h.draft('contributor', { title: '要審的稿' });
    const mine = await get('contributor', `/admin/articles/${a.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('value="要審的稿"');
    const data = JSON.parse(/<script type="application\/json" id="page-data">(.*?)<\/script>/s.exec(mine.body)![1]!);
    expect(Object.keys(data.moves)).toEqual(['submit']);
    const editorData = JSON.parse(/<script type="application\/json" id="page-data">(.*?)<\/script>/s.exec((await get('editor', `/admin/articles/${a.id}`)).body)![1]!);
    expect(Object.keys(editorData.moves)).toEqual(expect.arrayContaining(['approve', 'publish', 'unpublish']));
  });

  it('answers 403 for a screen or an article the role may not use, 404 for no article', async () => {
    const other = await h.draft('editor', { title: '編輯的稿' });
    const res = await get('contributor', `/admin/articles/${other.id}`);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('沒有權限');
    expect((await get('contributor', '/admin/articles/999999')).statusCode).toBe(404);
  });

  it('previews a draft in each script variant with the public article template', async () => {
    const a = await h.draft('editor', { title: '预览测试文章', lang: 'zh-Hans', bodyHtml: '<p>头发和杂志</p>' });
    const hant = await get('editor', `/admin/articles/${a.id}/preview?variant=zh-Hant`);
    expect(hant.statusCode).toBe(200);
    expect(hant.body).toContain('預覽測試文章');
    expect(hant.body).toContain('頭髮');
    const hans = await get('editor', `/admin/articles/${a.id}/preview?variant=zh-Hans`);
    expect(hans.body).toContain('预览测试文章');
  });

  it('switches the UI to Simplified Chinese with the language cookie', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/admin/articles', headers: { accept: 'text/html', cookie: `${cookies.editor}; jd_admin_lang=zh-Hans` } });
    expect(res.body).toContain('<html lang="zh-Hans"');
    expect(res.body).toContain('标签');
    const sw = await get('editor', '/admin/lang?to=zh-Hans');
    expect(sw.statusCode).toBe(303);
    expect(String(sw.headers['set-cookie'])).toContain('jd_admin_lang=zh-Hans');
  });

  it('serves the profile and the client bundles', async () => {
    const profile = await get('contributor', '/admin/profile');
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain('id="password-form"');
    const js = await h.app.inject({ method: 'GET', url: '/admin/assets/editor.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect((await h.app.inject({ method: 'GET', url: '/admin/assets/nope.js' })).statusCode).toBe(404);
  });

  it('signs out only with the page token', async () => {
    const b = await signIn(h.app, 'author@example.com');
    const forged = await h.app.inject({ method: 'POST', url: '/admin/logout', headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'csrf=wrong' });
    expect(forged.headers.location).toBe('/admin/');
    expect((await h.app.inject({ method: 'GET', url: '/admin/articles', headers: { cookie: b.cookie } })).statusCode).toBe(200);
    const out = await h.app.inject({ method: 'POST', url: '/admin/logout', headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `csrf=${encodeURIComponent(b.csrf)}` });
    expect(out.headers.location).toBe('/admin/login?out=1');
    expect((await h.app.inject({ method: 'GET', url: '/admin/articles', headers: { cookie: b.cookie } })).statusCode).toBe(303);
  });

  it('suggests tags from the text through a CSRF-checked call', async () => {
    const b = await signIn(h.app, 'editor@example.com');
    const text = '央行宣布降息，央行表示降息有助於經濟。';
    const noCsrf = await h.app.inject({ method: 'POST', url: '/admin/articles/keywords', headers: { cookie: b.cookie }, payload: { text } });
    expect(noCsrf.statusCode).toBe(403);
    const ok = await h.app.inject({ method: 'POST', url: '/admin/articles/keywords', headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, payload: { text } });
    expect(ok.statusCode).toBe(200);
    expect(Array.isArray(ok.json().keywords)).toBe(true);
  });
});
