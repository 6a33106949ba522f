import { loadTest } from '../cannon.js';
import type { BenchContext, Measurement } from '../measure.js';
import { checked } from './article-http.js';

/**
 * Article pages where every request asks for a different, randomly picked article: what a
 * crawler or a long tail of readers costs, and the path no page cache can help with.
 * Compared with the bare server's figures from `articleHttp`, which must run first.
 */
export const randomArticle: Measurement = {
  title: 'random article pages (uncached path)',
  async run(ctx: BenchContext) {
    const server = await ctx.server();
    const rng = ctx.random();
    const urls = ctx.articles.map((a) => a.url);
    const pick = () => urls[Math.floor(rng() * urls.length)]!;
    ctx.log(`  Jiaodian, ${urls.length} articles: ${ctx.options.duration} s`);
    const f = checked(await loadTest({ origin: server.origin, path: pick, seconds: ctx.options.duration }), 'Jiaodian (random articles)', ctx.log);
    return {
      article_random_rps: { value: f.rps, unit: 'req/s', baseline: 'bare_node_rps' },
      article_random_p50_ms: { value: f.p50Ms, unit: 'ms', baseline: 'bare_node_p50_ms' },
      article_random_p99_ms: { value: f.p99Ms, unit: 'ms', baseline: 'bare_node_p99_ms' },
    };
  },
};
