import { loadConfig, type Config } from '../src/config/index.js';
import { createContainer, type Container } from '../src/container.js';
import { urls } from '../src/content/urls.js';
import type { Corpus } from './corpus.js';

/** One stored article, as the benchmark addresses it. */
export interface LoadedArticle {
  readonly id: number;
  /** Public path, e.g. `/tech/42.html`. */
  readonly url: string;
}

/** What loading produced. */
export interface LoadResult {
  readonly articles: readonly LoadedArticle[];
  readonly seconds: number;
}

/**
 * The configuration the benchmark uses for a data folder: SQLite in that folder, no demo, quiet.
 * The environment is deliberately ignored, so a DATABASE_URL set in the shell cannot point
 * the benchmark (and its cleanup) at a real database.
 */
export function benchConfig(dataDir: string): Config {
  return loadConfig({ data: dataDir, demo: 'off', 'log-level': 'silent' }, {});
}

/** Opens the project's container over a benchmark data folder. */
export function openBenchContainer(dataDir: string): Promise<Container> {
  return createContainer(benchConfig(dataDir));
}

/**
 * Stores a corpus through the project's own services, exactly as the newsroom would: sections,
 * authors and tags first, then every article with `ArticleService.create` (validation,
 * sanitizing, tag and author links). Going through the service keeps the stored rows identical
 * to real ones; it is fast enough (see README) that no bulk path is needed.
 */
export async function loadCorpus(dataDir: string, corpus: Corpus, progress: (line: string) => void): Promise<LoadResult> {
  const started = performance.now();
  const c = await openBenchContainer(dataDir);
  try {
    const now = new Date().toISOString();
    for (const s of corpus.sections) await c.sections.create(s, now);
    for (const a of corpus.authors) await c.users.add({ name: a.name, slug: a.slug, bio: a.bio, role: 'author' });
    // Chinese tag names are their own slugs, as `TagService.ensure` would make them.
    for (const name of corpus.tags) await c.tags.define(name, name, now);
    const out: LoadedArticle[] = [];
    const total = corpus.articles.length;
    const step = Math.max(1, Math.round(total / 10));
    for (const [i, input] of corpus.articles.entries()) {
      const view = await c.articles.create(input);
      out.push({ id: view.id, url: urls.article(view.section.slug, view.id, view.slug) });
      // better-sqlite3 answers synchronously, so without this the loop would never let Ctrl-C in.
      if (i % 100 === 99) await new Promise((r) => setImmediate(r));
      if ((i + 1) % step === 0 || i + 1 === total) progress(`  stored ${i + 1}/${total} articles (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    return { articles: out, seconds: (performance.now() - started) / 1000 };
  } finally {
    await c.close();
  }
}
