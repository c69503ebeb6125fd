import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

export type BrowserSession = {
  newPage(): Promise<Page>;
  /** save a full-page screenshot to test-results/screenshots/<name>.png */
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
};

/** Launch Debian's Chromium, or return null when it is not installed (the caller skips, saying why). */
export async function browserOrSkip(): Promise<BrowserSession | null> {
  if (!fs.existsSync(CHROMIUM)) return null;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  return {
    newPage: async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      // generous: CI machines are small and shared; these are not timing assertions
      context.setDefaultTimeout(90_000);
      context.setDefaultNavigationTimeout(90_000);
      return context.newPage();
    },
    shot: async (page, name) => {
      await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true });
    },
    close: () => browser.close(),
  };
}

/**
 * Click something that submits a form or follows a link, and wait until the next page has loaded.
 * (Waiting for 'load' alone can return at once, before the navigation has even started.)
 */
export async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }), page.click(selector)]);
  await page.waitForLoadState('load');
}
