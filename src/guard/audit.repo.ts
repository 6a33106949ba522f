import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** An article's stored values that end up in pages. */
export interface AuditArticleRow {
  readonly id: number;
  readonly title: string;
  readonly subtitle: string;
  readonly summary: string;
  readonly body_html: string;
  readonly source_name: string;
  readonly source_url: string;
  readonly cover_caption: string;
  readonly cover_credit: string;
  readonly correction_note: string;
}

/** A named thing whose plain-text fields end up in pages (section, tag, author, media). */
export interface AuditNamedRow {
  readonly kind: 'section' | 'tag' | 'author' | 'media' | 'setting';
  readonly key: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Reads, for `jiaodian audit --db`, every stored value that a page renders: articles in
 * batches by id (so a large archive never sits in memory), then sections, tags, authors and
 * media captions.
 */
export class AuditRepo {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Up to `limit` articles with ids above `afterId`, by id. */
  async articlesAfter(afterId: number, limit: number): Promise<AuditArticleRow[]> {
    return this.#db
      .selectFrom('articles')
      .select(['id', 'title', 'subtitle', 'summary', 'body_html', 'source_name', 'source_url', 'cover_caption', 'cover_credit', 'correction_note'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Sections, tags, authors, media and site settings (名稱, 描述) with their rendered text fields. */
  async named(): Promise<AuditNamedRow[]> {
    const [sections, tags, users, media, settings] = await Promise.all([
      this.#db.selectFrom('sections').select(['slug', 'name', 'description']).orderBy('id').execute(),
      this.#db.selectFrom('tags').select(['slug', 'name', 'description']).orderBy('id').execute(),
      this.#db.selectFrom('users').select(['slug', 'name', 'bio']).orderBy('id').execute(),
      this.#db.selectFrom('media').select(['id', 'alt', 'caption', 'credit']).orderBy('id').execute(),
      this.#db.selectFrom('site_settings').select(['key', 'value']).orderBy('key').execute(),
    ]);
    return [
      ...sections.map((s) => ({ kind: 'section' as const, key: s.slug, fields: { name: s.name, description: s.description } })),
      ...tags.map((t) => ({ kind: 'tag' as const, key: t.slug, fields: { name: t.name, description: t.description } })),
      ...users.map((u) => ({ kind: 'author' as const, key: u.slug, fields: { name: u.name, bio: u.bio } })),
      ...media.map((m) => ({ kind: 'media' as const, key: String(m.id), fields: { alt: m.alt, caption: m.caption, credit: m.credit } })),
      // Settings are JSON; only text values end up in pages (site name, description).
      ...settings.flatMap((r) => {
        const value = jsonText(r.value);
        return value === undefined ? [] : [{ kind: 'setting' as const, key: r.key, fields: { value } }];
      }),
    ];
  }
}

function jsonText(raw: string): string | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return raw;
  }
}
