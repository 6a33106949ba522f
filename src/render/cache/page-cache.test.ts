import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { addEncoding, buildEntry, headerTag, negotiate, notModified, oneByte, type CacheEntry, type Encoding } from './entry.js';
import { PageCache } from './page-cache.js';
import { EVERYTHING, InvalidationPlanner, type ArticleState } from './planner.js';

const freshness = { ttl: 300, swr: 60, browserTtl: 60 };

async function entry(key: string, tags: string[], body = `<p>${key}</p>`.repeat(20), status = 200, encodings: readonly Encoding[] = ['gzip', 'br']): Promise<CacheEntry> {
  return buildEntry({ key, status, headers: { 'content-type': 'text/html; charset=utf-8', 'content-length': 1, date: 'x' }, body: Buffer.from(body), tags, freshness, now: 1_000 }, encodings);
}

describe('cache entries', () => {
  it('keep gzip and brotli bodies that decode to the page, with per-encoding ETags and headers', async () => {
    const e = await entry('/a', ['article:1', 'home']);
    expect(gunzipSync(e.bodies.gzip!).equals(e.bodies.identity)).toBe(true);
    expect(brotliDecompressSync(e.bodies.br!).equals(e.bodies.identity)).toBe(true);
    expect(new Set(Object.values(e.etags)).size).toBe(3);
    const br = Object.fromEntries(pairs(e.heads.br!));
    expect(br).toMatchObject({ 'content-encoding': 'br', vary: 'Accept-Encoding', 'surrogate-key': 'article:1 home', 'cache-tag': 'article:1,home', etag: e.etags.br });
    expect(br['cache-control']).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=60');
    expect(br['content-length']).toBe(String(e.bodies.br!.length));
    // Stored headers never carry a stale length or date.
    expect(pairs(e.heads.identity).filter(([n]) => n === 'content-length' || n === 'date')).toEqual([['content-length', String(e.bodies.identity.length)]]);
    expect(e.freshUntil).toBe(1_000 + 300_000);
    expect(e.staleUntil).toBe(1_000 + 360_000);
  });

  it('makes compressed bodies only when asked, with the same ETags and headers as made at once', async () => {
    const page = '<p>焦點</p>'.repeat(200);
    const lazy = await entry('/a', ['home'], page, 200, []);
    expect(lazy.bodies.gzip).toBeUndefined();
    expect(lazy.heads.br).toBeUndefined();
    const plain = lazy.size;
    expect(plain).toBeGreaterThan(lazy.bodies.identity.length);
    const added = await addEncoding(lazy, 'br');
    expect(added).toBe(lazy.bodies.br!.length);
    expect(lazy.size).toBe(plain + added);
    expect(brotliDecompressSync(lazy.bodies.br!).equals(lazy.bodies.identity)).toBe(true);
    // Asked again: nothing more to make or count.
    expect(await addEncoding(lazy, 'br')).toBe(0);
    expect(await addEncoding(lazy, 'identity')).toBe(0);
    const eager = await entry('/a', ['home'], page);
    expect(lazy.heads.br).toEqual(eager.heads.br);
    expect(lazy.etags).toEqual(eager.etags);
    expect(lazy.size + eager.bodies.gzip!.length).toBe(eager.size);
  });

  it('counts a body added to a stored entry, and evicts for it', async () => {
    // Four entries of one size, a budget that holds exactly them.
    const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((k) => entry(`/${k}`, ['home'], `<p>${k}</p>`.repeat(300), 200, [])));
    const cache = new PageCache({ maxBytes: a!.size * 4 + 10 });
    for (const e of [a!, b!, c!, d!]) cache.set(e);
    expect(cache.stats().entries).toBe(4);
    const added = await addEncoding(d!, 'gzip');
    cache.grew(d!, added);
    // The entry grew past the budget: the least recently used one made room.
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.get('/d')).toBe(d);
    expect(cache.stats().bytes).toBe(b!.size + c!.size + d!.size);
    // An entry no longer stored is not counted.
    cache.grew(a!, await addEncoding(a!, 'gzip'));
    expect(cache.stats().bytes).toBe(b!.size + c!.size + d!.size);
  });

  it('keeps compressed bodies in buffers of their own size, so the cache counts what it holds', async () => {
    // Text that compresses to more than Node's 4 KB pooled allocations: exact buffers are then visible.
    let seed = 7;
    const words = Array.from({ length: 3000 }, () => ((seed = (seed * 48271) % 2147483647), `w${seed % 5000}`)).join(' ');
    const e = await entry('/long', ['home'], words);
    for (const enc of ['gzip', 'br'] as const) {
      expect(e.bodies[enc]!.length).toBeGreaterThan(4096);
      expect(e.bodies[enc]!.buffer.byteLength).toBe(e.bodies[enc]!.length);
    }
  });

  it('names tags with Chinese slugs in ASCII headers, percent-encoded', async () => {
    const e = await entry('/tag/經濟', ['tag:經濟', 'home', 'tag:a b,c%']);
    const head = Object.fromEntries(pairs(e.heads.identity));
    expect(head['surrogate-key']).toBe('tag:%E7%B6%93%E6%BF%9F home tag:a%20b%2Cc%25');
    expect(head['cache-tag']).toBe('tag:%E7%B6%93%E6%BF%9F,home,tag:a%20b%2Cc%25');
    expect(headerTag('article:12')).toBe('article:12');
    // What Node would refuse to send is never in a header.
    for (const value of Object.values(head)) expect(String(value)).toMatch(/^[\x20-\x7e]*$/);
  });

  it('stores header values as one-byte strings without changing a character', () => {
    // Made from a two-byte string, as a percent-encoded Chinese tag is.
    const ascii = headerTag('tag:經濟 card:1').slice(0, 22);
    expect(oneByte(ascii)).toBe(ascii);
    expect(oneByte('café')).toBe('café');
    // Beyond Latin-1 is left for Node to refuse, never cut down to other characters.
    expect(oneByte('經濟')).toBe('經濟');
  });

  it('keeps not-found pages briefly and never stale', async () => {
    const e = await entry('/missing', ['notfound'], 'gone', 404);
    expect(e.freshUntil - 1_000).toBeLessThanOrEqual(30_000);
    expect(e.staleUntil).toBe(e.freshUntil);
    expect(Object.fromEntries(pairs(e.heads.identity))['cache-control']).toBe('public, max-age=30, s-maxage=30, stale-while-revalidate=0');
  });

  it('negotiates brotli, then gzip, honouring q=0', () => {
    expect(negotiate(undefined)).toBe('identity');
    expect(negotiate('gzip, deflate, br')).toBe('br');
    expect(negotiate('gzip')).toBe('gzip');
    expect(negotiate('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiate('*')).toBe('br');
    expect(negotiate('identity')).toBe('identity');
    expect(negotiate('gzip;q=0, br;q=0')).toBe('identity');
  });

  it('matches If-None-Match weakly against any encoding', async () => {
    const e = await entry('/a', []);
    expect(notModified(e.etags.gzip, e)).toBe(true);
    expect(notModified(`"x", W/${e.etags.identity}`, e)).toBe(true);
    expect(notModified('*', e)).toBe(true);
    expect(notModified('"x"', e)).toBe(false);
  });
});

