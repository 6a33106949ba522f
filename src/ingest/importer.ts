import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/index.js';
import { AppError } from '../errors/index.js';
import type { EventBus } from '../events/bus.js';
import { stripFlagged, type IntegrityOptions } from '../guard/integrity.js';
import type { MediaLibrary } from '../media/media-library.js';
import { isNearDuplicate } from '../recommend/simhash.js';
import { parseFeed, plainText } from './feed.js';
import { ACCEPTED_TYPES, fetchSource, type FetchOptions } from './fetch.js';
import { ImportImages } from './images.js';
import { decodeBytes } from './decode.js';
import { extractPage } from './html-page.js';
import { IngestRepo } from './ingest.repo.js';
import type { ParsedSource, SourceItem } from './item.js';
import { ingestMessages } from './messages.js';
import { messageOf, type ImportReport, type ReportItem } from './report.js';
import { LINK_KIND, saveItem } from './save-item.js';
import { scriptOf, textFingerprint } from './text.js';
import { parseWxr } from './wxr.js';
import { absolutizeUrls } from './urls.js';

/** Source kinds the item importer reads (`json` is the backup restore, src/ingest/backup-*.ts). */
export type ItemKind = 'rss' | 'wxr' | 'html';

/** What to import and how. */
export interface ImportRequest {
  readonly kind: ItemKind;
  /** A file path or an http(s) URL. */
  readonly src: string;
  /** Bytes already at hand (an admin upload); `src` then only names them. */
  readonly bytes?: Buffer;
  readonly contentType?: string;
  /** Fallback section slug. */
  readonly section?: string | undefined;
  /** Category name → section slug. */
  readonly map?: Readonly<Record<string, string>>;
  readonly publish: boolean;
  readonly dryRun: boolean;
  /** Who imports (revisions and uploads name them); the system when undefined. */
  readonly actor?: Actor | undefined;
  readonly onProgress?: (done: number, total: number) => void;
  /** Conditional GET validators (subscriptions). */
  readonly fetch?: FetchOptions;
}

/** What the importer needs. */
export interface ImporterDeps {
  readonly db: Db;
  readonly events: EventBus;
  readonly now: () => Date;
  readonly media: MediaLibrary;
  /** Limits for fetching sources and images (tests shorten them). */
  readonly fetch?: FetchOptions;
  /** Largest image (featured or in the text) in MB: the upload limit. */
  readonly maxImageMb: number;
  /**
   * The site's integrity options (`siteIntegrityOptions(config)`): what imports strip, and the
   * findings stored with each article, follow the same rule as the editor's saves.
   */
  readonly integrity?: IntegrityOptions | undefined;
}

/** WordPress exports of a whole site are larger than any feed or page. */
const MAX_WXR_BYTES = 200 * 1024 * 1024;

/** How many recent imports near-duplicate checks compare with. */
const FINGERPRINT_WINDOW = 5000;

// Deleting an image the failed item had uploaded is the system's own clean-up.
const SYSTEM: Actor = { userId: 0, role: 'admin', via: 'token' };

/**
 * The RSS/Atom, WordPress and HTML-page importers' shared path: read the source, parse it into
 * items, and for each item strip what the integrity guard flags, skip what was imported before
 * (same GUID or link, or a near-duplicate text), move its images (in the text and featured)
 * into the media library (src/ingest/images.ts), and save it through the article service in
 * its own transaction. A failing item is reported and the rest continue. A dry run downloads
 * nothing: its report shows the text with the images' source addresses.
 */
export class Importer {
  readonly #d: ImporterDeps;
  constructor(deps: ImporterDeps) {
    this.#d = deps;
  }

  /**
   * Reads and parses the source, then imports its items. An unreadable source (missing file,
   * fetch failure, malformed XML) throws; item problems are in the report.
   *
   * @example
   * const report = await importer.run({ kind: 'rss', src: 'https://example.com/feed.xml', publish: false, dryRun: true });
   */
  async run(req: ImportRequest): Promise<ImportReport> {
    await this.#checkTargets(req);
    const parsed = await this.read(req);
    if (!parsed) return { items: [] };
    return this.importItems(parsed, req);
  }

