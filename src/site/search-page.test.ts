import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoSite, type DemoSite } from '../http/demo-site.testkit.js';
import type { Container } from '../container.js';

// The search page as a reader uses it over the demo newsroom: filters, sort, snippets, and the
// filter form in every variant. The API answers the same search, so it tells what to expect.
let demo: DemoSite;
let c: Container;
let app: FastifyInstance;

beforeAll(async () => {
  demo = await openDemoSite();
  ({ c, app } = demo);
});
afterAll(async () => demo?.close());

const get = (url: string) => app.inject({ method: 'GET', url });
type Hit = { id: number; title: string; section: { slug: string }; publishedAt: string; url: string };
const api = async (params: string): Promise<Hit[]> => JSON.parse((await get(`/api/v1/search?variant=zh-Hant&limit=100&${params}`)).body).results;
const titlesOn = (html: string) => [...html.matchAll(/<h2 class="card-title"><a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]!);
const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** A query whose results span at least two sections, so a section filter has something to drop. */
async function spreadQuery(): Promise<{ q: string; hits: Hit[] }> {
  for (const q of ['城市', '市民', '計劃', '經濟', '政府', '技術', '發展', '全球', '中國', '中国', '公司', '比賽']) {
    const hits = await api(`q=${encodeURIComponent(q)}`);
    if (new Set(hits.map((h) => h.section.slug)).size >= 2 && hits.length >= 3) return { q, hits };
  }
  throw new Error('the demo has no query spanning two sections');
}

describe('search page filters', () => {
  it('narrows to a section, keeps the filter in the form and offers to clear it', async () => {
    const { q, hits } = await spreadQuery();
    const section = hits[0]!.section.slug;
    const res = await get(`/search?q=${encodeURIComponent(q)}&section=${section}`);
    expect(res.statusCode).toBe(200);
    const shown = titlesOn(res.body).map(unescape);
    const expected = (await api(`q=${encodeURIComponent(q)}&section=${section}`)).map((h) => h.title);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected.slice(0, shown.length));
    const elsewhere = hits.filter((h) => h.section.slug !== section && !expected.includes(h.title));
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const h of elsewhere) expect(shown).not.toContain(h.title);
    expect(res.body).toContain(`<option value="${section}" selected>`);
    // The active filter links to the same search without it.
    expect(res.body).toContain(`class="active-filters"`);
    expect(res.body).toContain(`href="/search?q=${encodeURIComponent(q)}"`);
  });

  it('sorts by date when asked, newest first, and by relevance otherwise', async () => {
    const { q } = await spreadQuery();
    const byDate = titlesOn((await get(`/search?q=${encodeURIComponent(q)}&sort=date`)).body).map(unescape);
    const expected = (await api(`q=${encodeURIComponent(q)}&sort=date`)).map((h) => h.title);
    expect(byDate).toEqual(expected.slice(0, byDate.length));
    const dates = (await api(`q=${encodeURIComponent(q)}&sort=date`)).map((h) => h.publishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    const page = (await get(`/search?q=${encodeURIComponent(q)}&sort=date`)).body;
    expect(page).toContain('<option value="date" selected>');
  });

  it('filters by a date range, inclusive days in the site time zone', async () => {
    const { q, hits } = await spreadQuery();
    const day = hits[0]!.publishedAt.slice(0, 10);
    const res = await get(`/search?q=${encodeURIComponent(q)}&from=${day}&to=${day}`);
    expect(res.statusCode).toBe(200);
    const shown = titlesOn(res.body).map(unescape);
    const expected = (await api(`q=${encodeURIComponent(q)}&from=${day}&to=${day}`)).map((h) => h.title);
    expect(shown).toEqual(expected.slice(0, shown.length));
    expect(shown.length).toBeLessThan(hits.length + 1);
    expect(res.body).toContain(`value="${day}"`);
  });

  it('filters by tag and by author, naming them in the active filters', async () => {
    const article = (await c.site.reader.latest({}, 40)).find((a) => a.tags.length > 0 && a.authors.length > 0)!;
    const tag = article.tags[0]!;
    const res = await get(`/search?q=${encodeURIComponent(article.title.slice(0, 2))}&tag=${encodeURIComponent(tag.slug)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(tag.name);
    const author = article.authors[0]!;
    const byAuthor = await get(`/search?q=${encodeURIComponent(article.title.slice(0, 2))}&author=${encodeURIComponent(author.slug)}`);
    expect(byAuthor.statusCode).toBe(200);
    expect(byAuthor.body).toContain(`作者：${author.name}`);
    expect(byAuthor.body).toContain(`name="author" value="${author.slug}"`);
  });

  it('offers the most used tags as filters, following a publish at once', async () => {
    const tagOptions = (html: string) => [...html.matchAll(/<option value="([^"]+)"[^>]*>/g)].map((m) => decodeURIComponent(m[1]!));
    const before = tagOptions((await get('/search?q=%E5%9F%8E%E5%B8%82')).body);
    expect(before.length).toBeGreaterThan(3);
    // A new tag on more published articles than any other: the next search offers it.
    const [section] = (await c.site.sectionService.index()).tree;
    for (let i = 0; i < 40; i++) await c.articles.create({ title: `標簽測試${i}`, section: section!.slug, tags: ['搜尋選項新標簽'], status: 'published' });
    const after = (await get('/search?q=%E5%9F%8E%E5%B8%82')).body;
    expect(after).toContain('>搜尋選項新標簽</option>');
  });

  it('shows snippets with the matches marked', async () => {
    const { q } = await spreadQuery();
    const res = await get(`/search?q=${encodeURIComponent(q)}`);
    expect(res.body).toMatch(/<p class="card-summary search-snippet">[^]*?<mark>/);
  });

  it('labels the filters in the reader’s script', async () => {
    const { q } = await spreadQuery();
    const hans = (await get(`/zh-hans/search?q=${encodeURIComponent(q)}`)).body;
    expect(hans).toContain('栏目');
    expect(hans).toContain('排序');
    expect(hans).toContain('action="/zh-hans/search"');
    const hant = (await get(`/zh-tw/search?q=${encodeURIComponent(q)}`)).body;
    expect(hant).toContain('欄目');
  });

  it('answers bad filter values with a 400 page naming the problem, never a 500', async () => {
    for (const bad of ['section=nope', 'tag=nope', 'author=nope', 'from=2026-13-01', 'to=yesterday', 'sort=random', 'from=2026-05-02&to=2026-05-01', 'page=0']) {
      const res = await get(`/search?q=test&${bad}`);
      expect([400, 404], bad).toContain(res.statusCode);
      expect(res.headers['content-type'], bad).toContain('text/html');
    }
    // Empty fields from the form mean "any", not an error.
    const blank = await get('/search?q=test&section=&tag=&from=&to=&sort=');
    expect(blank.statusCode).toBe(200);
  });
});
