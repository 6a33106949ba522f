import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createContainer, type Container } from '../../src/container.js';
import { openPostgres } from '../../src/db/index.js';
import type { SearchInput } from '../../src/search/search.service.js';
import { generateCorpus, type Corpus } from '../corpus.js';
import { benchConfig } from '../load.js';
import type { BenchContext, Figure, Measurement } from '../measure.js';
import { bulkLoad } from '../search-load.js';

/** Articles in the search corpus: BENCH_SEARCH_ARTICLES, else the run's --articles. */
export function searchArticleCount(ctx: BenchContext): number {
  const raw = process.env.BENCH_SEARCH_ARTICLES;
  if (raw === undefined || raw === '') return ctx.options.articles;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 100 || n > 1_000_000) throw new Error(`BENCH_SEARCH_ARTICLES must be a whole number from 100 to 1000000, not ${JSON.stringify(raw)}`);
  return n;
}

/** Timed passes over the query set (after one untimed warm-up pass). */
const PASSES = 5;
const DAY = 86_400_000;

/**
 * Search on both databases: a corpus of BENCH_SEARCH_ARTICLES articles (default: --articles)
 * is stored in a fresh SQLite folder and, when PostgreSQL answers at DATABASE_URL (or the local
 * default), in a throwaway database created and dropped here. Each is indexed with
 * `SearchIndexer.reindex` (articles/s, including the final compaction and keyword statistics),
 * then a set of reader-like queries runs through `SearchService.search` (parsing, ranking,
 * articles, snippets in a variant): p50 and p95 in ms, plus typeahead.
 */
export const searchMeasure: Measurement = {
  title: 'full-text search (indexing, queries, typeahead) on SQLite and PostgreSQL',
  async run(ctx: BenchContext) {
    const n = searchArticleCount(ctx);
    ctx.log(`  Generating a search corpus of ${n} articles (seed ${ctx.options.seed})…`);
    const corpus = generateCorpus({ articles: n, seed: ctx.options.seed, now: new Date() });
    const figures: Record<string, Figure> = { search_corpus_articles: { value: n, unit: 'articles' } };

    const dir = join(ctx.workDir, 'search-sqlite');
    mkdirSync(dir, { recursive: true });
    Object.assign(figures, await onDatabase(ctx, 'sqlite', corpus, () => createContainer(benchConfig(dir))));

    const pgUrl = await reachablePostgres(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    if (!pgUrl) {
      ctx.log('  PostgreSQL does not answer (set DATABASE_URL to a server where a database may be created): PostgreSQL figures left out.');
      return figures;
    }
    const name = `jiaodian_bench_${randomBytes(4).toString('hex')}`;
    try {
      await adminQuery(pgUrl, `create database ${name}`);
    } catch (err) {
      ctx.log(`  PostgreSQL answers but a database cannot be created there (${(err as Error).message}): PostgreSQL figures left out.`);
      return figures;
    }
    try {
      const url = withDatabase(pgUrl, name);
      Object.assign(figures, await onDatabase(ctx, 'pg', corpus, async () => createContainer(benchConfig(dir), { db: await openPostgres(url) })));
    } finally {
      await adminQuery(pgUrl, `drop database if exists ${name} with (force)`);
    }
    return figures;
  },
};

async function onDatabase(ctx: BenchContext, tag: 'sqlite' | 'pg', corpus: Corpus, open: () => Promise<Container>): Promise<Record<string, Figure>> {
  const c = await open();
  try {
    ctx.log(`  [${tag}] storing ${corpus.articles.length} articles…`);
    const stored = await bulkLoad(c, corpus, ctx.log);
    ctx.log(`  [${tag}] stored in ${stored.toFixed(1)} s; indexing…`);
    let last = 0;
    const indexCpu = process.cpuUsage();
    const result = await c.search.indexer.reindex((done, total) => {
      if (done - last >= Math.max(1, total / 5) || done === total) {
        last = done;
        ctx.log(`    indexed ${done}/${total}`);
      }
    });
    const rate = result.articles / result.seconds;
    const indexCpuSeconds = cpuMs(process.cpuUsage(indexCpu)) / 1000;
    ctx.log(`  [${tag}] indexed ${result.articles} articles in ${result.seconds.toFixed(1)} s (${Math.round(rate)}/s)`);

    const queries = await querySet(c);
    for (const q of queries) await c.search.service.search(q);
    const times: number[] = [];
    const cpu: number[] = [];
    let hits = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      for (const q of queries) {
        const c0 = process.cpuUsage();
        const t = performance.now();
        const res = await c.search.service.search(q);
        times.push(performance.now() - t);
        cpu.push(cpuMs(process.cpuUsage(c0)));
        hits += res.items.length;
        // Let a Ctrl-C in between queries: SQLite answers synchronously.
        await new Promise((r) => setImmediate(r));
      }
    }
    if (hits === 0) throw new Error(`[${tag}] every search query found nothing: the index is empty`);
    const typed = ['北', '北京', '半导', '華東能', '台風', '晶片出', '绿色债', '首爾'];
    for (const s of typed) await c.search.service.suggest(s);
    const suggestTimes: number[] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      for (const s of typed) {
        const t = performance.now();
        await c.search.service.suggest(s, { variant: 'zh-Hant' });
        suggestTimes.push(performance.now() - t);
      }
    }
    ctx.log(`  [${tag}] ${times.length} searches: p50 ${pct(times, 50).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms; typeahead p50 ${pct(suggestTimes, 50).toFixed(2)} ms`);
    const figures: Record<string, Figure> = {
      [`search_${tag}_index_articles_per_s`]: { value: rate, unit: 'articles/s' },
      [`search_${tag}_query_p50_ms`]: { value: pct(times, 50), unit: 'ms' },
      [`search_${tag}_query_p95_ms`]: { value: pct(times, 95), unit: 'ms' },
      [`search_${tag}_suggest_p50_ms`]: { value: pct(suggestTimes, 50), unit: 'ms' },
    };
    // SQLite works inside this process, so its CPU time is what a query costs on an idle
    // machine: the figure to read when other work shares the CPUs (wall time then includes
    // waiting). PostgreSQL works in its server, so the client's CPU time would say little.
    if (tag === 'sqlite') {
      ctx.log(`  [${tag}] CPU time: search p50 ${pct(cpu, 50).toFixed(2)} ms, p95 ${pct(cpu, 95).toFixed(2)} ms; indexing ${Math.round(result.articles / indexCpuSeconds)} articles per CPU second`);
      figures[`search_${tag}_query_cpu_p50_ms`] = { value: pct(cpu, 50), unit: 'ms' };
      figures[`search_${tag}_query_cpu_p95_ms`] = { value: pct(cpu, 95), unit: 'ms' };
      figures[`search_${tag}_index_cpu_articles_per_s`] = { value: result.articles / indexCpuSeconds, unit: 'articles/s' };
    }
    return figures;
  } finally {
    await c.close();
  }
}

