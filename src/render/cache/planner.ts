import type { ContentEvent } from '../../events/bus.js';
import { tag } from './tags.js';

/**
 * What decides where an article is listed: a change to any of these moves it in or out of
 * listings (or reorders them); any other change only alters the pages that show it.
 */
export interface ArticleState {
  readonly published: boolean;
  readonly section: string;
  readonly tags: readonly string[];
  readonly authors: readonly string[];
  readonly publishedAt: string | null;
  /** Headline, featured and slideshow flags, as `h`, `f`, `s` letters. */
  readonly flags: string;
  /** What a card of it shows (title, summary, cover, URL, section, time, script), as one key; empty when unknown. */
  readonly card: string;
}

/** What the planner reads. */
export interface PlannerDeps {
  /** The article as stored now; undefined when it no longer exists. */
  current(id: number): Promise<ArticleState | undefined>;
  /** The article's last two recorded revisions, newest first (the newest may equal `current`). */
  revisions(id: number): Promise<readonly ArticleState[]>;
  /** A section's slug and its ancestors' slugs (listings include sub-sections' articles). */
  sectionChain(slug: string): Promise<readonly string[]>;
  /** Year and month of a time in the site's time zone (monthly archives). */
  monthOf(iso: string): { year: number; month: number };
  /**
   * Ids of an author's published articles (their pages and feed items show the byline);
   * undefined when there are too many to name or the reader is not wired.
   */
  authorArticles?(userId: number): Promise<readonly number[] | undefined>;
}

/** Every page must go: the change reaches all of them (dictionary) or cannot be traced. */
export const EVERYTHING = 'everything' as const;

/**
 * Turns a content event into the exact tags to purge. An article's own pages and every page
 * showing it carry `article:<id>`. If its listing state changed (published, section, tags,
 * authors, date, flags), the listings it leaves and enters change too, for the OLD and the
 * NEW state: sections with their ancestors, tags, authors, archive months, home, feeds,
 * not-found pages and pages built from "newest" lists. Its previous state comes from the
 * revision recorded before the save.
 *
 * @example
 * await cache.purge(await planner.plan({ type: 'article.saved', articleId: 7, status: 'published', previousStatus: 'draft' }));
 */
export class InvalidationPlanner {
  readonly #d: PlannerDeps;
  constructor(deps: PlannerDeps) {
    this.#d = deps;
  }

