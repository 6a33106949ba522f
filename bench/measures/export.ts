import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BuildResult } from '../../src/render/export/build-site.js';
import { generateCorpus } from '../corpus.js';
import { openBenchContainer } from '../load.js';
import type { BenchContext, Figure, Measurement } from '../measure.js';
import { bulkRelated } from '../related-load.js';
import { readManifest, type Manifest } from '../../src/render/export/writer.js';
import { bulkLoad } from '../search-load.js';

const CHILD = fileURLToPath(new URL('../export-child.js', import.meta.url));
const run = promisify(execFile);
/**
 * V8 flags of the build process: an 8 MB young generation (the default lets it reach 16 MB a
 * semi-space) cost no measurable CPU on 3,000 articles and some 35 MB less peak memory; 4 MB
 * saved 50 MB but cost 40% more CPU in scavenges. The build's own full collections (see
 * `fullGc` in build-site.ts) keep the old generation near what is live.
 */
export const CHILD_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
/** Issue 8's target for article pages per second on 10,000 articles (3× Hugo here). */
const TARGET_PAGES_PER_S = 1000;

/** Where the export measure stores the large corpus (a data folder), for the measures after it. */
export function largeCorpusDir(ctx: Pick<BenchContext, 'workDir'>): string {
  return join(ctx.workDir, 'export-large');
}

/** Articles of the large export corpus: BENCH_EXPORT_ARTICLES (e.g. 100000); unset, none is built. */
export function largeExportArticles(): number | undefined {
  const raw = process.env.BENCH_EXPORT_ARTICLES;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 100 || n > 1_000_000) throw new Error(`BENCH_EXPORT_ARTICLES must be a whole number from 100 to 1000000, not ${JSON.stringify(raw)}`);
  return n;
}

/**
 * `jiaodian build` on the run's corpus (`--articles`, 10,000 by default, with related lists
 * computed by the real service as articles were saved), in a process of its own: article
 * pages per second (every article in five variants, all four blocks), all documents per
 * second, CPU seconds and the process's peak RSS; then an incremental rebuild with nothing
 * changed. With BENCH_EXPORT_ARTICLES=100000 a second corpus of that size is stored directly
 * into the tables (rows, tags, authors, related lists and terms; see related-load.ts) and
 * exported the same way.
 */
export const exportMeasure: Measurement = {
  title: 'static export (jiaodian build)',
  async run(ctx: BenchContext) {
    const figures: Record<string, Figure> = { export_target_pages_per_s: { value: TARGET_PAGES_PER_S, unit: 'pages/s' } };
    Object.assign(figures, await measure(ctx, ctx.dataDir, 'export', ctx.articles.length, true));
    const large = largeExportArticles();
    if (large === undefined) {
      ctx.log('  BENCH_EXPORT_ARTICLES is not set: the large-corpus export is left out (BENCH_EXPORT_ARTICLES=100000 adds it).');
      return figures;
    }
    const dir = largeCorpusDir(ctx);
    mkdirSync(dir, { recursive: true });
    ctx.log(`  Generating and storing ${large} articles for the large export…`);
    const corpus = generateCorpus({ articles: large, seed: ctx.options.seed, now: new Date() });
    const c = await openBenchContainer(dir);
    try {
      await bulkLoad(c, corpus, ctx.log);
      await bulkRelated(c, ctx.log);
    } finally {
      await c.close();
    }
    Object.assign(figures, await measure(ctx, dir, 'export_large', large, false));
    return figures;
  },
};

async function measure(ctx: BenchContext, dataDir: string, name: string, articles: number, incremental: boolean): Promise<Record<string, Figure>> {
  const out = join(ctx.workDir, `${name}-site`);
  ctx.log(`  [${name}] exporting ${articles} articles…`);
  const full = await child(dataDir, out, false);
  const r = full.result;
  const articleRate = r.articlePages / r.articleSeconds;
  ctx.log(
    `  [${name}] ${r.pages} documents (${r.articlePages} article pages) in ${r.seconds.toFixed(1)} s: article pages ${Math.round(articleRate)}/s, ` +
      `${Math.round(r.articlePages / r.articleCpuSeconds)} per CPU second; all ${Math.round(r.pages / r.seconds)}/s, ${full.cpuSeconds.toFixed(1)} CPU s (${Math.round(r.pages / full.cpuSeconds)} documents per CPU second), peak RSS ${Math.round(full.peakRssMb)} MB`,
  );
  const figures: Record<string, Figure> = {
    [`${name}_article_pages_per_s`]: { value: articleRate, unit: 'pages/s', baseline: 'export_target_pages_per_s' },
    [`${name}_article_pages_per_cpu_s`]: { value: r.articlePages / r.articleCpuSeconds, unit: 'pages/s' },
    [`${name}_pages_per_s`]: { value: r.pages / r.seconds, unit: 'pages/s' },
    [`${name}_pages_per_cpu_s`]: { value: r.pages / full.cpuSeconds, unit: 'pages/s' },
    [`${name}_seconds`]: { value: r.seconds, unit: 's' },
    [`${name}_peak_rss_mb`]: { value: full.peakRssMb, unit: 'MB' },
  };
  if (incremental) {
    const before = readManifest(out);
    const again = await child(dataDir, out, true);
    ctx.log(`  [${name}] incremental rebuild, nothing changed: ${again.result.seconds.toFixed(1)} s, ${again.result.written} written, ${again.result.kept} kept`);
    const changed = changes(before, readManifest(out));
    if (changed.length) ctx.log(`  [${name}] rewritten: ${changed.slice(0, 12).join(', ')}${changed.length > 12 ? ', …' : ''}`);
    figures[`${name}_incremental_seconds`] = { value: again.result.seconds, unit: 's' };
    figures[`${name}_incremental_written`] = { value: again.result.written, unit: 'files' };
  }
  return figures;
}

/**
 * What differs between two manifests: articles (by URL) whose inputs changed (the page models
 * read other data than at the last build), then files whose bytes changed. Listed when an
 * incremental build with nothing changed writes anything.
 */
function changes(a: Manifest | undefined, b: Manifest | undefined): string[] {
  if (!a || !b) return [];
  const out: string[] = [];
  for (const [url, digest] of Object.entries(b.inputs ?? {})) if (a.inputs?.[url] !== digest) out.push(`inputs of ${url}`);
  for (const [file, digest] of Object.entries(b.files)) if (a.files[file] !== digest) out.push(file);
  return out;
}

async function child(dataDir: string, out: string, incremental: boolean): Promise<{ result: BuildResult; cpuSeconds: number; peakRssMb: number }> {
  const { stdout } = await run(process.execPath, [...CHILD_FLAGS, CHILD, dataDir, out, ...(incremental ? ['--incremental'] : [])], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { result: BuildResult; cpuSeconds: number; peakRssMb: number };
}
