import { describe, expect, it } from 'vitest';
import { embedHost } from './nodes.js';

describe('the embed allowlist', () => {
  it('accepts video and post URLs of the listed hosts', () => {
    expect(embedHost('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBe('YouTube');
    expect(embedHost('https://youtu.be/dQw4w9WgXcQ')).toBe('YouTube');
    expect(embedHost('https://www.bilibili.com/video/BV1xx411c7mD')).toBe('Bilibili');
    expect(embedHost('https://x.com/someone/status/1234567890')).toBe('X/Twitter');
  });

  it('refuses other hosts, look-alikes and plain http', () => {
    for (const url of ['https://evil.example/watch?v=dQw4w9WgXcQ', 'https://www.youtube.com.evil.example/watch?v=abcdefg', 'http://www.youtube.com/watch?v=dQw4w9WgXcQ', 'javascript:alert(1)', 'https://www.bilibili.com/read/cv123']) {
      expect(embedHost(url), url).toBeUndefined();
    }
  });
});
