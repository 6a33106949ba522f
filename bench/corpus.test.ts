import { describe, expect, it } from 'vitest';
import { articleInputSchema } from '../src/content/article.fields.js';
import { BODY_CHARS, generateCorpus, TAG_COUNT, textOf } from './corpus.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const corpus = generateCorpus({ articles: 300, seed: 42, now: NOW });

// Characters that exist in only one script: a Simplified article must not contain the first
// list, nor a Traditional one the second.
const TRADITIONAL_ONLY = [...'將會與經場業關數體發國過們這時計劃處認為說電網車對應現區'];
const SIMPLIFIED_ONLY = [...'将会与经场业关数体发国过们这时计划处认为说电网车对应现区'];

describe('generateCorpus', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateCorpus({ articles: 300, seed: 42, now: NOW })).toEqual(corpus);
    const other = generateCorpus({ articles: 300, seed: 43, now: NOW });
    expect(other.articles.map((a) => a.title)).not.toEqual(corpus.articles.map((a) => a.title));
  });

  it('writes about half the articles in each script, with lang to match', () => {
    const hans = corpus.articles.filter((a) => a.lang === 'zh-Hans');
    const hant = corpus.articles.filter((a) => a.lang === 'zh-Hant');
    expect(hans.length + hant.length).toBe(corpus.articles.length);
    expect(hans.length).toBeGreaterThan(corpus.articles.length * 0.35);
    expect(hant.length).toBeGreaterThan(corpus.articles.length * 0.35);
    const text = (a: (typeof corpus.articles)[number]) => a.title + a.subtitle + a.summary + textOf(a.bodyHtml);
    for (const a of hans) expect(TRADITIONAL_ONLY.filter((c) => text(a).includes(c))).toEqual([]);
    for (const a of hant) expect(SIMPLIFIED_ONLY.filter((c) => text(a).includes(c))).toEqual([]);
  });

  it('keeps titles non-empty and bodies within length, with sub-headings and paragraphs', () => {
    for (const a of corpus.articles) {
      expect(a.title.trim().length).toBeGreaterThan(4);
      expect(a.summary?.length ?? 0).toBeGreaterThan(0);
      const length = textOf(a.bodyHtml).length;
      expect(length).toBeGreaterThanOrEqual(BODY_CHARS.min);
      expect(length).toBeLessThanOrEqual(BODY_CHARS.max);
      expect(a.bodyHtml).toMatch(/<h2>[^<]+<\/h2>/);
      expect(a.bodyHtml).toMatch(/^<p>/);
      expect(a.bodyHtml).not.toMatch(/<p><\/p>|<h2><\/h2>/);
    }
  });

  it('gives articles the service would accept, oldest first, across every section', () => {
    const sections = new Set(corpus.sections.map((s) => s.slug));
    const authors = new Set(corpus.authors.map((a) => a.slug));
    const tags = new Set(corpus.tags);
    for (const a of corpus.articles) {
      expect(articleInputSchema.safeParse(a).success).toBe(true);
      expect(sections.has(a.section)).toBe(true);
      expect(a.authors.every((s) => authors.has(s))).toBe(true);
      expect(a.tags.every((t) => tags.has(t))).toBe(true);
      expect(Date.parse(a.publishedAt)).toBeLessThan(NOW.getTime());
    }
    const times = corpus.articles.map((a) => a.publishedAt);
    expect([...times].sort()).toEqual(times);
    expect(new Set(corpus.articles.map((a) => a.section))).toEqual(sections);
  });

  it('has six sections (parents before children), 200 distinct tags and 20 authors', () => {
    expect(corpus.sections).toHaveLength(6);
    const seen = new Set<string>();
    for (const s of corpus.sections) {
      if (s.parent) expect(seen.has(s.parent)).toBe(true);
      seen.add(s.slug);
    }
    expect(corpus.sections.some((s) => s.parent)).toBe(true);
    expect(new Set(corpus.tags).size).toBe(TAG_COUNT);
    expect(new Set(corpus.authors.map((a) => a.slug)).size).toBe(20);
  });
});
