import type * as Linkedom from 'linkedom';
import type { Actor } from '../auth/permissions.js';
import type { MediaItem } from '../media/media-view.js';
import { fetchSource, isUrl, type FetchOptions } from './fetch.js';
import { ingestMessages } from './messages.js';
import { messageOf } from './report.js';
import { lazyRequire } from '../lazy.js';

// Required on the first import with images, not at start (the ingest routes load with the server).
const linkedom = lazyRequire<typeof Linkedom>('linkedom');

/**
 * Content types an image download is accepted as: the formats the media library decodes (it
 * sniffs the bytes itself, so the label is only a first filter that spares downloading a web
 * page), and `application/octet-stream`, which image hosts and CDNs often send for photos.
 */
export const IMAGE_DOWNLOAD_TYPES = ['image/jpeg', 'image/pjpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/heic', 'image/heif', 'application/octet-stream'] as const;

/** The `removed[].rule` of an image that could not be brought into the media library. */
export const IMAGE_RULE = 'image-download';

/** Images of one item brought into the media library, at most; the rest are left out (reported). */
export const MAX_IMAGES_PER_ITEM = 50;

/** Elements removed when an image that was all they held is left out. */
const EMPTY_WRAPPERS = new Set(['A', 'P', 'SPAN', 'DIV', 'PICTURE', 'CENTER']);

/** Downloads of one item running at once (encoding is limited by the media library itself). */
const PARALLEL_DOWNLOADS = 4;

/** What the image step needs: the media library's upload, and the fetch limits of the import. */
export interface ImageDeps {
  readonly upload: (input: { bytes: Buffer; alt: string; credit: string }, actor: Actor | undefined) => Promise<MediaItem>;
  readonly fetch?: FetchOptions | undefined;
  /** Largest image in bytes (the upload limit). */
  readonly maxBytes: number;
  readonly actor?: Actor | undefined;
}

/** One download's outcome, shared by every item of the import that names the same URL. */
type Outcome = { readonly media: MediaItem } | { readonly error: string };

/** The body of one item with its images moved, and what could not be moved. */
export interface LocalizedBody {
  readonly html: string;
  readonly removed: Array<{ rule: string; reason: string }>;
}

/**
 * The images of one import run (one `importItems` call): every http(s) image is downloaded
 * once — with the importer's fetch rules (timeout, redirect limit, blocked addresses, a size cap,
 * image types only) — and stored through the media library exactly as an upload is (sniffed,
 * re-encoded, resized into WebP variants). The same URL named by several items, or as both a
 * feed enclosure and an inline image, becomes one media item.
 *
 * Each item passes the list of media ids it uploaded first (`uploaded`), so that an item that
 * fails to save can delete them; `forget` then drops them from the run's memory, so a later
 * item downloads them again instead of pointing at a deleted file.
 */
export class ImportImages {
  readonly #d: ImageDeps;
  readonly #seen = new Map<string, Promise<Outcome>>();
  constructor(deps: ImageDeps) {
    this.#d = deps;
  }

