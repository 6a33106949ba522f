import type { Kysely } from 'kysely';
import { UserRepo } from '../auth/user.repo.js';
import type { Database, Db } from '../db/index.js';
import { ArticleRepo } from './article.repo.js';
import { MediaRepo } from './media.repo.js';
import { RevisionRepo } from './revision.repo.js';
import { SectionRepo } from './section.repo.js';
import { TagRepo } from './tag.repo.js';

/** The content repositories, bound to one connection or transaction. */
export interface ContentRepos {
  readonly articles: ArticleRepo;
  readonly sections: SectionRepo;
  readonly tags: TagRepo;
  readonly users: UserRepo;
  readonly media: MediaRepo;
  /** Saved versions of articles (src/content/revision.repo.ts). */
  readonly revisions: RevisionRepo;
}

/** Repositories over a Kysely instance or transaction. */
export function contentRepos(db: Kysely<Database>): ContentRepos {
  return { articles: new ArticleRepo(db), sections: new SectionRepo(db), tags: new TagRepo(db), users: new UserRepo(db), media: new MediaRepo(db), revisions: new RevisionRepo(db) };
}

/** Runs work in one transaction with repositories bound to it. */
export type Transactor = <T>(work: (repos: ContentRepos) => Promise<T>) => Promise<T>;

/** A transactor over an open database. */
export function transactor(db: Db): Transactor {
  return (work) => db.kysely.transaction().execute((trx) => work(contentRepos(trx)));
}
