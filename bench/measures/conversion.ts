import { ContentLocalizer } from '../../src/content/localize.js';
import { renderArticle } from '../../src/render/index.js';
import { addressingOf } from '../../src/site/chrome.js';
import { ModelLocalizer } from '../../src/site/localize.js';
import { PageModels } from '../../src/site/pages.js';
import { openBenchContainer } from '../load.js';
import type { BenchContext, Measurement } from '../measure.js';

const ROUNDS = 6;

/**
 * What script conversion adds to an uncached article render. The same random articles are
 * built and rendered three ways, in alternating rounds so machine noise hits all alike:
 * without conversion; converted into zh-TW (the heaviest variant: s2twp is three dictionary
 * passes) with the site's converted-article cache as it runs; and converted with a cold cache
 * for every page (the worst case, e.g. right after the site dictionary changed).
 */
export const conversionOverhead: Measurement = {
  title: 'script conversion overhead on uncached article renders',
  async run(ctx: BenchContext) {
    const c = await openBenchContainer(ctx.dataDir);
    try {
      const models = new PageModels({ ...c.site, config: c.config, stylesheet: '/assets/site.css' });
      const at = addressingOf('/', c.config.defaultVariant);
      const { zh, localizer } = await c.dictionary.current();
      const rng = ctx.random();
      const ids = Array.from({ length: 300 }, () => ctx.articles[Math.floor(rng() * ctx.articles.length)]!.id);
      const ways = {
        none: async (id: number) => renderArticle(await models.article(at, id)).length,
        warm: async (id: number) => renderArticle(new ModelLocalizer(localizer, 'zh-TW').article(await models.article(at, id))).length,
        cold: async (id: number) => renderArticle(new ModelLocalizer(new ContentLocalizer(zh), 'zh-TW').article(await models.article(at, id))).length,
      };
      const ms = { none: 0, warm: 0, cold: 0 };
      for (const id of ids.slice(0, 30)) for (const way of Object.values(ways)) await way(id);
      for (let round = 0; round < ROUNDS; round++) {
        for (const name of Object.keys(ways) as Array<keyof typeof ways>) {
          const start = performance.now();
          for (const id of ids) await ways[name](id);
          ms[name] += performance.now() - start;
        }
      }
      const per = (x: number) => x / (ROUNDS * ids.length);
      ctx.log(`  per page: ${per(ms.none).toFixed(2)} ms without conversion, ${per(ms.warm).toFixed(2)} ms into zh-TW, ${per(ms.cold).toFixed(2)} ms cold`);
      return {
        render_without_conversion_ms: { value: per(ms.none), unit: 'ms' },
        render_zh_tw_ms: { value: per(ms.warm), unit: 'ms', baseline: 'render_without_conversion_ms' },
        render_zh_tw_cold_ms: { value: per(ms.cold), unit: 'ms', baseline: 'render_without_conversion_ms' },
      };
    } finally {
      await c.close();
    }
  },
};
