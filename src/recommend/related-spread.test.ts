import { describe, expect, it } from 'vitest';
import type { ListEntry } from './related.repo.js';
import type { Scored } from './related-score.js';
import { planSpread } from './related-spread.js';
import type { RelatedDoc } from './related-terms.js';

const N = 100;
const target = (id: number, score: number): Scored => ({ doc: { articleId: id } as RelatedDoc, score });
const list = (owner: number, ...entries: Array<[number, number]>): [number, ListEntry[]] => [owner, entries.map(([relatedId, score]) => ({ articleId: owner, relatedId, score }))];
const entry = (articleId: number, relatedId: number, score: number): ListEntry => ({ articleId, relatedId, score });
const far = (id: number) => id.toString(16).padStart(16, '0');

describe('planSpread', () => {
  it('enters a list with room or one it beats the last entry of, and leaves the others alone', () => {
    const lists = new Map([list(1, [2, 0.9]), list(3, [4, 0.9], [5, 0.8]), list(6, [7, 0.9], [8, 0.2])]);
    const prints = new Map([2, 4, 5, 7, 8].map((id) => [id, far(id * 0x1111)]));
    const plan = planSpread(N, 'ffffffffffffffff', [target(1, 0.5), target(3, 0.1), target(6, 0.3)], lists, prints, 2);
    expect(plan.add).toEqual([entry(1, N, 0.5), entry(6, N, 0.3)]);
    // 8 is pushed out of 6's list; 3's list stays as it was.
    expect(plan.remove).toEqual([entry(6, 8, 0.2)]);
    expect(plan.shortened).toEqual([]);
  });

  it('replaces a weaker near-duplicate of the article but never joins a stronger one', () => {
    const lists = new Map([list(1, [2, 0.4], [3, 0.3]), list(4, [5, 0.9])]);
    const prints = new Map([
      [2, 'ffffffffffffff00'], // near-duplicate of N
      [3, '0000000000000000'],
      [5, 'fffffffffffffff0'], // near-duplicate of N
    ]);
    const plan = planSpread(N, 'ffffffffffffffff', [target(1, 0.5), target(4, 0.5)], lists, prints);
    expect(plan.add).toEqual([entry(1, N, 0.5)]);
    expect(plan.remove).toEqual([entry(1, 2, 0.4)]);
  });

  it('updates its score where it stays and marks lists it leaves as short', () => {
    const lists = new Map([list(1, [N, 0.9], [2, 0.5]), list(3, [N, 0.8], [4, 0.4])]);
    const plan = planSpread(N, 'ffffffffffffffff', [target(1, 0.2)], lists, new Map());
    expect(plan.remove).toEqual([entry(1, N, 0.9), entry(3, N, 0.8)]);
    expect(plan.add).toEqual([entry(1, N, 0.2)]);
    expect(plan.shortened).toEqual([3]);
  });
});