  /**
   * One image into the media library, or why not. `alt` and `credit` are stored with it when
   * this is the first time the run meets the URL.
   */
  async get(raw: string, text: { alt: string; credit: string }, uploaded: number[]): Promise<Outcome> {
    const url = normalized(raw);
    const known = this.#seen.get(url);
    if (known) return known;
    const pending = this.#download(url, text).then((outcome) => {
      if ('media' in outcome) uploaded.push(outcome.media.id);
      return outcome;
    });
    this.#seen.set(url, pending);
    return pending;
  }

  /** Drops media items deleted after their item failed (see the class comment). */
  async forget(mediaIds: readonly number[]): Promise<void> {
    for (const [url, pending] of this.#seen) {
      const outcome = await pending;
      if ('media' in outcome && mediaIds.includes(outcome.media.id)) this.#seen.delete(url);
    }
  }

  /**
   * Moves every `<img>` of a body with an http(s) address into the media library and points it
   * there (`src` and the library's own `srcset`; the old site's `srcset` named its sizes). An
   * image that cannot be moved — failed download, not an image the library accepts, too large,
   * a blocked address, past the per-item limit, or an address that is not http(s) — is left
   * out and reported under `image-download`: an image served from the source site would keep
   * readers' browsers calling a third party and break when that site changes, and a link in
   * its place would only lead to the same broken address. A `<figure>` left without an image is
   * left out with its caption (which describes what is no longer there); a link left empty
   * goes too. Images already in this site's library (`/media/…`) stay.
   */
  async localize(html: string, credit: string, uploaded: number[]): Promise<LocalizedBody> {
    if (!/<img\b/i.test(html)) return { html, removed: [] };
    const { document } = linkedom().parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
    const images = Array.from(document.querySelectorAll('img'));
    const removed = new Map<string, { rule: string; reason: string }>();
    const drop = (img: Element, reason: string) => {
      removed.set(reason, { rule: IMAGE_RULE, reason });
      const figure = img.closest('figure');
      let parent: Element | null = img.parentElement;
      img.remove();
      if (figure && !figure.querySelector('img')) {
        parent = figure.parentElement;
        figure.remove();
      }
      // Wrappers the image leaves empty (its link, its paragraph) would only be blank space.
      while (parent && EMPTY_WRAPPERS.has(parent.tagName) && !parent.textContent?.trim() && !parent.querySelector('img')) {
        const up: Element | null = parent.parentElement;
        parent.remove();
        parent = up;
      }
    };
    const wanted = new Map<string, Element[]>();
    for (const img of images) {
      const src = (img.getAttribute('src') ?? '').trim();
      if (src.startsWith('/media/')) continue;
      if (!isUrl(src)) {
        drop(img, ingestMessages.imageNotHttp(src));
        continue;
      }
      if (!wanted.has(src) && wanted.size >= MAX_IMAGES_PER_ITEM) {
        drop(img, ingestMessages.tooManyImages(MAX_IMAGES_PER_ITEM));
        continue;
      }
      wanted.set(src, [...(wanted.get(src) ?? []), img]);
    }
    const entries = [...wanted.entries()];
    const outcomes = await inBatches(entries, PARALLEL_DOWNLOADS, ([src, imgs]) => this.get(src, { alt: (imgs[0]!.getAttribute('alt') ?? '').slice(0, 200), credit }, uploaded));
    entries.forEach(([src, imgs], i) => {
      const outcome = outcomes[i]!;
      for (const img of imgs) {
        if ('error' in outcome) {
          drop(img, ingestMessages.imageNotDownloaded(src, outcome.error));
          continue;
        }
        pointAt(img, outcome.media);
      }
    });
    return { html: document.body.innerHTML.trim(), removed: [...removed.values()] };
  }

  async #download(url: string, text: { alt: string; credit: string }): Promise<Outcome> {
    // fetchSource reads a local file for anything else: never for an address a source named.
    if (!isUrl(url)) return { error: ingestMessages.notHttp };
    try {
      const limit = Math.min(this.#d.maxBytes, this.#d.fetch?.maxBytes ?? Infinity);
      const img = await fetchSource(url, { ...this.#d.fetch, accept: IMAGE_DOWNLOAD_TYPES, maxBytes: limit });
      return { media: await this.#d.upload({ bytes: img.bytes, alt: text.alt, credit: text.credit.slice(0, 200) }, this.#d.actor) };
    } catch (err) {
      return { error: messageOf(err) };
    }
  }
}

/** The URL as the WHATWG parser writes it, so that one image spelled two ways is one download. */
function normalized(url: string): string {
  try {
    return isUrl(url) ? new URL(url).href : url;
  } catch {
    return url;
  }
}

/**
 * Points an image at a media item: `src`, then the library's `srcset`, then the other attributes
 * as they were (the old `srcset` and `sizes` named the old site's files). Attributes are set
 * again in that order so that the stored markup reads `src` first whatever the source had.
 */
function pointAt(img: Element, media: MediaItem): void {
  const rest = Array.from(img.attributes)
    .filter((a) => !['src', 'srcset', 'sizes'].includes(a.name))
    .map((a) => [a.name, a.value] as const);
  for (const name of img.getAttributeNames()) img.removeAttribute(name);
  const ordered = [['src', media.url] as const, ...(media.srcset ? [['srcset', media.srcset] as const] : []), ...rest];
  // linkedom puts each new attribute first: set them last to first.
  for (const [name, value] of ordered.reverse()) img.setAttribute(name, value);
}

/** `work` over `list`, at most `size` at a time, results in order. */
async function inBatches<T, R>(list: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(list.length);
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const i = next++;
      out[i] = await work(list[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, list.length) }, worker));
  return out;
}
