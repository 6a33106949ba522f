/**
 * `npm run bench`: loads a synthetic corpus into a throwaway data folder, starts the real server
 * and runs every measurement in `measures/all.ts`, then prints a table and writes
 * `bench/results/latest.json` and `bench/results/<timestamp>.json`. See bench/README.md.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE, UsageError, type BenchOptions } from './args.js';
import { generateCorpus, mulberry32 } from './corpus.js';
import { loadCorpus, type LoadedArticle } from './load.js';
import type { BenchContext, Figure, Measurement } from './measure.js';
import { measurements } from './measures/all.js';
import { Leftovers, startJiaodian, type ServerHandle } from './processes.js';
import { buildReport, formatTable, writeReport } from './report.js';

const RESULTS_DIR = fileURLToPath(new URL('../../bench/results/', import.meta.url));

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  let chosen: readonly Measurement[];
  try {
    options = parseBenchArgs(argv);
    chosen = selected(options.only);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`bench: ${err.message} (see --help)\n`);
      return 2;
    }
    throw err;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // With --json, stdout carries the one JSON document and nothing else.
  const say = (text: string) => (options.json ? process.stderr : process.stdout).write(`${text}\n`);
  const leftovers = new Leftovers();
  installCleanup(leftovers, say);

  try {
    const workDir = await mkdtemp(join(tmpdir(), 'jiaodian-bench-'));
    const dataDir = join(workDir, 'data');
    if (options.keep) say(`Data folder (kept afterwards): ${dataDir}`);
    else leftovers.dir(workDir);
    const articles = await prepare(options, dataDir, say);

    let server: Promise<ServerHandle> | undefined;
    const ctx: BenchContext = {
      options,
      workDir,
      dataDir,
      articles,
      leftovers,
      log: say,
      server: () => {
        if (!server) {
          say('Starting the Jiaodian server…');
          server = startJiaodian(leftovers, dataDir);
        }
        return server;
      },
      // A fresh stream from the seed on every call: a module's picks do not depend on the modules before it.
      random: () => mulberry32(options.seed * 7919 + 17),
    };

    const figures = new Map<string, Figure>();
    for (const [i, m] of chosen.entries()) {
      say(`[${i + 1}/${chosen.length}] ${m.title}`);
      for (const [name, figure] of Object.entries(await m.run(ctx))) {
        if (figures.has(name)) throw new Error(`two measurements report the figure ${name}`);
        figures.set(name, figure);
      }
    }
    if (server) await (await server).stop();

    const report = buildReport(figures);
    const paths = await writeReport(report, RESULTS_DIR);
    say(`\n${formatTable(report)}\n`);
    say(`Written to ${paths.join(' and ')}`);
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  } finally {
    await leftovers.release();
  }
}

/** The measurements `--only` names, in list order; all of them when it names none. */
function selected(only: readonly string[]): readonly Measurement[] {
  if (only.length === 0) return measurements;
  const chosen = measurements.filter((m) => only.some((w) => m.title.toLowerCase().includes(w)));
  if (chosen.length === 0) throw new UsageError(`--only matched no measurement; titles are: ${measurements.map((m) => m.title).join('; ')}`);
  return chosen;
}

/** Generates the corpus and stores it through the project's services. */
async function prepare(options: BenchOptions, dataDir: string, say: (text: string) => void): Promise<LoadedArticle[]> {
  say(`Generating ${options.articles} articles (seed ${options.seed})…`);
  const corpus = generateCorpus({ articles: options.articles, seed: options.seed, now: new Date() });
  const hans = corpus.articles.filter((a) => a.lang === 'zh-Hans').length;
  say(`  ${hans} in Simplified, ${corpus.articles.length - hans} in Traditional; ${corpus.sections.length} sections, ${corpus.tags.length} tags, ${corpus.authors.length} authors`);
  say(`Loading them into ${dataDir}…`);
  const loaded = await loadCorpus(dataDir, corpus, say);
  say(`  done in ${loaded.seconds.toFixed(1)} s (${Math.round(loaded.articles.length / loaded.seconds)} articles/s through ArticleService.create)`);
  return [...loaded.articles];
}

/**
 * Ctrl-C or a kill stops the children and removes the folder before exiting; a second signal
 * exits at once, and the synchronous exit hook still kills what is left.
 */
function installCleanup(leftovers: Leftovers, say: (text: string) => void): void {
  process.once('exit', () => leftovers.releaseNow());
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals, code: number) => {
    if (stopping) process.exit(code);
    stopping = true;
    say(`\n${signal}: stopping the servers and removing the data folder…`);
    leftovers.release().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => onSignal('SIGINT', 130));
  process.on('SIGTERM', () => onSignal('SIGTERM', 143));
}

process.exitCode = await main(process.argv.slice(2));
