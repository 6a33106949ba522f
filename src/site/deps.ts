import type { Config } from '../config/index.js';
import type { ArticleReader } from '../content/article.reader.js';
import type { SectionService } from '../content/section.service.js';
import type { TagService } from '../content/tag.service.js';
import type { AuthorService } from '../content/author.service.js';
import type { Recommender } from '../recommend/blocks.js';
import type { SearchService } from '../search/search.service.js';

/** What the public site's page builders use. */
export interface SiteDeps {
  readonly config: Config;
  readonly reader: ArticleReader;
  readonly sectionService: SectionService;
  readonly tagService: TagService;
  readonly authorService: AuthorService;
  readonly recommender: Recommender;
  readonly search: SearchService;
  /** Path of the stylesheet with its content hash. */
  readonly stylesheet: string;
}
