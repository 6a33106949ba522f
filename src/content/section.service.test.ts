import { describe, expect, it } from 'vitest';
import type { SectionRow } from '../db/index.js';
import { EventBus } from '../events/bus.js';
import type { SectionRepo } from './section.repo.js';
import { SectionService } from './section.service.js';

/** A section table in memory that counts how often it is read. */
function fakeRepo() {
  const rows: SectionRow[] = [];
  const repo = {
    reads: 0,
    all: async () => {
      repo.reads++;
      return rows.map((r) => ({ ...r }));
    },
    bySlug: async (slug: string) => rows.find((r) => r.slug === slug),
    insert: async (s: { slug: string; name: string; parentId: number | null; position: number }, now: string) => {
      const id = rows.length + 1;
      rows.push({ id, slug: s.slug, name: s.name, parent_id: s.parentId, position: s.position, description: '', created_at: now, updated_at: now, version: 1 } as unknown as SectionRow);
      return id;
    },
    rename: (slug: string, name: string) => {
      rows.find((r) => r.slug === slug)!.name = name;
    },
  };
  return repo;
}

describe('SectionService.index', () => {
  it('reads the sections once for many pages, and again after a create, an event or the TTL', async () => {
    const repo = fakeRepo();
    let ms = 0;
    const service = new SectionService({ sectionRepo: repo as unknown as SectionRepo, clock: () => ms });
    const events = new EventBus();
    service.subscribe(events);
    await service.create({ slug: 'news', name: '要聞' }, '2026-11-01T00:00:00Z');
    for (let i = 0; i < 5; i++) expect((await service.index()).bySlug.get('news')?.name).toBe('要聞');
    expect(repo.reads).toBe(1);

    await service.create({ slug: 'tech', name: '科技' }, '2026-11-01T00:00:00Z');
    expect((await service.index()).bySlug.has('tech')).toBe(true);
    expect(repo.reads).toBe(2);

    // A rename made elsewhere shows once its event arrives…
    repo.rename('news', '新聞');
    expect((await service.index()).bySlug.get('news')?.name).toBe('要聞');
    await events.emit({ type: 'taxonomy.changed', kind: 'section', ids: [1], slugs: ['news'] });
    expect((await service.index()).bySlug.get('news')?.name).toBe('新聞');

    // …and one no event reported, once the TTL has passed.
    repo.rename('news', '頭條');
    ms += 59_000;
    expect((await service.index()).bySlug.get('news')?.name).toBe('新聞');
    ms += 2_000;
    expect((await service.index()).bySlug.get('news')?.name).toBe('頭條');
  });

  it('answers with a pinned index until unpinned, and a stale unpin leaves a newer pin alone', async () => {
    const repo = fakeRepo();
    const service = new SectionService({ sectionRepo: repo as unknown as SectionRepo, clock: () => 0 });
    await service.create({ slug: 'news', name: '要聞' }, '2026-11-01T00:00:00Z');
    const first = await service.index();
    const reads = repo.reads;
    const unpin = service.pin(first);
    await service.create({ slug: 'tech', name: '科技' }, '2026-11-01T00:00:00Z');
    expect(await service.index()).toBe(first);
    const second = { ...first };
    const unpinSecond = service.pin(second);
    unpin();
    expect(await service.index()).toBe(second);
    unpinSecond();
    expect((await service.index()).bySlug.has('tech')).toBe(true);
    expect(repo.reads).toBe(reads + 1);
  });

  it('does not keep a failed read', async () => {
    const repo = fakeRepo();
    let fail = true;
    const flaky = { ...repo, all: async () => (fail ? Promise.reject(new Error('db down')) : repo.all()) };
    const service = new SectionService({ sectionRepo: flaky as unknown as SectionRepo, clock: () => 0 });
    await expect(service.index()).rejects.toThrow('db down');
    fail = false;
    expect((await service.index()).tree).toEqual([]);
  });

  it('reads again, once, for a section made where no event reached it', async () => {
    const repo = fakeRepo();
    const service = new SectionService({ sectionRepo: repo as unknown as SectionRepo, clock: () => 0 });
    await service.create({ slug: 'news', name: '要聞' }, '2026-11-01T00:00:00Z');
    const index = await service.index();
    // Another writer (an import's own transaction, another process) adds a section.
    await repo.insert({ slug: 'culture', name: '文化', parentId: null, position: 1 }, '2026-11-01T00:00:00Z');
    expect((await service.covering(index, [1])).byId.has(2)).toBe(false);
    expect(repo.reads).toBe(1);
    expect((await service.covering(index, [1, 2])).byId.get(2)?.slug).toBe('culture');
    expect((await service.require('culture')).section.name).toBe('文化');
    expect(repo.reads).toBe(2);
    await expect(service.require('sport')).rejects.toMatchObject({ code: 'JD_ERR_CONTENT_SECTION_NOT_FOUND' });
  });
});
