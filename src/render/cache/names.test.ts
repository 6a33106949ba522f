import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleView } from '../../content/views.js';
import type { Cluster, ClusterMessage } from '../../events/cluster.js';
import { audit, startCachedSite, type CachedSite } from './cache.testkit.js';

// Renames of tags, sections and authors, and 精彩推薦 picks, reach cached pages at once: each
// emits an event the page cache plans a purge from. The oracle (`audit`) re-renders every
// warmed page uncached: none may be served stale, and for tags and authors pages that do not
// show the renamed name stay cached. Unprefixed URLs only, to keep the suite fast (the variant
// mounts carry the same tags; invalidation.test.ts covers them).
let site: CachedSite;
let all: ArticleView[];
/** What this process told the others. */
const sent: ClusterMessage[] = [];
const cluster: Cluster = { publish: (m) => void sent.push(m), onMessage: () => {}, onResync: () => {}, close: async () => {} };
/** Whether a purge naming `tag` went to the other processes. */
const told = (tag: string) => sent.some((m) => m.type === 'cache.purge' && m.tags.includes(tag));

beforeAll(async () => {
  site = await startCachedSite({ cluster });
  all = (await site.c.site.reader.list({}, 1, 100)).items as ArticleView[];
});
afterAll(async () => site?.close());

async function warm(urls: readonly string[]): Promise<void> {
  for (const url of urls) await site.get(url);
  for (const url of urls) expect([url, site.c.pageCaching.cache.get(url)?.invalid]).toEqual([url, false]);
}

async function body(url: string): Promise<string> {
  const r = await site.get(url);
  expect(r.status).toBe(200);
  return r.body.toString();
}

