import { crc32, deflateSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

/** A part of a multipart/form-data body. */
export interface Part {
  readonly name: string;
  readonly filename?: string;
  readonly type?: string;
  readonly data: Buffer | string;
}

/** A multipart/form-data body for `app.inject`, built by hand as a browser would send it. */
export function multipart(parts: readonly Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----jd${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const type = p.type ? `\r\nContent-Type: ${p.type}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A photo-like image: smooth gradients with some texture (noise would make encoders crawl). */
export async function photo(width: number, height: number, channels: 3 | 4 = 3): Promise<Sharp> {
  const raw = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = 128 + 60 * Math.sin(x / 9) * Math.cos(y / 13);
      if (channels === 4) raw[i + 3] = x < width / 4 ? 0 : 255;
    }
  }
  return sharp(raw, { raw: { width, height, channels } });
}

/** A JPEG with EXIF: camera text, GPS-like data and an orientation that turns it a quarter. */
export async function jpegWithExif(width: number, height: number): Promise<Buffer> {
  return (await photo(width, height))
    .jpeg({ quality: 80 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Copyright: 'secret-exif-copyright', Make: 'JDCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '25/1 2/1 0/1' } })
    .toBuffer();
}

/** An animated GIF of `frames` frames. */
export async function animatedGif(width: number, height: number, frames: number): Promise<Buffer> {
  const pages = await Promise.all(Array.from({ length: frames }, (_, i) => sharp({ create: { width, height, channels: 4, background: { r: 40 * i, g: 120, b: 200, alpha: 1 } } }).png().toBuffer()));
  return sharp(pages, { join: { animated: true } }).gif({ delay: 100 }).toBuffer();
}

/**
 * A valid PNG that decodes to `side` × `side` pixels but is only a few kilobytes: a
 * decompression bomb (1-bit greyscale zeros compress about a thousand to one).
 */
export function pngBomb(side: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((1 + Math.ceil(side / 8)) * side);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** The start of a ZIP archive with one stored file and its end record, as polyglots append. */
export function zipTail(): Buffer {
  const name = Buffer.from('payload.html');
  const content = Buffer.from('<script>alert(document.cookie)</script>');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc32(content), 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(name.length, 26);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  return Buffer.concat([local, name, content, end]);
}

/** A minimal SVG with a script, the reason SVG uploads are refused. */
export const SCRIPTED_SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>';
