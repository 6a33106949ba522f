import type { ArticleReader } from '../content/article.reader.js';
import { urls } from '../content/urls.js';
import type { ArticleView } from '../content/views.js';
import { AppError } from '../errors/index.js';
import type { EventBus } from '../events/bus.js';
import type { Cluster } from '../events/cluster.js';
import type { WordLink, WordsSource } from './blocks.js';
import type { RelatedRepo } from './related.repo.js';
import type { WordOverride, WordsRepo } from './words.repo.js';

/** Words shown under an article. */
export const WORDS_SIZE = 8;
/** Longest word an editor may pin, in characters. */
export const MAX_WORD_CHARS = 32;
/** How long the site's tag names are kept before they are read again. */
const TAGS_TTL_MS = 60_000;
/**
 * How long an article's stored terms and overrides are reused. Its own saves and the editors'
 * pins drop them at once; the TTL bounds a change made by another process or a reindex.
 */
const STORED_TTL_MS = 30_000;
/** Articles whose stored words are kept in memory at most. */
const STORED_CACHE_SIZE = 5_000;

/** Dependencies of related words. */
export interface RelatedWordsDeps {
  readonly words: WordsRepo;
  readonly related: RelatedRepo;
  readonly reader: ArticleReader;
  /** The text engine's normalization (NFKC, lower case, Traditional → Simplified). */
  readonly normalize: (text: string) => string;
  /** Used for articles with no stored keywords yet. */
  readonly fallback: WordsSource;
  readonly now: () => Date;
}

/**
 * 相關詞: an article's strongest keywords (from its stored related-reading vector), with the
 * editors' pins first and their hidden words left out. Each links to its tag page when the
 * site has a tag of that name (in either script), else to a search for it. Words are stored
 * normalized (Simplified); the site's localizer shows them in the reader's script.
 */
export class RelatedWords implements WordsSource {
  readonly #d: RelatedWordsDeps;
  #tags: { at: number; byName: Map<string, { slug: string; name: string }> } | undefined;
  readonly #stored = new Map<number, { at: number; terms: string[]; overrides: WordOverride[] }>();

  constructor(deps: RelatedWordsDeps) {
    this.#d = deps;
  }

  /**
   * Drops an article's kept words when it is saved (its terms are recomputed then) or deleted,
   * and everything on a message from another process or a resync. Subscribe after the related
   * service, so the drop comes once the new terms are stored.
   */
  subscribe(events: EventBus, cluster?: Cluster): void {
    events.on('article.saved', (e) => void this.#stored.delete(e.articleId));
    events.on('article.deleted', (e) => void this.#stored.delete(e.articleId));
    const clear = () => {
      this.#stored.clear();
      this.#tags = undefined;
    };
    cluster?.onMessage(clear);
    cluster?.onResync(clear);
    // Words link to tag pages by name: a tag created, renamed or deleted changes those links.
    events.on('taxonomy.changed', (e) => {
      if (e.kind === 'tag') this.#tags = undefined;
    });
  }

  async words(article: ArticleView): Promise<WordLink[]> {
    const { terms, overrides } = await this.#storedWords(article.id);
    const pins = overrides.filter((o) => o.action === 'pin');
    if (terms.length === 0 && pins.length === 0) return this.#d.fallback.words(article);
    const hidden = new Set(overrides.filter((o) => o.action === 'hide').map((o) => o.word));
    const chosen: Array<{ key: string; label: string }> = [];
    const seen = new Set<string>();
    for (const c of [...pins.map((p) => ({ key: p.word, label: p.label })), ...terms.map((t) => ({ key: t, label: t }))]) {
      if (chosen.length >= WORDS_SIZE) break;
      if (hidden.has(c.key) || seen.has(c.key)) continue;
      seen.add(c.key);
      chosen.push(c);
    }
    const own = new Map(article.tags.map((t) => [this.#d.normalize(t.name), t]));
    const site = await this.#siteTags();
    return chosen.map(({ key, label }) => {
      const ownTag = own.get(key);
      if (ownTag) return { label: ownTag.name, url: ownTag.url };
      const tag = site.get(key);
      return tag ? { label: tag.name, url: urls.tag(tag.slug) } : { label, url: urls.search(label) };
    });
  }

  /** Shows `word` first among the article's related words (after earlier pins). */
  async pin(articleId: number, word: string): Promise<WordOverride> {
    return this.#set(articleId, word, 'pin');
  }

  /** Never shows `word` among the article's related words. */
  async hide(articleId: number, word: string): Promise<WordOverride> {
    return this.#set(articleId, word, 'hide');
  }

  /** Undoes a pin or a hide; JD_ERR_RECOMMEND_WORD_NOT_FOUND when there was none. */
  async unpin(articleId: number, word: string): Promise<void> {
    await this.#d.reader.any(articleId);
    const key = this.#key(word);
    const cleared = await this.#d.words.clear(articleId, key);
    this.#stored.delete(articleId);
    if (!cleared) throw new AppError('JD_ERR_RECOMMEND_WORD_NOT_FOUND', { id: articleId, word: key });
  }

  /** The article's pins and hides, oldest first. */
  async overrides(articleId: number): Promise<WordOverride[]> {
    await this.#d.reader.any(articleId);
    return this.#d.words.overrides(articleId);
  }

  async #set(articleId: number, word: string, action: 'pin' | 'hide'): Promise<WordOverride> {
    await this.#d.reader.any(articleId);
    const o: WordOverride = { word: this.#key(word), label: word.trim(), action, createdAt: this.#d.now().toISOString() };
    await this.#d.words.set(articleId, o);
    this.#stored.delete(articleId);
    return o;
  }

  /** An article's strongest stored terms and its overrides: two small reads, kept a while. */
  async #storedWords(articleId: number): Promise<{ terms: string[]; overrides: WordOverride[] }> {
    const hit = this.#stored.get(articleId);
    if (hit && Date.now() - hit.at < STORED_TTL_MS) return hit;
    const at = Date.now();
    const [terms, overrides] = await Promise.all([this.#d.related.topTerms(articleId, WORDS_SIZE * 2), this.#d.words.overrides(articleId)]);
    if (this.#stored.size >= STORED_CACHE_SIZE) this.#stored.delete(this.#stored.keys().next().value!);
    this.#stored.set(articleId, { at, terms, overrides });
    return { terms, overrides };
  }

  /** The normalized form of an editor's word, or JD_ERR_RECOMMEND_WORD_INVALID. */
  #key(word: string): string {
    const trimmed = word.trim();
    if (trimmed.length === 0 || [...trimmed].length > MAX_WORD_CHARS || /[\u0000-\u001f\u007f]/.test(trimmed)) {
      throw new AppError('JD_ERR_RECOMMEND_WORD_INVALID', { max: MAX_WORD_CHARS, word: JSON.stringify(word.slice(0, 40)) });
    }
    return this.#d.normalize(trimmed);
  }

  async #siteTags(): Promise<Map<string, { slug: string; name: string }>> {
    if (this.#tags && Date.now() - this.#tags.at < TAGS_TTL_MS) return this.#tags.byName;
    const byName = new Map<string, { slug: string; name: string }>();
    // First tag of a normalized name wins, so a name in both scripts links to one stable page.
    for (const t of await this.#d.words.tags()) {
      const key = this.#d.normalize(t.name);
      if (!byName.has(key)) byName.set(key, t);
    }
    this.#tags = { at: Date.now(), byName };
    return byName;
  }
}
