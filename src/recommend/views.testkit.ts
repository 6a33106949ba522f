import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import type { TestDialect } from '../db/dialects.testkit.js';
import type { Beacon } from './views-ingest.js';

/** A browser's user agent, for beacons that should count. */
export const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** The start of every test clock. */
export const T0 = Date.parse('2026-11-01T00:00:00.000Z');

/** A container over a fresh database of `dialect`, with a clock the test moves. */
export interface ViewsFixture {
  readonly c: Container;
  /** Current fake time (ms); tests move it forward. */
  now: number;
  /** Published article ids by key, and one draft's id. */
  readonly ids: Map<string, number>;
  close(): Promise<void>;
}

/** Sections of the fixture: world (with asia below it), tech and sports. */
const SECTIONS = [
  { slug: 'world', name: '國際', position: 1 },
  { slug: 'asia', name: '亞太', parent: 'world', position: 1 },
  { slug: 'tech', name: '科技', position: 2 },
  { slug: 'sports', name: '體育', position: 3 },
];

/**
 * Opens a container with `articles` published (key → section) plus a draft keyed `draft`, all
 * published hours before `T0`, and a clock starting at `T0`; `settings` are flag values.
 */
export async function viewsFixture(
  dialect: TestDialect,
  articles: ReadonlyArray<readonly [key: string, section: string, featured?: boolean]>,
  settings: Readonly<Record<string, string>> = {},
): Promise<ViewsFixture> {
  const db = await dialect.open();
  const f = { now: T0, ids: new Map<string, number>() } as { now: number; ids: Map<string, number>; c: Container };
  const data = mkdtempSync(join(tmpdir(), `jd-views-${dialect.name}-`));
  f.c = await createContainer(testConfig({ data, ...settings }), { db, now: () => new Date(f.now) });
  for (const s of SECTIONS) await f.c.sections.create(s, new Date(T0 - 86_400_000).toISOString());
  let i = 0;
  for (const [key, section, featured] of [...articles, ['draft', 'tech'] as const]) {
    i++;
    const view = await f.c.articles.create({
      title: `測試文章${key}`,
      section,
      status: key === 'draft' ? 'draft' : 'published',
      ...(key === 'draft' ? {} : { publishedAt: new Date(T0 - 3_600_000 * (100 - i)).toISOString() }),
      bodyHtml: `<p>第${i}篇。</p>`,
      flags: { headline: false, featured: featured === true, slideshow: false },
    });
    f.ids.set(key, view.id);
  }
  await f.c.views.ingest.refreshKnown();
  return Object.assign(f, {
    close: async () => {
      await f.c.close();
      rmSync(data, { recursive: true, force: true });
    },
  });
}

/** A beacon from a browser at `address`, with or without a session. */
export function beacon(articleId: number, sessionId?: string, address = '203.0.113.10', extra: Partial<Beacon> = {}): Beacon {
  return { articleId, sessionId, address, userAgent: BROWSER, optedOut: false, ...extra };
}

/** A session id as the page's script makes them (32 hex characters), from a number. */
export function sid(n: number): string {
  return n.toString(16).padStart(32, '0');
}
