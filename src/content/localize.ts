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

  /** A whole article in the reader's script, body included. */
  article(a: ArticleView, to: Variant): ArticleView {
    return this.#convert(a, to, true);
  }

  articles(list: readonly ArticleView[], to: Variant): ArticleView[] {
    return list.map((a) => this.article(a, to));
  }

  /**
   * An article as a list item (card, teaser, link): everything but the body is converted and
   * the body is left out (''), since lists never show it and it is most of the work.
   */
  card(a: ArticleView, to: Variant): ArticleView {
    return this.#convert(a, to, false);
  }

  cards(list: readonly ArticleView[], to: Variant): ArticleView[] {
    return list.map((a) => this.card(a, to));
  }

  #convert(a: ArticleView, to: Variant, withBody: boolean): ArticleView {
    const key = `${withBody ? 'a' : 'c'}:${a.id}:${a.version}:${to}`;
    const hit = this.#articles.get(key);
    if (hit) return hit;
    const from = a.lang === 'zh-Hans' || a.lang === 'zh-Hant' ? a.lang : undefined;
    const c = a.cover;
    const fields = [a.title, a.subtitle, a.summary, a.source.name, a.correction?.note ?? '', c?.alt ?? '', c?.caption ?? '', c?.credit ?? ''];
    const [title, subtitle, summary, sourceName, note, alt, caption, credit] = from ? this.#zh.texts(fields, from, to) : fields;
    const out: ArticleView = {
      ...a,
      title: title!,
      subtitle: subtitle!,
      summary: summary!,
      bodyHtml: !withBody ? '' : from ? this.#zh.html(a.bodyHtml, from, to) : a.bodyHtml,
      section: this.section(a.section, to),
      tags: a.tags.map((t) => this.tag(t, to)),
      authors: a.authors.map((p) => this.author(p, to)),
      source: { name: sourceName!, url: a.source.url },
      correction: a.correction ? { note: note!, at: a.correction.at } : null,
      cover: c ? { ...c, alt: alt!, caption: caption!, credit: credit! } : null,
    };
    if (this.#articles.size >= ARTICLE_CACHE_SIZE) this.#articles.delete(this.#articles.keys().next().value!);
    this.#articles.set(key, out);
    return out;
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
