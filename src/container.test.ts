import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from './config/index.js';
import { CARDS_BEHIND_PAGE_CACHE } from './content/article.cards.js';
import { BUDGETS_BEHIND_PAGE_CACHE } from './content/localize.js';
import { createContainer } from './container.js';

describe('the container', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jd-container-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // With the page cache on, rendered pages hold the converted bodies and cards already; with it
  // off, every request renders and the localizer's larger defaults are what keep renders fast.
  it('gives the localizer the smaller budgets only when the page cache is on', async () => {
    const budget = async (pageCache: 'on' | 'off') => {
      const c = await createContainer(testConfig({ data: join(dir, pageCache), 'page-cache': pageCache }));
      try {
        return { ...(await c.dictionary.current()).localizer.budgets, readerCards: c.site.reader.maxCards };
      } finally {
        await c.close();
      }
    };
    expect(await budget('on')).toEqual({ ...BUDGETS_BEHIND_PAGE_CACHE, readerCards: CARDS_BEHIND_PAGE_CACHE });
    const off = await budget('off');
    expect(off.readerCards).toBeGreaterThan(CARDS_BEHIND_PAGE_CACHE);
    expect(off.articleChars).toBeGreaterThan(BUDGETS_BEHIND_PAGE_CACHE.articleChars);
    expect(off.cards).toBeGreaterThan(BUDGETS_BEHIND_PAGE_CACHE.cards);
  });
});
