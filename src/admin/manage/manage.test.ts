import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, authHarness, signIn, type AuthHarness, type Browser } from '../../auth/auth.testkit.js';
import { newsroomHarness, type NewsroomHarness } from '../../api/newsroom.testkit.js';
import { testDialects } from '../../db/dialects.testkit.js';

// The screens over SQLite: the services they read are covered on both dialects by the API tests.
const sqlite = testDialects().find((d) => d.name === 'sqlite')!;

const SCREENS: ReadonlyArray<[string, string]> = [
  ['/admin/media', '媒體庫'],
  ['/admin/sections', '新增欄目'],
  ['/admin/tags', '新增標籤'],
  ['/admin/users', '新增用戶'],
  ['/admin/tokens', '建立令牌'],
  ['/admin/webhooks', '新增 Webhook'],
  ['/admin/settings', '保護詞典'],
  ['/admin/audit', '審計日誌'],
];

describe('management screens', () => {
  let h: NewsroomHarness;
  const who: Record<string, Browser> = {};
  const get = (as: string | null, url: string) => h.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(as ? { cookie: who[as]!.cookie } : {}) } });
  const send = (as: string, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    h.app.inject({ method, url, headers: { cookie: who[as]!.cookie, 'x-csrf-token': who[as]!.csrf }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    h = await newsroomHarness(await sqlite.open());
    for (const role of ['admin', 'editor', 'contributor']) who[role] = await signIn(h.app, `${role}@example.com`);
    await h.c.newsroom.taxonomy.createTag({ name: '選舉', description: '' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sends visitors who are not signed in to the sign-in page', async () => {
    for (const [url] of SCREENS) {
      const res = await get(null, url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe(`/admin/login?next=${encodeURIComponent(url)}`);
    }
  });

  it('shows every screen to an admin, with its content, the manage script under a nonce and no inline code', async () => {
    for (const [url, text] of SCREENS) {
      const res = await get('admin', url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(text);
      const nonce = /'nonce-([^']+)'/.exec(String(res.headers['content-security-policy']))?.[1];
      expect(res.body).toMatch(new RegExp(`<script type="module" src="/admin/assets/manage\\.js\\?v=[^"]+" nonce="${nonce!.replace(/[+/=]/g, '\\$&')}"`));
      expect(res.body).not.toMatch(/\son[a-z]+="/);
    }
    const sections = await get('admin', '/admin/sections');
    expect(sections.body).toContain('國際');
    expect(sections.body).toContain('科技');
    expect((await get('admin', '/admin/tags')).body).toContain('選舉');
    expect((await get('admin', '/admin/users')).body).toContain('editor@example.com');
    // The Simplified UI: the same strings, converted.
    const hans = await h.app.inject({ method: 'GET', url: '/admin/settings', headers: { cookie: `${who.admin!.cookie}; jd_admin_lang=zh-Hans` } });
    expect(hans.body).toContain('保护词典');
    expect(hans.body).toContain('<html lang="zh-Hans"');
  });

  it('reorders and moves sections with the calls its buttons carry', async () => {
    const html = (await get('editor', '/admin/sections')).body;
    // The first top-level section's 下移 swaps it with the second.
    const calls = JSON.parse(/data-calls="([^"]+)"[^>]*>下移/.exec(html)![1]!.replace(/&quot;/g, '"'));
    expect(calls).toHaveLength(2);
    for (const c of calls) expect((await send('editor', c.method, c.url, c.body)).statusCode).toBe(200);
    const order = (await h.c.newsroom.taxonomy.sections()).sort((a, b) => a.position - b.position).map((s) => s.slug);
    expect(order).toEqual(['tech', 'world']);
    const after = (await get('editor', '/admin/sections')).body;
    expect(after.indexOf('value="科技"')).toBeLessThan(after.indexOf('value="國際"'));
    // Moving 科技 under 國際 indents it; 國際 cannot be offered as a parent of itself.
    const tech = (await h.c.newsroom.taxonomy.sections()).find((s) => s.slug === 'tech')!;
    expect((await send('editor', 'PATCH', `/api/v1/admin/sections/${tech.id}`, { version: tech.version, parent: 'world' })).statusCode).toBe(200);
    const nested = (await get('editor', '/admin/sections')).body;
    expect(nested).toMatch(/padding-left:2rem[\s\S]*value="科技"/);
    await send('editor', 'PATCH', `/api/v1/admin/sections/${tech.id}`, { version: tech.version + 1, parent: null });
  });

  it('offers editing and deleting an image only to those who may (its uploader, editors, admins)', async () => {
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).png().toBuffer();
    const item = await h.c.mediaLibrary.upload({ bytes, alt: '測試圖', caption: '', credit: '' }, { userId: h.members.editor.id, role: 'editor', via: 'session' });
    const mine = (await get('editor', '/admin/media')).body;
    expect(mine).toContain(`/api/v1/admin/media/${item.id}&quot;,&quot;method&quot;:&quot;DELETE`);
    const theirs = (await get('contributor', '/admin/media')).body;
    expect(theirs).toContain('測試圖');
    expect(theirs).not.toContain('&quot;method&quot;:&quot;DELETE');
    expect(theirs).toMatch(/name="alt" value="測試圖"[^>]*readonly/i);
    const missing = await h.app.inject({ method: 'GET', url: '/api/v1/admin/media/999999/usage', headers: { cookie: who.editor!.cookie } });
    expect(JSON.parse(missing.body).error.code).toBe('JD_ERR_MEDIA_NOT_FOUND');
    expect(JSON.parse((await h.app.inject({ method: 'GET', url: `/api/v1/admin/media/${item.id}/usage`, headers: { cookie: who.contributor!.cookie } })).body)).toEqual({ usage: { articles: [] } });
  });

  it('answers 403 for a role without the right and hides its navigation entries', async () => {
    for (const url of ['/admin/users', '/admin/tokens', '/admin/webhooks', '/admin/settings', '/admin/audit']) expect((await get('editor', url)).statusCode, url).toBe(403);
    expect((await get('editor', '/admin/sections')).statusCode).toBe(200);
    expect((await get('editor', '/admin/tags')).statusCode).toBe(200);
    for (const url of ['/admin/sections', '/admin/tags']) expect((await get('contributor', url)).statusCode, url).toBe(403);
    const media = await get('contributor', '/admin/media');
    expect(media.statusCode).toBe(200);
    expect(media.body).not.toContain('href="/admin/settings"');
    expect(media.body).not.toContain('href="/admin/sections"');
    expect((await get('admin', '/admin/media')).body).toContain('href="/admin/settings"');
    expect((await send('editor', 'PATCH', '/api/v1/admin/settings', { siteName: 'x' })).statusCode).toBe(403);
    expect((await send('editor', 'POST', '/api/v1/admin/dictionary', { match: ['x'] })).statusCode).toBe(403);
  });

  it('refuses bad settings with a message for each field, and keeps the old values', async () => {
    const res = await send('admin', 'PATCH', '/api/v1/admin/settings', { siteName: '', defaultVariant: 'zh-XX', feedItems: 0, feedContent: 'all', pageCacheTtl: -1, bogus: 1 });
    expect(res.statusCode).toBe(400);
    const { error } = JSON.parse(res.body);
    expect(error.code).toBe('JD_ERR_VALIDATION');
    expect(Object.keys(error.fields).sort()).toEqual(['_', 'defaultVariant', 'feedContent', 'feedItems', 'pageCacheTtl', 'siteName']);
    expect(error.fields._).toContain('bogus');
    expect(JSON.parse((await send('admin', 'PATCH', '/api/v1/admin/settings', { feedItems: 2.5 })).body).error.fields.feedItems).toMatch(/whole number/);
    const view = JSON.parse((await get('admin', '/api/v1/admin/settings')).body);
    expect(view.settings.siteName).toBe('焦點新聞');
  });

  it('applies a settings change to the public site without a restart: site name, unprefixed variant, feeds', async () => {
    for (const title of ['第一篇', '第二篇']) {
      const a = await h.draft('editor', { title });
      expect((await h.call('editor', 'POST', `/api/v1/admin/articles/${a.id}/publish`, { version: a.version })).statusCode).toBe(200);
    }
    const before = await get(null, '/');
    expect(before.body).toContain('<html lang="zh-Hant"');
    expect((await get(null, '/feed.xml')).body.match(/<item>/g)).toHaveLength(2);
    const saved = await send('admin', 'PATCH', '/api/v1/admin/settings', { siteName: '晨報測試站', defaultVariant: 'zh-Hans', feedItems: 1, siteDescription: '一份測試用的晨報' });
    expect(saved.statusCode).toBe(200);
    expect(JSON.parse(saved.body).fields.find((f: { key: string }) => f.key === 'siteName')).toMatchObject({ overridden: true, configured: '焦點新聞', value: '晨報測試站' });
    const home = await get(null, '/');
    expect(home.body).toContain('<html lang="zh-Hans"');
    expect(home.body).toMatch(/<header[\s\S]*晨报测试站/);
    // A prefixed variant keeps its own script; the default variant's canonical URL is unprefixed now.
    const hant = await get(null, '/zh-hant/');
    expect(hant.body).toContain('<html lang="zh-Hant"');
    expect(hant.body).toContain('晨報測試站');
    const feed = (await get(null, '/feed.xml')).body;
    expect(feed).toContain('晨报测试站');
    expect(feed).toContain('一份测试用的晨报');
    expect(feed.match(/<item>/g)).toHaveLength(1);
    expect(home.body).toContain('content="一份测试用的晨报"');
    // null goes back to the configured value.
    await send('admin', 'PATCH', '/api/v1/admin/settings', { siteName: null, defaultVariant: null, feedItems: null, siteDescription: null });
    const back = await get(null, '/');
    expect(back.body).toContain('<html lang="zh-Hant"');
    expect(back.body).toContain('焦點新聞');
    const settingsPage = await get('admin', '/admin/settings');
    expect(settingsPage.body).toContain('value="焦點新聞"');
  });

  it('edits the protected-terms dictionary with a live preview', async () => {
    const text = '哈萨克斯坦的软件';
    const plain = JSON.parse((await send('admin', 'POST', '/api/v1/admin/dictionary/preview', { text })).body).preview;
    expect(plain['zh-Hans']).toBe(text);
    // An unsaved term already shows in the preview.
    const draft = JSON.parse((await send('admin', 'POST', '/api/v1/admin/dictionary/preview', { text, term: { match: ['软件'], outputs: { 'zh-TW': '軟件' } } })).body).preview;
    expect(draft['zh-TW']).toContain('軟件');
    const bad = await send('admin', 'POST', '/api/v1/admin/dictionary', { match: [] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.fields.match).toBeTruthy();
    const added = await send('admin', 'POST', '/api/v1/admin/dictionary', { match: ['哈萨克斯坦'], note: '國名' });
    expect(added.statusCode).toBe(201);
    const id = JSON.parse(added.body).term.id;
    expect(JSON.parse((await send('admin', 'POST', '/api/v1/admin/dictionary/preview', { text })).body).preview['zh-TW']).toContain('哈萨克斯坦');
    const edited = await send('admin', 'PUT', `/api/v1/admin/dictionary/${id}`, { match: ['哈萨克斯坦'], outputs: { 'zh-TW': '哈薩克' }, note: '國名' });
    expect(JSON.parse(edited.body).term.outputs).toEqual({ 'zh-TW': '哈薩克' });
    expect((await get('admin', '/admin/settings')).body).toContain('國名');
    expect((await send('admin', 'DELETE', `/api/v1/admin/dictionary/${id}`)).statusCode).toBe(200);
    expect((await send('admin', 'DELETE', `/api/v1/admin/dictionary/${id}`)).statusCode).toBe(404);
    expect((await send('admin', 'PUT', '/api/v1/admin/dictionary/999', { match: ['x'] })).statusCode).toBe(404);
    // Changes are in the audit log; previews, which change nothing, are not.
    expect((await h.c.auth.audit.list({ action: 'POST /api/v1/admin/dictionary' }, 1, 10)).total).toBe(1);
    expect((await h.c.auth.audit.list({ action: 'POST /api/v1/admin/dictionary/preview' }, 1, 10)).total).toBe(0);
  });

  it('filters the audit log by member, action and day, and survives bad filter values', async () => {
    const res = await get('admin', `/admin/audit?user=${h.members.admin.id}&action=settings.&from=2020-01-01&to=2099-12-31`);
    expect(res.statusCode).toBe(200);
    expect((await get('admin', '/admin/audit?user=abc&from=yesterday&page=-3')).statusCode).toBe(200);
    expect((await get('admin', '/admin/webhooks/abc')).statusCode).toBe(404);
  });
});

describe('a settings change with the page cache on', () => {
  let h: AuthHarness;
  let base: string;
  beforeAll(async () => {
    h = await authHarness(await sqlite.open(), { 'page-cache': 'on' });
    await addUser(h.c, 'admin@example.com', 'admin');
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('drops the cached pages, so readers see the new name and default variant at once', async () => {
    await fetch(`${base}/`);
    const hit = await fetch(`${base}/`);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(await hit.text()).toContain('焦點新聞');
    const admin = await signIn(h.app, 'admin@example.com');
    const res = await h.app.inject({ method: 'PATCH', url: '/api/v1/admin/settings', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, payload: { siteName: '快取測試站', defaultVariant: 'zh-TW', pageCacheTtl: 120 } });
    expect(res.statusCode).toBe(200);
    const after = await fetch(`${base}/`);
    expect(after.headers.get('x-cache')).not.toBe('HIT');
    expect(after.headers.get('cache-control')).toContain('s-maxage=120');
    const html = await after.text();
    expect(html).toContain('<html lang="zh-TW"');
    expect(html).toContain('快取測試站');
  });
});
