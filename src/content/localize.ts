import { flatString } from '../flat-string.js';
import type { ScriptConverter } from '../zh/convert.js';
import type { Variant } from '../zh/variants.js';
import { Interner } from './interner.js';
import type { ArticleView, AuthorView, SectionView, TagView } from './views.js';

/**
 * Characters of converted bodies kept in memory (whole articles, by id, version and variant),
 * about 12 MB as V8 keeps Chinese text: a budget in characters, not articles, since one long
 * feature weighs as much as twenty briefs. The server must fit in 300 MB on a site of 100,000
 * articles, where a fixed 4,000 articles took some 60 MB.
 */
const ARTICLE_CACHE_CHARS = 6_000_000;
/** How much a localizer keeps: characters of converted bodies, and converted cards. */
export interface LocalizerBudgets {
  readonly articleChars?: number;
  readonly cards?: number;
}

/**
 * The budgets when the page cache is on. Rendered pages are kept whole there, so a body or a
 * card is converted again only when a page showing it is rendered again (a purge, a reader's
 * first request for it in a variant), and most of the larger defaults would hold what the page
 * cache already serves. With the page cache off every request renders, and the full budgets
 * serve more: some 13% more random article pages per CPU-second on 10,000 articles for bodies.
 * Measured with the page cache on, under random article pages in all five forms, 3,000 cards
 * served as many pages per CPU-second as 12,000 on 10,000 articles and on 100,000, and kept the
 * server some 35 MB smaller once full; the body budget kept it about 15 MB smaller.
 */
export const BUDGETS_BEHIND_PAGE_CACHE = { articleChars: 2_000_000, cards: 3_000 } as const satisfies LocalizerBudgets;
/** Distinct section, tag and author views per variant shared between converted articles. */
const NAMES_INTERNED = 20_000;
/** Converted names (sections, tags, authors, breadcrumbs, related words) kept per variant. */
const NAMES_MEMO_SIZE = 20_000;
/** Longer texts given to `name` (a page title, an author's bio) are converted every time, not kept. */
const NAME_MEMO_MAX_CHARS = 200;
/**
 * Converted cards kept at most, all variants together (no body; 2–4 KB of heap each with their
 * names, URLs and the markup rendered from them): every page shows many.
 */
const CARD_CACHE_SIZE = 12_000;

/**
 * Puts content views into a reader's script. An article converts from the script it was
 * written in (its `lang`); names of sections, tags and authors have no recorded script and are
 * recognised by their characters. URLs and slugs never change. A localizer belongs to one
 * state of the site dictionary, so its cache never serves text converted with an old one.
 */
export class ContentLocalizer {
  readonly #zh: ScriptConverter;
  readonly #articles = new Map<string, { sig: string; out: ArticleView }>();
  #articleChars = 0;
  readonly #maxArticleChars: number;
  readonly #maxCards: number;
  /** Converted cards by id, version and variant; `src` is the view the identity memo maps from. */
  readonly #cards = new Map<string, { sig: string; out: ArticleView; src: ArticleView; to: Variant }>();
  readonly #sections = new Interner<SectionView>(NAMES_INTERNED);
  readonly #tags = new Interner<TagView>(NAMES_INTERNED);
  readonly #authors = new Interner<AuthorView>(NAMES_INTERNED);
  readonly #names = new Map<string, string>();
  // Cards converted, by the very view object: the reader's card cache hands out the same
  // immutable object for an article until it changes, and pages show some thirty cards each.
  // Only cards still in #cards are here: the reader keeps its 12,000 views alive, and as a
  // memo of its own this held up to five converted cards for each (every variant) with their
  // rendered markup, some 60 MB more than the budget above on 10,000 articles read in all forms.
  readonly #cardsOf = new WeakMap<ArticleView, Partial<Record<Variant, ArticleView>>>();

  /**
   * `articleChars`: the budget of converted bodies kept (default ARTICLE_CACHE_CHARS);
   * `cards`: converted cards kept (default CARD_CACHE_SIZE).
   */
  constructor(zh: ScriptConverter, options: LocalizerBudgets = {}) {
    this.#zh = zh;
    this.#maxArticleChars = options.articleChars ?? ARTICLE_CACHE_CHARS;
    this.#maxCards = options.cards ?? CARD_CACHE_SIZE;
  }

  /** What this localizer keeps at most. */
  get budgets(): Required<LocalizerBudgets> {
    return { articleChars: this.#maxArticleChars, cards: this.#maxCards };
  }

  /** The converter behind this localizer. */
  get zh(): ScriptConverter {
    return this.#zh;
  }

  /** A whole article in the reader's script, body included. */
  article(a: ArticleView, to: Variant): ArticleView {
    const key = `${a.id}:${a.version}:${to}`;
    // Renaming a section, tag or author changes an article's view without a new version.
    const sig = relationsOf(a);
    const hit = this.#articles.get(key);
    if (hit && hit.sig === sig) return hit.out;
    const out = this.#convert(a, to, true);
    this.#keepArticle(key, { sig, out });
    return out;
  }

  articles(list: readonly ArticleView[], to: Variant): ArticleView[] {
    return list.map((a) => this.article(a, to));
  }

  /**
   * An article as a list item (card, teaser, link): everything but the body is converted and
   * the body is left out (''), since lists never show it and it is most of the work.
   */
  card(a: ArticleView, to: Variant): ArticleView {
    const hit = this.#cardsOf.get(a)?.[to];
    if (hit) return hit;
    return this.#convertCard(a, to);
  }

  cards(list: readonly ArticleView[], to: Variant): ArticleView[] {
    return list.map((a) => this.card(a, to));
  }

  #convertCard(a: ArticleView, to: Variant): ArticleView {
    const key = `${a.id}:${a.version}:${to}`;
    const sig = relationsOf(a);
    const hit = this.#cards.get(key);
    let out: ArticleView;
    if (hit && hit.sig === sig) {
      out = hit.out;
      // The memo follows the view the reader now hands out (it read the row again).
      if (hit.src !== a) this.#unmemo(hit);
      hit.src = a;
    } else {
      if (hit) this.#unmemo(hit);
      else if (this.#cards.size >= this.#maxCards) {
        const oldest = this.#cards.entries().next().value!;
        this.#cards.delete(oldest[0]);
        this.#unmemo(oldest[1]);
      }
      out = this.#convert(a, to, false);
      this.#cards.set(key, { sig, out, src: a, to });
    }
    const byVariant = this.#cardsOf.get(a);
    if (byVariant) byVariant[to] = out;
    else this.#cardsOf.set(a, { [to]: out });
    return out;
  }

