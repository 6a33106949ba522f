import type { Kysely } from 'kysely';
import { UserRepo } from '../auth/user.repo.js';
import { UserService } from '../auth/user.service.js';
import { ArticleReader } from '../content/article.reader.js';
import { ArticleService } from '../content/article.service.js';
import { contentRepos } from '../content/repos.js';
import { SectionRepo } from '../content/section.repo.js';
import { SectionService, sectionSlugSchema } from '../content/section.service.js';
import type { SaveContext } from '../content/snapshot.js';
import type { ArticleView } from '../content/views.js';
import type { Database } from '../db/index.js';
import { AppError } from '../errors/index.js';
import { EventBus, type ContentEvent } from '../events/bus.js';
import { integrityOf } from '../guard/article-integrity.js';
import type { IntegrityOptions } from '../guard/integrity.js';
import { titleSlug } from '../zh/slug.js';
import { IngestRepo } from './ingest.repo.js';
import type { ItemAuthor } from './item.js';
import { ingestMessages } from './messages.js';

/** An item mapped onto the newsroom, ready to save. */
export interface ItemToSave {
  readonly kind: string;
  readonly guid: string;
  /** The item's link, recorded too so that the same story found by another route is skipped. */
  readonly link: string;
  readonly simhash: string;
  readonly title: string;
  readonly summary: string;
  readonly bodyHtml: string;
  readonly lang: 'zh-Hans' | 'zh-Hant' | 'en';
  readonly publishedAt: string | null;
  readonly status: 'draft' | 'published';
  readonly authors: readonly ItemAuthor[];
  readonly tags: readonly string[];
  /** Category names in source order; the first that maps is the section, the rest become tags. */
  readonly categories: readonly string[];
  /** Category name → section slug chosen by the operator (`--map`). */
  readonly mapping: ReadonlyMap<string, string>;
  /** Fallback section slug (`--section`). */
  readonly section: string | undefined;
  /** Create a section for an unmapped category (WordPress imports). */
  readonly createSections: boolean;
  readonly source: { readonly name: string; readonly url: string };
  readonly cover: { readonly mediaId: number; readonly caption: string; readonly credit: string } | null;
  readonly oldPaths: readonly string[];
}

/** The `ingest_seen` kind under which item links are recorded, whatever importer found them. */
export const LINK_KIND = 'link';

// Categories every WordPress site has that say nothing about where an article belongs.
const MEANINGLESS = new Set(['uncategorized', '未分类', '未分類']);

/** Thrown inside a dry run's transaction to roll it back after everything was checked. */
class DryRunRollback {
  constructor(readonly view: ArticleView) {}
}

/** Thrown inside the transaction when the stored verdict forbids publishing: saved again as a draft. */
class FlaggedRollback {
  constructor(readonly rules: string[]) {}
}

/** Where and how items are saved. */
export interface SaveDeps {
  readonly db: Kysely<Database>;
  readonly events: EventBus;
  readonly now: () => Date;
  /** The site's integrity options (`siteIntegrityOptions(config)`), as the newsroom's article service has them. */
  readonly integrity?: IntegrityOptions | undefined;
}

/** A saved item: the article, and the integrity rules that kept it from going live (else empty). */
export interface SavedItem {
  readonly view: ArticleView;
  readonly keptDraft: readonly string[];
}

/**
 * Saves one item in one transaction: its section (created from a category when allowed), its
 * bylined authors (matched by e-mail or name, else created as byline users), the article
 * through `ArticleService.create` (sanitizing policy, integrity findings with the site's
 * options, revision), its dedupe record and old-URL redirects. Either all of it is stored or
 * none. Content events are held until the transaction commits, then sent on `events` (search
 * index, related lists). With `dryRun`, the transaction is rolled back at the end: the report
 * shows what would be stored, and nothing is.
 *
 * An item to be published goes live only when the integrity verdict the article service stored
 * with it is clean — the verdict the newsroom shows and its publish guard applies. Publishing
 * flagged content takes an editor's override, which an import cannot give: such an item is
 * rolled back and saved again as a draft, and `keptDraft` names the rules.
 */
export async function saveItem(deps: SaveDeps, item: ItemToSave, ctx: SaveContext, dryRun: boolean): Promise<SavedItem> {
  try {
    return { view: await saveOnce(deps, item, ctx, dryRun), keptDraft: [] };
  } catch (err) {
    if (!(err instanceof FlaggedRollback)) throw err;
    return { view: await saveOnce(deps, { ...item, status: 'draft' }, ctx, dryRun), keptDraft: err.rules };
  }
}

