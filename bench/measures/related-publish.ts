import { existsSync } from 'node:fs';
import type { Container } from '../../src/container.js';
import { openBenchContainer } from '../load.js';
import type { BenchContext, Figure, Measurement } from '../measure.js';
import { largeCorpusDir, largeExportArticles } from './export.js';

/** Publishes timed: enough for a stable p95 (the 95th percentile is the 10th slowest of 200). */
const SAMPLES = 200;
/** Untimed publishes first: jieba's dictionary, the site IDF and the JIT warm up on these. */
const WARMUP = 20;
/** Issue 5's target for one publish's related lists at 100,000 articles. */
const TARGET_P95_MS = 50;

/**
 * What related reading adds to one publish (issue 5 asks p95 ≤ 50 ms at 100,000 articles):
 * `RelatedService.refresh` for a random stored article, exactly what the `article.saved`
 * listener runs: segmenting and weighing its text, the bounded inverted-index lookup, scoring,
 * storing its vector and list, and entering the lists of the articles it is most similar to.
 *
 * Every sampled article is first withdrawn (untimed), so each timed refresh is a first
 * publish into a full corpus rather than a no-op update; the corpus ends as it started.
 * The corpus size is the run's `--articles`, whose loading already built every list through
 * the same listener. It runs after the HTTP figures, so its writes never overlap them.
 */
export const relatedPublish: Measurement = {
  title: 'related-list computation per publish',
  async run(ctx: BenchContext) {
    const figures = await timePublishes(ctx, ctx.dataDir, () => ctx.articles.map((a) => a.id), 'related_publish');
    // Reported here only (a figure has one source): the large-corpus figures use it as their baseline too.
    return { ...figures, related_publish_target_p95_ms: { value: TARGET_P95_MS, unit: 'ms' } };
  },
};

/**
 * The same on the large corpus (BENCH_EXPORT_ARTICLES, e.g. 100,000 articles, the size the
 * issue names), which the export measure stores; left out without it. Its related lists and
 * terms were stored in bulk, so the timed refreshes search a full index of that size.
 */
export const relatedPublishLarge: Measurement = {
  title: 'related-list computation per publish on the large corpus',
  async run(ctx: BenchContext) {
    const dataDir = largeCorpusDir(ctx);
    if (largeExportArticles() === undefined || !existsSync(dataDir)) {
      ctx.log('  BENCH_EXPORT_ARTICLES is not set: no large corpus, so no large-corpus publish figure.');
      return {};
    }
    const published = async (c: Container) => (await c.db.kysely.selectFrom('articles').select('id').where('status', '=', 'published').execute()).map((r) => r.id);
    return timePublishes(ctx, dataDir, published, 'related_publish_large');
  },
};

/**
 * Times `RelatedService.refresh` for random articles of the corpus at `dataDir`, picked from the
 * ids `idsOf` gives (read through the same container); figures named `name_…`.
 */
async function timePublishes(ctx: BenchContext, dataDir: string, idsOf: (c: Container) => readonly number[] | Promise<readonly number[]>, name: string): Promise<Record<string, Figure>> {
  const c = await openBenchContainer(dataDir);
  try {
    const articleIds = await idsOf(c);
    const related = c.related.service;
    const rng = ctx.random();
    const pick = () => articleIds[Math.floor(rng() * articleIds.length)]!;
    const ids = Array.from({ length: Math.min(SAMPLES, articleIds.length) }, pick);
    for (let i = 0; i < WARMUP; i++) await related.refresh(pick());
    const wall: number[] = [];
    const cpu: number[] = [];
    let listed = 0;
    for (const id of ids) {
      await related.withdraw(id);
      const start = performance.now();
      const used = process.cpuUsage();
      listed += (await related.refresh(id)).length;
      const d = process.cpuUsage(used);
      wall.push(performance.now() - start);
      cpu.push((d.user + d.system) / 1000);
    }
    const w = percentiles(wall);
    const c2 = percentiles(cpu);
    ctx.log(
      `  ${ids.length} publishes into ${articleIds.length} articles: p50 ${w(0.5).toFixed(1)} ms, p95 ${w(0.95).toFixed(1)} ms, max ${w(1).toFixed(1)} ms` +
        ` (CPU p50 ${c2(0.5).toFixed(1)} ms, p95 ${c2(0.95).toFixed(1)} ms); ${(listed / ids.length).toFixed(1)} related per article`,
    );
    return {
      [`${name}_articles`]: { value: articleIds.length, unit: 'articles' },
      [`${name}_p50_ms`]: { value: w(0.5), unit: 'ms' },
      [`${name}_p95_ms`]: { value: w(0.95), unit: 'ms', baseline: 'related_publish_target_p95_ms' },
      // CPU time of this process: the same work without the waits for a CPU that a busy
      // machine adds to the wall-clock figures.
      [`${name}_cpu_p50_ms`]: { value: c2(0.5), unit: 'ms' },
      [`${name}_cpu_p95_ms`]: { value: c2(0.95), unit: 'ms' },
    };
  } finally {
    await c.close();
  }
}

/** Nearest-rank percentiles of a sample. */
function percentiles(sample: readonly number[]): (q: number) => number {
  const sorted = [...sample].sort((a, b) => a - b);
  return (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
