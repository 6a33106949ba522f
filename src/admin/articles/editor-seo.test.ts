import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../auth/auth.testkit.js';
import { newsroomHarness, type NewsroomHarness } from '../../api/newsroom.testkit.js';
import { testDialects } from '../../db/dialects.testkit.js';

// The screens over SQLite only: the API tests cover the same use cases on both dialects.
const sqlite = testDialects().find((d) => d.name === 'sqlite')!;

describe('the SEO fields and the list order on the article screens', () => {
  let h: NewsroomHarness;
  let cookie: string;
  const get = (url: string) => h.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie } });

  beforeAll(async () => {
    h = await newsroomHarness(await sqlite.open());
    cookie = (await signIn(h.app, 'editor@example.com')).cookie;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the stored SEO values in the editor form, escaped, with their limits', async () => {
    const a = await h.draft('editor', { title: '颱風', seoTitle: '颱風 "最新" 動態', seoDescription: '東部 & 沿海', seoCanonicalUrl: 'https://wire.example/a?b=1&c=2' });
    const res = await get(`/admin/articles/${a.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<input id="f-seo-title" name="seoTitle" maxLength="120" value="颱風 &quot;最新&quot; 動態"/i);
    expect(res.body).toMatch(/<textarea id="f-seo-description" name="seoDescription"[^>]*>東部 &amp; 沿海<\/textarea>/);
    expect(res.body).toMatch(/name="seoCanonicalUrl" type="url"[^>]*value="https:\/\/wire.example\/a\?b=1&amp;c=2"/);
    const blank = await get('/admin/articles/new');
    expect(blank.body).toContain('name="seoTitle"');
  });

  it('offers every order and the publish date column in the list', async () => {
    const res = await get('/admin/articles?sort=title&from=2026-01-01');
    expect(res.statusCode).toBe(200);
    for (const v of ['updated', 'published', 'title', 'relevance']) expect(res.body).toContain(`<option value="${v}"`);
    expect(res.body).toContain('<option value="title" selected');
    expect(res.body).toContain('value="2026-01-01"');
    // The range leaves out the never-published draft; without it the table shows the publish date column.
    expect(res.body).toContain('沒有符合條件的文章');
    const all = await get('/admin/articles?sort=published');
    expect(all.body).toContain('發佈時間</th>');
  });
});
