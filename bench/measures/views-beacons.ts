import { loadTest, WARMUP_SECONDS } from '../cannon.js';
import type { BenchContext, Figure, Measurement } from '../measure.js';
import { cpuSeconds, HOST } from '../processes.js';
import { checked } from './article-http.js';
import { beaconLoad, BROWSER, readers, zipfPicker, type BeaconSpec } from './views-load.js';
import { rssMb, startPinned, storedViews } from './views-server.js';

/** Connections of the saturating beacon runs: browsers hold one each. */
const BEACON_CONNECTIONS = 100;
/** Issue 5's target: beacons a second on one core; the baseline of the ingestion figures. */
const BEACON_TARGET_PER_S = 20_000;

/**
 * The views beacon over HTTP (issue 5): how many beacons one server process on one CPU takes
 * per second, whether article pages keep their rate while beacons arrive, and whether memory
 * stays bounded under a long run of ever new readers.
 *
 * It starts its own server on the same data folder (views-server.ts: pinned to one CPU, and
 * trusting X-Forwarded-For from loopback so that the load's simulated readers have addresses of
 * their own, as behind a reverse proxy), with the page cache off: the pages whose rate beacons
 * must not slow are rendered ones (a cached page costs a tenth of one and would turn the
 * comparison into one of beacons against cache hits). Beacons come from views-load.ts, a raw-socket client
 * (autocannon with a body per request is slower than the server here); readers read 1–5
 * articles each, picked with a Zipf(1) popularity.
 */
