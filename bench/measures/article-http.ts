import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadTest, TIMEOUT_SECONDS, type LoadFigures } from '../cannon.js';
import type { BenchContext, Figure, Measurement } from '../measure.js';
import { startBareServer } from '../processes.js';

/**
 * One article page, requested over and over: Jiaodian first, then a bare `node:http` server
 * answering with the same bytes, never both at once (they would share the CPUs). The repeated
 * URL is the path any page cache will serve; the bare server is the ceiling for that path.
 */
export const articleHttp: Measurement = {
  title: 'article page: Jiaodian vs a bare node:http server',
  async run(ctx: BenchContext) {
    const server = await ctx.server();
    const path = await newestArticlePath(server.origin);
    const page = await fetch(server.origin + path);
    if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}, expected 200`);
    const bytes = Buffer.from(await page.arrayBuffer());
    const contentType = page.headers.get('content-type') ?? 'text/html; charset=utf-8';
    ctx.log(`  page ${path}: ${(bytes.length / 1024).toFixed(1)} KB`);

    ctx.log(`  Jiaodian: ${ctx.options.duration} s`);
    const jd = checked(await loadTest({ origin: server.origin, path, seconds: ctx.options.duration }), 'Jiaodian', ctx.log);

    const file = join(ctx.workDir, 'article-page.bin');
    await writeFile(file, bytes);
    const bare = await startBareServer(ctx.leftovers, file, contentType);
    let base: LoadFigures;
    try {
      ctx.log(`  bare node:http: ${ctx.options.duration} s`);
      base = checked(await loadTest({ origin: bare.origin, path, seconds: ctx.options.duration }), 'the bare server', ctx.log);
    } finally {
      await bare.stop();
    }

    return {
      article_cached_rps: { value: jd.rps, unit: 'req/s', baseline: 'bare_node_rps' },
      article_p50_ms: { value: jd.p50Ms, unit: 'ms', baseline: 'bare_node_p50_ms' },
      article_p99_ms: { value: jd.p99Ms, unit: 'ms', baseline: 'bare_node_p99_ms' },
      bare_node_rps: { value: base.rps, unit: 'req/s' },
      bare_node_p50_ms: { value: base.p50Ms, unit: 'ms' },
      bare_node_p99_ms: { value: base.p99Ms, unit: 'ms' },
      article_page_kb: { value: bytes.length / 1024, unit: 'KB' },
    } satisfies Record<string, Figure>;
  },
};

/** The newest article's public path, as the content API gives it. */
async function newestArticlePath(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/articles?limit=1`);
  const body = (await res.json()) as { articles?: Array<{ url?: unknown }> };
  const url = body.articles?.[0]?.url;
  if (!res.ok || typeof url !== 'string' || !url.startsWith('/')) throw new Error(`GET /api/v1/articles?limit=1 gave no article url (status ${res.status})`);
  return url;
}

/**
 * Refuses a run where more than 1% of answers failed: error pages are fast, and their
 * throughput would pass for the page's. Timeouts only warn: the server is slow, and that is
 * what the throughput figure already says.
 */
export function checked(f: LoadFigures, who: string, log: (line: string) => void): LoadFigures {
  if (f.requests === 0) throw new Error(`${who}: no request completed in the measured time; try a longer --duration`);
  if (f.failures > f.requests * 0.01) {
    throw new Error(`${who}: ${f.failures} of ${f.requests} requests failed (non-2xx or connection errors); figures would be meaningless`);
  }
  if (f.timeouts > 0) log(`  warning: ${who}: ${f.timeouts} requests timed out after ${TIMEOUT_SECONDS} s; they are missing from the latency figures`);
  return f;
}
