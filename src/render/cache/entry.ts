import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { etagFor } from '../../http/etag.js';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The three bodies a cached page is kept in. */
export type Encoding = 'identity' | 'gzip' | 'br';

/** Freshness of a page as a cache holds it and as it tells CDNs and browsers. */
export interface Freshness {
  /** Seconds the page is served as is (our cache and `s-maxage`). */
  readonly ttl: number;
  /** Seconds after that it may still be served while it is rendered again. */
  readonly swr: number;
  /** Seconds browsers keep it (`max-age`): short, since only shared caches get purges. */
  readonly browserTtl: number;
}

/** Brotli quality: 11 is ~10× slower than 9 for ~3% smaller pages, paid on every miss. */
const BROTLI_QUALITY = 9;
/**
 * Brotli window, log2 bytes. Measured on 18–48 KB pages and feeds: quality 9 with the default
 * 4 MB window (22) took 8–10 ms of CPU a page; with 64 KB (16) it took about 1 ms for a body
 * within 0.1% of the size, since a page has little to refer back to beyond 64 KB anyway. On
 * every cache miss that was most of the cost of storing the page.
 */
const BROTLI_WINDOW = 16;

/** A stored response: headers and bodies, ready to write without any work per request. */
export interface CacheEntry {
  /** Request URL (path and query). */
  readonly key: string;
  readonly status: number;
  readonly tags: readonly string[];
  /**
   * The bodies made so far: the page itself always, gzip and brotli once a client has asked
   * for them (see `addEncoding`). Most pages of a large site are asked for once (crawlers, the
   * long tail): compressing each of them both ways at once cost more CPU than rendering it.
   */
  readonly bodies: { readonly identity: Buffer } & Partial<Record<Encoding, Buffer>>;
  /**
   * Complete header lists of the bodies made so far, flat `[name, value, …]` as `writeHead`
   * takes them, ending with `x-cache` whose value a stale or miss answer replaces.
   */
  readonly heads: { readonly identity: readonly string[] } & Partial<Record<Encoding, readonly string[]>>;
  /** The ETag of each encoding (a strong validator differs per content-coding), made or not. */
  readonly etags: Readonly<Record<Encoding, string>>;
  /** Headers of a 304 answer. */
  readonly notModified: readonly string[];
  /** Epoch milliseconds until which the entry is fresh, then until which it may be served stale. */
  readonly freshUntil: number;
  readonly staleUntil: number;
  /** Bytes counted against the cache's limit; grows as compressed bodies are added. */
  size: number;
  /** Purged: render again before serving, and serve this only if that fails. */
  invalid: boolean;
  /** After a failed render, the time before which no new attempt is made. */
  retryAt: number;
  /** When it was last moved to the recent end of the LRU. */
  touchedAt: number;
  /** Headers every encoding's list starts with. */
  readonly shared: readonly string[];
}

/** What a rendered response gives the cache. */
export interface EntrySource {
  readonly key: string;
  readonly status: number;
  /** The response's headers (lower-case names); hop-by-hop and length headers are dropped. */
  readonly headers: Readonly<Record<string, string | number | readonly string[] | undefined>>;
  readonly body: Buffer;
  readonly tags: readonly string[];
  readonly freshness: Freshness;
  readonly now: number;
}

/** Headers never stored: Node or the encoding sets them per response. */
const DROPPED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'content-encoding', 'etag', 'cache-control', 'vary', 'surrogate-key', 'cache-tag', 'x-cache', 'set-cookie']);

/** The Cache-Control of a cached page. */
export function cacheControl(f: Freshness): string {
  return `public, max-age=${Math.min(f.browserTtl, f.ttl)}, s-maxage=${f.ttl}, stale-while-revalidate=${f.swr}`;
}

/**
 * Prepares a rendered response for the cache: the header lists of every answer it will give,
 * and compressed bodies for `encodings` (on libuv's thread pool, not the event loop, both at
 * once). Other encodings are made when a client first asks for them (`addEncoding`).
 */
export async function buildEntry(src: EntrySource, encodings: readonly Encoding[] = []): Promise<CacheEntry> {
  const base = oneByte(etagFor(src.body).slice(0, -1));
  const etags: Record<Encoding, string> = { identity: `${base}"`, gzip: `${base}-gz"`, br: `${base}-br"` };
  const common: string[] = [];
  for (const [name, value] of Object.entries(src.headers)) {
    if (value === undefined || DROPPED.has(name)) continue;
    if (Array.isArray(value)) for (const v of value) common.push(name, String(v));
    else common.push(name, String(value));
  }
  // Not-found pages are kept briefly and never stale, by CDNs as here.
  const f = src.status === 200 ? src.freshness : { ttl: Math.min(src.freshness.ttl, NOT_FOUND_TTL), swr: 0, browserTtl: Math.min(src.freshness.browserTtl, NOT_FOUND_TTL) };
  const cc = cacheControl(f);
  // Space-separated for Fastly and Varnish, comma-separated for Cloudflare. Header values are
  // ASCII: a tag naming a Chinese slug goes out percent-encoded (see headerTag).
  const keys = src.tags.map(headerTag);
  for (let i = 1; i < common.length; i += 2) common[i] = oneByte(common[i]!);
  const shared = [...common, ...['cache-control', cc, 'vary', 'Accept-Encoding', 'surrogate-key', keys.join(' '), 'cache-tag', keys.join(',')].map(oneByte)];
  const entry: CacheEntry = {
    key: src.key,
    status: src.status,
    tags: src.tags,
    bodies: { identity: src.body },
    heads: { identity: headFor(shared, etags, 'identity', src.body) },
    etags,
    notModified: ['cache-control', cc, 'vary', 'Accept-Encoding', 'x-cache', 'HIT'],
    freshUntil: src.now + f.ttl * 1000,
    staleUntil: src.now + (f.ttl + f.swr) * 1000,
    // The page, plus what the header lists hold: their strings once (the lists share them) and
    // a pointer per slot for each of the three; the rest of the entry is a few hundred bytes.
    size: src.body.length + src.key.length * 2 + shared.reduce((n, v) => n + v.length, 0) + 3 * 8 * (shared.length + 8) + 512,
    invalid: false,
    retryAt: 0,
    touchedAt: src.now,
    shared,
  };
  await Promise.all(encodings.map((enc) => addEncoding(entry, enc)));
  return entry;
}

