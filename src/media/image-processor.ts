import type { Metadata, Sharp } from 'sharp';
import { AppError } from '../errors/index.js';
import { lazyImport } from '../lazy.js';
import { imageEnd } from './image-end.js';
import { KIND_NAMES, sniff, type ImageKind } from './sniff.js';
import type { VariantFormat } from './variants.js';

/** What the header of an accepted upload says, before anything is decoded. */
export interface Inspection {
  readonly kind: ImageKind;
  /** Size as displayed, after the EXIF orientation is applied. */
  readonly width: number;
  readonly height: number;
  /** Frames (1 for a still image). */
  readonly pages: number;
  readonly hasAlpha: boolean;
}

/** An encoded image. */
export interface Encoded {
  readonly data: Buffer;
  readonly format: 'jpeg' | 'webp' | 'avif';
  readonly width: number;
  readonly height: number;
}

/** Limits of what the processor decodes. */
export interface ImageLimits {
  /** Width × height × frames. */
  readonly maxPixels: number;
}

// WebP cannot hold more than 16383 pixels a side, and images with transparency or animation
// keep a WebP master: one side limit for all keeps the rule simple to state.
const MAX_SIDE = 16_383;
const SHARP_FORMAT: Readonly<Record<ImageKind, string>> = { jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif', avif: 'heif', heic: 'heif' };

// Imported on the first upload, not at start: libvips is tens of MB that page views never need.
// A sharp that cannot load (no binary for this platform) throws its own error there.
const loadSharp = lazyImport(async () => (await import('sharp')).default);
type SharpFactory = Awaited<ReturnType<typeof loadSharp>>;

/**
 * Checks and re-encodes uploaded images with sharp. `inspect` decides from the bytes alone
 * (signature, container structure, header) whether an upload may be decoded at all; `master`
 * and `resize` then decode with the same pixel limit, so a file whose header lies still cannot
 * make libvips allocate more than the limit allows.
 */
export class ImageProcessor {
  readonly #maxPixels: number;
  constructor(limits: ImageLimits) {
    this.#maxPixels = limits.maxPixels;
  }

  /**
   * What the upload is, or an AppError that tells the uploader why it is refused: not an image
   * (415), SVG (415), data after the image (polyglot), a damaged file, or too many pixels
   * (a decompression bomb: refused from the header, before any decoding).
   */
  async inspect(bytes: Buffer): Promise<Inspection> {
    const sniffed = sniff(bytes);
    if (sniffed.kind === 'svg') throw new AppError('JD_ERR_MEDIA_SVG_REJECTED');
    if (sniffed.kind === 'other') throw new AppError('JD_ERR_MEDIA_UNSUPPORTED_TYPE', { found: sniffed.description });
    const kind = sniffed.kind;
    const format = KIND_NAMES[kind];
    const end = imageEnd(bytes, kind);
    if (!end.ok) throw new AppError('JD_ERR_MEDIA_CORRUPT', { format });
    if (end.trailing > 0) throw new AppError('JD_ERR_MEDIA_TRAILING_DATA', { format, bytes: bytes.length - end.end });
    // Loaded outside the try: a sharp that cannot load is not a corrupt upload.
    const sharp = await loadSharp();
    let meta: Metadata;
    try {
      // Reads the header only: nothing is decoded yet.
      meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch (err) {
      throw kind === 'heic' ? new AppError('JD_ERR_MEDIA_UNDECODABLE', { format }, { cause: err }) : new AppError('JD_ERR_MEDIA_CORRUPT', { format }, { cause: err });
    }
    if (meta.format !== SHARP_FORMAT[kind] || !meta.width || !meta.height) throw new AppError('JD_ERR_MEDIA_CORRUPT', { format });
    const pages = Math.max(1, meta.pages ?? 1);
    const pageHeight = meta.pageHeight ?? meta.height;
    const megapixels = this.#maxPixels / 1e6;
    if (meta.width > MAX_SIDE || pageHeight > MAX_SIDE) {
      throw new AppError('JD_ERR_MEDIA_TOO_MANY_PIXELS', { width: meta.width, height: pageHeight, frames: '', limit: `${MAX_SIDE} pixels a side` });
    }
    if (meta.width * pageHeight * pages > this.#maxPixels) {
      throw new AppError('JD_ERR_MEDIA_TOO_MANY_PIXELS', { width: meta.width, height: pageHeight, frames: pages > 1 ? ` in ${pages} frames` : '', limit: `${megapixels} megapixels` });
    }
    // Orientations 5–8 turn the image a quarter: its displayed width is its stored height.
    const turned = pages === 1 && (meta.orientation ?? 1) >= 5;
    return { kind, width: turned ? pageHeight : meta.width, height: turned ? meta.width : pageHeight, pages, hasAlpha: meta.hasAlpha === true };
  }

  /**
   * The normalized master: decoded, turned upright by its EXIF orientation, converted to sRGB
   * and encoded anew without any metadata (sharp drops EXIF, XMP, comments and profiles unless
   * asked to keep them). JPEG for photographs; WebP when there is transparency or animation.
   * Nothing of the uploaded file's bytes survives but the pixels.
   */
  async master(bytes: Buffer, image: Inspection): Promise<Encoded> {
    const animated = image.pages > 1;
    const opened = this.#open(await loadSharp(), bytes, animated);
    // Animations carry no EXIF orientation worth applying (and libvips turns only still images).
    const pipeline = (animated ? opened : opened.autoOrient()).toColourspace('srgb');
    const out = animated || image.hasAlpha ? pipeline.webp({ quality: 90, effort: 4 }) : pipeline.jpeg({ quality: 88, progressive: true });
    return this.#encode(out, animated || image.hasAlpha ? 'webp' : 'jpeg', image.kind);
  }

  /** A copy of the master `width` pixels wide (never wider than the master) in `format`. */
  async resize(master: Buffer, animated: boolean, width: number, format: VariantFormat): Promise<Encoded> {
    const pipeline = this.#open(await loadSharp(), master, animated).resize({ width, withoutEnlargement: true });
    // AVIF at quality ~50 looks like WebP at ~80, at a fraction of the size. Effort 2, not the
    // default 4: about four times faster for a few per cent more bytes, on a background core.
    const out = format === 'webp' ? pipeline.webp({ quality: 80, effort: 4 }) : pipeline.avif({ quality: 50, effort: 2 });
    return this.#encode(out, format, undefined);
  }

  #open(sharp: SharpFactory, bytes: Buffer, animated: boolean): Sharp {
    // failOn 'error' (not the default 'warning'): the structure was checked already, and
    // browsers show images with harmless warnings (an extra byte between markers) that
    // editors would otherwise be unable to upload.
    return sharp(bytes, { limitInputPixels: this.#maxPixels, failOn: 'error', animated, ...(animated ? { pages: -1 } : {}) });
  }

  async #encode(pipeline: Sharp, format: Encoded['format'], kind: ImageKind | undefined): Promise<Encoded> {
    try {
      const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
      return { data, format, width: info.width, height: info.pageHeight ?? info.height };
    } catch (err) {
      // The header was fine but the pixels are not: a damaged or truncated upload.
      if (kind) throw new AppError('JD_ERR_MEDIA_CORRUPT', { format: KIND_NAMES[kind] }, { cause: err });
      throw new AppError('JD_ERR_MEDIA_PROCESSING_FAILED', { id: '(new)', step: `encode ${format}`, reason: (err as Error).message }, { cause: err });
    }
  }
}