describe('the page cache', () => {
  it('invalidates by tag without dropping the last good copy', async () => {
    const cache = new PageCache({ maxBytes: 10_000_000 });
    cache.set(await entry('/a', ['article:1', 'home']));
    cache.set(await entry('/b', ['article:2']));
    expect(cache.purge(['article:1'])).toBe(1);
    expect(cache.get('/a')?.invalid).toBe(true);
    expect(cache.get('/b')?.invalid).toBe(false);
    expect(cache.purgeAll()).toBe(1);
    expect(cache.get('/b')?.invalid).toBe(true);
  });

  it('evicts the least recently used entries beyond its byte limit', async () => {
    const a = await entry('/a', ['x']);
    const cache = new PageCache({ maxBytes: a.size * 5 });
    for (const k of ['/a', '/b', '/c', '/d']) cache.set(await entry(k, ['x']));
    cache.touch(cache.get('/a')!);
    cache.set(await entry('/e', ['x']));
    cache.set(await entry('/f', ['x']));
    expect(cache.get('/a')).toBeDefined();
    expect(cache.get('/b')).toBeUndefined();
    expect(cache.stats().bytes).toBeLessThanOrEqual(a.size * 5);
    expect(cache.keysTagged('x')).not.toContain('/b');
  });

  it('once full, stores a page only on its second request, so a crawl does not push out pages read again', async () => {
    const a = await entry('/hot-1', ['x']);
    // Room for four such pages (a little more: longer URLs make slightly larger entries).
    const cache = new PageCache({ maxBytes: a.size * 4 + 200 });
    // With room, every page is stored at once.
    for (const k of ['/hot-1', '/hot-2', '/hot-3', '/hot-4']) {
      expect(cache.admits(k, a.size)).toBe(true);
      cache.set(await entry(k, ['x']));
    }
    // Full: a crawl of pages asked for once stores none of them and evicts nothing.
    for (let i = 0; i < 100; i++) expect(cache.admits(`/tail-${i}`, a.size)).toBe(false);
    expect(['/hot-1', '/hot-2', '/hot-3', '/hot-4'].every((k) => cache.get(k) !== undefined)).toBe(true);
    // A page asked for again is stored (and evicts the least recently used).
    expect(cache.admits('/tail-7', a.size)).toBe(true);
    cache.set(await entry('/tail-7', ['x']));
    expect(cache.get('/tail-7')).toBeDefined();
    expect(cache.get('/hot-1')).toBeUndefined();
    // A stored page being rendered again always stays; a second reader waiting counts too.
    expect(cache.admits('/hot-2', a.size)).toBe(true);
    cache.wanted('/new');
    expect(cache.admits('/new', a.size)).toBe(true);
    // It only remembers so many: a page asked for once long ago counts as new.
    for (let i = 0; i < 20_000; i++) cache.admits(`/crawl-${i}`, a.size);
    expect(cache.admits('/tail-8', a.size)).toBe(false);
  });

  it('gives not-found pages only their own share', async () => {
    const page = await entry('/page', ['article:1']);
    const cache = new PageCache({ maxBytes: page.size * 16, notFoundShare: 0.125 });
    cache.set(page);
    for (let i = 0; i < 20; i++) cache.set(await entry(`/missing-${i}`, ['notfound'], `<p>/page</p>`.repeat(20), 404));
    expect(cache.get('/page')).toBeDefined();
    expect(cache.stats().notFoundEntries).toBeLessThanOrEqual(2);
  });

  it('tells whether a purge of given tags happened since a render started', async () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    const seq = cache.seq;
    expect(cache.purgedSince(seq, ['article:1'])).toBe(false);
    cache.purge(['article:2']);
    expect(cache.purgedSince(seq, ['article:1'])).toBe(false);
    cache.purge(['article:1']);
    expect(cache.purgedSince(seq, ['article:1'])).toBe(true);
    const later = cache.seq;
    cache.purgeAll();
    expect(cache.purgedSince(later, ['anything'])).toBe(true);
  });
});