  async plan(event: ContentEvent): Promise<string[] | typeof EVERYTHING> {
    if (event.type === 'dictionary.changed' || event.type === 'settings.changed') return EVERYTHING;
    if (event.type === 'taxonomy.changed' || event.type === 'author.changed' || event.type === 'featured.changed') return this.#planNames(event);
    const id = event.articleId;
    const [now, revisions] = await Promise.all([this.#d.current(id), this.#d.revisions(id)]);
    // Without any recorded state (a deleted article whose revisions went with it), nothing
    // says which listings showed it.
    if (!now && revisions.length === 0) return EVERYTHING;
    // A save records a revision first, so the newest equals the current state and the one
    // before is the old state; a re-announcement (tag renamed) records none, so the newest
    // revision is the old state.
    // A new article has no state before.
    const created = event.type === 'article.saved' && event.previousStatus === undefined;
    // A retag announcement (src/content/taxonomy.admin.ts) tells which it is: older revisions
    // differing from now (an earlier publish) are no change of this event.
    const retagged = event.type === 'article.saved' && event.retagged === true;
    const before = created ? undefined : retagged ? revisions[0] : (revisions.find((r) => !now || !sameListing(r, now)) ?? revisions[0]);
    const out = new Set<string>([tag.article(id)]);
    // Cards change with their own fields only: the two newest revisions are this save and the
    // one before. Cards show no tags, so a retag leaves them.
    const [r0, r1] = revisions;
    if (!retagged && (!now || !r0 || !r1 || !r0.card || r0.card !== r1.card)) out.add(tag.card(id));
    const visible = [before, now].filter((s): s is ArticleState => s?.published === true);
    if (visible.length === 0) return [...out];
    // lastmod of a published article changes with any save; the count only with a status change.
    out.add(tag.sitemap);
    if (before?.published !== now?.published) out.add(tag.sitemapIndex);
    const changed = (key: keyof ArticleState) => !before || !now || !sameValue(before[key], now[key]);
    const add = (...tags: string[]) => tags.forEach((t) => out.add(t));
    // In or out of the site, or moved in time: every listing it is in reorders.
    const moved = changed('published') || changed('publishedAt');
    if (moved) add(tag.home, tag.feed, tag.notFound, tag.latest, tag.archiveEdge, tag.sitemapNews);
    if (moved || changed('flags')) add(tag.home, tag.latest);
    // A pick in or out (its featured flag) changes the 精彩推薦 block wherever it shows.
    const pick = (s: ArticleState | undefined) => s?.published === true && s.flags.includes('f');
    if (pick(before) !== pick(now)) add(tag.featuredBlock);
    // Listings of both states; when only some keys changed, only the ones it left or entered.
    const both = <T>(pick: (s: ArticleState) => readonly T[]) => visible.map(pick);
    if (moved || changed('section')) {
      const sectionChains = await Promise.all(visible.map((s) => this.#d.sectionChain(s.section)));
      add(tag.home, ...edges(both((s) => [s.section]), moved).map(tag.sectionOwn), ...edges(sectionChains, moved).map(tag.section));
    }
    // Tag pages, and the home page's tag counts.
    if (moved || changed('tags')) add(tag.home, ...edges(both((s) => s.tags), moved).map(tag.tag));
    if (moved || changed('authors')) add(...edges(both((s) => s.authors), moved).map(tag.author));
    if (moved) {
      for (const s of visible) {
        if (!s.publishedAt) continue;
        const m = this.#d.monthOf(s.publishedAt);
        add(tag.archive(m.year, m.month));
      }
    }
    return [...out];
  }

  /**
   * A section change reaches the navigation of every page. A tag's own pages (listing, feed)
   * carry `tag:<slug>`, the home page's popular tags `tag-name:<slug>`, and a slug taken or freed changes
   * what was a not-found page; the articles carrying it are re-announced by the taxonomy
   * service, so their pages go with those events. A byline shows on the author's page and on
   * each of their articles' pages and feed items. Picks show in the 精彩推薦 block.
   */
  async #planNames(event: NameEvent): Promise<string[] | typeof EVERYTHING> {
    if (event.type === 'featured.changed') return [tag.featuredBlock];
    if (event.type === 'taxonomy.changed') return event.kind === 'section' ? EVERYTHING : [...event.slugs.flatMap((s) => [tag.tag(s), tag.tagName(s)]), tag.notFound];
    const ids = await this.#d.authorArticles?.(event.userId);
    if (!ids) return EVERYTHING;
    return [tag.author(event.slug), ...ids.map(tag.article)];
  }
}

/** Events about names and picks rather than one article. */
type NameEvent = Extract<ContentEvent, { type: 'taxonomy.changed' | 'author.changed' | 'featured.changed' }>;

/**
 * The listings to purge among those of the old and new state: all of them when the article
 * moved in or out or in time, else those it left or entered (the others list it as before).
 */
function edges(lists: ReadonlyArray<readonly string[]>, all: boolean): string[] {
  const [a = [], b = []] = lists;
  if (all || lists.length < 2) return [...new Set([...a, ...b])];
  return [...a.filter((x) => !b.includes(x)), ...b.filter((x) => !a.includes(x))];
}

function sameValue(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) ? sameSet(a as string[], b as string[]) : a === b;
}

/** Whether two states list the article in the same places, in the same order. */
export function sameListing(a: ArticleState, b: ArticleState): boolean {
  return (
    a.published === b.published &&
    a.section === b.section &&
    a.publishedAt === b.publishedAt &&
    a.flags === b.flags &&
    sameSet(a.tags, b.tags) &&
    sameSet(a.authors, b.authors)
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}
