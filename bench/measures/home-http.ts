import { availableParallelism } from 'node:os';
import { loadTest, WARMUP_SECONDS, type LoadFigures } from '../cannon.js';
import type { BenchContext, Figure, Measurement } from '../measure.js';
import { checked } from './article-http.js';
import { startPinned, treeCpuSeconds } from './views-server.js';

/** Issue 8's targets on a 2-core machine, with the page cache off: the baselines of the ratios. */
export const UNCACHED_TARGETS = { article: 1500, home: 1000 } as const;

/**
 * The uncached path over HTTP (issue 8): a server of its own with the page cache off
 * (`JIAODIAN_PAGE_CACHE=off`, so every request builds and renders its page), not pinned to a
 * CPU, serving article pages picked at random from the whole corpus (every request a different
 * article: the long tail and crawlers), twice (new server, then caches filled), and then the
 * home page. Then the same random articles from `jiaodian serve --workers N` with one worker per
 * CPU, as a site is run on a machine of several cores. The targets are figures of their
 * own and the baselines of the ratios.
 */
export const uncachedHttp: Measurement = {
  title: 'uncached pages over HTTP (page cache off): random articles, home page; one process, then one per CPU',
  async run(ctx: BenchContext): Promise<Record<string, Figure>> {
    const rng = ctx.random();
    const urls = ctx.articles.map((a) => a.url);
    const pick = () => urls[Math.floor(rng() * urls.length)]!;
    const single = await startPinned(ctx, { pinned: false, env: { JIAODIAN_PAGE_CACHE: 'off' } });
    let cold: Run, article: Run, home: Run;
    try {
      // A new server loads the segmenter and relearns keyword statistics in the background:
      // measuring before that is done would charge it to the pages.
      await idle(single.pid, ctx.log);
      // A new server has read no card and converted none: the first run mostly fills the
      // reader's caches (cards, their conversions, their markup), the second is the steady state
      // of a server that has been up a while. Both are reported; the second is the figure.
      cold = await measureRun(ctx, single.pid, `random articles of ${urls.length}, new server`, single.origin, pick);
      article = await measureRun(ctx, single.pid, `random articles of ${urls.length}, caches filled`, single.origin, pick);
      home = await measureRun(ctx, single.pid, 'home page', single.origin, '/');
    } finally {
      await single.stop();
    }
    // How a site is deployed on a machine of several cores: `jiaodian serve --workers N`, one
    // process per CPU (the load generator shares them). Same pages, same warm-up.
    const workers = availableParallelism();
    const many = await startPinned(ctx, { pinned: false, env: { JIAODIAN_PAGE_CACHE: 'off' }, args: ['--workers', String(workers)] });
    let spread: Run;
    try {
      await idle(many.pid, ctx.log);
      await measureRun(ctx, many.pid, `random articles, ${workers} workers, new server`, many.origin, pick);
      spread = await measureRun(ctx, many.pid, `random articles, ${workers} workers, caches filled`, many.origin, pick);
    } finally {
      await many.stop();
    }
    return {
      article_uncached_rps: { value: article.rps, unit: 'req/s', baseline: 'article_uncached_target_rps' },
      article_uncached_per_cpu_s: { value: article.perCpu, unit: 'pages/CPU-s', baseline: 'article_uncached_target_rps' },
      article_uncached_p99_ms: { value: article.p99Ms, unit: 'ms' },
      article_uncached_target_rps: { value: UNCACHED_TARGETS.article, unit: 'req/s' },
      article_uncached_cold_rps: { value: cold.rps, unit: 'req/s', baseline: 'article_uncached_target_rps' },
      article_uncached_cold_per_cpu_s: { value: cold.perCpu, unit: 'pages/CPU-s', baseline: 'article_uncached_target_rps' },
      article_uncached_cold_p99_ms: { value: cold.p99Ms, unit: 'ms' },
      article_uncached_workers_rps: { value: spread.rps, unit: 'req/s', baseline: 'article_uncached_target_rps' },
      article_uncached_workers_p99_ms: { value: spread.p99Ms, unit: 'ms' },
      article_uncached_workers: { value: workers, unit: 'processes' },
      home_uncached_rps: { value: home.rps, unit: 'req/s', baseline: 'home_uncached_target_rps' },
      home_uncached_per_cpu_s: { value: home.perCpu, unit: 'pages/CPU-s', baseline: 'home_uncached_target_rps' },
      home_uncached_p99_ms: { value: home.p99Ms, unit: 'ms' },
      home_uncached_target_rps: { value: UNCACHED_TARGETS.home, unit: 'req/s' },
    };
  },
};

type Run = LoadFigures & { readonly perCpu: number };

/**
 * One load run of `--duration` seconds, with pages per CPU-second of the server (its /proc CPU
 * time over the run, workers included): on a machine shared with other work the request rate
 * says how much CPU the server got, the per-CPU figure what it does with it.
 */
async function measureRun(ctx: BenchContext, pid: number, name: string, origin: string, path: string | (() => string)): Promise<Run> {
  const seconds = ctx.options.duration;
  ctx.log(`  ${name}: ${seconds} s`);
  const before = await treeCpuSeconds(pid);
  const f = checked(await loadTest({ origin, path, seconds }), `${name} (page cache off)`, ctx.log);
  const used = (await treeCpuSeconds(pid)) - before;
  // loadTest warms up first at about the measured rate; its CPU time is in `used` too.
  const perCpu = (f.rps * (seconds + WARMUP_SECONDS)) / used;
  ctx.log(`  ${name}: ${f.rps.toFixed(0)} req/s, ${perCpu.toFixed(0)} per server CPU-second, p99 ${f.p99Ms.toFixed(1)} ms`);
  return { ...f, perCpu };
}

/** Waits until the process and its workers use under 5% of a CPU over a second (at most 60 s). */
async function idle(pid: number, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const before = await treeCpuSeconds(pid);
    await new Promise((r) => setTimeout(r, 1000));
    const used = (await treeCpuSeconds(pid)) - before;
    if (!(used > 0.05)) return;
    if (Date.now() > deadline) return log(`  warning: the server still used ${(used * 100).toFixed(0)}% of a CPU after 60 s; measuring anyway`);
  }
}