describe('the invalidation planner', () => {
  const base: ArticleState = { published: true, section: 'tech', tags: ['ai'], authors: ['lin'], publishedAt: '2026-03-05T02:00:00.000Z', flags: '', card: 'k' };
  const planner = (now: ArticleState | undefined, revisions: ArticleState[]) =>
    new InvalidationPlanner({
      current: async () => now,
      revisions: async () => revisions,
      sectionChain: async (slug) => (slug === 'ai-lab' ? ['tech', 'ai-lab'] : [slug]),
      monthOf: (iso) => ({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) }),
    });
  const saved = { type: 'article.saved', articleId: 7, status: 'published', previousStatus: 'published' } as const;

  it('purges only its own pages when neither its listings nor its card change', async () => {
    expect(await planner(base, [base, base]).plan(saved)).toEqual(['article:7', 'sitemap']);
  });

  it('purges the pages showing its card when the card changes', async () => {
    const retitled = { ...base, card: 'k2' };
    expect(await planner(retitled, [retitled, base]).plan(saved)).toEqual(['article:7', 'card:7', 'sitemap']);
  });

  it('purges old and new listings when an article moves and is retagged, and no others', async () => {
    const moved = { ...base, section: 'ai-lab', tags: ['robots'] };
    const tags = await planner(moved, [moved, base]).plan(saved);
    expect(tags).toEqual(expect.arrayContaining(['article:7', 'home', 'section:ai-lab', 'section-own:tech', 'section-own:ai-lab', 'tag:ai', 'tag:robots']));
    // Still under tech (ai-lab is its sub-section), at the same place: its card shows the change.
    for (const t of ['section:tech', 'author:lin', 'archive:2026-03', 'feed', 'notfound', 'latest', 'sitemap:index']) expect(tags).not.toContain(t);
  });

  it('purges every listing, old and new, when an article is published or re-dated', async () => {
    const draft = { ...base, published: false };
    const tags = await planner(base, [base, draft]).plan({ ...saved, previousStatus: 'draft' });
    expect(tags).toEqual(expect.arrayContaining(['home', 'feed', 'notfound', 'latest', 'archive-edge', 'archive:2026-03', 'author:lin', 'tag:ai', 'section:tech', 'sitemap:index', 'sitemap:news']));
    const redated = { ...base, publishedAt: '2026-05-01T00:00:00.000Z' };
    expect(await planner(redated, [redated, base]).plan(saved)).toEqual(expect.arrayContaining(['archive:2026-03', 'archive:2026-05']));
  });

  it('reads a re-announced article (no new revision) against its newest revision', async () => {
    const renamed = { ...base, tags: ['a-i'] };
    expect(await planner(renamed, [base, base]).plan(saved)).toEqual(expect.arrayContaining(['tag:ai', 'tag:a-i']));
  });

  it('purges every listing of a new article published at once', async () => {
    const tags = await planner(base, [base]).plan({ ...saved, previousStatus: undefined });
    expect(tags).toEqual(expect.arrayContaining(['home', 'feed', 'card:7', 'section:tech', 'tag:ai', 'author:lin', 'archive:2026-03', 'latest']));
  });

  it('purges nothing public for a draft that never was published', async () => {
    const draft = { ...base, published: false };
    expect(await planner(draft, [draft, draft]).plan(saved)).toEqual(['article:7']);
  });

  it('purges everything for a deleted article with no record, and for a dictionary change', async () => {
    expect(await planner(undefined, []).plan({ type: 'article.deleted', articleId: 7 })).toBe(EVERYTHING);
    expect(await planner(base, []).plan({ type: 'dictionary.changed' })).toBe(EVERYTHING);
  });
});

function pairs(flat: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}
