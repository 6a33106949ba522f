import { describe, expect, it } from 'vitest';
import { CardCache } from './article.cards.js';
import type { TagRepo } from './tag.repo.js';
import { TagService } from './tag.service.js';

/** A tag repo that counts the listing queries it answers. */
function countingRepo(): { repo: TagRepo; calls: () => number; rename: (name: string) => void } {
  let calls = 0;
  let name = '經濟';
  const repo = {
    withCounts: async (limit: number) => {
      calls++;
      return [{ id: 1, slug: 'economy', name, description: null, created_at: '2026-11-01T00:00:00.000Z', count: 3 }].slice(0, limit);
    },
    countAll: async () => 1,
  } as unknown as TagRepo;
  return { repo, calls: () => calls, rename: (n) => (name = n) };
}

describe('TagService.list', () => {
  it('shares a short listing until the card cache drops it, and reads long ones every time', async () => {
    const { repo, calls, rename } = countingRepo();
    const cards = new CardCache();
    const tags = new TagService({ tagRepo: repo, shared: cards });

    const first = await tags.list(1, 24);
    expect((await tags.list(1, 24)).items).toBe(first.items);
    expect(calls()).toBe(1);
    // Another page or size is another listing.
    await tags.list(2, 24);
    expect(calls()).toBe(2);

    // A saved article (or a tag change) drops it: the next call reads the new state.
    rename('財經');
    cards.forget(42);
    expect((await tags.list(1, 24)).items[0]?.name).toBe('財經');
    expect(calls()).toBe(3);

    // Sitemaps and the export ask for every tag: never kept.
    await tags.list(1, 50_000);
    await tags.list(1, 50_000);
    expect(calls()).toBe(5);
  });

  it('reads every time without a cache to share through', async () => {
    const { repo, calls } = countingRepo();
    const tags = new TagService({ tagRepo: repo });
    await tags.list(1, 24);
    await tags.list(1, 24);
    expect(calls()).toBe(2);
  });
});
