import { describe, expect, it } from 'vitest';
import { ageDecay, pickRelated, relatedScore, SCORING, scoringDoc, type Scored } from './related-score.js';
import type { RelatedDoc } from './related-terms.js';

const doc = (id: number, terms: Record<string, number>, extra: Partial<RelatedDoc> = {}): RelatedDoc => {
  const norm = Math.sqrt(Object.values(terms).reduce((s, w) => s + w * w, 0));
  return {
    articleId: id,
    terms: Object.entries(terms).map(([term, w]) => ({ term, weight: w / norm })),
    simhash: id.toString(16).padStart(16, 'f'),
    sectionId: 1,
    publishedAt: '2026-10-01T00:00:00.000Z',
    tags: [],
    ...extra,
  };
};

describe('related score', () => {
  it('is the cosine for the same section-less, tag-less, same-day pair, and symmetric', () => {
    const a = doc(1, { 台风: 1, 停电: 1 }, { sectionId: 1 });
    const b = doc(2, { 台风: 1, 农损: 1 }, { sectionId: 2 });
    expect(relatedScore(scoringDoc(a), scoringDoc(b))).toBeCloseTo(0.5);
    expect(relatedScore(scoringDoc(b), scoringDoc(a))).toBeCloseTo(0.5);
  });

  it('boosts shared tags (by normalized name) and the same section, and decays with time apart', () => {
    const a = doc(1, { 台风: 1, 停电: 1 }, { tags: ['台风', '电力'] });
    const b = doc(2, { 台风: 1, 农损: 1 }, { tags: ['台风'] });
    expect(relatedScore(scoringDoc(a), scoringDoc(b))).toBeCloseTo(0.5 * (1 + SCORING.tagBoost + SCORING.sectionBoost));
    const later = doc(3, { 台风: 1, 农损: 1 }, { tags: ['台风'], publishedAt: '2026-10-31T00:00:00.000Z' });
    expect(relatedScore(scoringDoc(a), scoringDoc(later))).toBeCloseTo(0.5 * (1 + SCORING.tagBoost + SCORING.sectionBoost) * 0.75);
    expect(ageDecay(0, 10 * 365 * 86_400_000)).toBeCloseTo(SCORING.ageFloor, 3);
    expect(ageDecay(undefined, 0)).toBe(1);
  });

  it('ignores pairs that only share a little', () => {
    const a = doc(1, { 台风: 0.1, 停电: 10, 抢修: 10 });
    const b = doc(2, { 台风: 0.1, 股市: 10, 升息: 10 });
    expect(relatedScore(scoringDoc(a), scoringDoc(b))).toBe(0);
  });

  it('picks the best, without the article, its near-duplicates or two near-identical candidates', () => {
    const me = doc(1, { a: 1 }, { simhash: '0000000000000000' });
    const scored = (d: RelatedDoc, score: number): Scored => ({ doc: d, score });
    const picked = pickRelated(
      me,
      [
        scored(doc(1, { a: 1 }, { simhash: '0000000000000000' }), 1),
        scored(doc(2, { a: 1 }, { simhash: '0000000000000007' }), 0.9), // near-duplicate of the article
        scored(doc(3, { a: 1 }, { simhash: 'ffffffff00000000' }), 0.8),
        scored(doc(4, { a: 1 }, { simhash: 'ffffffff00000001' }), 0.7), // near-duplicate of 3
        scored(doc(5, { a: 1 }, { simhash: '00000000ffffffff' }), 0.6),
        scored(doc(6, { a: 1 }, { simhash: 'ffff0000ffff0000' }), 0),
      ],
      10,
    );
    expect(picked.map((p) => p.doc.articleId)).toEqual([3, 5]);
    expect(pickRelated(me, [scored(doc(3, { a: 1 }, { simhash: 'ffffffff00000000' }), 0.8), scored(doc(5, { a: 1 }, { simhash: '00000000ffffffff' }), 0.6)], 1)).toHaveLength(1);
  });
});

describe('term words', () => {
  it('keeps words of two or more characters and drops numbers, counts and dates', async () => {
    const { isTermWord } = await import('./related-terms.js');
    expect(['台风', 'pm2.5', '升息', '第二'].map(isTermWord)).toEqual([true, true, true, false]);
    expect(['七个', '十五天', '二〇三〇年', '2026', '3.5%', '风', '一成'].some(isTermWord)).toBe(false);
  });
});