/**
 * What readers type: places, organisations and topics of the corpus in either script, one or
 * two words, a phrase, an exclusion, an OR, filters, date order, a later page, variants.
 */
async function querySet(c: Container): Promise<SearchInput[]> {
  const tag = (await c.tags.list(1, 5)).items[0]?.slug;
  const monthAgo = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);
  const words = [
    '北京', '臺北', '台北', '高雄', '首爾', '新加坡', '温哥华', '雅加達', '华东能源集团', '遠航電子', '北辰半导体', '市民消費者協會',
    '半导体产能', '半導體', '晶片出口', '芯片', '新能源车', '充電樁', '绿色债券', '利率政策', '就業數據', '人工智能', '长照服务',
    '跨境电商', '海上風電', '疫苗接种', '最低工资', '旅遊簽證', '空气质量', '夜間經濟', '氣象局', '发言人',
  ];
  const pairs = ['北京 半导体', '深圳 跨境電商', '上海 充电桩', '香港 疫苗', '利率政策 经济学家', '台中 電網升級', '东京 旅游签证', '电网 升级'];
  const special: SearchInput[] = [
    { q: '"绿色债券"' },
    { q: '"綠色 債券" 市場' },
    { q: '機場快線 OR 轨道交通' },
    { q: '電網升級 -北京' },
    { q: '北京', section: 'tech' },
    { q: '半导体', sort: 'date' },
    { q: '上海', page: 3 },
    { q: '数字支付', from: monthAgo },
    { q: '香港', variant: 'zh-TW' },
    { q: '新能源車', variant: 'zh-Hans', section: 'finance' },
    ...(tag ? [{ q: '投资人', tag }] : []),
    { q: '罕見的詞組合' },
  ];
  return [...words.map((q, i) => ({ q, variant: i % 2 ? ('zh-Hant' as const) : ('zh-Hans' as const) })), ...pairs.map((q) => ({ q, variant: 'zh-Hant' as const })), ...special];
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function pct(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

async function reachablePostgres(url: string): Promise<string | undefined> {
  if (!/^postgres(ql)?:\/\//.test(url)) return undefined;
  try {
    await adminQuery(url, 'select 1');
    return url;
  } catch {
    return undefined;
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
