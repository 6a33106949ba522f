import { renderSVG } from 'uqr';
import { AppError } from '../errors/index.js';

/**
 * What uqr's SVG looks like with default options: a white square and one black path of
 * absolute moves and relative lines. Anything else (a new uqr version, options someone adds)
 * is refused rather than placed in the page.
 */
const UQR_SVG = /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d{1,5}) (\d{1,5})"><rect fill="white" width="\d{1,5}" height="\d{1,5}"\/><path fill="black" d="([MhvzHV0-9,.\- ]*)"\/><\/svg>$/;

/**
 * The QR code of an `otpauth://` address as inline SVG markup, drawn on the server so the
 * profile page needs no script to show it. The markup is rebuilt from uqr's output after a
 * strict match: only the view box and the path's digits and move letters are carried over,
 * so it can hold nothing but the code (no script, no style, no links, no foreign attributes),
 * and it needs no exception in the admin CSP.
 *
 * @example
 * const svg = totpQrSvg('otpauth://totp/%E7%84%A6%E9%BB%9E:me%40example.com?secret=…', '二維碼');
 */
export function totpQrSvg(uri: string, label: string): string {
  const m = UQR_SVG.exec(renderSVG(uri, { ecc: 'M' }));
  if (!m) throw new AppError('JD_ERR_INTERNAL');
  const [, w, h, d] = m;
  // The label is escaped for an attribute: it is the one value that is not digits.
  const aria = label.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="240" height="240" role="img" aria-label="${aria}" class="totp-qr"><rect fill="#fff" width="${w}" height="${h}"/><path fill="#000" d="${d}"/></svg>`;
}
