import { describe, expect, it } from 'vitest';
import { IdSet } from './id-set.js';

describe('IdSet', () => {
  it('holds the ids it was given and added, and nothing else', () => {
    const ids = new IdSet([1, 8, 9, 100_000]);
    ids.add(7);
    for (const id of [1, 7, 8, 9, 100_000]) expect(ids.has(id)).toBe(true);
    for (const id of [0, 2, 10, 99_999, 100_001, 1e9]) expect(ids.has(id)).toBe(false);
  });

  it('forgets deleted ids, including ids it never held', () => {
    const ids = new IdSet([5, 6]);
    ids.delete(5);
    ids.delete(1_000_000);
    expect(ids.has(5)).toBe(false);
    expect(ids.has(6)).toBe(true);
  });

  it('keeps ids beyond the bitmap and never mistakes odd numbers for ids', () => {
    const ids = new IdSet([2 ** 40, 3]);
    expect(ids.has(2 ** 40)).toBe(true);
    ids.delete(2 ** 40);
    expect(ids.has(2 ** 40)).toBe(false);
    for (const odd of [3.5, -3, Number.NaN, Number.POSITIVE_INFINITY]) expect(ids.has(odd)).toBe(false);
  });
});