/**
 * Compresses an entry's page into `enc` and adds the body and its header list to the entry;
 * resolves to the bytes the entry grew by (0 when it already had that body). Call it once per
 * entry and encoding at a time: the page cache counts what it resolves to (`PageCache.grew`).
 */
export async function addEncoding(entry: CacheEntry, enc: Encoding): Promise<number> {
  if (entry.bodies[enc]) return 0;
  const src = entry.bodies.identity;
  const body =
    enc === 'gzip'
      ? exact(await gzipAsync(src, { level: 9 }))
      : exact(await brotliAsync(src, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_LGWIN]: BROTLI_WINDOW, [constants.BROTLI_PARAM_SIZE_HINT]: src.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }));
  if (entry.bodies[enc]) return 0;
  (entry.bodies as Partial<Record<Encoding, Buffer>>)[enc] = body;
  (entry.heads as Partial<Record<Encoding, readonly string[]>>)[enc] = headFor(entry.shared, entry.etags, enc, body);
  entry.size += body.length;
  return body.length;
}

function headFor(shared: readonly string[], etags: Readonly<Record<Encoding, string>>, enc: Encoding, body: Buffer): string[] {
  return [...shared, 'etag', etags[enc], ...(enc === 'identity' ? [] : ['content-encoding', enc]), 'content-length', String(body.length), 'x-cache', 'HIT'];
}

/**
 * The bytes of `buf` in a buffer of their own. zlib may hand back a view into its 16 KB output
 * chunk (brotli does for a 5 KB page): kept in the cache, the view would hold the whole chunk,
 * three times what the cache counts.
 */
function exact(buf: Buffer): Buffer {
  return buf.byteLength === buf.buffer.byteLength ? buf : Buffer.from(buf);
}

/** Seconds a not-found page is kept: a page published meanwhile must not stay hidden long. */
export const NOT_FOUND_TTL = 30;

/**
 * The same header value as a flat one-byte string. V8 keeps text made from a two-byte string
 * two-byte (a percent-encoded tag whose name was Chinese, then the list joining it), even when
 * every character is ASCII; one such value makes Node build each answer's whole header block as
 * two-byte text and convert it again on every write (some 3% of a cache hit's CPU in a perf
 * profile, within the noise of wrk's figures here). The Latin-1 round trip changes no character
 * of a value Node accepts; it runs once per stored entry.
 */
export function oneByte(value: string): string {
  // Anything beyond Latin-1 stays as it is, for Node to refuse as it would have.
  return BEYOND_LATIN1.test(value) ? value : Buffer.from(value, 'latin1').toString('latin1');
}
const BEYOND_LATIN1 = /[^\x00-\xff]/u;

/**
 * A dependency tag as it appears in `Surrogate-Key` and `Cache-Tag`: UTF-8 percent-encoded
 * wherever it is not visible ASCII or is a separator (space, comma, `%`), since Node refuses
 * other characters in headers. A CDN purge names the tag the same way.
 *
 * @example
 * headerTag('tag:經濟') // 'tag:%E7%B6%93%E6%BF%9F'
 */
export function headerTag(tag: string): string {
  return tag.replace(/[^\x21-\x24\x26-\x2b\x2d-\x7e]/gu, (c) => encodeURIComponent(c));
}

const choices = new Map<string, Encoding>();

/**
 * The encoding to answer with for an Accept-Encoding header: brotli, then gzip, then none,
 * honouring `q=0`. Results are remembered: browsers send a handful of distinct headers.
 */
export function negotiate(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const known = choices.get(header);
  if (known) return known;
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    if (name) q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const weight = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  const pick: Encoding = weight('br') > 0 ? 'br' : weight('gzip') > 0 ? 'gzip' : 'identity';
  if (choices.size < 256) choices.set(header, pick);
  return pick;
}

/** Whether an If-None-Match header matches any of the entry's ETags (weak comparison, as RFC 9110 says for GET). */
export function notModified(header: string | undefined, entry: CacheEntry): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  for (const raw of header.split(',')) {
    const t = raw.trim().replace(/^W\//, '');
    if (t === entry.etags.identity || t === entry.etags.br || t === entry.etags.gzip) return true;
  }
  return false;
}
