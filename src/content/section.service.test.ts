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

  it('does not keep a failed read', async () => {
    const repo = fakeRepo();
    let fail = true;
    const flaky = { ...repo, all: async () => (fail ? Promise.reject(new Error('db down')) : repo.all()) };
    const service = new SectionService({ sectionRepo: flaky as unknown as SectionRepo, clock: () => 0 });
    await expect(service.index()).rejects.toThrow('db down');
    fail = false;
    expect((await service.index()).tree).toEqual([]);
  });
});
