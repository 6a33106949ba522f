import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadFigures } from '../cannon.js';
import type { BenchContext, Figure, Measurement } from '../measure.js';
import { startBareServer } from '../processes.js';
import { loadFixedPath, loadTool } from '../wrk.js';
import { checked } from './article-http.js';

/** Seconds of each run here at most: eighteen runs, and the figures settle well within this. */
const MAX_SECONDS = 3;
/**
 * Runs per side, interleaved (Jiaodian, bare, Jiaodian, bare, …): other load on the machine only
 * ever slows a run down, so each side's best run is the one least disturbed. On a shared
 * virtual machine a slow spell lasts seconds to a minute and either side's rate halves in
 * it; three shorter rounds give each side more chances to run in a quiet one than two long ones.
 */
const ROUNDS = 3;

/**
 * Cached pages (src/render/cache) against a bare `node:http` server answering the same bytes,
 * with the same load tool (wrk when installed, autocannon otherwise), never two under load at
 * once: the newest article page, then the home page. Each page is requested once first, so the
 * measured runs are all hits; they are refused if the page does not come from the cache. Each
 * side's figures are those of its best of `ROUNDS` interleaved runs.
 *
 * Two baselines: the page's body with only a content type (`…_bare_rps`), and the whole
 * response as Jiaodian sent it, headers included (`…_bare_same_headers_rps`). Jiaodian's
 * headers (security policy, Surrogate-Key and Cache-Tag naming every article the page shows,
 * ETag, Vary) are some 1.3 KB that any server would pay to write; the second ratio isolates
 * what serving from the cache costs on top of writing those bytes.
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
      const headersFile = join(ctx.workDir, `cached-${name}.headers.json`);
      await writeFile(headersFile, JSON.stringify(page.headers));
      const bare = await startBareServer(ctx.leftovers, file, page.contentType);
      const same = await startBareServer(ctx.leftovers, file, page.contentType, headersFile);
      const runs: { jd: LoadFigures[]; bare: LoadFigures[]; same: LoadFigures[] } = { jd: [], bare: [], same: [] };
      try {
        for (let round = 0; round < ROUNDS; round++) {
          runs.jd.push(checked(await loadFixedPath(server.origin, path, seconds, server.pid), `cached ${name}`, ctx.log));
          runs.bare.push(checked(await loadFixedPath(bare.origin, path, seconds, bare.pid), `the bare server (${name})`, ctx.log));
          runs.same.push(checked(await loadFixedPath(same.origin, path, seconds, same.pid), `the bare server with Jiaodian's headers (${name})`, ctx.log));
        }
      } finally {
        await Promise.all([bare.stop(), same.stop()]);
      }
      const [jd, base, sameBase] = [best(runs.jd), best(runs.bare), best(runs.same)];
      const list = (rs: readonly LoadFigures[]) => rs.map((r) => r.rps.toFixed(0)).join(', ');
      ctx.log(`    Jiaodian ${list(runs.jd)} req/s; bare ${list(runs.bare)} req/s; bare with the same headers ${list(runs.same)} req/s`);
      const [jdCpu, bareCpu, sameCpu] = [perCpu(runs.jd), perCpu(runs.bare), perCpu(runs.same)];
      if (Number.isFinite(jdCpu)) ctx.log(`    per server CPU-second: Jiaodian ${jdCpu.toFixed(0)}, bare ${bareCpu.toFixed(0)}, bare with the same headers ${sameCpu.toFixed(0)}`);
      Object.assign(figures, {
        [`cached_${name}_rps`]: { value: jd.rps, unit: 'req/s', baseline: `cached_${name}_bare_rps` },
        [`cached_${name}_p99_ms`]: { value: jd.p99Ms, unit: 'ms', baseline: `cached_${name}_bare_p99_ms` },
        [`cached_${name}_bare_rps`]: { value: base.rps, unit: 'req/s' },
        [`cached_${name}_bare_p99_ms`]: { value: base.p99Ms, unit: 'ms' },
        [`cached_${name}_rps_vs_same_headers`]: { value: jd.rps, unit: 'req/s', baseline: `cached_${name}_bare_same_headers_rps` },
        [`cached_${name}_bare_same_headers_rps`]: { value: sameBase.rps, unit: 'req/s' },
        [`cached_${name}_header_kb`]: { value: page.headerBytes / 1024, unit: 'KB' },
      });
      if (Number.isFinite(jdCpu)) {
        Object.assign(figures, {
          [`cached_${name}_per_cpu_s`]: { value: jdCpu, unit: 'req/CPU-s', baseline: `cached_${name}_bare_per_cpu_s` },
          [`cached_${name}_bare_per_cpu_s`]: { value: bareCpu, unit: 'req/CPU-s' },
          [`cached_${name}_per_cpu_s_vs_same_headers`]: { value: jdCpu, unit: 'req/CPU-s', baseline: `cached_${name}_bare_same_headers_per_cpu_s` },
          [`cached_${name}_bare_same_headers_per_cpu_s`]: { value: sameCpu, unit: 'req/CPU-s' },
        });
      }
    }
    return figures;
  },
};

/**
 * Requests per CPU-second of the server over all of a side's runs (NaN without CPU figures).
 * Throughput on this two-core machine moves by a third between runs as other work takes turns
 * on the CPUs; the server's own CPU per request hardly does, and tells what the cache path
 * costs on a core of its own.
 */
function perCpu(runs: readonly LoadFigures[]): number {
  let requests = 0;
  let cpu = 0;
  for (const r of runs) {
    if (r.serverCpuSeconds === undefined || !(r.serverCpuSeconds > 0)) return Number.NaN;
    requests += r.requests;
    cpu += r.serverCpuSeconds;
  }
  return requests / cpu;
}

function best(runs: readonly LoadFigures[]): LoadFigures {
  return runs.reduce((a, b) => (b.rps > a.rps ? b : a));
}

/** Headers Node writes per response itself, in the bare server as in Jiaodian. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** A cached page as the cache serves it: bytes, type and headers; throws unless the second answer is a hit. */
async function cachedPage(origin: string, path: string): Promise<{ bytes: Buffer; contentType: string; headers: Array<[string, string]>; headerBytes: number }> {
  await (await fetch(origin + path)).arrayBuffer();
  // fetch asks for gzip and br; the load tools ask for nothing, so ask for the same identity bytes.
  const res = await fetch(origin + path, { headers: { 'accept-encoding': 'identity' } });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}, expected 200`);
  if (res.headers.get('x-cache') !== 'HIT') throw new Error(`GET ${path} was not served from the page cache (X-Cache: ${res.headers.get('x-cache')}); is JIAODIAN_PAGE_CACHE off?`);
  const headers = [...res.headers].filter(([n]) => !PER_RESPONSE.has(n));
  const headerBytes = headers.reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
  return { bytes, contentType: res.headers.get('content-type') ?? 'text/html; charset=utf-8', headers, headerBytes };
}

async function newestArticlePath(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/articles?limit=1`);
  const url = ((await res.json()) as { articles?: Array<{ url?: unknown }> }).articles?.[0]?.url;
  if (!res.ok || typeof url !== 'string' || !url.startsWith('/')) throw new Error(`GET /api/v1/articles?limit=1 gave no article url (status ${res.status})`);
  return url;
}