  /** Forgets an evicted or replaced card in the identity memo. */
  #unmemo(entry: { src: ArticleView; to: Variant }): void {
    const byVariant = this.#cardsOf.get(entry.src);
    if (byVariant) delete byVariant[entry.to];
  }

  /** The view in `to`, with its body or without (''): no cache here. */
  #convert(a: ArticleView, to: Variant, withBody: boolean): ArticleView {
    const from = a.lang === 'zh-Hans' || a.lang === 'zh-Hant' ? a.lang : undefined;
    const c = a.cover;
    const fields = [a.title, a.subtitle, a.summary, a.source.name, a.correction?.note ?? '', c?.alt ?? '', c?.caption ?? '', c?.credit ?? '', a.seo?.title ?? '', a.seo?.description ?? ''];
    const [title, subtitle, summary, sourceName, note, alt, caption, credit, seoTitle, seoDescription] = from ? this.#zh.texts(fields, from, to) : fields;
    const out: ArticleView = {
      ...a,
      title: title!,
      subtitle: subtitle!,
      summary: summary!,
      // Kept in the body cache: one run of text, not the rope the conversion joined.
      bodyHtml: !withBody ? '' : from ? flatString(this.#zh.html(a.bodyHtml, from, to)) : a.bodyHtml,
      section: this.#cardSection(a.section, to),
      tags: a.tags.map((t) => this.#cardTag(t, to)),
      authors: a.authors.map((p) => this.#cardAuthor(p, to)),
      source: { name: sourceName!, url: a.source.url },
      correction: a.correction ? { note: note!, at: a.correction.at } : null,
      cover: c ? { ...c, alt: alt!, caption: caption!, credit: credit! } : null,
      ...(a.seo ? { seo: { ...a.seo, title: seoTitle!, description: seoDescription! } } : {}),
    };
    return out;
  }

  /** Keeps a converted article, dropping the oldest while the bodies are over their budget. */
  #keepArticle(key: string, entry: { sig: string; out: ArticleView }): void {
    const old = this.#articles.get(key);
    if (old) {
      this.#articleChars -= old.out.bodyHtml.length;
      this.#articles.delete(key);
    }
    this.#articles.set(key, entry);
    this.#articleChars += entry.out.bodyHtml.length;
    for (const [k, e] of this.#articles) {
      if (this.#articleChars <= this.#maxArticleChars || k === key) break;
      this.#articles.delete(k);
      this.#articleChars -= e.out.bodyHtml.length;
    }
  }

  /**
   * A name of unrecorded script (section, tag, author, site name). Kept once converted: every
   * page converts the whole navigation, its breadcrumbs and related words, and telling the
   * script of a name costs more than converting it.
   */
  name(text: string, to: Variant): string {
    if (text.length > NAME_MEMO_MAX_CHARS) return this.#zh.auto(text, to);
    const key = `${to}\u0001${text}`;
    let out = this.#names.get(key);
    if (out === undefined) {
      out = this.#zh.auto(text, to);
      if (this.#names.size >= NAMES_MEMO_SIZE) this.#names.clear();
      this.#names.set(key, out);
    }
    return out;
  }

  section<S extends SectionView>(s: S, to: Variant): S {
    return { ...s, name: this.name(s.name, to) };
  }

  tag<T extends TagView>(t: T, to: Variant): T {
    return { ...t, name: this.name(t.name, to) };
  }

  author<A extends AuthorView>(p: A, to: Variant): A {
    return { ...p, name: this.name(p.name, to), bio: this.name(p.bio, to) };
  }

  /** A card's names in `to`, one shared object per distinct view and variant (see Interner). */
  #cardSection(s: SectionView, to: Variant): SectionView {
    return this.#sections.get(`${to}\u0001${s.id}\u0001${s.slug}\u0001${s.name}\u0001${s.parentId}\u0001${s.position}`, () => this.section(s, to));
  }

  #cardTag(t: TagView, to: Variant): TagView {
    return this.#tags.get(`${to}\u0001${t.slug}\u0001${t.name}`, () => this.tag(t, to));
  }

  #cardAuthor(p: AuthorView, to: Variant): AuthorView {
    return this.#authors.get(`${to}\u0001${p.slug}\u0001${p.name}\u0001${p.bio}`, () => this.author(p, to));
  }
}

/** The names an article view borrows from its section, tags and authors, as one string. */
function relationsOf(a: ArticleView): string {
  // Joined, not appended piece by piece: kept with every cached article, a string built with
  // += stays a chain of some fifteen small V8 strings (a few hundred bytes) until flattened.
  const parts = [a.section.slug, a.section.name, a.updatedAt, String(a.tags.length), String(a.authors.length)];
  for (const t of a.tags) parts.push(t.slug, t.name);
  for (const p of a.authors) parts.push(p.slug, p.name, p.bio);
  return parts.join('\u0001');
}
