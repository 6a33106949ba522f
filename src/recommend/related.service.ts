import type { ArticleReader } from '../content/article.reader.js';
import type { ArticleView } from '../content/views.js';
import { AppError, isAppError } from '../errors/index.js';
import type { EventBus } from '../events/bus.js';
import { findCandidates } from './related-candidates.js';
import { pickRelated, relatedScore, scoringDoc, type Scored } from './related-score.js';
import { planSpread } from './related-spread.js';
import { relatedDocOf, type RelatedDoc, type TextTools } from './related-terms.js';
import type { ListEntry, RelatedRepo } from './related.repo.js';
import { BLOCK_SIZE } from './blocks.js';
import { hamming, isNearDuplicate } from './simhash.js';

/**
 * How many of a new article's best matches it may enter the lists of. Beyond them its score
 * would not beat their tenth entry anyway, and each costs a list write.
 */
const SPREAD_TARGETS = 30;
/** Lists that lost an article and are recomputed right away; the rest stay one short. */
const REFILL_NOW = 20;

/** Dependencies of related reading. */
export interface RelatedServiceDeps {
  readonly repo: RelatedRepo;
  /** Runs work in one transaction with a repository bound to it. */
  readonly transaction: <T>(work: (repo: RelatedRepo) => Promise<T>) => Promise<T>;
  readonly reader: ArticleReader;
  /** The segmenter and IDF for the next computation (see related-text.ts). */
  readonly text: () => Promise<TextTools>;
  readonly now: () => Date;
  /** Where a failed computation is reported (it never throws out of an event). */
  readonly log: (err: AppError) => void;
  /** Re-reads the site's document frequencies (before a rebuild). */
  readonly relearn?: () => Promise<void>;
  /** Told which articles' lists were rewritten (their pages show other related reading now). */
  readonly onListsChanged?: (articleIds: readonly number[]) => void;
}

/** What a rebuild did. */
export interface RelatedRebuildResult {
  /** Published articles with a vector and a list. */
  readonly articles: number;
  /** Stored entries of articles no longer published, removed. */
  readonly removed: number;
  readonly seconds: number;
}

/** Articles read and vectorized per transaction during a rebuild. */
const REBUILD_BATCH = 200;

/** A published article that looks like another: what the editor is shown. */
export interface NearDuplicate {
  readonly article: ArticleView;
  /** Differing SimHash bits (0 = the same text after normalization). */
  readonly distance: number;
}

/**
 * 相關閱讀, computed: each published article's keyword vector and fingerprint, and its top
 * related articles stored in a list. Runs on every save (through the event bus) and on
 * demand; computations run one at a time in a process, so two publishes never interleave
 * their list updates. A failure leaves the stored data as it was.
 */