async function saveOnce(deps: SaveDeps, item: ItemToSave, ctx: SaveContext, dryRun: boolean): Promise<ArticleView> {
  const { db, events, now } = deps;
  const held: ContentEvent[] = [];
  let view: ArticleView;
  try {
    view = await db.transaction().execute(async (trx) => {
      const repos = contentRepos(trx);
      const sections = new SectionService({ sectionRepo: new SectionRepo(trx) });
      const reader = new ArticleReader({ articleRepo: repos.articles, tagRepo: repos.tags, userRepo: repos.users, mediaRepo: repos.media, sectionService: sections });
      const bus = new EventBus();
      bus.on('article.saved', (e) => void held.push(e));
      const articles = new ArticleService({ transaction: (work) => work(repos), reader, events: bus, now, ...(deps.integrity ? { integrity: deps.integrity } : {}) });
      const ingest = new IngestRepo(trx);
      const at = now().toISOString();
      const { section, extraTags } = await sectionOf(item, ingest, sections, at);
      const users = new UserService({ userRepo: new UserRepo(trx), now });
      const authors: string[] = [];
      for (const a of item.authors) {
        const found = await ingest.userFor(a.email, a.name);
        const slug = found?.slug ?? (await users.add({ name: a.name.slice(0, 80), role: 'author', ...(a.login ? { slug: safeUserSlug(a.login) } : {}) }).catch(() => users.add({ name: a.name.slice(0, 80), role: 'author' }))).slug;
        if (!authors.includes(slug)) authors.push(slug);
      }
      const tags = [...new Set([...item.tags, ...extraTags].map((t) => t.trim().slice(0, 60)).filter(Boolean))].slice(0, 30);
      const saved = await articles.create(
        {
          title: item.title.slice(0, 200),
          summary: item.summary.slice(0, 1000),
          bodyHtml: item.bodyHtml,
          section,
          tags,
          authors: authors.slice(0, 10),
          source: { name: item.source.name.slice(0, 120), url: /^https?:\/\/\S+$/i.test(item.source.url) && item.source.url.length <= 2000 ? item.source.url : '' },
          lang: item.lang,
          status: item.status,
          publishedAt: item.publishedAt,
          cover: item.cover,
        },
        ctx,
      );
      if (item.status === 'published') {
        const stored = integrityOf((await repos.articles.byId(saved.id))!, deps.integrity);
        if (stored.verdict === 'flagged') throw new FlaggedRollback([...new Set(stored.findings.map((f) => f.rule))]);
      }
      await ingest.markSeen(item.kind, item.guid, saved.id, item.simhash, at);
      if (item.link && !(await ingest.seen(LINK_KIND, item.link))) await ingest.markSeen(LINK_KIND, item.link, saved.id, item.simhash, at);
      await ingest.addRedirects(item.oldPaths, saved.id, at);
      if (dryRun) throw new DryRunRollback(saved);
      return saved;
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.view;
    throw err;
  }
  for (const e of held) await events.emit(e);
  return view;
}

async function sectionOf(item: ItemToSave, ingest: IngestRepo, sections: SectionService, at: string): Promise<{ section: string; extraTags: string[] }> {
  const cats = item.categories.filter((c) => !MEANINGLESS.has(c.trim().toLowerCase()));
  // A WordPress post's first category is its section, made when this site has none by that name.
  if (item.createSections && cats.length > 0) {
    const name = cats[0]!.slice(0, 40);
    const known = item.mapping.get(cats[0]!) ?? (await ingest.sectionFor(name))?.slug;
    if (known) return { section: known, extraTags: cats.slice(1) };
    let slug = titleSlug(name, 50) || 'section';
    if (!sectionSlugSchema.safeParse(slug).success) slug = `${slug}-news`;
    if (!(await ingest.sectionFor(slug))) await sections.create({ slug, name }, at);
    return { section: slug, extraTags: cats.slice(1) };
  }
  for (const [i, cat] of cats.entries()) {
    const mapped = item.mapping.get(cat) ?? (await ingest.sectionFor(cat))?.slug;
    if (mapped) return { section: mapped, extraTags: cats.filter((_, j) => j !== i) };
  }
  if (item.section) return { section: item.section, extraTags: cats };
  throw new AppError('JD_ERR_VALIDATION', {}, { fields: { section: ingestMessages.noSection } });
}

function safeUserSlug(login: string): string {
  const s = titleSlug(login, 60);
  return s || 'author';
}
