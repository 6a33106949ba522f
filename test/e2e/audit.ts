// Checks a page in the browser can make about itself: console errors, failed requests, broken
// images, horizontal overflow and axe-core's accessibility rules. Each returns a list of
// problems as text, so a test can gather them over many pages and fail once with all of them.
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * Records console errors, uncaught exceptions, failed requests and 4xx/5xx responses of a
 * page across navigations. `take()` returns what happened since the last call and clears it,
 * so one tab can be reused for many pages.
 */
export function watch(page: Page): { take(): string[] } {
  let seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => seen.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => seen.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
  page.on('response', (r) => {
    if (r.status() >= 400) seen.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return {
    take() {
      const out = seen;
      seen = [];
      return out;
    },
  };
}

/**
 * Loads every image now (lazy ones too: a reader scrolling down would load them) and lists
 * those that failed to decode. Bounded so one hanging image fails the check, not the suite.
 */
export async function brokenImages(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const images = [...document.images];
    for (const img of images) img.loading = 'eager';
    const settled = (img: HTMLImageElement) =>
      img.complete ? Promise.resolve() : new Promise<void>((done) => {
        img.addEventListener('load', () => done(), { once: true });
        img.addEventListener('error', () => done(), { once: true });
      });
    await Promise.race([Promise.all(images.map(settled)), new Promise((done) => setTimeout(done, 5000))]);
    return images.filter((img) => !img.complete || img.naturalWidth === 0).map((img) => `broken image: ${img.currentSrc || img.src}`);
  });
}

/** A horizontal scrollbar on the page itself (not inside a scroller such as the nav bar). */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  const { scroll, viewport } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  return scroll > viewport ? [`horizontal overflow: ${scroll}px wide in a ${viewport}px viewport`] : [];
}

/**
 * axe-core's serious and critical violations (WCAG 2.x A/AA and best practices) as text. axe is
 * injected as an inline script: open the page with `bypassCSP: true`, or the site's CSP stops it.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return violations.map((v) => `axe ${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`);
}

declare global {
  interface Window {
    axe: typeof axe;
  }
}
