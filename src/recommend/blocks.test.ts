import { describe, expect, it } from 'vitest';
import type { ArticleView } from '../content/views.js';
import { Recommender } from './blocks.js';

const view = (id: number) => ({ id }) as ArticleView;

describe('Recommender', () => {
  it('never shows an article twice on one page and passes what is shown to later blocks', async () => {
    const seen: Array<readonly number[]> = [];
    const r = new Recommender({
      related: { related: async () => [view(2), view(3)] },
      words: { words: async () => [{ label: '氣候', url: '/tag/climate' }] },
      featured: {
        featured: async (_a, _l, exclude) => {
          seen.push(exclude);
          return [view(4)];
        },
      },
      recommended: {
        recommended: async (_a, _l, exclude) => {
          seen.push(exclude);
          return [view(5)];
        },
      },
    });
    const blocks = await r.blocks(view(1));
    expect(blocks.related.map((a) => a.id)).toEqual([2, 3]);
    expect(blocks.relatedWords).toEqual([{ label: '氣候', url: '/tag/climate' }]);
    expect(seen).toEqual([
      [1, 2, 3],
      [1, 2, 3, 4],
    ]);
  });
});
