import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { renderArticle, renderHome } from '../../src/render/index.js';
import type { ArticleModel } from '../../src/render/index.js';
import { addressingOf } from '../../src/site/chrome.js';
import { SitePages } from '../../src/site/site-pages.js';
import { openBenchContainer } from '../load.js';
import type { BenchContext, Measurement } from '../measure.js';

// Wired as src/http/server.ts wires it (keep the two in step): the compiled stylesheet hashed the
// same way, so the in-process pages carry the same <link> as served ones.
const SITE_CSS = new URL('../../src/render/assets/site.css', import.meta.url);
// Short untimed loops first, so the JIT has compiled the hot paths before the clock starts.
const WARMUP_MS = 500;

/**
 * Article pages built and rendered in this process, each for a different random article:
 * the uncached path without HTTP. `uncached_renders_per_s` covers the page model (database
 * reads, related articles) plus HTML; `render_html_per_s` is the HTML step alone, on models built
 * beforehand, to show which half costs more. `uncached_home_renders_per_s` is the home page built
 * and rendered the same way (its lists are shared between requests until an article changes).
 */
export const uncachedRenders: Measurement = {
  title: 'uncached article renders in process',
  async run(ctx: BenchContext) {
    const c = await openBenchContainer(ctx.dataDir);
    try {
      const pages = new SitePages({ ...c.site, config: c.config, stylesheet: stylesheetPath(), dictionary: c.dictionary });
      const at = addressingOf('/', c.config.defaultVariant);
      const rng = ctx.random();
      const randomId = () => ctx.articles[Math.floor(rng() * ctx.articles.length)]!.id;
      const seconds = Math.min(5, ctx.options.duration);

      const full = async () => renderArticle(await pages.article(at, randomId())).length;
      await timed(WARMUP_MS, full);
      const rendered = await timed(seconds * 1000, full);
      ctx.log(`  ${rendered.count} pages built and rendered in ${rendered.seconds.toFixed(1)} s`);

      const models: ArticleModel[] = [];
      for (let i = 0; i < 200; i++) models.push(await pages.article(at, randomId()));
      let next = 0;
      const htmlOnly = async () => renderArticle(models[next++ % models.length]!).length;
      await timed(WARMUP_MS, htmlOnly);
      const html = await timed(Math.max(1, seconds / 2) * 1000, htmlOnly);
      ctx.log(`  ${html.count} prepared models rendered in ${html.seconds.toFixed(1)} s`);

      const home = async () => renderHome(await pages.home(at)).length;
      await timed(WARMUP_MS, home);
      const homes = await timed(Math.max(1, seconds / 2) * 1000, home);
      ctx.log(`  ${homes.count} home pages built and rendered in ${homes.seconds.toFixed(1)} s`);

      return {
        uncached_renders_per_s: { value: rendered.count / rendered.seconds, unit: 'renders/s' },
        uncached_home_renders_per_s: { value: homes.count / homes.seconds, unit: 'renders/s' },
        render_html_per_s: { value: html.count / html.seconds, unit: 'renders/s' },
      };
    } finally {
      await c.close();
    }
  },
};

/** Runs `work` back to back for about `ms` milliseconds; collects garbage first when allowed (--expose-gc). */
async function timed(ms: number, work: () => Promise<number>): Promise<{ count: number; seconds: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  let count = 0;
  let bytes = 0;
  while (performance.now() - start < ms) {
    bytes += await work();
    // The database answers synchronously; yield now and then so a Ctrl-C is not held up.
    if (++count % 20 === 0) await new Promise((r) => setImmediate(r));
  }
  // An empty page would make a fast, meaningless figure.
  if (count > 0 && bytes / count < 1000) throw new Error(`rendered pages average ${Math.round(bytes / count)} characters; expected full documents`);
  return { count, seconds: (performance.now() - start) / 1000 };
}

function stylesheetPath(): string {
  try {
    return `/assets/site.css?v=${createHash('sha1').update(readFileSync(SITE_CSS)).digest('hex').slice(0, 10)}`;
  } catch {
    return '/assets/site.css';
  }
}
