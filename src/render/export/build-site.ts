import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Container } from '../../container.js';
import { AppError, isAppError } from '../../errors/index.js';
import { monthOf, monthRange } from '../../site/month.js';
import { BEACON_SCRIPT } from '../../recommend/beacon-script.js';
import { SitePages } from '../../site/site-pages.js';
import { VARIANTS } from '../../zh/variants.js';
import { ArticlePass } from './export-articles.js';
import { ExportDictionary } from './export-dictionary.js';
import { emitFeeds, emitListings, emitSearchPages, emitSitemaps, listingCount, listingPageCount, mountsOf, subtreeIds, type Emit, type SiteOutline } from './export-pages.js';
import { listingReader } from './listing-reader.js';
import { fileForUrl } from './paths.js';
import { ExportWriter } from './writer.js';

const ASSETS_DIR = fileURLToPath(new URL('../assets/', import.meta.url));

/** Options of one build. */
export interface BuildOptions {
  /** The export folder: created, or replaced when it holds an earlier export. */
  readonly out: string;
  /** Rewrite only files whose bytes changed since the last build in `out`. */
  readonly incremental?: boolean;
  /**
   * The moment pages are rendered for (the date in their header, the news sitemap's window).
   * Default: the newest publish or update among the articles, so that an unchanged site
   * renders byte for byte the same on any day and incremental builds stay small.
   */
  readonly now?: Date;
  /** Called after each document with how many are done and the (growing) total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a build did. */
export interface BuildResult {
  /** Documents rendered (HTML pages, feeds, sitemaps, robots.txt). */
  readonly pages: number;
  /** Of those, article pages (every article in the default variant and four prefixes). */
  readonly articlePages: number;
  /** Seconds spent rendering article pages (reading included): the bulk path's own rate. */
  readonly articleSeconds: number;
  /** CPU seconds of this process over the same part (what it costs when the CPUs are shared). */
  readonly articleCpuSeconds: number;
  readonly articles: number;
  /** Other files: assets and media. */
  readonly files: number;
  readonly seconds: number;
  readonly written: number;
  readonly kept: number;
  readonly removed: number;
}

/**
 * `jiaodian build`: writes the whole public site into a folder that any static file server
 * serves at the same URLs as the Jiaodian server (see `fileForUrl`): every article, listing,
 * feed and the search page shell in the default variant and under each variant prefix;
 * sitemaps, robots.txt, the 404 page, `/assets/` and `/media/`. Atomic (see `ExportWriter`):
 * a failure leaves the previous export as it was.
 *
 * @example
 * const r = await buildStaticSite(container, { out: 'public', incremental: true });
 */
export async function buildStaticSite(c: Container, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  await c.settings.refresh();
  const config = c.settings.liveConfig();
  const writer = ExportWriter.open(options.out, { incremental: options.incremental === true });
  let current = '/';
  let unpin = () => {};
  try {
    const css = readFileSync(join(ASSETS_DIR, 'site.css'));
    const stylesheet = `/assets/site.css?v=${createHash('sha1').update(css).digest('hex').slice(0, 10)}`;
    const { reader, sectionService, tagService } = c.site;
    const refs = await allRefs(c);
    const latest = refs.reduce((max, r) => (r.updatedAt > max ? r.updatedAt : r.publishedAt && r.publishedAt > max ? r.publishedAt : max), '1970-01-01T00:00:00.000Z');
    const now = (options.now ?? noonOf(latest, config.timezone)).toISOString();
    const index = await sectionService.index();
    // The page models, the reader and the blocks' sources ask for the section index on every
    // page and card list (some 50,000 times on 10,000 articles): a build renders one state of
    // the site, so they all share this one.
    unpin = sectionService.pin(index);
    const sections = await Promise.all([...index.byId.values()].sort((a, b) => a.id - b.id).map(async (node) => ({ node, pages: listingPageCount(await reader.count({ sectionIds: subtreeIds(node) })) })));
    const tags = await tagService.list(1, 1_000_000);
    const perMonth = new Map<string, number>();
    for (const r of refs) {
      if (!r.publishedAt) continue;
      const key = JSON.stringify(monthOf(r.publishedAt, config.timezone));
      perMonth.set(key, (perMonth.get(key) ?? 0) + 1);
    }
    const months = [...perMonth]
      .map(([k, count]) => ({ ...(JSON.parse(k) as { year: number; month: number }), pages: listingPageCount(count) }))
      .sort((a, b) => a.year - b.year || a.month - b.month);
    const authors = new Map<string, number>();

    const mounts = mountsOf(config);
    let done = 0;
    const tagPages = tags.items.map((t) => ({ slug: t.slug, pages: listingPageCount(t.count) }));
    let total = refs.length * mounts.length + listingCount({ sections, tags: tagPages, authors: [], months });
    let pages = 0;
    const collect = fullGc();
    const emit: Emit = (url, body, page) => {
      current = url;
      const file = fileForUrl(url, { page });
      if (!file) throw new AppError('JD_ERR_EXPORT_FAILED', { path: url, reason: 'no file name for this URL', dir: options.out });
      writer.write(file, body);
      if (++pages % GC_CHECK_EVERY === 0) collect?.();
      done++;
      options.onProgress?.(done, Math.max(total, done));
    };

    const dictionary = await ExportDictionary.open(c.dictionary);
    const site = c.site;
    const pass = new ArticlePass({ ...site, config, stylesheet, dictionary: dictionary.service });
    const articleStart = performance.now();
    const articleCpu = process.cpuUsage();
    const dictionaryVersion = dictionary.version;
    const salt = JSON.stringify({ now, dictionaryVersion, stylesheet, nav: index.tree, config: [config.siteName, config.siteUrl, config.defaultVariant, config.timezone, config.twVocabulary] });
    let rendered = 0;
    const articles = await pass.forEachArticle(async (a) => {
      for (const p of a.authors) authors.set(p.slug, (authors.get(p.slug) ?? 0) + 1);
      const files = mounts.map((m) => fileForUrl(m.prefix + a.url, { page: true })!);
      if (writer.keepArticle(a.url, await pass.inputsOf(a, salt), files)) {
        pages += files.length;
        done += files.length;
        options.onProgress?.(done, Math.max(total, done));
        return;
      }
      for (const m of mounts) emit(m.prefix + a.url, await pass.render(m.at, a, now), true);
      // Let a Ctrl-C in between articles: SQLite answers synchronously.
      if (++rendered % 64 === 0) await new Promise((r) => setImmediate(r));
    }, () => dictionary.release());
    const articleSeconds = (performance.now() - articleStart) / 1000;
    const cpu = process.cpuUsage(articleCpu);
    const articleCpuSeconds = (cpu.user + cpu.system) / 1e6;
    const articlePages = pages;

    const authorPages = [...authors.keys()].sort().map((slug) => ({ slug, pages: listingPageCount(authors.get(slug)!) }));
    const outline: SiteOutline = { sections, tags: tagPages, authors: authorPages, months };
    total = done + listingCount(outline) + 5;
    const listingPages = new SitePages({ ...site, reader: listingReader(site.reader), config, stylesheet, dictionary: dictionary.service });
    const deps = { pages: listingPages, feeds: { ...site, dictionary: dictionary.service, config }, sitemaps: { ...site, dictionary: dictionary.service, config }, now, release: () => dictionary.release() };
    await emitListings(deps, mounts, outline, emit);
    for (const variant of VARIANTS) {
      dictionary.release();
      // The unprefixed mount's feeds are the default variant's: written under its prefix too.
      const prefixes = mounts.filter((m) => m.at.variant === variant).map((m) => m.prefix);
      await emitFeeds(deps, variant, prefixes, outline, emit);
    }
    dictionary.release();
    await emitSitemaps(deps, emit);
    // What the feeds left goes before the search service loads its segmenter (see emitSearchPages).
    collect?.(true);
    await emitSearchPages(deps, mounts, emit);

    current = '/assets/';
    writer.write('assets/site.css', css);
    writer.write('assets/views.js', BEACON_SCRIPT);
    const files = 2 + copyMedia(c.mediaDir, writer);
    const contentVersion = createHash('sha1')
      .update(JSON.stringify({ refs: refs.length, latest, salt }))
      .digest('hex');
    current = 'the manifest';
    const counts = writer.commit(contentVersion, new Date().toISOString());
    return { pages, articlePages, articleSeconds, articleCpuSeconds, articles, files, seconds: (performance.now() - started) / 1000, ...counts };
  } catch (err) {
    writer.abort();
    if (isAppError(err, 'JD_ERR_EXPORT_FAILED')) throw err;
    // Any other failure (a database error, a full disk) is reported with the page it stopped at.
    throw new AppError('JD_ERR_EXPORT_FAILED', { path: current, reason: String((err as Error)?.message ?? err).split('\n')[0], dir: options.out }, { cause: err });
  } finally {
    unpin();
  }
}

/**
 * Noon (in the site's time zone) of the day of `iso`: the default render time. The header shows
 * the day; pinning the instant within it keeps pages byte-identical across builds of a day,
 * so an edit changes only the pages that show it, not every header. Noon is a whole day's
 * margin from midnight whatever a daylight-saving change does.
 */
export function noonOf(iso: string, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const { from } = monthRange(get('year'), get('month'), timeZone);
  return new Date(Date.parse(from) + (get('day') - 1) * 86_400_000 + 12 * 3_600_000);
}

/** Documents between two looks at the heap's size (a cheap call). */
const GC_CHECK_EVERY = 50;
/**
 * How far the heap may grow past what was live after the last full collection. On 10,000
 * articles 48 MB peaks some 18 MB lower than 64 MB for some 6% more CPU (more collections):
 * the peak is what issue 8 bounds (350 MB), and there the build was at the limit.
 */
const GC_HEADROOM = 48 * 1024 * 1024;

/**
 * A full garbage collection whenever the heap has grown `GC_HEADROOM` past what the last one
 * left live, when V8 allows one to be asked for. Rendering allocates some 100 KB of
 * short-lived strings a page (feeds more: whole converted articles); left to itself V8 grows
 * the heap by hundreds of MB on a long export before it collects, though what is live stays
 * near 100 MB (10,000 articles). Listings and feeds make garbage faster than article pages, so a fixed count of
 * documents between collections either wastes time on one or lets the heap grow on the other.
 */
function fullGc(): ((force?: boolean) => void) | undefined {
  let gc: () => void;
  try {
    setFlagsFromString('--expose-gc');
    const found = runInNewContext('gc') as unknown;
    if (typeof found !== 'function') return undefined;
    gc = found as () => void;
  } catch {
    return undefined;
  }
  let live = getHeapStatistics().used_heap_size;
  return (force = false) => {
    if (!force && getHeapStatistics().used_heap_size < live + GC_HEADROOM) return;
    gc();
    live = getHeapStatistics().used_heap_size;
  };
}

/** Every published article's path and dates, in pages of the sitemap's size. */
async function allRefs(c: Container): Promise<Array<{ url: string; publishedAt: string | null; updatedAt: string }>> {
  const out: Array<{ url: string; publishedAt: string | null; updatedAt: string }> = [];
  for (let offset = 0; ; offset += 10_000) {
    const part = await c.site.reader.refs(offset, 10_000);
    out.push(...part.map((r) => ({ url: r.url, publishedAt: r.publishedAt, updatedAt: r.updatedAt })));
    if (part.length < 10_000) return out;
  }
}

/** Copies the media folder (dotfiles left out, as the server denies them); returns how many files. */
function copyMedia(mediaDir: string, writer: ExportWriter): number {
  let n = 0;
  const walk = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) walk(join(dir, e.name), `${rel}${e.name}/`);
      else if (e.isFile()) {
        writer.copy(join(dir, e.name), `media/${rel}${e.name}`);
        n++;
      }
    }
  };
  walk(mediaDir, '');
  return n;
}
