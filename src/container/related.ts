import type { Config } from '../config/index.js';
import type { ArticleReader } from '../content/article.reader.js';
import type { Db } from '../db/index.js';
import type { EventBus } from '../events/bus.js';
import { RelatedRepo } from '../recommend/related.repo.js';
import { RelatedService } from '../recommend/related.service.js';
import { RelatedText } from '../recommend/related-text.js';
import type { PageCaching } from '../render/cache/page-caching.js';
import type { SiteKeywords } from '../search/site-keywords.js';
import type { TextEngine } from '../search/text-engine.js';
import { backgroundLog } from './background-log.js';

/**
 * Related reading over search's segmenter and site keywords; `repo` is also what the stored
 * related lists and related words read.
 */
export function relatedServices(
  k: Db['kysely'],
  config: Config,
  now: () => Date,
  d: { reader: ArticleReader; engine: TextEngine; keywords: SiteKeywords; pages: PageCaching; events: EventBus },
): { service: RelatedService; repo: RelatedRepo } {
  const { reader, engine, keywords, pages, events } = d;
  // Related reading: vectors and lists follow every save; words come from the same vectors.
  const relatedRepo = new RelatedRepo(k);
  const relatedText = new RelatedText({ segmenter: () => engine.segmenter(), siteIdf: () => keywords.relearn() });
  const related = new RelatedService({
    repo: relatedRepo,
    transaction: (work) => k.transaction().execute((trx) => work(new RelatedRepo(trx))),
    reader,
    text: () => relatedText.tools(),
    relearn: () => relatedText.relearn(),
    onListsChanged: (ids) => pages.relatedChanged(ids),
    now,
    log: backgroundLog(config),
  });
  related.subscribe(events);
  return { service: related, repo: relatedRepo };
}
