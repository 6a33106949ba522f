import type { MediaView } from '../content/media.service.js';
import type { MediaRow, MediaVariantRow } from '../db/index.js';
import { urls } from '../content/urls.js';
import { MIME, srcsetAttr } from './variants.js';

/** One resized copy of an image. */
export interface VariantView {
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly mime: string;
  readonly size: number;
}

/**
 * A media file as the admin API shows it: the master's URL and size, the text editors give it,
 * and its variants, with ready `srcset` values (`avifSrcset` stays empty until the background
 * queue has made the AVIF copies, or when AVIF is off).
 */
export interface MediaItem extends MediaView {
  readonly createdAt: string;
  readonly uploadedBy: number | null;
  readonly variants: readonly VariantView[];
  readonly srcset: string;
  readonly avifSrcset: string;
}

/** Builds the view of a record and its variants. */
export function mediaItem(row: MediaRow, variants: readonly MediaVariantRow[]): MediaItem {
  const views = [...variants]
    .sort((a, b) => a.format.localeCompare(b.format) || a.width - b.width)
    .map((v) => ({ url: urls.media(v.path), width: v.width, height: v.height, mime: MIME[v.format], size: v.size, format: v.format }));
  const srcset = (format: 'webp' | 'avif') => srcsetAttr(views.filter((v) => v.format === format));
  return {
    id: row.id,
    url: urls.media(row.path),
    mime: row.mime,
    size: row.size,
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    createdAt: row.created_at,
    uploadedBy: row.uploaded_by ?? null,
    variants: views.map(({ format: _format, ...v }) => v),
    srcset: srcset('webp'),
    avifSrcset: srcset('avif'),
  };
}
