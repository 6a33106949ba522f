import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/index.js';
import { imageEnd } from './image-end.js';
import { ImageProcessor } from './image-processor.js';
import { SCRIPTED_SVG, animatedGif, jpegWithExif, photo, pngBomb, zipTail } from './media.testkit.js';
import { sniff } from './sniff.js';
import { srcsetForUrl, variantWidths } from './variants.js';

// The checks that decide whether an upload may be decoded at all: by content, never by name.
let jpeg: Buffer;
let png: Buffer;
let webp: Buffer;
let gif: Buffer;
let avif: Buffer;
beforeAll(async () => {
  jpeg = await (await photo(64, 48)).jpeg().toBuffer();
  png = await (await photo(64, 48, 4)).png().toBuffer();
  webp = await (await photo(64, 48)).webp().toBuffer();
  gif = await animatedGif(16, 16, 3);
  avif = await (await photo(64, 48)).avif().toBuffer();
});

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    if (!isAppError(err)) throw err;
    return `${err.code}: ${err.message}`;
  }
};

describe('sniff', () => {
  it('knows the accepted formats by their bytes', () => {
    expect([jpeg, png, webp, gif, avif].map((b) => sniff(b).kind)).toEqual(['jpeg', 'png', 'webp', 'gif', 'avif']);
  });

  it('tells SVG, markup, text, archives and programs apart for the message', () => {
    expect(sniff(Buffer.from(SCRIPTED_SVG)).kind).toBe('svg');
    expect(sniff(Buffer.from('\uFEFF  <svg/>')).kind).toBe('svg');
    expect(sniff(Buffer.from('<!DOCTYPE html><p>hi'))).toEqual({ kind: 'other', description: 'an HTML document' });
    expect(sniff(Buffer.from('就是一段文字，不是圖片。\n'))).toEqual({ kind: 'other', description: 'a text file' });
    expect(sniff(zipTail())).toEqual({ kind: 'other', description: 'a ZIP archive (or an Office document)' });
    expect(sniff(Buffer.from('%PDF-1.7'))).toMatchObject({ description: 'a PDF document' });
    expect(sniff(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]))).toMatchObject({ description: 'a program' });
    expect(sniff(Buffer.alloc(0))).toMatchObject({ description: 'an empty file' });
    expect(sniff(Buffer.from([0x00, 0x01, 0x02, 0x80, 0xfe]))).toMatchObject({ description: 'an unknown kind of file' });
  });
});

describe('imageEnd', () => {
  it('finds the end of each format with nothing after it', () => {
    for (const [buf, kind] of [[jpeg, 'jpeg'], [png, 'png'], [webp, 'webp'], [gif, 'gif'], [avif, 'avif']] as const) {
      expect(imageEnd(buf, kind), kind).toEqual({ ok: true, end: buf.length, trailing: 0 });
    }
  });

  it('counts data appended after the image (polyglots) but not padding', () => {
    const zip = zipTail();
    // `trailing` counts the bytes that are not padding (the archive's zeros are not counted).
    expect(imageEnd(Buffer.concat([jpeg, zip]), 'jpeg')).toEqual({ ok: true, end: jpeg.length, trailing: zip.filter((b) => b !== 0).length });
    expect(imageEnd(Buffer.concat([png, Buffer.from('<html><script>x()</script>')]), 'png')).toMatchObject({ trailing: 26 });
    expect(imageEnd(Buffer.concat([gif, zip]), 'gif')).toMatchObject({ end: gif.length });
    expect(imageEnd(Buffer.concat([webp, zip]), 'webp')).toMatchObject({ end: webp.length });
    expect(imageEnd(Buffer.concat([avif, zip]), 'avif')).toMatchObject({ end: avif.length });
    expect(imageEnd(Buffer.concat([avif, Buffer.from('<html><body>')]), 'avif')).toMatchObject({ end: avif.length, trailing: 12 });
    expect(imageEnd(Buffer.concat([jpeg, Buffer.alloc(64), Buffer.from('\r\n')]), 'jpeg')).toMatchObject({ trailing: 0 });
    // Phones append preview and depth images as further JPEGs (multi-picture format).
    expect(imageEnd(Buffer.concat([jpeg, jpeg]), 'jpeg')).toEqual({ ok: true, end: jpeg.length * 2, trailing: 0 });
  });

  it('says when the structure is cut short', () => {
    for (const [buf, kind] of [[jpeg, 'jpeg'], [png, 'png'], [webp, 'webp'], [gif, 'gif']] as const) {
      expect(imageEnd(buf.subarray(0, buf.length - 20), kind).ok, kind).toBe(false);
    }
  });
});

