import { describe, expect, it } from 'vitest';
import { makeNonce, MEDIA_CSP, nonceCsp, PUBLIC_CSP, securityHeadersFor } from './security-headers.js';

describe('security headers', () => {
  it('give public pages the constant policy and leave admin pages to their nonce policy', () => {
    expect(securityHeadersFor('/world/2026/11/x', 'text/html; charset=utf-8')['Content-Security-Policy']).toBe(PUBLIC_CSP);
    expect(securityHeadersFor('/zh-hans/?page=2', 'text/html')['Content-Security-Policy']).toBe(PUBLIC_CSP);
    expect(securityHeadersFor('/admin/articles', 'text/html')['Content-Security-Policy']).toBeUndefined();
    expect(securityHeadersFor('/api/v1/articles', 'application/json')['Content-Security-Policy']).toBeUndefined();
    for (const directive of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'self'", "script-src 'self'"]) expect(PUBLIC_CSP).toContain(directive);
    expect(PUBLIC_CSP).not.toContain('unsafe-inline');
  });

  it('make a fresh nonce per call and a policy that names it', () => {
    const a = makeNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(makeNonce()).not.toBe(a);
    const csp = nonceCsp(a, { frameHosts: ['https://www.youtube-nocookie.com'] });
    expect(csp).toContain(`script-src 'self' 'nonce-${a}'`);
    expect(csp).toContain("frame-src 'self' https://www.youtube-nocookie.com");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('serve media sandboxed, raster images inline and anything a browser could render as a document as a download', () => {
    expect(securityHeadersFor('/media/2026/11/a.webp', 'image/webp')).toMatchObject({ 'Content-Security-Policy': MEDIA_CSP });
    expect(securityHeadersFor('/media/2026/11/a.webp', 'image/webp')['Content-Disposition']).toBeUndefined();
    const documents: Array<[string, string, string]> = [
      ['x.svg', 'image/svg+xml', 'image/svg+xml'],
      ['x.pdf', 'application/pdf', 'application/pdf'],
      ['x.html', 'text/html', 'application/octet-stream'],
      ['x.xml', 'application/xml', 'application/octet-stream'],
      ['x.png', 'text/html', 'application/octet-stream'],
      ['x.svg', 'text/html', 'application/octet-stream'],
    ];
    for (const [file, type, served] of documents) {
      expect(securityHeadersFor(`/media/${file}`, type)).toMatchObject({ 'Content-Disposition': 'attachment', 'Content-Type': served, 'Content-Security-Policy': MEDIA_CSP });
    }
  });
});
