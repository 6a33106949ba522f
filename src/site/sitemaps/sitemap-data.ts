import type { Config } from '../../config/index.js';
import type { ArticleReader } from '../../content/article.reader.js';
import type { SectionService } from '../../content/section.service.js';
import type { TagService } from '../../content/tag.service.js';
import { urls } from '../../content/urls.js';
import type { DictionaryService } from '../../dictionary/dictionary.service.js';
import { VARIANTS } from '../../zh/variants.js';
import { variantUrl } from '../feeds/xml.js';
import { MAX_SITEMAP_URLS, type Alternate, type NewsPublication, type NewsUrl, type SitemapUrl } from './sitemap-xml.js';

/** How far back the news sitemap reaches: Google News only wants the last two days. */
export const NEWS_WINDOW_MS = 48 * 3_600_000;

/** Google's cap on URLs in one news sitemap. */
export const NEWS_LIMIT = 1000;

/** What the sitemap builder reads. */
export interface SitemapDeps {
  readonly reader: ArticleReader;
  readonly sectionService: SectionService;
  readonly tagService: TagService;
  readonly dictionary: DictionaryService;
  readonly config: Pick<Config, 'siteName' | 'siteUrl' | 'defaultVariant'>;
}

/**
 * The URLs sitemaps list. Every `loc` is the canonical URL in the site's default variant (the
 * unprefixed one); the other variants are hreflang alternates, never URLs of their own.
 */
export class SitemapBuilder {
  readonly #d: SitemapDeps;
  constructor(deps: SitemapDeps) {
    this.#d = deps;
  }

  /** How many article sitemaps there are at `pageSize` URLs each (at least one, maybe empty). */
  async articlePages(pageSize: number): Promise<number> {
    return Math.max(1, Math.ceil((await this.#d.reader.count()) / pageSize));
  }

  /** Page `n` (from 1) of all published articles, oldest first, with lastmod. */
  async articles(n: number, pageSize: number): Promise<SitemapUrl[]> {
    const refs = await this.#d.reader.refs((n - 1) * pageSize, pageSize);
    return refs.map((r) => this.#url(r.url, r.updatedAt));
  }

  /**
   * Home, every section and every tag in use. Authors are left out: no service lists them
   * cheaply, and their pages are reached from every article.
   */
  async pages(): Promise<SitemapUrl[]> {
    const [index, tags] = await Promise.all([this.#d.sectionService.index(), this.#d.tagService.list(1, MAX_SITEMAP_URLS)]);
    const sections = [...index.byId.values()].sort((a, b) => a.id - b.id);
    const out = [this.#url(urls.home()), ...sections.map((s) => this.#url(s.url)), ...tags.items.filter((t) => t.count > 0).map((t) => this.#url(t.url))];
    return out.slice(0, MAX_SITEMAP_URLS);
  }

  /** Articles published in the `NEWS_WINDOW_MS` before `now`, newest first, titled in the default variant. */
  async news(now: Date): Promise<{ publication: NewsPublication; urls: NewsUrl[] }> {
    const { config } = this.#d;
    const variant = config.defaultVariant;
    const from = new Date(now.getTime() - NEWS_WINDOW_MS).toISOString();
    const [articles, conversion] = await Promise.all([this.#d.reader.latest({ from }, NEWS_LIMIT), this.#d.dictionary.current()]);
    const loc = conversion.localizer;
    return {
      // Google News takes ISO 639 codes, with zh-cn and zh-tw as its two spellings of Chinese.
      publication: { name: loc.name(config.siteName, variant), language: variant === 'zh-Hans' ? 'zh-cn' : 'zh-tw' },
      urls: articles.map((raw) => {
        const a = loc.article(raw, variant);
        return { loc: variantUrl(config, variant, a.url), title: a.title, publishedAt: a.publishedAt ?? a.updatedAt };
      }),
    };
  }

  #url(path: string, lastmod?: string): SitemapUrl {
    const base = this.#d.config;
    const alternates: Alternate[] = [
      ...VARIANTS.map((v) => ({ hreflang: v, href: variantUrl(base, v, path) })),
      { hreflang: 'x-default', href: variantUrl(base, base.defaultVariant, path) },
    ];
    return { loc: variantUrl(base, base.defaultVariant, path), alternates, ...(lastmod ? { lastmod } : {}) };
  }
}