describe('ImageProcessor.inspect', () => {
  const processor = new ImageProcessor({ maxPixels: 50_000_000 });

  it('accepts real images and reads their displayed size', async () => {
    expect(await processor.inspect(jpeg)).toEqual({ kind: 'jpeg', width: 64, height: 48, pages: 1, hasAlpha: false });
    expect(await processor.inspect(png)).toMatchObject({ kind: 'png', hasAlpha: true });
    expect(await processor.inspect(gif)).toMatchObject({ kind: 'gif', width: 16, height: 16, pages: 3 });
    expect(await processor.inspect(avif)).toMatchObject({ kind: 'avif', width: 64, height: 48 });
    // EXIF orientation 6: stored 300 × 200, shown 200 × 300.
    expect(await processor.inspect(await jpegWithExif(300, 200))).toMatchObject({ width: 200, height: 300 });
  });

  it('refuses what is not a raster image, with a message that says what it is', async () => {
    expect(await code(processor.inspect(Buffer.from(SCRIPTED_SVG)))).toMatch(/^JD_ERR_MEDIA_SVG_REJECTED: SVG images can carry scripts/);
    expect(await code(processor.inspect(Buffer.from('not an image at all')))).toBe('JD_ERR_MEDIA_UNSUPPORTED_TYPE: the file is a text file, not a supported image: upload a JPEG, PNG, WebP, GIF or AVIF');
    expect(await code(processor.inspect(await sharp(jpeg).tiff().toBuffer()))).toMatch(/the file is a TIFF image/);
  });

  it('refuses polyglots, damaged files and decompression bombs before decoding', async () => {
    expect(await code(processor.inspect(Buffer.concat([jpeg, zipTail()])))).toMatch(/^JD_ERR_MEDIA_TRAILING_DATA: the JPEG file has \d+ bytes of other data after the image/);
    expect(await code(processor.inspect(jpeg.subarray(0, 200)))).toMatch(/^JD_ERR_MEDIA_CORRUPT: the JPEG image is damaged/);
    const started = Date.now();
    expect(await code(processor.inspect(pngBomb(16_000)))).toBe('JD_ERR_MEDIA_TOO_MANY_PIXELS: the image is 16000 × 16000 pixels, over the limit of 50 megapixels: scale it down first');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await code(new ImageProcessor({ maxPixels: 600 }).inspect(gif))).toMatch(/16 × 16 pixels in 3 frames, over the limit of 0.0006 megapixels/);
    expect(await code(processor.inspect(pngBomb(20_000)))).toMatch(/over the limit of 16383 pixels a side/);
  });
});

describe('variants', () => {
  it('resizes to the standard widths below the image and its own width, never wider', () => {
    expect(variantWidths(100)).toEqual([100]);
    expect(variantWidths(1000)).toEqual([320, 640, 960, 1000]);
    expect(variantWidths(1920)).toEqual([320, 640, 960, 1280, 1920]);
    expect(variantWidths(6000)).toEqual([320, 640, 960, 1280, 1920]);
  });

  it('derives the srcset of uploads only', () => {
    const folder = `uploads/2026/11/${'a'.repeat(32)}`;
    expect(srcsetForUrl(`/media/${folder}/master.jpg`, 700)).toBe(`/media/${folder}/w320.webp 320w, /media/${folder}/w640.webp 640w, /media/${folder}/w700.webp 700w`);
    expect(srcsetForUrl('/media/demo/world-01.svg', 1200)).toBe('');
    expect(srcsetForUrl(`/media/${folder}/master.jpg`, null)).toBe('');
  });
});
