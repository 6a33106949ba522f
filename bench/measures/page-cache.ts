import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadFigures } from '../cannon.js';
import type { BenchContext, Figure, Measurement } from '../measure.js';
import { startBareServer } from '../processes.js';
import { loadFixedPath, loadTool } from '../wrk.js';
import { checked } from './article-http.js';

/** Seconds of each run here at most: eight runs, and the figures settle well within this. */
const MAX_SECONDS = 4;
/**
 * Runs per side, interleaved (Jiaodian, bare, Jiaodian, bare): other load on the machine only
 * ever slows a run down, so each side's best run is the one least disturbed.
 */
const ROUNDS = 2;

/**
 * Cached pages (src/render/cache) against a bare `node:http` server answering the same bytes,
 * with the same load tool (wrk when installed, autocannon otherwise), never both under load at
 * once: the newest article page, then the home page. Each page is requested once first, so the
 * measured runs are all hits; they are refused if the page does not come from the cache. Each
 * side's figures are those of its best of `ROUNDS` interleaved runs.
 */
export const pageCache: Measurement = {
  title: `page cache: cached pages vs a bare node:http server (${loadTool()})`,
  async run(ctx: BenchContext) {
    const server = await ctx.server();
    const seconds = Math.min(MAX_SECONDS, ctx.options.duration);
    const article = await newestArticlePath(server.origin);
    const figures: Record<string, Figure> = {};
    for (const [name, path] of [
      ['article', article],
      ['home', '/'],
    ] as const) {
      const page = await cachedPage(server.origin, path);
      ctx.log(`  ${name} ${path}: ${(page.bytes.length / 1024).toFixed(1)} KB, ${seconds} s per side`);
      const file = join(ctx.workDir, `cached-${name}.bin`);
      await writeFile(file, page.bytes);
      const bare = await startBareServer(ctx.leftovers, file, page.contentType);
      const runs: { jd: LoadFigures[]; bare: LoadFigures[] } = { jd: [], bare: [] };
      try {
        for (let round = 0; round < ROUNDS; round++) {
          runs.jd.push(checked(await loadFixedPath(server.origin, path, seconds), `cached ${name}`, ctx.log));
          runs.bare.push(checked(await loadFixedPath(bare.origin, path, seconds), `the bare server (${name})`, ctx.log));
        }
      } finally {
        await bare.stop();
      }
      const [jd, base] = [best(runs.jd), best(runs.bare)];
      ctx.log(`    Jiaodian ${runs.jd.map((r) => r.rps.toFixed(0)).join(', ')} req/s; bare ${runs.bare.map((r) => r.rps.toFixed(0)).join(', ')} req/s`);
      Object.assign(figures, {
        [`cached_${name}_rps`]: { value: jd.rps, unit: 'req/s', baseline: `cached_${name}_bare_rps` },
        [`cached_${name}_p99_ms`]: { value: jd.p99Ms, unit: 'ms', baseline: `cached_${name}_bare_p99_ms` },
        [`cached_${name}_bare_rps`]: { value: base.rps, unit: 'req/s' },
        [`cached_${name}_bare_p99_ms`]: { value: base.p99Ms, unit: 'ms' },
      });
    }
    return figures;
  },
};

function best(runs: readonly LoadFigures[]): LoadFigures {
  return runs.reduce((a, b) => (b.rps > a.rps ? b : a));
}

/** The page's bytes and type as the cache serves them; throws unless the second answer is a hit. */
async function cachedPage(origin: string, path: string): Promise<{ bytes: Buffer; contentType: string }> {
  await (await fetch(origin + path)).arrayBuffer();
  // fetch asks for gzip and br; the load tools ask for nothing, so ask for the same identity bytes.
  const res = await fetch(origin + path, { headers: { 'accept-encoding': 'identity' } });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}, expected 200`);
  if (res.headers.get('x-cache') !== 'HIT') throw new Error(`GET ${path} was not served from the page cache (X-Cache: ${res.headers.get('x-cache')}); is JIAODIAN_PAGE_CACHE off?`);
  return { bytes, contentType: res.headers.get('content-type') ?? 'text/html; charset=utf-8' };
}

async function newestArticlePath(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/articles?limit=1`);
  const url = ((await res.json()) as { articles?: Array<{ url?: unknown }> }).articles?.[0]?.url;
  if (!res.ok || typeof url !== 'string' || !url.startsWith('/')) throw new Error(`GET /api/v1/articles?limit=1 gave no article url (status ${res.status})`);
  return url;
}
