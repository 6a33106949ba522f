import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { totpQrSvg } from './totp-qr.js';

const URI = 'otpauth://totp/%E7%84%A6%E9%BB%9E:me%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=%E7%84%A6%E9%BB%9E';

describe('totpQrSvg', () => {
  it('draws the otpauth address as SVG made only of a rect and a path', () => {
    const svg = totpQrSvg(URI, '二維碼');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ')).toBe(true);
    expect(svg).toContain('role="img" aria-label="二維碼"');
    // Only these elements, and no attribute that could run or fetch anything.
    expect([...svg.matchAll(/<(\w+)/g)].map((m) => m[1])).toEqual(['svg', 'rect', 'path']);
    expect(svg).not.toMatch(/script|style=|href|on\w+=|url\(/i);
  });

  it('has one black module per dark cell of the QR matrix', () => {
    const svg = totpQrSvg(URI, 'qr');
    const d = /<path fill="#000" d="([^"]+)"/.exec(svg)![1]!;
    const dark = encode(URI, { ecc: 'M' }).data.flat().filter(Boolean).length;
    expect(d.split('z').filter(Boolean)).toHaveLength(dark);
  });

  it('escapes the label, the one value that is not generated', () => {
    const svg = totpQrSvg(URI, '"><script>alert(1)</script>');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('aria-label="&quot;>&lt;script>');
  });
});
