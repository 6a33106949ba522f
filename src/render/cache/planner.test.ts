import { describe, expect, it } from 'vitest';
import { EVERYTHING, InvalidationPlanner, type ArticleState, type PlannerDeps } from './planner.js';

// What the planner purges for events about names and picks (the per-article cases are in
// page-cache.test.ts).
const base: ArticleState = { published: true, section: 'tech', tags: ['ai'], authors: ['lin'], publishedAt: '2026-03-05T02:00:00.000Z', flags: '', card: 'k' };

function planner(now: ArticleState | undefined, revisions: ArticleState[], extra: Partial<PlannerDeps> = {}): InvalidationPlanner {
  return new InvalidationPlanner({
    current: async () => now,
    revisions: async () => revisions,
    sectionChain: async (slug) => [slug],
    monthOf: (iso) => ({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) }),
    ...extra,
  });
}

describe('the invalidation planner on names and picks', () => {
  it('purges everything for a section change: every page shows the navigation', async () => {
    expect(await planner(base, []).plan({ type: 'taxonomy.changed', kind: 'section', ids: [1], slugs: ['tech'] })).toBe(EVERYTHING);
  });

  it("purges a tag's own pages, the pages naming it and not-found pages for every slug involved", async () => {
    const tags = await planner(base, []).plan({ type: 'taxonomy.changed', kind: 'tag', ids: [3], slugs: ['ai', 'a-i'] });
    expect(tags).toEqual(['tag:ai', 'tag-name:ai', 'tag:a-i', 'tag-name:a-i', 'notfound']);
  });

  it("purges an author's page and each of their articles", async () => {
    const p = planner(base, [], { authorArticles: async (id) => (id === 5 ? [7, 9] : []) });
    expect(await p.plan({ type: 'author.changed', userId: 5, slug: 'lin' })).toEqual(['author:lin', 'article:7', 'article:9']);
  });

  it('purges everything for an author when their articles cannot be named', async () => {
    expect(await planner(base, []).plan({ type: 'author.changed', userId: 5, slug: 'lin' })).toBe(EVERYTHING);
    const many = planner(base, [], { authorArticles: async () => undefined });
    expect(await many.plan({ type: 'author.changed', userId: 5, slug: 'lin' })).toBe(EVERYTHING);
  });

  it('purges the pages showing 精彩推薦 when picks change, or when an article becomes or stops being one', async () => {
    expect(await planner(base, []).plan({ type: 'featured.changed' })).toEqual(['block:featured']);
    const picked = { ...base, flags: 'f' };
    const saved = { type: 'article.saved', articleId: 7, status: 'published', previousStatus: 'published' } as const;
    expect(await planner(picked, [picked, base]).plan(saved)).toContain('block:featured');
    expect(await planner(base, [base, base]).plan(saved)).not.toContain('block:featured');
  });

  it('compares a retagged article with its newest revision only, and leaves its card', async () => {
    // An earlier save published it (the revision before differs), then a tag was renamed.
    const draft = { ...base, published: false, card: 'd' };
    const retagged = { type: 'article.saved', articleId: 7, status: 'published', previousStatus: 'published', retagged: true } as const;
    expect(await planner(base, [base, draft]).plan(retagged)).toEqual(['article:7', 'sitemap']);
    // A slug rename: the old and the new tag pages, and the home page's tag list.
    const renamed = { ...base, tags: ['a-i'] };
    const tags = await planner(renamed, [base, draft]).plan(retagged);
    expect(tags).toEqual(expect.arrayContaining(['article:7', 'tag:ai', 'tag:a-i', 'home']));
    expect(tags).not.toContain('card:7');
    expect(tags).not.toContain('feed');
  });
});
