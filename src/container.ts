import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Config } from './config/index.js';
import { UserRepo } from './auth/user.repo.js';
import { UserService } from './auth/user.service.js';
import { ArticleReader } from './content/article.reader.js';
import { ArticleRepo } from './content/article.repo.js';
import { ArticleService } from './content/article.service.js';
import { AuthorService } from './content/author.service.js';
import { MediaRepo } from './content/media.repo.js';
import { MediaService } from './content/media.service.js';
import { transactor } from './content/repos.js';
import { SectionRepo } from './content/section.repo.js';
import { SectionService } from './content/section.service.js';
import { TagRepo } from './content/tag.repo.js';
import { TagService } from './content/tag.service.js';
import { migrateToLatest, openDatabase, type Db } from './db/index.js';
import { Recommender } from './recommend/blocks.js';
import { SimpleSources } from './recommend/simple.js';
import { SearchService } from './search/simple-search.js';
import { DictionaryRepo } from './dictionary/dictionary.repo.js';
import { DictionaryService } from './dictionary/dictionary.service.js';
import { ScriptConverter } from './zh/convert.js';
import { EventBus } from './events/bus.js';

/** Every service, wired. */
export interface Container {
  readonly config: Config;
  readonly db: Db;
  readonly mediaDir: string;
  readonly articles: ArticleService;
  readonly sections: SectionService;
  readonly tags: TagService;
  readonly users: UserService;
  readonly media: MediaService;
  /** The site dictionary and the script conversion built on it. */
  readonly dictionary: DictionaryService;
  /** Content events: publish, update, unpublish. */
  readonly events: EventBus;
  /** What the public site and content API read through. */
  readonly site: {
    readonly reader: ArticleReader;
    readonly sectionService: SectionService;
    readonly tagService: TagService;
    readonly authorService: AuthorService;
    readonly recommender: Recommender;
    readonly search: SearchService;
  };
  close(): Promise<void>;
}

/** Options for building the container. */
export interface ContainerOptions {
  /** An already open database (tests); otherwise the configuration's is opened. */
  readonly db?: Db;
  /** Run migrations first (default true). */
  readonly migrate?: boolean;
  readonly now?: () => Date;
}

/**
 * The one place dependencies are wired: opens the database, brings its schema up to date and
 * builds every service with its dependencies passed in.
 */
export async function createContainer(config: Config, options: ContainerOptions = {}): Promise<Container> {
  const db = options.db ?? (await openDatabase(config));
  try {
    if (options.migrate !== false) await migrateToLatest(db);
  } catch (err) {
    if (!options.db) await db.close();
    throw err;
  }
  const now = options.now ?? (() => new Date());
  const k = db.kysely;
  const articleRepo = new ArticleRepo(k);
  const tagRepo = new TagRepo(k);
  const userRepo = new UserRepo(k);
  const mediaRepo = new MediaRepo(k);
  const sectionService = new SectionService({ sectionRepo: new SectionRepo(k) });
  const tagService = new TagService({ tagRepo });
  const reader = new ArticleReader({ articleRepo, tagRepo, userRepo, mediaRepo, sectionService });
  const events = new EventBus();
  const mediaDir = join(config.dataDir, 'media');
  // OpenCC's dictionaries load once, here, so that no reader waits for them.
  const converter = new ScriptConverter({ vocabulary: config.twVocabulary });
  converter.warm();
  mkdirSync(mediaDir, { recursive: true });
  return {
    config,
    db,
    mediaDir,
    events,
    articles: new ArticleService({ transaction: transactor(db), reader, events, now }),
    sections: sectionService,
    tags: tagService,
    users: new UserService({ userRepo, now }),
    media: new MediaService({ mediaRepo, mediaDir, now }),
    dictionary: new DictionaryService({ dictionaryRepo: new DictionaryRepo(k), converter, now }),
    site: {
      reader,
      sectionService,
      tagService,
      authorService: new AuthorService({ userRepo }),
      recommender: recommender(new SimpleSources({ reader })),
      search: new SearchService({ articleRepo, reader, converter }),
    },
    close: () => db.close(),
  };
}

/** The blocks under articles, each from its source. */
function recommender(simple: SimpleSources): Recommender {
  return new Recommender({ related: simple, words: simple, featured: simple, recommended: simple });
}
