import { createHash } from 'node:crypto';

/** Where beacons are posted. */
export const VIEWS_ENDPOINT = '/api/v1/views';

/** The no-JS fallback: a 1×1 GIF whose request is the beacon (`?a=ARTICLE_ID`). */
export const VIEWS_PIXEL = '/api/v1/views/pixel.gif';

/**
 * The article page's beacon, served as a static file from /assets/ and loaded `async`, so it
 * never blocks rendering (and no inline script is needed under a nonce-based CSP). It reads the
 * article id from its own `data-article` attribute and sends one beacon when the page is first
 * seen: a background tab or a prerendered page counts only once the reader looks at it.
 *
 * The session id: 16 random bytes from `crypto.getRandomValues`, kept in `sessionStorage` with
 * the time it was last used, replaced after 30 minutes of silence. Chosen over a server cookie
 * because it is scoped to one tab and vanishes with it, the server never issues or stores an
 * identifier, no response carries `Set-Cookie` (pages stay cacheable by anyone), and it is never
 * sent with other requests. Readers who say Do-Not-Track or Global Privacy Control send nothing.
 * When sessionStorage is unavailable the beacon goes without a session (counted, never paired).
 */
const SOURCE = `(function () {
  var el = document.currentScript, nav = navigator, w = window;
  var id = el ? Number(el.getAttribute('data-article')) : 0;
  if (!(id > 0) || nav.doNotTrack === '1' || w.doNotTrack === '1' || nav.globalPrivacyControl === true) return;
  var KEY = 'jd-view-session', IDLE = 1800000;
  function session() {
    try {
      var now = Date.now(), saved = (sessionStorage.getItem(KEY) || '').split('.');
      var sid = saved.length === 2 && now - Number(saved[1]) < IDLE ? saved[0] : '';
      if (!sid) {
        var bytes = new Uint8Array(16);
        crypto.getRandomValues(bytes);
        for (var i = 0; i < 16; i++) sid += (bytes[i] + 256).toString(16).slice(1);
      }
      sessionStorage.setItem(KEY, sid + '.' + now);
      return sid;
    } catch (e) {
      return '';
    }
  }
  function send() {
    var sid = session(), body = JSON.stringify(sid ? { a: id, s: sid } : { a: id });
    try {
      if (nav.sendBeacon && nav.sendBeacon('${VIEWS_ENDPOINT}', body)) return;
    } catch (e) {}
    if (w.fetch) fetch('${VIEWS_ENDPOINT}', { method: 'POST', body: body, keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain' } }).catch(function () {});
  }
  function ready() {
    if (document.visibilityState !== 'hidden') return send();
    document.addEventListener('visibilitychange', function seen() {
      if (document.visibilityState === 'hidden') return;
      document.removeEventListener('visibilitychange', seen);
      send();
    });
  }
  if (document.prerendering) document.addEventListener('prerenderingchange', ready, { once: true });
  else ready();
})();
`;

/** The script's bytes. */
export const BEACON_SCRIPT = Buffer.from(SOURCE, 'utf8');

/** Path the script is served at, with a content hash so it can be cached for a year. */
export const BEACON_SCRIPT_PATH = `/assets/views.js?v=${createHash('sha1').update(BEACON_SCRIPT).digest('hex').slice(0, 10)}`;

/** The smallest transparent 1×1 GIF (42 bytes), answer of the no-JS fallback. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** What an article page needs to carry the beacon (ArticleModel's optional `beacon`). */
export function beaconFor(articleId: number): { readonly script: string; readonly pixel: string; readonly articleId: number } {
  return { script: BEACON_SCRIPT_PATH, pixel: `${VIEWS_PIXEL}?a=${articleId}`, articleId };
}
