import type { Config } from '../config/index.js';
import type { AuditService } from '../auth/audit.service.js';
import { ArticleAdmin, type ArticleAdminDeps } from '../content/article.admin.js';
import { transactor } from '../content/repos.js';
import { RevisionRepo } from '../content/revision.repo.js';
import { RevisionService } from '../content/revision.service.js';
import { Scheduler } from '../content/scheduler.js';
import { TaxonomyAdmin } from '../content/taxonomy.admin.js';
import { TaxonomyRepo } from '../content/taxonomy.repo.js';
import { WorkflowService } from '../content/workflow.service.js';
import type { Db } from '../db/index.js';
import type { EventBus } from '../events/bus.js';
import { siteIntegrityOptions } from '../guard/article-integrity.js';
import type { SearchService } from '../search/search.service.js';
import { backgroundLog } from './background-log.js';

/** The newsroom's services (see `Container.newsroom`). */
export interface Newsroom {
  readonly admin: ArticleAdmin;
  readonly workflow: WorkflowService;
  readonly revisions: RevisionService;
  readonly taxonomy: TaxonomyAdmin;
  readonly scheduler: Scheduler;
}

/** Wires the newsroom over the shared article service, reader and event bus. */
export function newsroomServices(
  db: Db,
  config: Config,
  now: () => Date,
  d: Pick<ArticleAdminDeps, 'articles' | 'reader' | 'articleRepo' | 'userRepo' | 'sectionService' | 'tagService' | 'authorService'> & {
    search: SearchService;
    events: EventBus;
    audit: AuditService;
  },
): Newsroom {
  const k = db.kysely;
  const transaction = transactor(db);
  const taxonomyRepo = new TaxonomyRepo(k);
  const taxonomy = new TaxonomyAdmin({
    repo: taxonomyRepo,
    transaction: (work) => k.transaction().execute((trx) => work(new TaxonomyRepo(trx))),
    sectionService: d.sectionService,
    events: d.events,
    now,
  });
  const workflow = new WorkflowService({ transaction, articleRepo: d.articleRepo, events: d.events, now, audit: d.audit });
  const scheduler = new Scheduler({
    target: workflow,
    now,
    onError: backgroundLog(config),
    // A publish nobody clicked still belongs in the audit log.
    onPublished: (ids) => {
      for (const id of ids) void d.audit.record({ actor: null, action: 'article.publish.scheduled', target: `article:${id}` }).catch(() => {});
    },
  });
  scheduler.watch(d.events);
  return {
    admin: new ArticleAdmin({ ...d, transaction, timezone: config.timezone }),
    workflow,
    revisions: new RevisionService({
      revisionRepo: new RevisionRepo(k),
      articles: d.articles,
      transaction,
      tagRedirect: (slug) => taxonomyRepo.redirectFor(slug),
      audit: d.audit,
      integrity: siteIntegrityOptions(config),
    }),
    taxonomy,
    scheduler,
  };
}
