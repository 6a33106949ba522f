import { describe, expect, it } from 'vitest';
import type { ArticleReader } from '../content/article.reader.js';
import { COVISIT_SHRINK, covisitScale, shrinkScale } from './covisit-math.js';
import type { CovisitRepo } from './covisit.repo.js';
import { CovisitBlock } from './covisit.source.js';
import type { PopularLists } from './popular.js';
import type { PopularRepo } from './popular.repo.js';

const HOUR = 3_600_000;
const DAY_START = Date.UTC(2026, 10, 27);

describe('the shrinkage of co-visit similarity', () => {
  it('is counted in the scale of the start of the UTC day, all day long', () => {
    expect(shrinkScale(DAY_START)).toBe(covisitScale(DAY_START));
    expect(shrinkScale(DAY_START + 23 * HOUR + 59 * 60_000)).toBe(covisitScale(DAY_START));
    expect(shrinkScale(DAY_START + 24 * HOUR)).toBe(covisitScale(DAY_START + 24 * HOUR));
    // Before 1970 too (a negative remainder would pick the wrong day).
    expect(shrinkScale(-HOUR)).toBe(covisitScale(-24 * HOUR));
  });

  it('keeps two nearly equal neighbours in one order through a day, and lets them swap the next', async () => {
    // Neighbour 2 ranks first while the shrinkage k is below kStar, neighbour 1 above it: with
    // weights 2u and u and reads s1 = 4·s2 + 3·kStar the two similarities meet at kStar.
    // kStar is the shrinkage at noon, so a clock-driven shrinkage would swap them at noon.
    const kStar = COVISIT_SHRINK * covisitScale(DAY_START + 12 * HOUR);
    const u = covisitScale(DAY_START);
    const s2 = 10 * u;
    const pairs = [
      { otherId: 1, weight: 2 * u, reads: 4 * s2 + 3 * kStar },
      { otherId: 2, weight: u, reads: s2 },
    ];
    let now = DAY_START + HOUR;
    const covisit = { neighbourhood: async () => ({ reads: 50 * u, pairs }) } as unknown as CovisitRepo;
    const unused = {} as never;
    const block = new CovisitBlock({ covisit, lists: unused as PopularLists, popular: unused as PopularRepo, reader: unused as ArticleReader, clock: () => now, fallback: unused });
    const order = async () => (await block.neighbours(9)).map((n) => n.articleId);

    expect(await order()).toEqual([2, 1]);
    now = DAY_START + 23 * HOUR;
    expect(await order()).toEqual([2, 1]);
    now = DAY_START + 25 * HOUR;
    expect(await order()).toEqual([1, 2]);
  });
});
