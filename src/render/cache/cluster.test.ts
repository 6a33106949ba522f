import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleView } from '../../content/views.js';
import type { Cluster, ClusterMessage } from '../../events/cluster.js';
import { articleInput, inEveryVariant, startCachedSite, type CachedSite } from './cache.testkit.js';

/** A cluster that records what this process sends and lets the test play the other processes. */
class FakeCluster implements Cluster {
  readonly sent: ClusterMessage[] = [];
  readonly #handlers: Array<(m: ClusterMessage) => void> = [];
  readonly #resync: Array<() => void> = [];
  publish(message: ClusterMessage): void {
    this.sent.push(message);
  }
  onMessage(handler: (message: ClusterMessage) => void): void {
    this.#handlers.push(handler);
  }
  onResync(handler: () => void): void {
    this.#resync.push(handler);
  }
  async close(): Promise<void> {}
  /** Another process says something. */
  deliver(message: ClusterMessage): void {
    for (const h of this.#handlers) h(message);
  }
  resync(): void {
    for (const h of this.#resync) h();
  }
}

let cluster: FakeCluster;
let site: CachedSite;
let articles: ArticleView[];

beforeAll(async () => {
  cluster = new FakeCluster();
  site = await startCachedSite({ cluster });
  articles = (await site.c.site.reader.list({}, 1, 50)).items as ArticleView[];
});
afterAll(async () => site?.close());

const xcache = async (url: string) => (await site.get(url)).headers['x-cache'];

describe('purges between processes', () => {
  it('sends each local purge to the other processes', async () => {
    const a = articles[8]!;
    cluster.sent.length = 0;
    const { version, input } = await articleInput(site.c, a.id);
    await site.c.articles.update(a.id, version, { ...input, subtitle: `${input.subtitle}。` });
    const purges = cluster.sent.filter((m) => m.type === 'cache.purge');
    expect(purges.flatMap((m) => (m.type === 'cache.purge' ? m.tags : []))).toContain(`article:${a.id}`);
  });

  it("applies another process's purge here, without sending it back", async () => {
    const a = articles[articles.length - 1]!;
    for (const x of articles) await site.get(x.url);
    // An article page that does not show `a` anywhere on it.
    const b = articles.find((x) => x.id !== a.id && !site.c.pageCaching.cache.get(x.url)!.tags.includes(`card:${a.id}`))!;
    for (const url of [...inEveryVariant(a.url), b.url]) {
      await site.get(url);
      expect(await xcache(url)).toBe('HIT');
    }
    cluster.sent.length = 0;
    cluster.deliver({ type: 'cache.purge', tags: [`article:${a.id}`, `card:${a.id}`] });
    expect(cluster.sent).toEqual([]);
    for (const url of inEveryVariant(a.url)) expect(await xcache(url)).toBe('MISS');
    expect(await xcache(b.url)).toBe('HIT');
  });

  it('drops everything on purgeAll from another process and on a resync after an outage', async () => {
    const url = articles[11]!.url;
    await site.get(url);
    cluster.deliver({ type: 'cache.purgeAll' });
    expect(await xcache(url)).toBe('MISS');
    expect(await xcache(url)).toBe('HIT');
    cluster.resync();
    expect(await xcache(url)).toBe('MISS');
  });
});
