import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../config/index.js';
import { createContainer, type Container } from '../../container.js';
import type { ArticleView, Paged } from '../../content/views.js';
import { descendantIds } from '../../content/section.service.js';
import { openSqlite } from '../../db/index.js';
import { loadDemo } from '../../demo/load.js';
import { listingReader } from './listing-reader.js';

let dir: string;
let c: Container;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jd-listing-'));
  c = await createContainer(testConfig({ data: dir }), { db: openSqlite(':memory:') });
  await loadDemo(c);
}, 120_000);
afterAll(async () => {
  await c?.close();
  rmSync(dir, { recursive: true, force: true });
});

// What a listing shows of a page: everything but the bodies and their reading time, which
// listings never show (cards are read without a body).
const shown = (p: Paged<ArticleView>) => ({ ...p, items: p.items.map((a) => ({ ...a, bodyHtml: '', readingMinutes: 0 })) });

describe('listingReader', () => {
  it('answers every page of a filter as the reader does, reading its ids once', async () => {
    const { reader } = c.site;
    const index = await c.site.sectionService.index();
    const filters = [{}, ...index.tree.map((s) => ({ sectionIds: descendantIds(s) })), { tagId: (await c.site.tagService.require((await c.tags.list(1, 1)).items[0]!.slug)).id }];
    const ids = vi.spyOn(reader, 'recentIds');
    const listing = listingReader(reader);
    for (const filter of filters) {
      const total = (await reader.list(filter, 1, 2)).total;
      expect(total, JSON.stringify(filter)).toBeGreaterThan(0);
      // Past the last page too: an empty page with the total, as the reader answers it.
      for (let page = 1; page <= Math.ceil(total / 2) + 1; page++) {
        const got = await listing.list(filter, page, 2);
        expect(got.items.every((a) => a.bodyHtml === '')).toBe(true);
        expect(shown(got), `${JSON.stringify(filter)} page ${page}`).toEqual(shown(await reader.list(filter, page, 2)));
      }
    }
    expect(ids).toHaveBeenCalledTimes(filters.length);
    ids.mockRestore();
  });

  it('leaves filters it cannot list to the reader', async () => {
    const { reader } = c.site;
    const first = (await reader.list({}, 1, 1)).items[0]!;
    const list = vi.spyOn(reader, 'list');
    const page = await listingReader(reader).list({ excludeIds: [first.id] }, 1, 5);
    expect(list).toHaveBeenCalledTimes(1);
    expect(page.items.map((a) => a.id)).not.toContain(first.id);
    list.mockRestore();
  });
});