export class RelatedService {
  readonly #d: RelatedServiceDeps;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: RelatedServiceDeps) {
    this.#d = deps;
  }

  /** Recomputes on every save (or withdraws an article leaving "published") and on delete. */
  subscribe(events: EventBus): void {
    events.on('article.saved', (e) => this.#guard(e.articleId, 'save', () => (e.status === 'published' ? this.refresh(e.articleId) : this.withdraw(e.articleId))));
    events.on('article.deleted', (e) => this.#guard(e.articleId, 'delete', () => this.withdraw(e.articleId)));
  }

  /**
   * What a publish or an update does: computes the article's vector and fingerprint, its
   * related list, and lets it into the lists of the articles it is most similar to. An article
   * that is not published is withdrawn instead. Returns the new list's article ids.
   */
  refresh(articleId: number): Promise<number[]> {
    return this.#exclusive(async () => {
      const article = await this.#d.reader.any(articleId).catch((err: unknown) => {
        if (isAppError(err, 'JD_ERR_CONTENT_ARTICLE_NOT_FOUND')) return undefined;
        throw err;
      });
      if (!article || article.status !== 'published') {
        await this.#withdraw(articleId);
        return [];
      }
      const doc = relatedDocOf(article, await this.#d.text());
      const scored = await this.#score(doc);
      const list = pickRelated(doc, scored);
      const now = this.#d.now().toISOString();
      await this.#d.transaction(async (repo) => {
        await repo.saveDoc(doc, now);
        await repo.replaceList(articleId, list.map((s) => ({ relatedId: s.doc.articleId, score: s.score })));
      });
      await this.#spread(doc, scored);
      return list.map((s) => s.doc.articleId);
    });
  }

  /** Takes an article out of related reading: its data, and its place in other lists. */
  withdraw(articleId: number): Promise<void> {
    return this.#exclusive(() => this.#withdraw(articleId));
  }

  /**
   * Recomputes an article's list from its stored vector (no re-segmentation, no spreading):
   * what a rebuild does once every vector is stored. Returns the list's ids.
   */
  recomputeList(articleId: number): Promise<number[]> {
    return this.#exclusive(() => this.#recompute(articleId));
  }

  /**
   * Recomputes everything from the articles: first every published article's vector and
   * fingerprint (with freshly learned IDF, so all vectors agree), then every list from the
   * stored vectors, so each list sees every other article. Saves arriving meanwhile are
   * handled as usual between steps. `onProgress` gets (done, total) over both passes.
   */
  async rebuild(onProgress: (done: number, total: number) => void = () => {}): Promise<RelatedRebuildResult> {
    const started = performance.now();
    await this.#d.relearn?.();
    const count = await this.#d.reader.count();
    const total = count * 2;
    let done = 0;
    onProgress(0, total);
    for (let offset = 0; ; offset += REBUILD_BATCH) {
      const refs = await this.#d.reader.refs(offset, REBUILD_BATCH);
      if (refs.length === 0) break;
      const views = await this.#d.reader.hydrate(await this.#d.repo.publishedRows(refs.map((r) => r.id)));
      const tools = await this.#d.text();
      const docs = views.map((v) => relatedDocOf(v, tools));
      const now = this.#d.now().toISOString();
      await this.#exclusive(() =>
        this.#d.transaction(async (repo) => {
          for (const doc of docs) await repo.saveDoc(doc, now);
        }),
      );
      onProgress((done = Math.min(count, done + refs.length)), total);
    }
    const stale = await this.#d.repo.staleDocIds();
    for (const id of stale) await this.withdraw(id);
    let articles = 0;
    for (let after = 0; ; ) {
      const ids = await this.#d.repo.docIds(after, REBUILD_BATCH);
      if (ids.length === 0) break;
      for (const id of ids) await this.recomputeList(id);
      articles += ids.length;
      after = ids[ids.length - 1]!;
      onProgress(Math.min(total, count + articles), total);
    }
    onProgress(total, total);
    return { articles, removed: stale.length, seconds: (performance.now() - started) / 1000 };
  }

  /**
   * Published articles that look like this one (any status: an editor checks a draft before
   * publishing it), closest first: wire copies and reposts of the same text.
   *
   * @example
   * (await related.nearDuplicates(42)).map((d) => `looks like ${d.article.id} (${d.distance} bits)`)
   */
  async nearDuplicates(articleId: number): Promise<NearDuplicate[]> {
    const article = await this.#d.reader.any(articleId);
    const doc = relatedDocOf(article, await this.#d.text());
    // A near-duplicate shares nearly every term, so it is among the best candidates: no
    // separate fingerprint index is needed.
    const found = (await findCandidates(this.#d.repo, doc)).filter((c) => c.articleId !== articleId && isNearDuplicate(doc.simhash, c.simhash));
    const distance = new Map(found.map((c) => [c.articleId, hamming(doc.simhash, c.simhash)]));
    const views = await this.#d.reader.hydrate(await this.#d.repo.publishedRows(found.map((c) => c.articleId)));
    return views.map((article) => ({ article, distance: distance.get(article.id)! })).sort((a, b) => a.distance - b.distance || b.article.id - a.article.id);
  }

  /** Every candidate of `doc` with its score, best first. */
  async #score(doc: RelatedDoc): Promise<Scored[]> {
    const me = scoringDoc(doc);
    return (await findCandidates(this.#d.repo, doc))
      .map((c) => ({ doc: c, score: relatedScore(me, scoringDoc(c)) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || b.doc.articleId - a.doc.articleId);
  }

  async #recompute(articleId: number): Promise<number[]> {
    const [doc] = await this.#d.repo.docs([articleId]);
    if (!doc) return [];
    const list = pickRelated(doc, await this.#score(doc));
    const before = this.#d.onListsChanged ? await this.#shown([articleId]) : undefined;
    await this.#d.transaction((repo) => repo.replaceList(articleId, list.map((s) => ({ relatedId: s.doc.articleId, score: s.score }))));
    if (before) this.#report(before, shownOf(new Map([[articleId, list.map((s) => ({ articleId, relatedId: s.doc.articleId, score: s.score }))]])));
    return list.map((s) => s.doc.articleId);
  }

  /** Lets `doc` into the lists of its best matches and out of those it no longer belongs in. */
  async #spread(doc: RelatedDoc, scored: readonly Scored[]): Promise<void> {
    const targets = scored.filter((s) => !isNearDuplicate(doc.simhash, s.doc.simhash)).slice(0, SPREAD_TARGETS);
    const holders = await this.#d.repo.listsContaining(doc.articleId);
    const owners = [...new Set([...targets.map((t) => t.doc.articleId), ...holders])];
    const lists = await this.#d.repo.lists(owners);
    const listed = [...new Set([...lists.values()].flatMap((l) => l.map((e) => e.relatedId)))];
    const plan = planSpread(doc.articleId, doc.simhash, targets, lists, await this.#d.repo.fingerprints(listed));
    if (plan.remove.length > 0 || plan.add.length > 0) {
      await this.#d.transaction((repo) => repo.editLists(plan.remove, plan.add));
      if (this.#d.onListsChanged) this.#report(shownOf(lists), await this.#shown([...new Set([...plan.remove, ...plan.add].map((e) => e.articleId))]));
    }
    for (const owner of plan.shortened.slice(0, REFILL_NOW)) await this.#recompute(owner);
  }

  async #withdraw(articleId: number): Promise<void> {
    const holders = await this.#d.repo.listsContaining(articleId);
    // Saving a draft lands here every time: skip the writes when there is nothing to remove.
    if (holders.length === 0 && !(await this.#d.repo.hasDoc(articleId))) return;
    await this.#d.transaction((repo) => repo.remove(articleId));
    for (const owner of holders.slice(0, REFILL_NOW)) await this.#recompute(owner);
  }

  /** What the pages of these articles show of their lists (the first `BLOCK_SIZE` entries). */
  async #shown(owners: readonly number[]): Promise<Map<number, string>> {
    return shownOf(await this.#d.repo.lists(owners));
  }

  /** Tells `onListsChanged` which of the lists in `after` now show something else than `before`. */
  #report(before: ReadonlyMap<number, string>, after: ReadonlyMap<number, string>): void {
    const changed = [...after].filter(([owner, shown]) => before.get(owner) !== shown).map(([owner]) => owner);
    if (changed.length > 0) this.#d.onListsChanged?.(changed);
  }

  /** Runs one computation after the ones before it, whatever their outcome. */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Runs an event's computation, logging a failure instead of throwing it. */
  async #guard(articleId: number, step: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (err) {
      const reason = String((err as Error)?.message ?? err).split('\n')[0];
      this.#d.log(new AppError('JD_ERR_RECOMMEND_COMPUTE_FAILED', { id: articleId, step, reason }, { cause: err }));
    }
  }
}

/** Each list's shown entries, best first as the page orders them, as one comparable string. */
function shownOf(lists: ReadonlyMap<number, readonly ListEntry[]>): Map<number, string> {
  const out = new Map<number, string>();
  for (const [owner, entries] of lists) {
    const top = [...entries].sort((a, b) => b.score - a.score || b.relatedId - a.relatedId).slice(0, BLOCK_SIZE);
    out.set(owner, top.map((e) => e.relatedId).join(','));
  }
  return out;
}