describe('purges after a rename or a pick', () => {
  it('a tag rename: its pages and its articles show the new name, other tags and authors stay cached', async () => {
    // A tag the home page lists among its popular tags.
    const onHome = (await site.c.site.tagService.list(1, 24)).items.find((t) => t.count > 0)!;
    const target = all.find((a) => a.tags.some((t) => t.slug === onHome.slug))!;
    const renamed = target.tags.find((t) => t.slug === onHome.slug)!;
    const other = all.find((a) => !a.tags.some((t) => t.slug === renamed.slug))!;
    const otherTag = all.flatMap((a) => a.tags).find((t) => !target.tags.some((x) => x.slug === t.slug))!;
    const urls = ['/', target.url, other.url, `/tag/${renamed.slug}`, `/tag/${renamed.slug}/feed.xml`, `/tag/${otherTag.slug}`, `/author/${other.authors[0]!.slug}`];
    await warm(urls);
    const id = (await site.c.site.tagService.require(renamed.slug)).id;
    const { version } = await site.c.newsroom.taxonomy.tag(id);
    const name = `${renamed.name}新名`;
    await site.c.newsroom.taxonomy.updateTag(id, { version, name });
    const r = await audit(site, urls);
    expect(r.stale).toEqual([]);
    expect(r.overPurged).toEqual([]);
    expect(r.purged).toEqual(expect.arrayContaining(['/', target.url, `/tag/${renamed.slug}`, `/tag/${renamed.slug}/feed.xml`]));
    expect(r.purged).not.toContain(`/tag/${otherTag.slug}`);
    expect(r.purged).not.toContain(`/author/${other.authors[0]!.slug}`);
    expect(await body(`/tag/${renamed.slug}`)).toContain(name);
    expect(await body(target.url)).toContain(name);
    expect(await body('/')).toContain(name);
    expect(sent).toContainEqual({ type: 'cache.purge', tags: expect.arrayContaining([`tag:${renamed.slug}`]) });
  });

  it("a tag rename reaches 相關詞 linking to it on articles that do not carry it", async () => {
    const page = all[3]!;
    const word = (await site.c.related.words.words(await site.c.site.reader.any(page.id))).find((w) => w.url.startsWith('/search?q='))!;
    const created = await site.c.newsroom.taxonomy.createTag({ name: word.label, slug: 'word-tag', description: '' });
    // A new tag matching a plain word is not traced to the pages showing the word: they follow
    // within the TTL. Dropped here as the TTL would, so the page links the new tag.
    site.c.pageCaching.cache.purge([`article:${page.id}`]);
    await warm([page.url]);
    expect(await body(page.url)).toContain(created.url);
    await site.c.newsroom.taxonomy.updateTag(created.id, { version: created.version, name: `${word.label}新` });
    const r = await audit(site, [page.url]);
    expect(r.stale).toEqual([]);
    expect(r.purged).toEqual([page.url]);
  });

  it('a tag slug rename and a merge: old pages redirect, nothing stale', async () => {
    const [a, b] = (await site.c.site.tagService.list(1, 24)).items.filter((t) => t.count > 0).slice(-2);
    const urls = ['/', `/tag/${a!.slug}`, `/tag/${b!.slug}`, ...all.filter((x) => x.tags.some((t) => t.slug === a!.slug)).map((x) => x.url)];
    await warm(urls);
    const id = (await site.c.site.tagService.require(a!.slug)).id;
    const renamed = await site.c.newsroom.taxonomy.updateTag(id, { version: (await site.c.newsroom.taxonomy.tag(id)).version, slug: `${a!.slug}-2` });
    expect((await audit(site, urls)).stale).toEqual([]);
    expect((await site.get(`/tag/${a!.slug}`)).status).toBe(301);
    await warm([...urls.slice(0, 1), `/tag/${renamed.slug}`, ...urls.slice(2)]);
    await site.c.newsroom.taxonomy.mergeTag(id, { into: (await site.c.site.tagService.require(b!.slug)).id });
    expect((await audit(site, [...urls.slice(0, 1), `/tag/${renamed.slug}`, ...urls.slice(2)])).stale).toEqual([]);
    expect((await site.get(`/tag/${renamed.slug}`)).status).toBe(301);
  });

  it('an author rename: their page and articles show the new byline, other authors stay cached', async () => {
    const target = all.find((a) => a.authors.length > 0)!;
    const author = target.authors[0]!;
    const other = all.find((a) => a.authors.length > 0 && !a.authors.some((x) => x.slug === author.slug))!;
    const urls = [target.url, other.url, `/author/${author.slug}`, `/author/${other.authors[0]!.slug}`, '/feed.xml'];
    await warm(urls);
    const user = await site.c.site.authorService.require(author.slug);
    const name = `${author.name}（改名）`;
    await site.c.users.update(user.id, { name });
    const r = await audit(site, urls);
    expect(r.stale).toEqual([]);
    expect(r.purged).toEqual(expect.arrayContaining([target.url, `/author/${author.slug}`]));
    expect(r.purged).not.toContain(other.url);
    expect(r.purged).not.toContain(`/author/${other.authors[0]!.slug}`);
    expect(await body(`/author/${author.slug}`)).toContain(name);
    expect(await body(target.url)).toContain(name);
    expect(told(`author:${author.slug}`)).toBe(true);
  });

  it('a section rename: every page shows the new name in its navigation', async () => {
    const target = all[0]!;
    const urls = ['/', target.url, `/${target.section.slug}/`, `/tag/${all.flatMap((a) => a.tags)[0]!.slug}`];
    await warm(urls);
    const section = (await site.c.newsroom.taxonomy.sections()).find((s) => s.slug === target.section.slug)!;
    const name = `${section.name}新`;
    await site.c.newsroom.taxonomy.updateSection(section.id, { version: section.version, name });
    const r = await audit(site, urls);
    expect(r.stale).toEqual([]);
    for (const url of urls) expect(await body(url)).toContain(name);
    expect(sent).toContainEqual({ type: 'cache.purgeAll' });
  });

  it('a pick expired by an editor leaves the 精彩推薦 block of cached pages at once', async () => {
    const picks = await site.c.views.featured.active(10);
    expect(picks.length).toBeGreaterThan(0);
    // An article page showing the first pick in its block.
    const pick = all.find((a) => a.id === picks[0])!;
    const page = all.find((a) => a.id !== pick.id)!;
    const urls = ['/', page.url];
    await warm(urls);
    expect(featuredBlock(await body(page.url))).toContain(pick.url);
    await site.c.views.featured.place(pick.id, { position: 0, expiresAt: new Date(Date.now() - 60_000).toISOString() });
    const r = await audit(site, urls);
    expect(r.stale).toEqual([]);
    expect(r.purged).toContain(page.url);
    expect(featuredBlock(await body(page.url))).not.toContain(pick.url);
    expect(told('block:featured')).toBe(true);
  });
});

/** The 精彩推薦 block of an article page. */
function featuredBlock(html: string): string {
  const start = html.indexOf('<section id="featured"');
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}
