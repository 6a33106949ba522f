import type { ScriptConverter } from '../zh/convert.js';
import type { Variant } from '../zh/variants.js';
import type { ArticleView, AuthorView, SectionView, TagView } from './views.js';

/** Converted articles kept in memory, by id, version and variant. */
const ARTICLE_CACHE_SIZE = 4000;

/**
 * Puts content views into a reader's script. An article converts from the script it was
 * written in (its `lang`); names of sections, tags and authors have no recorded script and are
 * recognised by their characters. URLs and slugs never change. A localizer belongs to one
 * state of the site dictionary, so its cache never serves text converted with an old one.
 */
export class ContentLocalizer {
  readonly #zh: ScriptConverter;
  readonly #articles = new Map<string, ArticleView>();

  constructor(zh: ScriptConverter) {
    this.#zh = zh;
  }

  /** The converter behind this localizer. */
  get zh(): ScriptConverter {
    return this.#zh;
  }

  article(a: ArticleView, to: Variant): ArticleView {
    if (a.lang !== 'zh-Hans' && a.lang !== 'zh-Hant') return { ...a, section: this.section(a.section, to), tags: a.tags.map((t) => this.tag(t, to)), authors: a.authors.map((p) => this.author(p, to)) };
    const key = `${a.id}:${a.version}:${to}`;
    const hit = this.#articles.get(key);
    if (hit) return hit;
    const from = a.lang;
    const text = (s: string) => this.#zh.text(s, from, to);
    const out: ArticleView = {
      ...a,
      title: text(a.title),
      subtitle: text(a.subtitle),
      summary: text(a.summary),
      bodyHtml: this.#zh.html(a.bodyHtml, from, to),
      section: this.section(a.section, to),
      tags: a.tags.map((t) => this.tag(t, to)),
      authors: a.authors.map((p) => this.author(p, to)),
      source: { name: text(a.source.name), url: a.source.url },
      correction: a.correction ? { note: text(a.correction.note), at: a.correction.at } : null,
      cover: a.cover ? { ...a.cover, alt: text(a.cover.alt), caption: text(a.cover.caption), credit: text(a.cover.credit) } : null,
    };
    if (this.#articles.size >= ARTICLE_CACHE_SIZE) this.#articles.delete(this.#articles.keys().next().value!);
    this.#articles.set(key, out);
    return out;
  }

  articles(list: readonly ArticleView[], to: Variant): ArticleView[] {
    return list.map((a) => this.article(a, to));
  }

  /** A name of unrecorded script (section, tag, author, site name). */
  name(text: string, to: Variant): string {
    return this.#zh.auto(text, to);
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
}
