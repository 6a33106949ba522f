import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Container } from '../container.js';
import { AppError } from '../errors/index.js';
import { urls } from '../content/urls.js';
import { DemoRepo } from './demo.repo.js';
import { demoAuthorsSchema, demoDictionarySchema, demoFileSchema, type DemoAuthor, type DemoFile } from './demo.schema.js';
import { demoImage, IMAGE_HEIGHT, IMAGE_WIDTH } from './images.js';

const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

type DemoDictionary = ReturnType<typeof demoDictionarySchema.parse>;

/** What a demo load did. */
export interface DemoResult {
  readonly sections: number;
  readonly articles: number;
  readonly authors: number;
  readonly tags: number;
}

/** Reads and checks the demo files: every tag, author and section an article names must exist. */
export function readDemoData(dir = DATA_DIR): { authors: DemoAuthor[]; files: DemoFile[]; dictionary: DemoDictionary } {
  const parse = <T>(file: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }): T => {
    const res = schema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!res.success) throw new AppError('JD_ERR_DEMO_DATA_INVALID', { file, detail: res.error.message });
    return res.data;
  };
  const authors = parse('authors.json', demoAuthorsSchema).authors;
  const dictionary = parse('dictionary.json', demoDictionarySchema);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'authors.json' && f !== 'dictionary.json')
    .sort()
    .map((f) => parse(f, demoFileSchema));
  files.sort((a, b) => a.section.order - b.section.order);
  const tagSlugs = new Set(files.flatMap((f) => f.tags.map((t) => t.slug)));
  const authorSlugs = new Set(authors.map((a) => a.slug));
  const keys = new Set<string>();
  for (const f of files) {
    const sections = new Set([f.section.slug, ...f.section.children.map((c) => c.slug)]);
    for (const a of f.articles) {
      const problem =
        (keys.has(a.key) && `duplicate key ${a.key}`) ||
        (!sections.has(a.section) && `${a.key}: section ${a.section} is not in this file`) ||
        a.tags.filter((t) => !tagSlugs.has(t)).map((t) => `${a.key}: unknown tag ${t}`)[0] ||
        a.authors.filter((p) => !authorSlugs.has(p)).map((p) => `${a.key}: unknown author ${p}`)[0];
      if (problem) throw new AppError('JD_ERR_DEMO_DATA_INVALID', { file: f.section.slug, detail: problem });
      keys.add(a.key);
    }
  }
  return { authors, files, dictionary };
}

/**
 * Loads the demo newsroom: authors, sections, tags, generated images and about forty
 * published articles in both scripts, back-dated as the data says. With `reset`, existing
 * content is removed first (accounts with an e-mail address stay).
 */
export async function loadDemo(c: Container, options: { reset?: boolean } = {}): Promise<DemoResult> {
  const { authors, files, dictionary } = readDemoData();
  const repo = new DemoRepo(c.db.kysely);
  if (options.reset) {
    await repo.wipeContent();
    await rm(join(c.mediaDir, 'demo'), { recursive: true, force: true });
  }
  const now = Date.now();
  const iso = new Date(now).toISOString();
  for (const a of authors) await c.users.add({ name: a.name, slug: a.slug, bio: a.bio, role: 'author' });
  // The demo shows the site dictionary at work: terms the newsroom protects from conversion.
  const known = new Set((await c.dictionary.list()).map((t) => t.match.join(',')));
  for (const t of dictionary.terms) if (!known.has(t.match.join(','))) await c.dictionary.add(t);
  for (const f of files) {
    await c.sections.create({ slug: f.section.slug, name: f.section.name, position: f.section.order }, iso);
    for (const child of f.section.children) await c.sections.create({ slug: child.slug, name: child.name, parent: f.section.slug, position: child.order }, iso);
    for (const t of f.tags) await c.tags.define(t.slug, t.name, iso);
  }
  // Oldest first, so that ids grow with publish time as they would in a real newsroom.
  const articles = files.flatMap((f) => f.articles.map((a) => ({ a, top: f.section.slug }))).sort((x, y) => y.a.hoursAgo - x.a.hoursAgo);
  for (const { a, top } of articles) {
    const cover = await addImage(c, a.cover.image.slice('demo:'.length), top, a.cover);
    let body = a.bodyHtml;
    for (const m of [...body.matchAll(/src="demo:([a-z0-9-]+)"/g)]) {
      const figure = await addImage(c, m[1]!, top, { alt: '', caption: '', credit: a.cover.credit });
      body = body.replace(m[0], `src="${figure.url}" width="${IMAGE_WIDTH}" height="${IMAGE_HEIGHT}"`);
    }
    await c.articles.create({
      title: a.title,
      subtitle: a.subtitle,
      summary: a.summary,
      bodyHtml: body,
      section: a.section,
      tags: a.tags,
      authors: a.authors,
      source: a.source,
      lang: a.lang,
      status: 'published',
      flags: a.flags,
      publishedAt: new Date(now - a.hoursAgo * 3_600_000).toISOString(),
      cover: { mediaId: cover.id, caption: a.cover.caption, credit: a.cover.credit },
      correctionNote: a.correction ?? '',
    });
  }
  return { sections: files.reduce((n, f) => n + 1 + f.section.children.length, 0), articles: articles.length, authors: authors.length, tags: new Set(files.flatMap((f) => f.tags.map((t) => t.slug))).size };
}

/** Loads the demo when the database is new (no sections, no articles). */
export async function loadDemoIfEmpty(c: Container): Promise<DemoResult | undefined> {
  if (!(await new DemoRepo(c.db.kysely).isEmpty())) return undefined;
  return loadDemo(c);
}

async function addImage(c: Container, key: string, section: string, meta: { alt: string; caption: string; credit: string }) {
  const svg = demoImage(key, section);
  const media = await c.media.add({ path: `demo/${key}.svg`, bytes: Buffer.from(svg), mime: 'image/svg+xml', width: IMAGE_WIDTH, height: IMAGE_HEIGHT, ...meta });
  return { id: media.id, url: urls.media(`demo/${key}.svg`) };
}
