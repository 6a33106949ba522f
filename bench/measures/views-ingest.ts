import { openBenchContainer } from '../load.js';
import type { BenchContext, Figure, Measurement } from '../measure.js';
import { BROWSER, zipfPicker } from './views-load.js';

/**
 * View ingestion in this process, without HTTP: `ViewIngest.record` (opt-out, bot, rate,
 * published-article and session checks, buffering) for about a second at a time, then the
 * batched write of that second (`flush`, one transaction into the SQLite file), as the server's
 * timer does, on one core. Readers are simulated as in views-load.ts: many addresses, random
 * sessions of 1–5 articles each, articles picked with a Zipf(1) popularity. The time includes
 * the flushes.
 */
export const viewsIngestInProcess: Measurement = {
  title: 'views ingestion in process (decide, buffer, batched writes)',
  async run(ctx: BenchContext): Promise<Record<string, Figure>> {
    const c = await openBenchContainer(ctx.dataDir);
    try {
      const ingest = c.views.ingest;
      await ingest.refreshKnown();
      const rng = ctx.random();
      const pick = zipfPicker(rng, ctx.articles.map((a) => a.id));
      let sid = '';
      let address = '';
      let left = 0;
      const beacon = () => {
        if (left === 0) {
          sid = `${Math.floor(rng() * 2 ** 48).toString(16).padStart(12, '0')}${Math.floor(rng() * 2 ** 48).toString(16).padStart(12, '0')}`;
          const n = Math.floor(rng() * 50_000);
          address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
          left = 1 + Math.floor(rng() * 5);
        }
        left--;
        return { articleId: pick(), sessionId: sid, address, userAgent: BROWSER, optedOut: false };
      };
      const run = async (ms: number) => {
        let n = 0;
        let flushMs = 0;
        let flushTotal = 0;
        let flushes = 0;
        const start = performance.now();
        while (performance.now() - start < ms) {
          const second = performance.now();
          while (performance.now() - second < 1000) for (let i = 0; i < 256; i++, n++) ingest.record(beacon());
          const f = performance.now();
          await ingest.flush();
          const took = performance.now() - f;
          flushMs = Math.max(flushMs, took);
          flushTotal += took;
          flushes++;
        }
        return { perS: n / ((performance.now() - start) / 1000), flushMs, flushMean: flushTotal / flushes, perFlush: n / flushes };
      };
      await run(1000);
      (globalThis as { gc?: () => void }).gc?.();
      const before = ingest.stats();
      const seconds = Math.min(5, ctx.options.duration);
      const r = await run(seconds * 1000);
      const after = ingest.stats();
      // The server trims co-visit rows every minute as it goes; do the same once here, untimed,
      // so that later measurements start from the state a running server keeps.
      for (let trimmed = 0; trimmed < ctx.articles.length; trimmed += 2000) await ingest.maintain();
      const seen = after.counted + after.duplicate + after.limited + after.dropped - (before.counted + before.duplicate + before.limited + before.dropped);
      ctx.log(
        `  ${r.perS.toFixed(0)} beacons/s with flushes; ${(((after.counted - before.counted) / seen) * 100).toFixed(1)}% counted; ` +
          `flush of ~${r.perFlush.toFixed(0)} beacons: mean ${r.flushMean.toFixed(0)} ms, slowest ${r.flushMs.toFixed(0)} ms (a WAL checkpoint can land in one)`,
      );
      return {
        views_ingest_per_s: { value: r.perS, unit: 'beacons/s' },
        views_flush_mean_ms: { value: r.flushMean, unit: 'ms' },
        views_flush_max_ms: { value: r.flushMs, unit: 'ms' },
      };
    } finally {
      await c.close();
    }
  },
};
