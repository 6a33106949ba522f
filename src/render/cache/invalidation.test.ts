import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleView } from '../../content/views.js';
import { pathTo } from '../../content/section.service.js';
import { monthOf } from '../../site/month.js';
import { articleInput, audit, inEveryVariant, startCachedSite, type CachedSite } from './cache.testkit.js';

// Invalidation proven exact against an oracle: after each change every warmed page (in the four
// variants and unprefixed) is rendered again without the cache. A page whose content changed
// but is still served would be stale; a page purged whose content did not change would be an
// over-purge. Both lists must be empty, and the pages that did change must include the ones a
// reader expects.
let site: CachedSite;
let target: ArticleView;
let urls: string[];

beforeAll(async () => {
  site = await startCachedSite();
  const all = (await site.c.site.reader.list({}, 1, 100)).items as ArticleView[];
  // An article with tags, in a section with others, not the newest (so lists shift around it).
  target = all.find((a, i) => i > 5 && a.tags.length > 1)!;
  const others = all.filter((a) => a.id !== target.id && a.section.slug !== target.section.slug).slice(0, 3);
  const index = await site.c.site.sectionService.index();
  const month = monthOf(target.publishedAt!, site.c.config.timezone);
  const otherTag = all.flatMap((a) => a.tags).find((t) => !target.tags.some((x) => x.slug === t.slug))!;
  const perVariant = [
    '/',
    target.url,
    ...others.map((a) => a.url),
    // Its section with the sections above it, and the top-level ones (the move goes to one of them).
    ...new Set([...pathTo(index, target.section.id).map((s) => s.slug), ...index.tree.slice(0, 3).map((s) => s.slug)].map((slug) => `/${slug}/`)),
    ...target.tags.map((t) => `/tag/${t.slug}`),
    `/tag/${otherTag.slug}`,
    ...target.authors.map((a) => `/author/${a.slug}`),
    `/archive/${month.year}/${String(month.month).padStart(2, '0')}/`,
    '/feed.xml',
    `/${target.section.slug}/feed.xml`,
    `/tag/${target.tags[0]!.slug}/feed.xml`,
    '/nothing/here',
  ];
  urls = [...perVariant.flatMap(inEveryVariant), '/sitemap.xml', '/sitemaps/articles-1.xml', '/news-sitemap.xml', '/robots.txt'];
});
afterAll(async () => site?.close());

/** Requests every URL, so each is stored and valid. */
async function warm(): Promise<void> {
  for (const url of urls) await site.get(url);
  for (const url of urls) expect([url, site.c.pageCaching.cache.get(url)?.invalid]).toEqual([url, false]);
}

async function save(id: number, change: (input: Awaited<ReturnType<typeof articleInput>>['input']) => Record<string, unknown>): Promise<void> {
  const { version, input } = await articleInput(site.c, id);
  await site.c.articles.update(id, version, change(input));
}

/**
 * The one page purged without always changing: the sitemap index counts article sitemaps, which
 * only changes when a publish or unpublish crosses a multiple of their size; telling would
 * cost a count query per save for a document of a few hundred bytes.
 */
const MAY_NOT_CHANGE = new Set(['/sitemap.xml']);

async function expectExact(mustChange: readonly string[]): Promise<string[]> {
  const r = await audit(site, urls);
  expect(r.stale).toEqual([]);
  expect(r.overPurged.filter((u) => !MAY_NOT_CHANGE.has(u))).toEqual([]);
  expect(r.purged).toEqual(expect.arrayContaining([...mustChange]));
  // Something stayed cached: a purge that drops everything would pass the lines above.
  expect(r.purged.length).toBeLessThan(urls.length);
  return r.purged;
}

describe('purges after a change', () => {
  it('a title edit: the article in every variant and the pages listing it, nothing else', async () => {
    await warm();
    await save(target.id, (input) => ({ ...input, title: `${input.title}（更新）` }));
    const purged = await expectExact([...inEveryVariant(target.url), ...inEveryVariant(`/${target.section.slug}/`)]);
    // Listings that never showed it keep their pages.
    expect(purged).not.toContain('/robots.txt');
  });

  it('a retag: the old and the new tag pages', async () => {
    await warm();
    const dropped = target.tags[0]!.slug;
    const added = urls.find((u) => u.startsWith('/tag/') && !target.tags.some((t) => u === `/tag/${t.slug}`))!.slice('/tag/'.length);
    await save(target.id, (input) => ({ ...input, tags: [...(input.tags as string[]).filter((t) => t !== dropped), added] }));
    await expectExact([...inEveryVariant(`/tag/${dropped}`), ...inEveryVariant(`/tag/${added}`), ...inEveryVariant(`/tag/${dropped}/feed.xml`)]);
  });

  it('a move to another section: the old and the new section pages', async () => {
    await warm();
    const to = urls.find((u) => /^\/[a-z-]+\/$/.test(u) && u !== `/${target.section.slug}/` && !u.startsWith('/zh-'))!;
    await save(target.id, (input) => ({ ...input, section: to.slice(1, -1) }));
    await expectExact([...inEveryVariant(`/${target.section.slug}/`), ...inEveryVariant(to), ...inEveryVariant(`/${target.section.slug}/feed.xml`), ...inEveryVariant(target.url)]);
    // Its old URL now redirects to the new one; moved back, the next cases find it where it was.
    expect((await site.get(target.url)).status).toBe(301);
    await save(target.id, (input) => ({ ...input, section: target.section.slug }));
  });

  it('an unpublish: its pages become not found, its listings lose it', async () => {
    await warm();
    const now = await site.c.site.reader.any(target.id);
    await save(target.id, (input) => ({ ...input, status: 'draft' }));
    await expectExact([...inEveryVariant(now.url), ...inEveryVariant(`/${now.section.slug}/`), '/sitemaps/articles-1.xml']);
    expect((await site.get(now.url)).status).toBe(404);
  });

  it('a publish: home, its section, tags, author, feeds, sitemaps and missing pages', async () => {
    await warm();
    const now = await site.c.site.reader.any(target.id);
    const { version, input } = await articleInput(site.c, target.id);
    // Published again, now: it is the newest article.
    await site.c.articles.update(target.id, version, { ...input, status: 'published', publishedAt: new Date().toISOString() });
    await expectExact([...inEveryVariant('/'), ...inEveryVariant(`/${now.section.slug}/`), ...inEveryVariant('/feed.xml'), ...inEveryVariant('/nothing/here')]);
    expect((await site.get(now.url)).status).toBe(200);
  });

  it("a new article that enters an older one's related reading: that page too", async () => {
    await warm();
    const { input } = await articleInput(site.c, target.id);
    const other = (await site.c.site.reader.list({}, 1, 50)).items.find((a) => a.section.slug !== target.section.slug)!;
    const reported: number[] = [];
    const caching = site.c.pageCaching;
    const original = caching.relatedChanged.bind(caching);
    caching.relatedChanged = (ids) => {
      reported.push(...ids);
      original(ids);
    };
    try {
      // Much of the target's text and all its tags, not a copy (near-duplicates are kept out of lists).
      const body = `${input.bodyHtml}${(await site.c.site.reader.any(other.id)).bodyHtml}`;
      await site.c.articles.create({ ...input, slug: '', title: `${input.title}：後續`, bodyHtml: body, status: 'published', publishedAt: new Date().toISOString() });
    } finally {
      caching.relatedChanged = original;
    }
    expect(reported).toContain(target.id);
    await expectExact(inEveryVariant(target.url));
  });
});
