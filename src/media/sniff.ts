/**
 * What a file is, from its first bytes, never from its name or the type the client declared:
 * both are chosen by whoever sends it. Only the raster formats below may go on to the decoder;
 * everything else gets a plain description for the error message.
 */

/** Image formats uploads accept. */
export type ImageKind = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'heic';

/** The result of sniffing: an accepted image kind, or what the file is instead. */
export type Sniffed = { readonly kind: ImageKind } | { readonly kind: 'svg' } | { readonly kind: 'other'; readonly description: string };

/** Names of kinds for messages. */
export const KIND_NAMES: Readonly<Record<ImageKind, string>> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', gif: 'GIF', avif: 'AVIF', heic: 'HEIC' };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);

/** Signatures of other files people upload by mistake (or on purpose), for the message. */
const OTHER_SIGNATURES: ReadonlyArray<readonly [string, number[]]> = [
  ['a ZIP archive (or an Office document)', [0x50, 0x4b, 0x03, 0x04]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a TIFF image', [0x49, 0x49, 0x2a, 0x00]],
  ['a TIFF image', [0x4d, 0x4d, 0x00, 0x2a]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a Photoshop document', [0x38, 0x42, 0x50, 0x53]],
  ['a program', [0x7f, 0x45, 0x4c, 0x46]],
  ['a program', [0x4d, 0x5a]],
  ['a BMP image', [0x42, 0x4d]],
  ['an ICO icon', [0x00, 0x00, 0x01, 0x00]],
];

/**
 * Identifies a file by its leading bytes.
 *
 * @example
 * sniff(await readFile('photo.jpg')) // { kind: 'jpeg' }
 * sniff(Buffer.from('<svg …>'))      // { kind: 'svg' }
 */
export function sniff(buf: Buffer): Sniffed {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return { kind: 'jpeg' };
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE)) return { kind: 'png' };
  if (buf.length >= 6 && /^GIF8[79]a$/.test(buf.toString('latin1', 0, 6))) return { kind: 'gif' };
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') return { kind: 'webp' };
  if (buf.length >= 12 && buf.toString('latin1', 4, 8) === 'ftyp') {
    const brands = ftypBrands(buf);
    if (brands.some((b) => AVIF_BRANDS.has(b))) return { kind: 'avif' };
    if (brands.some((b) => HEIC_BRANDS.has(b))) return { kind: 'heic' };
    return { kind: 'other', description: 'a video or another ISO media file' };
  }
  for (const [description, sig] of OTHER_SIGNATURES) {
    if (buf.length >= sig.length && sig.every((b, i) => buf[i] === b)) return { kind: 'other', description };
  }
  return sniffText(buf);
}

/** The major and compatible brands of an ISO media file's `ftyp` box. */
function ftypBrands(buf: Buffer): string[] {
  const size = Math.min(buf.readUInt32BE(0), buf.length, 4096);
  const out = [buf.toString('latin1', 8, 12)];
  for (let i = 16; i + 4 <= size; i += 4) out.push(buf.toString('latin1', i, i + 4));
  return out;
}

/** Markup (SVG above all: it runs scripts), other text, or unknown bytes. */
function sniffText(buf: Buffer): Sniffed {
  const head = buf.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<')) {
    if (head.includes('<svg')) return { kind: 'svg' };
    if (/^<(!doctype html|html|head|body|script)/.test(head)) return { kind: 'other', description: 'an HTML document' };
    return { kind: 'other', description: 'an XML or markup document' };
  }
  if (buf.length === 0) return { kind: 'other', description: 'an empty file' };
  const sample = buf.subarray(0, 4096);
  // Text: valid UTF-8 without control bytes other than tab, line feed and carriage return.
  const text = !sample.some((b) => b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) && isUtf8(sample);
  return { kind: 'other', description: text ? 'a text file' : 'an unknown kind of file' };
}

function isUtf8(bytes: Buffer): boolean {
  try {
    // `stream` lets the sample end inside a character.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
