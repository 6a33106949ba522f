import type { ContentLocalizer } from '../content/localize.js';
import { convertMessages } from '../render/i18n.js';
import type { Messages } from '../render/messages.js';
import type { ArticleModel, Chrome, HomeModel, Link, ListingModel, NotFoundModel, SearchModel } from '../render/models.js';
import type { Variant } from '../zh/variants.js';

// UI tables per converter (one per dictionary state) and variant: built once, used by every page.
const uiTables = new WeakMap<ContentLocalizer['zh'], Map<Variant, Messages>>();

/** The UI strings (written in Traditional) in a variant. */
export function uiFor(loc: ContentLocalizer, to: Variant): Messages {
  let byVariant = uiTables.get(loc.zh);
  if (!byVariant) uiTables.set(loc.zh, (byVariant = new Map()));
  let table = byVariant.get(to);
  if (!table) byVariant.set(to, (table = convertMessages((s) => loc.zh.text(s, 'zh-Hant', to))));
  return table;
}

/**
 * Puts a page model into the reader's script: every text a reader sees, from the article body
 * to the navigation and UI strings, and nothing a machine follows (URLs, slugs, ids). Lists
 * hold cards: articles without their body, which no list shows.
 */
export class ModelLocalizer {
  readonly #loc: ContentLocalizer;
  readonly #to: Variant;
  constructor(loc: ContentLocalizer, to: Variant) {
    this.#loc = loc;
    this.#to = to;
  }

  chrome(c: Chrome): Chrome {
    return this.#chrome(c, this.#loc.name(c.title, this.#to), this.#loc.name(c.description, this.#to));
  }

  /** The chrome with a title and description already in the reader's script. */
  #chrome(c: Chrome, title: string, description: string): Chrome {
    const n = (s: string) => this.#loc.name(s, this.#to);
    return {
      ...c,
      siteName: n(c.siteName),
      title,
      description,
      nav: c.nav.map((s) => ({ ...this.#loc.section(s, this.#to), children: s.children.map((x) => this.#loc.section(x, this.#to)) })),
      messages: uiFor(this.#loc, this.#to),
    };
  }

  home(m: HomeModel): HomeModel {
    const a = (list: HomeModel['latest']) => this.#loc.cards(list, this.#to);
    return {
      chrome: this.chrome(m.chrome),
      headline: m.headline ? this.#loc.card(m.headline, this.#to) : null,
      slideshow: a(m.slideshow),
      featured: a(m.featured),
      latest: a(m.latest),
      sections: m.sections.map((s) => ({ section: this.#loc.section(s.section, this.#to), articles: a(s.articles) })),
      tags: m.tags.map((t) => this.#loc.tag(t, this.#to)),
    };
  }

  listing(m: ListingModel): ListingModel {
    const n = (s: string) => this.#loc.name(s, this.#to);
    return {
      ...m,
      chrome: this.chrome(m.chrome),
      heading: n(m.heading),
      intro: n(m.intro),
      breadcrumbs: this.#links(m.breadcrumbs),
      links: this.#links(m.links),
      articles: { ...m.articles, items: this.#loc.cards(m.articles.items, this.#to) },
      ...(m.author ? { author: this.#loc.author(m.author, this.#to) } : {}),
      ...(m.tag ? { tag: this.#loc.tag(m.tag, this.#to) } : {}),
    };
  }

  article(m: ArticleModel): ArticleModel {
    const a = (list: ArticleModel['related']) => this.#loc.cards(list, this.#to);
    const article = this.#loc.article(m.article, this.#to);
    return {
      // The page's title and description are the article's, converted with it.
      chrome: this.#chrome(m.chrome, article.title, article.summary),
      article,
      breadcrumbs: this.#links(m.breadcrumbs),
      related: a(m.related),
      featured: a(m.featured),
      relatedWords: this.#links(m.relatedWords),
      recommended: a(m.recommended),
    };
  }

  search(m: SearchModel): SearchModel {
    const options = m.filterOptions && {
      sections: m.filterOptions.sections.map((s) => ({ ...s, name: this.#loc.name(s.name, this.#to) })),
      tags: m.filterOptions.tags.map((t) => ({ ...t, name: this.#loc.name(t.name, this.#to) })),
    };
    return {
      ...m,
      chrome: this.chrome(m.chrome),
      results: { ...m.results, items: this.#loc.cards(m.results.items, this.#to) },
      ...(options ? { filterOptions: options } : {}),
      ...(m.activeFilters ? { activeFilters: m.activeFilters.map((f) => ({ ...f, label: this.#loc.name(f.label, this.#to) })) } : {}),
    };
  }

  notFound(m: NotFoundModel): NotFoundModel {
    return { ...m, chrome: this.chrome(m.chrome), latest: this.#loc.cards(m.latest, this.#to) };
  }

  #links(links: readonly Link[]): Link[] {
    return links.map((l) => ({ label: this.#loc.name(l.label, this.#to), url: l.url }));
  }
}