export const viewsBeacons: Measurement = {
  title: 'views beacon over HTTP: ingestion, page rate under beacons, memory',
  async run(ctx: BenchContext): Promise<Record<string, Figure>> {
    const server = await startPinned(ctx, { env: { JIAODIAN_PAGE_CACHE: 'off' } });
    try {
      const pagePath = ctx.articles[ctx.articles.length - 1]!.url;
      const rng = ctx.random();
      const pick = zipfPicker(rng, ctx.articles.map((a) => a.id));
      const seconds = ctx.options.duration;
      const beacons = (o: { seconds: number; connections: number; rate?: number; next: () => BeaconSpec }) => checkedBeacons(server.port, o);
      // Warm the JIT on both paths before anything is measured.
      await loadTest({ origin: server.origin, path: pagePath, seconds: 1 });
      await beacons({ seconds: 2, connections: BEACON_CONNECTIONS, next: readers(rng, pick, 50_000) });
      const rssBefore = await rssMb(server.pid);

      // Pages alone and pages with beacons, alternated twice (A B A B) so that drift in the
      // machine's load affects both sides alike; each side is the mean of its two runs. Besides
      // requests per second, each run gives pages per CPU-second of the server: on a machine
      // where other work takes turns on the server's CPU, that ratio is what a dedicated core
      // would show (the share of the server's time that still goes to pages).
      const alone: Array<{ rps: number; perCpu: number }> = [];
      const withBeacons: Array<{ rps: number; perCpu: number }> = [];
      const beaconRates: number[] = [];
      let rate = 1000;
      const pages = async (alongside?: Promise<{ rps: number }>) => {
        const cpu = await cpuSeconds(server.pid);
        const [f, sent] = await Promise.all([loadTest({ origin: server.origin, path: pagePath, seconds }), alongside]);
        const used = (await cpuSeconds(server.pid)) - cpu;
        if (sent) beaconRates.push(sent.rps);
        const rps = checked(f, alongside ? 'pages with beacons' : 'pages alone', ctx.log).rps;
        return { rps, perCpu: (rps * (seconds + WARMUP_SECONDS)) / used };
      };
      for (let round = 1; round <= 2; round++) {
        ctx.log(`  round ${round}: article page alone, ${seconds} s`);
        alone.push(await pages());
        // Every page view sends one beacon: at least as many beacons as pages the server renders,
        // and never fewer than 1,000 a second (more than one per page here; behind a page cache
        // a server sees more beacons per page it renders, but renders correspondingly fewer).
        // Enough connections that beacons queued behind page renders do not slow the rate.
        rate = Math.max(1000, Math.round(alone[0]!.rps));
        ctx.log(`  round ${round}: article page with ${rate} beacons/s alongside, ${seconds} s`);
        withBeacons.push(await pages(beacons({ seconds: seconds + WARMUP_SECONDS, connections: 400, rate, next: readers(rng, pick, 20_000) })));
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

      ctx.log(`  beacons alone, as fast as the server answers: ${seconds} s`);
      const cpuStart = await cpuSeconds(server.pid);
      const ingest = await beacons({ seconds, connections: BEACON_CONNECTIONS, next: readers(rng, pick, 50_000) });
      const cpuUsed = (await cpuSeconds(server.pid)) - cpuStart;
      const rssAfterIngest = await rssMb(server.pid);

      // The worst case for memory: every beacon a new reader from a new address, in three legs;
      // bounded memory shows as the last leg adding (almost) nothing.
      ctx.log(`  long run, every beacon a new reader: 3 × ${seconds} s`);
      const fresh = readers(rng, pick, Number.POSITIVE_INFINITY);
      const legs: number[] = [];
      for (let leg = 0; leg < 3; leg++) {
        await beacons({ seconds, connections: BEACON_CONNECTIONS, next: fresh });
        legs.push(await rssMb(server.pid));
      }
      const rssAfterLong = legs[2]!;
      const show = (xs: Array<{ rps: number; perCpu: number }>) => xs.map((x) => `${x.rps.toFixed(0)} (${x.perCpu.toFixed(0)}/CPU-s)`).join(', ');
      ctx.log(`  pages ${show(alone)} req/s alone; ${show(withBeacons)} with ${beaconRates.map((x) => x.toFixed(0)).join(', ')} beacons/s (target ${rate})`);
      ctx.log(`  server on ${server.cpu}: ${(ingest.requests / cpuUsed).toFixed(0)} beacons per CPU-second; RSS ${rssBefore.toFixed(0)} → ${rssAfterIngest.toFixed(0)} → ${legs.map((x) => x.toFixed(0)).join(' → ')} MB`);

      await server.stop(); // SIGTERM: the server writes its buffer on the way out
      const stored = await storedViews(ctx.dataDir);
      ctx.log(`  ${stored} views stored in all (after de-duplication and rate limits)`);
      return {
        beacon_http_per_s: { value: ingest.rps, unit: 'beacons/s', baseline: 'beacon_target_per_s' },
        beacon_http_per_cpu_s: { value: ingest.requests / cpuUsed, unit: 'beacons/CPU-s', baseline: 'beacon_target_per_s' },
        beacon_target_per_s: { value: BEACON_TARGET_PER_S, unit: 'beacons/s' },
        beacon_http_p99_ms: { value: ingest.p99Ms, unit: 'ms' },
        views_page_rps_alone: { value: mean(alone.map((x) => x.rps)), unit: 'req/s' },
        views_page_rps_with_beacons: { value: mean(withBeacons.map((x) => x.rps)), unit: 'req/s', baseline: 'views_page_rps_alone' },
        views_page_per_cpu_s_alone: { value: mean(alone.map((x) => x.perCpu)), unit: 'pages/CPU-s' },
        views_page_per_cpu_s_with_beacons: { value: mean(withBeacons.map((x) => x.perCpu)), unit: 'pages/CPU-s', baseline: 'views_page_per_cpu_s_alone' },
        // What arrived, which can fall short of the target while pages hold the server.
        views_concurrent_beacons_per_s: { value: mean(beaconRates), unit: 'beacons/s' },
        views_rss_before_mb: { value: rssBefore, unit: 'MB' },
        views_rss_after_ingest_mb: { value: rssAfterIngest, unit: 'MB', baseline: 'views_rss_before_mb' },
        views_rss_after_long_run_mb: { value: rssAfterLong, unit: 'MB', baseline: 'views_rss_before_mb' },
        views_rss_last_leg_growth_mb: { value: legs[2]! - legs[1]!, unit: 'MB' },
        views_stored: { value: stored, unit: 'views' },
      };
    } finally {
      await server.stop();
    }
  },
};

/** A beacon load that refuses a run where more than 1% failed. */
async function checkedBeacons(port: number, o: { seconds: number; connections: number; rate?: number; next: () => BeaconSpec }) {
  const f = await beaconLoad({ host: HOST, port, userAgent: BROWSER, ...o });
  if (f.requests === 0 || f.failures > f.requests * 0.01) throw new Error(`beacons: ${f.failures} of ${f.requests} failed; figures would be meaningless`);
  return f;
}
