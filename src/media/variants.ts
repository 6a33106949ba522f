/**
 * Where an upload's files live and which widths it is resized to. Pure: the upload service
 * writes by these rules and the content API derives a cover's `srcset` from its URL by the same
 * rules, without a query.
 *
 * An upload is a folder `uploads/YYYY/MM/<32 hex>/` in the media folder, holding `master.jpg`
 * (or `master.webp` for images with transparency or animation) and `w<width>.webp` (and, once
 * the background queue has made them, `w<width>.avif`) for every width of `variantWidths`. No
 * part of a name comes from the uploader, and the random folder cannot be guessed.
 */

/**
 * Widths of the resized copies. Changing this list changes which files `srcset` names for
 * uploads already stored: add a width only together with a job that makes it for them.
 */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;

/** Output formats of variants. */
export type VariantFormat = 'webp' | 'avif';

/** MIME types of what uploads store. */
export const MIME = { jpeg: 'image/jpeg', webp: 'image/webp', avif: 'image/avif' } as const;

/**
 * The widths an image `width` pixels wide is resized to: each standard width below it and the
 * image's own width (when it is not above the largest), so that no copy is upscaled and the
 * largest copy is as sharp as the image allows.
 *
 * @example
 * variantWidths(1000) // [320, 640, 960, 1000]
 * variantWidths(4000) // [320, 640, 960, 1280, 1920]
 */
export function variantWidths(width: number): number[] {
  const out: number[] = VARIANT_WIDTHS.filter((w) => w < width);
  if (width <= VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!) out.push(width);
  return out;
}

/** Path of a variant inside an upload folder. */
export function variantPath(folder: string, width: number, format: VariantFormat): string {
  return `${folder}/w${width}.${format}`;
}

/** Path of the master inside an upload folder. */
export function masterPath(folder: string, format: 'jpeg' | 'webp'): string {
  return `${folder}/master.${format === 'jpeg' ? 'jpg' : 'webp'}`;
}

const UPLOAD_FOLDER = /^uploads\/\d{4}\/\d{2}\/[0-9a-f]{32}$/;
const UPLOAD_MASTER = /^(uploads\/\d{4}\/\d{2}\/[0-9a-f]{32})\/master\.(?:jpg|webp)$/;

/** The upload folder of a master path, or undefined for media the system stored elsewhere. */
export function uploadFolderOf(path: string): string | undefined {
  return UPLOAD_MASTER.exec(path)?.[1];
}

/** Whether `folder` is an upload folder name (guards deletes against anything else). */
export function isUploadFolder(folder: string): boolean {
  return UPLOAD_FOLDER.test(folder);
}

/** One entry of a `srcset`. */
export interface SrcsetEntry {
  readonly url: string;
  readonly width: number;
}

/** A `srcset` attribute value from its entries. */
export function srcsetAttr(entries: readonly SrcsetEntry[]): string {
  return entries.map((e) => `${e.url} ${e.width}w`).join(', ');
}

/**
 * The WebP `srcset` of an uploaded image from its public URL and width; empty for media that
 * are not uploads (the demo's SVGs, files the system wrote) or whose width is unknown.
 *
 * @example
 * srcsetForUrl('/media/uploads/2026/11/<hex>/master.jpg', 1000)
 * // '/media/uploads/2026/11/<hex>/w320.webp 320w, … , /media/uploads/2026/11/<hex>/w1000.webp 1000w'
 */
export function srcsetForUrl(url: string, width: number | null): string {
  if (!width || !url.startsWith('/media/')) return '';
  const folder = uploadFolderOf(url.slice('/media/'.length));
  if (!folder) return '';
  return srcsetAttr(variantWidths(width).map((w) => ({ url: `/media/${variantPath(folder, w, 'webp')}`, width: w })));
}
