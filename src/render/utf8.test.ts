import { describe, expect, it } from 'vitest';
import { utf8Bytes } from './utf8.js';

describe('utf8Bytes', () => {
  it('encodes exactly as Buffer.from does: ASCII, Chinese, astral characters, lone surrogates, nothing', () => {
    const texts = ['', 'plain ASCII <p>', '焦點新聞：雜誌與哈薩克斯坦', '𠮷野家 🍜 and 𡘙', 'broken \ud800 pair \udc00 end', '\ud83d'];
    for (const t of texts) expect(utf8Bytes(t).equals(Buffer.from(t, 'utf8')), JSON.stringify(t)).toBe(true);
  });

  it('encodes pages longer than the scratch space, and very long ones, whole', () => {
    for (const units of [200_000, 1_100_000]) {
      const text = '新聞'.repeat(units / 2);
      const bytes = utf8Bytes(text);
      expect(bytes.length).toBe(3 * units);
      expect(bytes.equals(Buffer.from(text))).toBe(true);
    }
  });

  it('gives every page a buffer of its own that later pages do not overwrite', () => {
    const first = utf8Bytes('第一頁');
    const second = utf8Bytes('第二頁，更長一些');
    expect(first.toString()).toBe('第一頁');
    expect(second.toString()).toBe('第二頁，更長一些');
    // Not a slice of a shared allocation: the page cache keeps exactly these bytes alive.
    expect(first.buffer.byteLength).toBe(first.length);
  });
});
