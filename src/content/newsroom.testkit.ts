import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../auth/permissions.js';
import type { Role } from '../auth/roles.js';
import { testConfig } from '../config/index.js';
import { createContainer, type Container } from '../container.js';
import type { Db } from '../db/index.js';
import type { ContentEvent } from '../events/bus.js';

/** A settable clock shared by every container of a test. */
export class Clock {
  ms = Date.parse('2026-11-01T00:00:00Z');
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
  iso(offsetMs = 0): string {
    return new Date(this.ms + offsetMs).toISOString();
  }
}

/** What a newsroom reads the time from: a `Clock`, or the real one. */
export interface ClockLike {
  readonly now: () => Date;
  iso(offsetMs?: number): string;
}

/** The real clock, for tests of timers. */
export function realClock(): ClockLike {
  return { now: () => new Date(), iso: (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString() };
}

/** A container over a test database with sections, one member per role and an event log. */
export interface Newsroom<C extends ClockLike = Clock> {
  readonly c: Container;
  readonly clock: C;
  readonly actors: Readonly<Record<Role | 'author2', Actor>>;
  /** Every content event this container's bus carried, in order. */
  readonly events: ContentEvent[];
  close(): Promise<void>;
}

/**
 * Builds a container over `db`. With `seed` (the default) it adds sections world and tech and
 * one member per role; without, it only looks the members up (a second "process").
 */
export async function newsroom<C extends ClockLike = Clock>(db: Db, clock: C = new Clock() as unknown as C, seed = true): Promise<Newsroom<C>> {
  const dir = mkdtempSync(join(tmpdir(), 'jd-newsroom-'));
  const c = await createContainer(testConfig({ data: dir }), { db, now: clock.now });
  const roles = ['admin', 'editor', 'author', 'contributor', 'author2'] as const;
  if (seed) {
    const now = clock.iso();
    await c.sections.create({ slug: 'world', name: '國際', position: 1 }, now);
    await c.sections.create({ slug: 'tech', name: '科技', position: 2 }, now);
    for (const who of roles) await c.users.add({ name: `${who} 記者`, slug: who, role: who === 'author2' ? 'author' : who });
  }
  const actors = {} as Record<Role | 'author2', Actor>;
  for (const who of roles) {
    const author = await c.site.authorService.require(who);
    actors[who] = { userId: author.id, role: who === 'author2' ? 'author' : who, via: 'session' };
  }
  const events: ContentEvent[] = [];
  c.events.on('article.saved', (e) => void events.push(e));
  return {
    c,
    clock,
    actors,
    events,
    close: async () => {
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a draft through the newsroom's use case, as `who`. */
export async function draftAs(n: Newsroom<ClockLike>, who: Role | 'author2', fields: Record<string, unknown> = {}) {
  const a = await n.c.newsroom.admin.create({ title: '測試稿', section: 'world', bodyHtml: '<p>第一段</p>', ...fields }, n.actors[who]);
  return a.article;
}
