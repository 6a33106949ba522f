// Test helpers for the page cache: a listening demo server (the fast path only exists on a real
// socket, not under inject), raw HTTP requests, and an oracle that re-renders pages uncached.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { testConfig } from '../../config/index.js';
import { createContainer, type Container } from '../../container.js';
import type { ArticleSnapshot } from '../../content/snapshot.js';
import { openSqlite } from '../../db/index.js';
import { loadDemo } from '../../demo/load.js';
import type { Cluster } from '../../events/cluster.js';
import { buildServer } from '../../http/server.js';
import { VARIANTS, variantPrefix } from '../../zh/variants.js';

/** A raw answer: headers as Node gives them, the body as bytes (never decoded). */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** The demo newsroom served with the page cache on, listening on a free port. */
export interface CachedSite {
  readonly c: Container;
  readonly app: FastifyInstance;
  get(path: string, headers?: Record<string, string>, method?: string): Promise<RawResponse>;
  close(): Promise<void>;
}

/** Starts the demo site with the page cache on (and `flags` over the test config). */
export async function startCachedSite(options: { cluster?: Cluster; flags?: Record<string, string> } = {}): Promise<CachedSite> {
  const dir = mkdtempSync(join(tmpdir(), 'jd-cache-'));
  const c = await createContainer(testConfig({ data: dir, 'page-cache': 'on', ...options.flags }), { db: openSqlite(':memory:'), cluster: options.cluster });
  await loadDemo(c);
  const app = await buildServer(c);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return {
    c,
    app,
    get: (path, headers = {}, method = 'GET') => rawRequest(port, path, headers, method),
    close: async () => {
      await app.close();
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function rawRequest(port: number, path: string, headers: Record<string, string>, method: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** `path` under the unprefixed mount and every variant prefix. */
export function inEveryVariant(path: string): string[] {
  return [path, ...VARIANTS.map((v) => `/${variantPrefix(v)}${path}`)];
}

/** The masthead shows the date of rendering; a new day alone is no change of content. */
function withoutClock(html: string): string {
  return html.replace(/(<p class="site-date">)<time[^>]*>[^<]*<\/time>/, '$1<time>today</time>');
}

/** The article's fields as the service takes them, to save it with some changed. */
export async function articleInput(c: Container, id: number): Promise<{ version: number; input: Omit<ArticleSnapshot, 'publishAt'> }> {
  const a = await c.site.reader.any(id);
  const { snapshot } = await c.newsroom.revisions.get(id, a.version);
  const { publishAt: _publishAt, ...input } = snapshot;
  return { version: a.version, input };
}

/**
 * For each URL: whether the cache would serve it as it is (valid and fresh), and whether a
 * render now differs from the stored copy. A page that changed but is still served is stale
 * (a bug); a page purged that did not change is an over-purge.
 */
export async function audit(site: CachedSite, urls: readonly string[]): Promise<{ stale: string[]; overPurged: string[]; purged: string[] }> {
  const stale: string[] = [];
  const overPurged: string[] = [];
  const purged: string[] = [];
  for (const url of urls) {
    const entry = site.c.pageCaching.cache.get(url);
    if (!entry) throw new Error(`${url} was not cached`);
    // A signed-in reader's request is never served from nor stored in the cache: a fresh render.
    const now = await site.app.inject({ method: 'GET', url, headers: { cookie: 'jd_session=oracle' } });
    const changed = now.statusCode !== entry.status || withoutClock(now.body) !== withoutClock(entry.bodies.identity.toString());
    if (entry.invalid) purged.push(url);
    if (changed && !entry.invalid) stale.push(url);
    if (!changed && entry.invalid) overPurged.push(url);
  }
  return { stale, overPurged, purged };
}