  /** Reads and parses a source; undefined when a conditional GET says nothing changed. */
  async read(req: ImportRequest): Promise<ParsedSource | undefined> {
    const accept = req.kind === 'html' ? ACCEPTED_TYPES.html : ACCEPTED_TYPES.xml;
    const fetched = req.bytes
      ? { url: req.src, bytes: req.bytes, contentType: req.contentType ?? '', notModified: false }
      : await fetchSource(req.src, { ...this.#d.fetch, ...(req.kind === 'wxr' ? { maxBytes: MAX_WXR_BYTES } : {}), ...req.fetch, accept });
    if (fetched.notModified) return undefined;
    const { text } = decodeBytes(fetched.bytes, fetched.contentType);
    if (req.kind === 'rss') return parseFeed(text);
    if (req.kind === 'wxr') return parseWxr(text);
    const page = extractPage(text, /^https?:/i.test(fetched.url) ? fetched.url : '', this.#d.integrity);
    return { title: page.source.name, items: [page] };
  }

  /** Imports parsed items one by one (see the class comment). */
  async importItems(parsed: ParsedSource, req: ImportRequest): Promise<ImportReport> {
    const repo = new IngestRepo(this.#d.db.kysely);
    const fingerprints = await repo.recentFingerprints(FINGERPRINT_WINDOW);
    const batchGuids = new Map<string, number | null>();
    const items: ReportItem[] = [];
    const total = parsed.items.length;
    // One per run: an image named by several items (or as enclosure and inline) is stored once.
    const images = new ImportImages({ upload: (input, actor) => this.#d.media.upload(input, actor), fetch: this.#d.fetch, maxBytes: this.#d.maxImageMb * 1024 * 1024, actor: req.actor });
    req.onProgress?.(0, total);
    for (const item of parsed.items) {
      items.push(await this.#one(item, req, repo, fingerprints, batchGuids, images));
      req.onProgress?.(items.length, total);
    }
    return { items };
  }

  async #one(item: SourceItem, req: ImportRequest, repo: IngestRepo, fingerprints: Array<{ articleId: number | null; simhash: string }>, batch: Map<string, number | null>, images: ImportImages): Promise<ReportItem> {
    const base = { id: null, title: item.title, publishedAt: item.publishedAt ?? null, source: item.source, authors: item.authors.map((a) => a.name), tags: [...item.tags], bodyHtml: '', removed: [] };
    if (item.skip) return { ...base, status: 'skipped', error: item.skip };
    if (item.problem) return { ...base, status: 'failed', error: item.problem };
    const guard = stripFlagged(absolutizeUrls(item.bodyHtml, item.source.url), this.#d.integrity);
    let removed = mergeRemoved([...(item.removedBefore ?? []), ...guard.removed]);
    const plain = plainText(guard.html);
    if (!plain) return { ...base, removed, status: 'failed', error: ingestMessages.emptyBody };
    const guid = item.guid || item.source.url;
    // A site's home page is no story's address (some feeds give it for every item).
    const link = /^https?:\/\/[^/]+\/.+/i.test(item.source.url) ? item.source.url : '';
    const seen = batch.has(guid) ? { articleId: batch.get(guid)! } : ((guid ? await repo.seen(req.kind, guid) : undefined) ?? (link ? await repo.seen(LINK_KIND, link) : undefined));
    if (seen) return { ...base, removed, id: seen.articleId, status: 'skipped', error: ingestMessages.duplicateGuid(seen.articleId) };
    const fingerprint = textFingerprint(`${item.title} ${plain}`);
    const twin = fingerprint ? fingerprints.find((f) => isNearDuplicate(f.simhash, fingerprint)) : undefined;
    if (twin) return { ...base, removed, id: twin.articleId, status: 'skipped', error: ingestMessages.nearDuplicate(twin.articleId) };
    let warning: string | null = null;
    let cover: { mediaId: number; caption: string; credit: string } | null = null;
    // Media this item stored first: deleted again if the item is not saved after all.
    const uploaded: number[] = [];
    let bodyHtml = guard.html;
    if (!req.dryRun) {
      // Only what survived the guard is downloaded: images of stripped spam blocks never are.
      const moved = await images.localize(bodyHtml, item.source.name, uploaded);
      bodyHtml = moved.html;
      removed = mergeRemoved([...removed, ...moved.removed]);
      if (!plainText(bodyHtml)) {
        await this.#discard(uploaded, images);
        return { ...base, removed, status: 'failed', error: ingestMessages.emptyBody };
      }
    }
    if (item.imageUrl && !req.dryRun) {
      let url = item.imageUrl;
      try {
        url = new URL(item.imageUrl, item.source.url || undefined).toString();
      } catch {
        // Left as it is: the download refuses what is not an http(s) URL, with the reason.
      }
      const got = await images.get(url, { alt: item.title.slice(0, 200), credit: item.source.name }, uploaded);
      if ('media' in got) cover = { mediaId: got.media.id, caption: '', credit: item.source.name.slice(0, 200) };
      else warning = ingestMessages.imageFailed(item.imageUrl, got.error);
    }
    try {
      const { view, keptDraft } = await saveItem(
        { db: this.#d.db.kysely, events: this.#d.events, now: this.#d.now, integrity: this.#d.integrity },
        {
          kind: req.kind,
          guid: guid || `untitled:${fingerprint ?? item.title}`,
          link,
          simhash: fingerprint ?? '0'.repeat(16),
          title: item.title,
          summary: item.summary ?? '',
          bodyHtml,
          lang: scriptOf(`${item.title}${plain}`),
          publishedAt: item.publishedAt ?? null,
          // What stripping cannot cut out (keyword stuffing) keeps the item a draft: saveItem
          // checks the verdict stored with the article, as the newsroom's publish guard does.
          status: req.publish && item.published !== false ? 'published' : 'draft',
          authors: item.authors,
          tags: item.tags,
          categories: item.categories,
          mapping: new Map(Object.entries(req.map ?? {})),
          section: req.section,
          createSections: req.kind === 'wxr',
          source: item.source,
          cover,
          oldPaths: item.oldPaths ?? [],
        },
        { by: req.actor ? { userId: req.actor.userId > 0 ? req.actor.userId : null, via: req.actor.via } : { userId: null, via: 'system' }, action: 'create', note: `imported (${req.kind}) from ${item.source.url || req.src}`.slice(0, 500) },
        req.dryRun,
      );
      if (keptDraft.length > 0) warning = [ingestMessages.keptDraft(keptDraft), warning].filter(Boolean).join('; ');
      if (fingerprint) fingerprints.unshift({ articleId: req.dryRun ? null : view.id, simhash: fingerprint });
      batch.set(guid, req.dryRun ? null : view.id);
      return {
        status: 'imported',
        id: req.dryRun ? null : view.id,
        title: view.title,
        publishedAt: view.publishedAt,
        source: view.source,
        authors: view.authors.map((a) => a.slug),
        tags: view.tags.map((t) => t.name),
        bodyHtml: view.bodyHtml,
        removed,
        error: warning,
      };
    } catch (err) {
      await this.#discard(uploaded, images);
      return { ...base, removed, status: 'failed', error: messageOf(err) };
    }
  }

  /** Deletes the media an unsaved item stored first, and makes the run forget them. */
  async #discard(uploaded: readonly number[], images: ImportImages): Promise<void> {
    const gone: number[] = [];
    for (const id of uploaded) if (await this.#d.media.remove(id, SYSTEM).then(() => true, () => false)) gone.push(id);
    await images.forget(gone);
  }

  /** A named section (`--section`, `--map` targets) must exist before anything is read. */
  async #checkTargets(req: ImportRequest): Promise<void> {
    const repo = new IngestRepo(this.#d.db.kysely);
    const wanted = [...(req.section ? [['section', req.section] as const] : []), ...Object.entries(req.map ?? {}).map(([k, v]) => [`map.${k}`, v] as const)];
    const fields: Record<string, string> = {};
    for (const [field, slug] of wanted) if (!(await repo.sectionFor(slug))) fields[field] = `no section with slug ${slug}`;
    if (Object.keys(fields).length > 0) throw new AppError('JD_ERR_VALIDATION', {}, { fields });
  }
}

function mergeRemoved(list: ReadonlyArray<{ rule: string; reason: string }>): Array<{ rule: string; reason: string }> {
  const out = new Map<string, { rule: string; reason: string }>();
  for (const r of list) out.set(`${r.rule}\u0000${r.reason}`, { rule: r.rule, reason: r.reason });
  return [...out.values()];
}
