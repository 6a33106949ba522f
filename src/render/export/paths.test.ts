import { describe, expect, it } from 'vitest';
import { fileForUrl } from './paths.js';

describe('fileForUrl', () => {
  it('maps folders to index.html and keeps files as they are', () => {
    expect(fileForUrl('/')).toBe('index.html');
    expect(fileForUrl('/tech/')).toBe('tech/index.html');
    expect(fileForUrl('/tech/page/2')).toBe('tech/page/2/index.html');
    expect(fileForUrl('/zh-tw/tech/12-ri-nei-wa.html')).toBe('zh-tw/tech/12-ri-nei-wa.html');
    expect(fileForUrl('/feed.xml')).toBe('feed.xml');
    expect(fileForUrl('/zh-hk/tech/feed.json')).toBe('zh-hk/tech/feed.json');
    expect(fileForUrl('/search?q=x')).toBe('search/index.html');
  });

  it('decodes percent-encoding as a static server does', () => {
    expect(fileForUrl('/tag/%E7%A7%91%E6%8A%80')).toBe('tag/科技/index.html');
    expect(fileForUrl('/tag/科技/feed.xml')).toBe('tag/科技/feed.xml');
  });

  it('treats a page whose slug has a dot as a page', () => {
    expect(fileForUrl('/tag/node.js', { page: true })).toBe('tag/node.js/index.html');
    expect(fileForUrl('/tag/node.js')).toBe('tag/node.js');
  });

  it('refuses paths that leave the export or cannot be decoded', () => {
    expect(fileForUrl('/a/../../etc/passwd')).toBeUndefined();
    expect(fileForUrl('/%E7%A7')).toBeUndefined();
    expect(fileForUrl('relative')).toBeUndefined();
  });
});
