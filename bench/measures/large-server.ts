import { existsSync } from 'node:fs';
import { loadTest } from '../cannon.js';
import { openBenchContainer } from '../load.js';
import type { BenchContext, Figure, Measurement } from '../measure.js';
import { checked } from './article-http.js';
import { largeCorpusDir, largeExportArticles } from './export.js';
import { memoryMb, startPinned } from './views-server.js';

/** Issue 8's memory target for a server of a 100,000-article site. */
const RSS_TARGET_MB = 300;
/**
 * Random traffic runs in slices of `--duration` seconds until a slice raises the peak by less
 * than SETTLED_MB, at most MAX_SLICES: the caches fill at the rate pages are rendered, so a
 * fixed time measured a fast machine's server fuller than a slow one's (361 MB after 5 s, about
 * 430 MB once full, on the same code).
 */
const MAX_SLICES = 8;
const SETTLED_MB = 4;
/** Variant prefixes a reader may use: each is a page of its own, converted on first request. */
const PREFIXES = ['', '/zh-hans', '/zh-hant', '/zh-tw', '/zh-hk'];

/**
 * The server's memory on the large corpus (the one the export measure builds when
 * BENCH_EXPORT_ARTICLES is set, e.g. 100,000 articles): a server of its own with the default
 * settings (page cache on), under the traffic that fills every cache a server keeps, namely
 * random articles of the whole corpus in all five forms (crawlers and the long tail) until memory
 * stops growing, then one article over and over, the home page, and a few searches. Peak RSS is
 * the kernel's high-water mark (VmHWM) after all of it; steady RSS is VmRSS at the end.
 */
export const largeServer: Measurement = {
  title: 'server memory on the large corpus',
  async run(ctx: BenchContext): Promise<Record<string, Figure>> {
    const articles = largeExportArticles();
    const dataDir = largeCorpusDir(ctx);
    if (articles === undefined || !existsSync(dataDir)) {
      ctx.log('  BENCH_EXPORT_ARTICLES is not set: no large corpus, so no large-server memory figure.');
      return {};
    }
    const urls = await articleUrls(dataDir);
    const server = await startPinned({ ...ctx, dataDir }, { pinned: false });
    try {
      const rng = ctx.random();
      const seconds = ctx.options.duration;
      const pick = () => PREFIXES[Math.floor(rng() * PREFIXES.length)]! + urls[Math.floor(rng() * urls.length)]!;
      ctx.log(`  random articles of ${urls.length} in five forms, page cache on: ${seconds} s at a time until memory settles`);
      let peak = 0;
      let requests = 0;
      let slices = 0;
      while (slices < MAX_SLICES) {
        const run = checked(await loadTest({ origin: server.origin, path: pick, seconds }), 'large corpus, random articles', ctx.log);
        requests += run.rps * seconds;
        slices++;
        const now = (await memoryMb(server.pid)).peak;
        ctx.log(`  ${run.rps.toFixed(0)} req/s, peak RSS ${now.toFixed(0)} MB`);
        // Without /proc (NaN) there is nothing to wait for.
        const settled = !(now - peak >= SETTLED_MB);
        peak = now;
        if (settled) break;
      }
      const randomRps = requests / (slices * seconds);
      ctx.log('  then one article, the home page and searches');
      await loadTest({ origin: server.origin, path: urls[0]!, seconds: Math.min(3, seconds) });
      await loadTest({ origin: server.origin, path: '/', seconds: Math.min(3, seconds) });
      const queries = ['經濟', '新能源', '颱風', '港口', '科技'];
      let q = 0;
      await loadTest({ origin: server.origin, path: () => `/search?q=${encodeURIComponent(queries[q++ % queries.length]!)}`, seconds: Math.min(3, seconds) });
      const { peak: finalPeak, now: steady } = await memoryMb(server.pid);
      if (Number.isNaN(finalPeak)) return {};
      ctx.log(`  ${articles} articles: peak RSS ${finalPeak.toFixed(0)} MB, ${steady.toFixed(0)} MB at the end`);
      return {
        server_large_articles: { value: articles, unit: 'articles' },
        server_large_peak_rss_mb: { value: finalPeak, unit: 'MB', baseline: 'server_rss_target_mb' },
        server_large_end_rss_mb: { value: steady, unit: 'MB', baseline: 'server_rss_target_mb' },
        server_large_random_rps: { value: randomRps, unit: 'req/s' },
        server_large_random_seconds: { value: slices * seconds, unit: 's' },
        server_rss_target_mb: { value: RSS_TARGET_MB, unit: 'MB' },
      };
    } finally {
      await server.stop();
    }
  },
};

/** Every published article's URL path, read through the reader as the sitemaps do. */
async function articleUrls(dataDir: string): Promise<string[]> {
  const c = await openBenchContainer(dataDir);
  try {
    const out: string[] = [];
    for (let offset = 0; ; offset += 5000) {
      const refs = await c.site.reader.refs(offset, 5000);
      for (const r of refs) out.push(r.url);
      if (refs.length < 5000) return out;
    }
  } finally {
    await c.close();
  }
}
