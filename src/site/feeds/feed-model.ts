import type { Config } from '../../config/index.js';
import type { ArticleReader } from '../../content/article.reader.js';
import type { ContentLocalizer } from '../../content/localize.js';
import type { TagService } from '../../content/tag.service.js';
import { urls } from '../../content/urls.js';
import type { ArticleView } from '../../content/views.js';
import type { DictionaryService } from '../../dictionary/dictionary.service.js';
import type { Variant } from '../../zh/variants.js';
import { absolutizeHtml, variantUrl } from './xml.js';

/** Items per feed: a day or two of a busy newsroom, small enough to poll often. */
export const FEED_SIZE = 30;

/**
 * Feed titles and descriptions, written in Traditional like the page UI and converted to the
 * feed's variant. `{site}` and `{name}` are filled after conversion with names converted on
 * their own, so the template's script never decides how a name is converted.
 */
export const messages = {
  siteDescription: '{site}的最新報道',
  sectionTitle: '{name} - {site}',
  sectionDescription: '{site}「{name}」欄目的最新報道',
  tagTitle: '{name} - {site}',
  tagDescription: '{site}標籤「{name}」的最新報道',
} as const;

/** Which articles a feed carries. Section feeds include sub-sections. */
export type FeedScope = { readonly kind: 'site' } | { readonly kind: 'section'; readonly slug: string } | { readonly kind: 'tag'; readonly slug: string };

/** A person or organisation credited in a feed. */
export interface FeedPerson {
  readonly name: string;
  readonly url: string;
}

/** One article as every feed format needs it: converted, with absolute URLs. */
export interface FeedItem {
  /** Stable identifier: the article's canonical URL in the feed's variant. */
  readonly id: string;
  readonly url: string;
  readonly title: string;
  readonly summary: string;
  /** The full body (absolute URLs) when the site publishes full text, else null. */
  readonly contentHtml: string | null;
  readonly publishedAt: string;
  readonly updatedAt: string;
  readonly authors: readonly FeedPerson[];
  /** Section name first, then tag names. */
  readonly categories: readonly string[];
  readonly image: string | null;
}

/** A feed independent of its format: RSS, Atom and JSON Feed serialize the same model. */
export interface FeedModel {
  readonly title: string;
  readonly description: string;
  readonly language: Variant;
  /** The page the feed mirrors. */
  readonly homeUrl: string;
  /** Canonical URLs of the feed in each format (self links). */
  readonly feedUrls: { readonly rss: string; readonly atom: string; readonly json: string };
  /** Newest change among the items (ISO), or the Unix epoch for an empty feed. */
  readonly updated: string;
  /** The site, credited as the feed's author and publisher. */
  readonly publisher: FeedPerson;
  readonly items: readonly FeedItem[];
}

/** What the feed builder reads. */
export interface FeedBuilderDeps {
  readonly reader: ArticleReader;
  readonly tagService: TagService;
  readonly dictionary: DictionaryService;
  readonly config: Pick<Config, 'siteName' | 'siteUrl' | 'defaultVariant' | 'feedContent' | 'feedItems' | 'siteDescription'>;
}

/**
 * Builds feed models from the content services, in one script variant. Unknown sections and
 * tags throw the services' not-found errors, which the HTTP layer turns into 404s.
 */
export class FeedBuilder {
  readonly #d: FeedBuilderDeps;
  constructor(deps: FeedBuilderDeps) {
    this.#d = deps;
  }

  /** The newest `config.feedItems` articles of `scope` (a site setting), every text in `variant`. */
  async build(scope: FeedScope, variant: Variant): Promise<FeedModel> {
    const { reader, tagService } = this.#d;
    const loc = (await this.#d.dictionary.current()).localizer;
    const site = loc.name(this.#d.config.siteName, variant);
    const size = this.#d.config.feedItems;
    const fill = (template: string, name = '') => loc.zh.text(template, 'zh-Hant', variant).replace('{site}', () => site).replace('{name}', () => name);
    if (scope.kind === 'site') {
      const articles = await reader.latest({}, size);
      return this.#model(loc, variant, '/', { title: site, description: this.#d.config.siteDescription ? loc.name(this.#d.config.siteDescription, variant) : fill(messages.siteDescription) }, articles);
    }
    if (scope.kind === 'section') {
      const { section, articles } = await reader.sectionLatest(scope.slug, size);
      const name = loc.name(section.name, variant);
      return this.#model(loc, variant, section.url, { title: fill(messages.sectionTitle, name), description: fill(messages.sectionDescription, name) }, articles);
    }
    const tag = await tagService.require(scope.slug);
    const articles = await reader.latest({ tagId: tag.id }, size);
    const name = loc.name(tag.name, variant);
    return this.#model(loc, variant, tag.url, { title: fill(messages.tagTitle, name), description: fill(messages.tagDescription, name) }, articles);
  }

  #model(loc: ContentLocalizer, variant: Variant, path: string, text: { title: string; description: string }, articles: readonly ArticleView[]): FeedModel {
    const { config } = this.#d;
    const url = (p: string) => variantUrl(config, variant, p);
    // A feed's own files sit beside its page: `/tech/` → `/tech/feed.xml`, `/tag/ai` → `/tag/ai/feed.xml`.
    const dir = path.endsWith('/') ? path : `${path}/`;
    const items = articles.map((raw) => this.#item(loc.article(raw, variant), variant));
    const newest = items.reduce((max, i) => Math.max(max, Date.parse(i.updatedAt)), 0);
    return {
      ...text,
      language: variant,
      homeUrl: url(path),
      feedUrls: { rss: url(`${dir}feed.xml`), atom: url(`${dir}atom.xml`), json: url(`${dir}feed.json`) },
      updated: new Date(newest).toISOString(),
      publisher: { name: loc.name(config.siteName, variant), url: url(urls.home()) },
      items,
    };
  }

  #item(a: ArticleView, variant: Variant): FeedItem {
    const { config } = this.#d;
    const link = variantUrl(config, variant, a.url);
    const published = a.publishedAt ?? a.updatedAt;
    return {
      id: link,
      url: link,
      title: a.title,
      summary: a.summary,
      contentHtml: config.feedContent === 'full' ? absolutizeHtml(a.bodyHtml, config, variant) : null,
      publishedAt: published,
      // A back-dated or scheduled publication can be later than the last save; never report
      // an update before the publication.
      updatedAt: Date.parse(a.updatedAt) > Date.parse(published) ? a.updatedAt : published,
      authors: a.authors.map((p) => ({ name: p.name, url: variantUrl(config, variant, p.url) })),
      categories: [a.section.name, ...a.tags.map((t) => t.name)].filter((n) => n !== ''),
      image: a.cover ? config.siteUrl + a.cover.url : null,
    };
  }
}
