import type { SectionService } from '../content/section.service.js';
import { urls } from '../content/urls.js';
import type { DictionaryService } from '../dictionary/dictionary.service.js';
import type { Variant } from '../zh/variants.js';
import type { SearchBackend } from './backend.js';
import { normalizeQuery, prefixQueries } from './query.js';
import type { SearchRepo } from './search.repo.js';
import type { TextEngine } from './text-engine.js';

/** A typeahead suggestion: a tag or an article title, and where it leads. */
export interface Suggestion {
  readonly kind: 'tag' | 'article';
  /** What to show, in the requested variant. */
  readonly label: string;
  /** Unprefixed path (as every URL in view models). */
  readonly url: string;
}

/** Most suggestions one call returns. */
export const MAX_SUGGESTIONS = 20;
/** How long the normalized tag list is kept before it is read again. */
const TAG_LIST_TTL_MS = 60_000;

/** Dependencies of typeahead. */
export interface SuggesterDeps {
  readonly backend: SearchBackend;
  readonly searchRepo: SearchRepo;
  readonly sectionService: SectionService;
  readonly dictionary: DictionaryService;
  readonly engine: TextEngine;
}

/**
 * Typeahead from tags and published titles, by prefix on normalized text, so that typing in
 * either script (颱 or 台) suggests the same things. Tags whose name starts with the input come
 * first (a few, shortest first), then the newest titles containing words that start with it.
 */
export class Suggester {
  readonly #d: SuggesterDeps;
  #tags: { at: number; list: Array<{ slug: string; name: string; norm: string }> } | undefined;

  constructor(deps: SuggesterDeps) {
    this.#d = deps;
  }

  async suggest(raw: string, options: { variant?: Variant; limit?: number } = {}): Promise<Suggestion[]> {
    const limit = Math.max(1, Math.min(MAX_SUGGESTIONS, Math.floor(options.limit ?? 8) || 8));
    const text = normalizeQuery(raw);
    if (text === '') return [];
    const segmenter = await this.#d.engine.segmenter();
    const typed = segmenter.normalizer.normalize(text).replace(/[^\p{L}\p{N}]+/gu, '');
    const conversion = options.variant ? await this.#d.dictionary.current() : undefined;
    const to = options.variant;

    const tags = typed === '' ? [] : (await this.#tagList()).filter((t) => t.norm.startsWith(typed));
    tags.sort((a, b) => a.norm.length - b.norm.length);
    const out: Suggestion[] = tags.slice(0, Math.ceil(limit / 2)).map((t) => ({
      kind: 'tag',
      label: conversion && to ? conversion.localizer.name(t.name, to) : t.name,
      url: urls.tag(t.slug),
    }));

    let keys: number[] = [];
    for (const query of prefixQueries(text, segmenter)) {
      keys = (await this.#d.backend.newest(query, { scope: 'published' }, { limit, rank: false, field: 'title' })).map((r) => r.sortKey);
      if (keys.length > 0) break;
    }
    const articleOf = await this.#d.backend.articleIdsOf(keys);
    const ids = keys.map((k) => articleOf.get(k)).filter((id): id is number => id !== undefined);
    const [rows, index] = await Promise.all([this.#d.searchRepo.articles(ids), this.#d.sectionService.index()]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const r = byId.get(id);
      if (!r || r.status !== 'published') continue;
      const from = r.lang === 'zh-Hans' || r.lang === 'zh-Hant' ? r.lang : undefined;
      const label = conversion && to && from ? conversion.zh.text(r.title, from, to) : r.title;
      out.push({ kind: 'article', label, url: urls.article(index.byId.get(r.section_id)?.slug ?? 'section', r.id, r.slug) });
    }
    return out.slice(0, limit);
  }

  async #tagList(): Promise<Array<{ slug: string; name: string; norm: string }>> {
    if (this.#tags && Date.now() - this.#tags.at < TAG_LIST_TTL_MS) return this.#tags.list;
    const normalizer = this.#d.engine.normalizer;
    const list = (await this.#d.searchRepo.tags()).map((t) => ({ ...t, norm: normalizer.normalize(t.name).replace(/[^\p{L}\p{N}]+/gu, '') }));
    this.#tags = { at: Date.now(), list };
    return list;
  }
}
