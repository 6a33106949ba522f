import type { Config } from '../config/index.js';
import type { Container } from '../container.js';
import type { ArticleReader } from '../content/article.reader.js';
import type { AuthorService } from '../content/author.service.js';
import type { SectionService } from '../content/section.service.js';
import type { TagService } from '../content/tag.service.js';
import type { Db } from '../db/index.js';
import type { DictionaryService } from '../dictionary/dictionary.service.js';
import type { EventBus } from '../events/bus.js';
import { createBackend } from '../search/create-backend.js';
import { SearchIndexer } from '../search/indexer.js';
import { SearchRepo } from '../search/search.repo.js';
import { SearchService } from '../search/search.service.js';
import { SiteKeywords } from '../search/site-keywords.js';
import { TextEngine } from '../search/text-engine.js';
import { UserWordsRepo } from '../search/user-words.repo.js';
import { UserWordsService } from '../search/user-words.service.js';

/**
 * Full-text search, indexed on every save; `engine` is also what related reading segments and
 * normalizes with.
 */
export function searchServices(
  db: Db,
  config: Config,
  now: () => Date,
  d: { reader: ArticleReader; sectionService: SectionService; tagService: TagService; authorService: AuthorService; dictionary: DictionaryService; events: EventBus },
): { search: Container['search']; engine: TextEngine } {
  const k = db.kysely;
  const { reader, sectionService, tagService, authorService, dictionary, events } = d;
  // Search: one backend for the dialect, one segmenter for indexing and queries alike.
  const searchBackend = createBackend(db);
  const searchRepo = new SearchRepo(k);
  const userWordsRepo = new UserWordsRepo(k);
  const engine = new TextEngine({ userWordsRepo });
  const keywords = new SiteKeywords({ engine, backend: searchBackend, searchRepo });
  const indexer = new SearchIndexer({ backend: searchBackend, searchRepo, reader, engine, keywords });
  indexer.subscribe(events);
  const search = new SearchService({
    backend: searchBackend,
    searchRepo,
    reader,
    sectionService,
    tagService,
    authorService,
    dictionary,
    engine,
    timezone: config.timezone,
    now,
  });
  return { search: { service: search, indexer, words: new UserWordsService({ userWordsRepo, engine, now }), keywords }, engine };
}
