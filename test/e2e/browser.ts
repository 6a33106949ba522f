// Launching Debian's Chromium for browser tests. Playwright's own browser download is not
// available here, so playwright-core drives /usr/bin/chromium with flags that keep it off the
// network and quiet.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.JIAODIAN_CHROMIUM ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. CI makes a skip a failure. */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const reason = `no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`;
  if (process.env.JIAODIAN_TEST_BROWSER === 'required') throw new Error(`browser tests are required but there is ${reason}`);
  console.log(`Skipping browser tests: ${reason}.`);
  return reason;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
