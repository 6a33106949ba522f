/**
 * XSS payloads written for Jiaodian's tests. Each one, if it ever ran, sets `window.__xss` and
 * calls `alert`, so a browser test can tell by a global, a dialog or the console. They are
 * article bodies as an attacker would submit them through the admin API, an import or a paste;
 * after the sanitizing policy and the CSP none of them may run.
 *
 * Reusable by any test that feeds HTML in (`import { xssPayloads } from '…/testdata/xss-payloads.js'`).
 */

/** One payload. */
export interface XssPayload {
  /** Stable kebab-case id, used in test names. */
  readonly id: string;
  /** The technique, in a few words. */
  readonly technique: string;
  /** The body HTML to submit. */
  readonly html: string;
  /**
   * The attack lives in a parser differential (or needs no markup at all): a DOM parser sees
   * no active element, so the integrity guard is not expected to flag it. The sanitizer and
   * the browser test still must keep it inert.
   */
  readonly parserTrick?: true;
}

/** What a payload runs when it works: a flag the test can read and a dialog it can hear. */
export const XSS_MARK = 'window.__xss=1;alert(1)';
const M = XSS_MARK;

/** The corpus (≥ 40 payloads). */
export const xssPayloads: readonly XssPayload[] = [
  { id: 'script-tag', technique: 'plain script element', html: `<p>颱風</p><script>${M}</script>` },
  { id: 'script-src-data', technique: 'script from a data: URL', html: `<script src="data:text/javascript,${encodeURIComponent(M)}"></script><p>x</p>` },
  { id: 'img-onerror', technique: 'event handler on a broken image', html: `<p><img src="x" onerror="${M}"></p>` },
  { id: 'svg-onload', technique: 'SVG onload', html: `<svg onload="${M}"><circle r="1"/></svg>` },
  { id: 'svg-script', technique: 'script inside SVG', html: `<svg><script>${M}</script></svg>` },
  { id: 'svg-animate-href', technique: 'SVG animate rewriting an href to javascript:', html: `<svg><a><animate attributeName="href" values="javascript:${M}"/><text x="20" y="20">點我</text></a></svg>` },
  { id: 'svg-set-href', technique: 'SVG set element with to=javascript:', html: `<svg><a><set attributeName="href" to="javascript:${M}"/><text y="20">點</text></a></svg>` },
  { id: 'svg-use-data', technique: 'SVG use pointing at a data: document', html: `<svg><use href="data:image/svg+xml,&lt;svg id='x' xmlns='http://www.w3.org/2000/svg'&gt;&lt;image href='1' onerror='${M}'/&gt;&lt;/svg&gt;#x"/></svg>` },
  { id: 'svg-foreignobject', technique: 'HTML inside SVG foreignObject', html: `<svg><foreignObject><img src=x onerror="${M}"></foreignObject></svg>` },
  { id: 'mathml-href', technique: 'MathML element with href', html: `<math><mi xlink:href="javascript:${M}" href="javascript:${M}">點</mi></math>` },
  { id: 'mathml-mglyph-style', technique: 'MathML/style namespace confusion', html: `<math><mtext><table><mglyph><style><img src=x onerror="${M}"></style></mglyph></table></mtext></math>` },
  { id: 'noscript-mxss', technique: 'mutation XSS through noscript parsing', html: `<noscript><p title="</noscript><img src=x onerror=${M}>"></p></noscript>` },
  { id: 'title-attr-mxss', technique: 'closing tag hidden in an attribute', html: `<p title="</p><img src=x onerror=${M}>">標題</p>` },
  { id: 'style-mxss', technique: 'style element closing early', html: `<style><style/><img src=x onerror="${M}"></style>` },
  { id: 'textarea-mxss', technique: 'textarea raw text breakout', html: `<textarea><img title="</textarea><img src=x onerror=${M}>"></textarea>` },
  { id: 'comment-mxss', technique: 'comment closing inside attribute', html: `<!--<img title="--><img src=x onerror=${M}>">-->` },
  { id: 'cdata-mxss', technique: 'CDATA in HTML content', html: `<svg><![CDATA[><img src=x onerror=${M}>]]></svg>`, parserTrick: true },
  { id: 'js-href', technique: 'javascript: link', html: `<p><a href="javascript:${M}">點此閱讀</a></p>` },
  { id: 'js-href-entities', technique: 'entity-encoded javascript: scheme', html: `<p><a href="&#x6A;avascript:${M}">點此</a></p>` },
  { id: 'js-href-decimal', technique: 'decimal entities without semicolons', html: `<p><a href="&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58${M}">x</a></p>` },
  { id: 'js-href-tab', technique: 'tab inside the scheme', html: `<p><a href="java\tscript:${M}">x</a></p>` },
  { id: 'js-href-newline', technique: 'newline entity inside the scheme', html: `<p><a href="java&#x0A;script:${M}">x</a></p>` },
  { id: 'js-href-leading-space', technique: 'leading control characters', html: `<p><a href=" &#x01; javascript:${M}">x</a></p>` },
  { id: 'js-href-case', technique: 'mixed case scheme', html: `<p><a href="JaVaScRiPt:${M}">x</a></p>` },
  { id: 'vbscript-href', technique: 'vbscript: scheme', html: `<p><a href="vbscript:msgbox(1)">x</a></p>` },
  { id: 'data-href-html', technique: 'data: HTML document link', html: `<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a></p>` },
  { id: 'iframe-srcdoc', technique: 'iframe srcdoc', html: `<iframe srcdoc="&lt;script&gt;parent.${M}&lt;/script&gt;"></iframe>` },
  { id: 'iframe-js-src', technique: 'iframe with javascript: src', html: `<iframe src="javascript:parent.${M}"></iframe>` },
  { id: 'object-data', technique: 'object with a data: document', html: `<object data="data:text/html,&lt;script&gt;parent.${M}&lt;/script&gt;"></object>` },
  { id: 'embed-src', technique: 'embed with javascript: src', html: `<embed src="javascript:${M}">` },
  { id: 'form-formaction', technique: 'button formaction', html: `<form><button formaction="javascript:${M}">送出</button></form>` },
  { id: 'input-autofocus', technique: 'autofocus with onfocus', html: `<input autofocus onfocus="${M}">` },
  { id: 'details-ontoggle', technique: 'details opening by itself', html: `<details open ontoggle="${M}"><summary>展開</summary></details>` },
  { id: 'body-onload', technique: 'body tag inside the body', html: `<body onload="${M}"><p>x</p></body>` },
  { id: 'base-href', technique: 'base element hijacking relative URLs', html: `<base href="javascript:${M}//"><p><a href="/x">相對連結</a></p>` },
  { id: 'meta-refresh', technique: 'meta refresh to javascript:', html: `<meta http-equiv="refresh" content="0;url=javascript:${M}"><p>x</p>` },
  { id: 'meta-refresh-data', technique: 'meta refresh to a data: document', html: `<meta http-equiv="refresh" content="0;url=data:text/html,&lt;script&gt;${M}&lt;/script&gt;">` },
  { id: 'css-expression', technique: 'IE CSS expression', html: `<p style="width:expression(${M})">x</p>` },
  { id: 'css-import-js', technique: 'style element importing javascript:', html: `<style>@import 'javascript:${M}';</style><p>x</p>` },
  { id: 'template-content', technique: 'template element contents', html: `<template><img src=x onerror="${M}"></template><p>x</p>` },
  { id: 'marquee-onstart', technique: 'marquee onstart', html: `<marquee onstart="${M}">新聞快訊</marquee>` },
  { id: 'video-source-onerror', technique: 'media source onerror', html: `<video><source onerror="${M}"></video>` },
  { id: 'audio-src-onerror', technique: 'audio with bad src', html: `<audio src="x" onerror="${M}"></audio>` },
  { id: 'img-srcset-js', technique: 'srcset with javascript:', html: `<img srcset="javascript:${M} 1x" alt="x">` },
  { id: 'a-onmouseover-unquoted', technique: 'unquoted handler with slash separator', html: `<a/onmouseover=${M}/href="https://example.com/">x</a><img/src/onerror=${M}>` },
  { id: 'nested-script-split', technique: 'script tag split by a stripped tag', html: `<scr<script>ipt>${M}</scr</script>ipt>`, parserTrick: true },
  { id: 'img-broken-quote', technique: 'unbalanced quotes around a handler', html: `<img src="x" alt="\`" onerror="${M}"\`>` },
  { id: 'xmp-breakout', technique: 'xmp raw text breakout', html: `<xmp><p title="</xmp><img src=x onerror=${M}>"></xmp>` },
  { id: 'select-breakout', technique: 'select/option content breakout', html: `<select><option><img src=x onerror="${M}"></option></select>` },
  { id: 'link-import', technique: 'link rel=import / stylesheet from data:', html: `<link rel="import" href="data:text/html,&lt;script&gt;${M}&lt;/script&gt;"><p>x</p>` },
  { id: 'svg-xlink-js', technique: 'SVG link with xlink:href javascript:', html: `<svg><a xlink:href="javascript:${M}"><rect width="100" height="100"/></a></svg>` },
  { id: 'table-background', technique: 'legacy background attribute', html: `<table background="javascript:${M}"><tr><td>x</td></tr></table>` },
  { id: 'a-target-name', technique: 'window name overwrite via target', html: `<p><a href="https://example.com/" target="__xss">外部</a></p>`, parserTrick: true },
  { id: 'unicode-escape-handler', technique: 'handler with JS unicode escapes', html: `<img src=x onerror="\\u0061lert(1);window['__x'+'ss']=1">` },
];
