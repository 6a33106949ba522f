import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from './config/index.js';
import { BODY_CHARS_BEHIND_PAGE_CACHE } from './content/localize.js';
import { createContainer } from './container.js';

describe('the container', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jd-container-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // With the page cache on, rendered pages hold the converted bodies already; with it off,
  // every request renders and the localizer's larger default is what keeps renders fast.
  it('gives the localizer the smaller body budget only when the page cache is on', async () => {
    const budget = async (pageCache: 'on' | 'off') => {
      const c = await createContainer(testConfig({ data: join(dir, pageCache), 'page-cache': pageCache }));
      try {
        return (await c.dictionary.current()).localizer.bodyBudget;
      } finally {
        await c.close();
      }
    };
    expect(await budget('on')).toBe(BODY_CHARS_BEHIND_PAGE_CACHE);
    expect(await budget('off')).toBeGreaterThan(BODY_CHARS_BEHIND_PAGE_CACHE);
  });
});
