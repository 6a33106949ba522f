import type { ImageKind } from './sniff.js';

/**
 * Where an image's own structure ends, to find data appended after it. A "polyglot" is a file
 * that is a valid image and also something else: a JPEG with a ZIP archive or an HTML page
 * after its end marker, which a browser, an unzip tool or a careless CDN may treat as that
 * other thing. We never store the uploaded bytes (uploads are always re-encoded), so such a
 * tail could not survive anyway; refusing it still tells the uploader something is wrong with
 * the file instead of silently dropping part of it.
 */

/** The outcome of walking an image's structure. */
export type ImageEnd =
  /** The structure ended at `end`; `trailing` bytes after it are not padding. */
  | { readonly ok: true; readonly end: number; readonly trailing: number }
  /** The structure is broken or cut short. */
  | { readonly ok: false };

/**
 * Walks the container structure of `buf` (already sniffed as `kind`) and measures what comes
 * after its end. Zero bytes, 0xFF fill and whitespace after the end are padding some tools
 * write and are not counted; JPEG images appended after a JPEG (the multi-picture format
 * phones use for depth maps and previews) are walked as images too.
 *
 * @example
 * imageEnd(Buffer.concat([jpeg, zip]), 'jpeg') // { ok: true, end: jpeg.length, trailing: zip.length }
 */
export function imageEnd(buf: Buffer, kind: ImageKind): ImageEnd {
  const end = structureEnd(buf, kind, 0);
  if (end === undefined) return { ok: false };
  let at = end;
  // Multi-picture JPEGs: further complete JPEGs after the first.
  while (kind === 'jpeg' && at + 3 <= buf.length && buf[at] === 0xff && buf[at + 1] === 0xd8 && buf[at + 2] === 0xff) {
    const next = jpegEnd(buf, at);
    if (next === undefined) break;
    at = next;
  }
  let trailing = 0;
  for (let i = at; i < buf.length; i++) if (!PADDING.has(buf[i]!)) trailing++;
  return { ok: true, end: at, trailing };
}

const PADDING = new Set([0x00, 0xff, 0x09, 0x0a, 0x0d, 0x20]);

function structureEnd(buf: Buffer, kind: ImageKind, start: number): number | undefined {
  switch (kind) {
    case 'jpeg':
      return jpegEnd(buf, start);
    case 'png':
      return pngEnd(buf);
    case 'gif':
      return gifEnd(buf);
    case 'webp':
      return riffEnd(buf);
    case 'avif':
    case 'heic':
      return isoBoxesEnd(buf);
  }
}

/** After the EOI marker: segments up to a scan, entropy-coded data up to the next marker. */
function jpegEnd(buf: Buffer, start: number): number | undefined {
  const n = buf.length;
  let i = start + 2;
  while (i < n) {
    if (buf[i] !== 0xff) return undefined;
    while (i < n && buf[i] === 0xff) i++;
    if (i >= n) return undefined;
    const marker = buf[i++]!;
    if (marker === 0xd9) return i;
    // Standalone markers carry no length.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    if (i + 2 > n) return undefined;
    const length = buf.readUInt16BE(i);
    if (length < 2) return undefined;
    i += length;
    if (i > n) return undefined;
    if (marker !== 0xda) continue;
    // Scan data: 0xFF is followed by 0x00 (a literal), a restart marker or fill, else a marker.
    for (;;) {
      i = buf.indexOf(0xff, i);
      if (i < 0 || i + 1 >= n) return undefined;
      const next = buf[i + 1]!;
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
      else if (next === 0xff) i += 1;
      else break;
    }
  }
  return undefined;
}

/** After the IEND chunk. */
function pngEnd(buf: Buffer): number | undefined {
  let i = 8;
  while (i + 12 <= buf.length) {
    const length = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    if (length > 0x7fffffff) return undefined;
    i += 12 + length;
    if (i > buf.length) return undefined;
    if (type === 'IEND') return i;
  }
  return undefined;
}

/** After the trailer byte (0x3B), walking extension and image blocks. */
function gifEnd(buf: Buffer): number | undefined {
  const n = buf.length;
  if (n < 13) return undefined;
  const packed = buf[10]!;
  let i = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  const subBlocks = (): boolean => {
    while (i < n) {
      const size = buf[i]!;
      i += size + 1;
      if (size === 0) return true;
    }
    return false;
  };
  while (i < n) {
    const block = buf[i]!;
    if (block === 0x3b) return i + 1;
    if (block === 0x21) {
      i += 2;
      if (!subBlocks()) return undefined;
    } else if (block === 0x2c) {
      if (i + 10 > n) return undefined;
      const local = buf[i + 9]!;
      i += 10 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0) + 1;
      if (!subBlocks()) return undefined;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** After the RIFF chunk, whose header gives its length. */
function riffEnd(buf: Buffer): number | undefined {
  const end = 8 + buf.readUInt32LE(4);
  return end <= buf.length ? end : undefined;
}

/**
 * After the last well-formed top-level box. A box type that is not four lower-case letters,
 * digits or spaces (as ISO box types are) is where something else begins: trailing data. A
 * well-named box that runs past the end means the file was cut short.
 */
function isoBoxesEnd(buf: Buffer): number | undefined {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    if (i + 8 > n) return i;
    const type = buf.toString('latin1', i + 4, i + 8);
    if (!/^[a-z0-9 ]{4}$/.test(type)) return i === 0 ? undefined : i;
    let size = buf.readUInt32BE(i);
    if (size === 0) return n;
    if (size === 1) {
      if (i + 16 > n) return undefined;
      size = Number(buf.readBigUInt64BE(i + 8));
    }
    if (size < 8 || i + size > n) return undefined;
    i += size;
  }
  return i;
}
