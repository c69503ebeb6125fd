import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { before, after, test, type TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './app.ts';
import { DEMO_PASSWORD } from './db.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };
export const NO_CHROMIUM = `Chromium not found at ${CHROMIUM}: browser test skipped`;

/**
 * Screenshots are for a person to look at, so they are taken only when someone asks: THIDUA_SHOTS=1 (or "all")
 * takes every one, THIDUA_SHOTS=ranking,awards-new only those whose name starts so. Unset (CI, `npm test`): none,
 * which keeps the browser tests fast and spares Chromium the large full-page captures that failed under load.
 */
const SHOTS = (process.env.THIDUA_SHOTS ?? '').trim();
export function shotWanted(name: string): boolean {
  if (!SHOTS || SHOTS === '0') return false;
  if (SHOTS === '1' || SHOTS === 'all') return true;
  return SHOTS.split(',').some((prefix) => prefix.trim() && name.startsWith(prefix.trim()));
}

export type BrowserSession = {
  /** a page in a fresh context (its own cookies); contexts a test opens are closed when the test ends */
  newPage(): Promise<Page>;
  /** save a full-page screenshot to test-results/screenshots/<name>.png, when asked for (see shotWanted) */
  shot(page: Page, name: string): Promise<void>;
  /** `<name>` at desktop width and `<name>-phone` at phone width (390 px), then back to desktop */
  shots(page: Page, name: string): Promise<void>;
  /** `<name>` at phone width only (with `top`, also `<name>-top`: the first screen on its own), then back to desktop */
  phoneShot(page: Page, name: string, opts?: { top?: boolean }): Promise<void>;
  /** close the contexts opened since the last call (the test wrapper calls it after each test) */
  closePages(): Promise<void>;
  close(): Promise<void>;
};

/**
 * The features Playwright (playwright-core 1.x) turns off in its own `--disable-features`. Chromium keeps only the
 * last `--disable-features` it is given, so ours must repeat these: tests/e2e/browser-flags.test.ts reads the
 * launched browser's command line and fails, naming them, should Playwright's list grow.
 */
const PLAYWRIGHT_DISABLED_FEATURES = ['AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter',
  'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin', 'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion'];
/**
 * RenderDocument off: with it, each new document in a tab gets new frame objects in the browser and the renderer.
 * A page load costs Chromium 0.15-0.2 CPU-s here, and the browser tests load hundreds; without it, Chromium took 12%
 * less CPU over 120 loads of app pages (four rounds each way; bench/notes/ci.md). Pages behave the same either way.
 */
const LAUNCH_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, 'RenderDocument'].join(',')}`];

/**
 * Launch Debian's Chromium once for the test file (node --test runs each file in its own process, so this is one
 * browser per worker), or return null when it is not installed (the caller skips, saying why). Should Chromium
 * die under load, the next newPage() launches a new one rather than failing every later test of the file.
 */
export async function browserOrSkip(): Promise<BrowserSession | null> {
  if (!fs.existsSync(CHROMIUM)) return null;
  const launch = () => chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  let browser: Browser = await launch();
  let open: BrowserContext[] = [];
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const shot = async (page: Page, name: string) => {
    if (shotWanted(name)) await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true });
  };
  return {
    newPage: async () => {
      if (!browser.isConnected()) browser = await launch();
      const context = await browser.newContext({ viewport: DESKTOP });
      open.push(context);
      // generous: CI machines are small and shared; these are not timing assertions
      context.setDefaultTimeout(90_000);
      context.setDefaultNavigationTimeout(90_000);
      return context.newPage();
    },
    shot,
    shots: async (page, name) => {
      await shot(page, name);
      if (!shotWanted(`${name}-phone`)) return;
      await page.setViewportSize(PHONE);
      await shot(page, `${name}-phone`);
      await page.setViewportSize(DESKTOP);
    },
    phoneShot: async (page, name, opts = {}) => {
      if (!shotWanted(name)) return;
      await page.setViewportSize(PHONE);
      await shot(page, name);
      if (opts.top) await page.screenshot({ path: path.join(SHOTS_DIR, `${name}-top.png`) });
      await page.setViewportSize(DESKTOP);
    },
    closePages: async () => {
      const closing = open;
      open = [];
      await Promise.all(closing.map((c) => c.close().catch(() => undefined)));
    },
    close: () => browser.close(),
  };
}

export type BrowserApp = {
  /** the app under test (set once the `before` hook has run, when Chromium is there) */
  readonly app: TestApp;
  /** null when Chromium is not installed */
  readonly session: BrowserSession | null;
  /** a test that is skipped, saying why, when Chromium is not installed */
  test(name: string, fn: (ctx: { app: TestApp; session: BrowserSession; t: TestContext }) => Promise<void>): void;
};

/**
 * Register the file's before/after hooks: launch Chromium and, when it is there, start the app on a fresh demo
 * database and run `setup` on it; close both afterwards.
 */
export function useBrowserApp(setup?: (app: TestApp) => Promise<void>): BrowserApp {
  let app: TestApp | undefined;
  let session: BrowserSession | null = null;
  before(async () => {
    session = await browserOrSkip();
    if (!session) return;
    app = await startTestApp();
    await setup?.(app);
  });
  after(async () => {
    await session?.close();
    await app?.close();
  });
  return {
    get app() {
      if (!app) throw new Error('the test app is not started (Chromium missing, or before() has not run)');
      return app;
    },
    get session() {
      return session;
    },
    test(name, fn) {
      test(name, async (t) => {
        if (!session || !app) return t.skip(NO_CHROMIUM);
        try {
          await fn({ app, session, t });
        } finally {
          await session.closePages();
        }
      });
    },
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

/** Sign in as a demo user through the login form and wait for the home page. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(baseUrl + '/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL(baseUrl + '/');
}

/** Press the language switch and check that the page is now in `to`. */
export async function switchLanguage(page: Page, to: 'vi' | 'en'): Promise<void> {
  await clickAndWait(page, '.lang-switch button');
  assert.equal(await page.getAttribute('html', 'lang'), to);
}

/** Make sure the page is in `lang`: press the language switch only if it is not already (the choice is remembered per user). */
export async function useLanguage(page: Page, lang: 'vi' | 'en'): Promise<void> {
  if ((await page.getAttribute('html', 'lang')) !== lang) await clickAndWait(page, '.lang-switch button');
  assert.equal(await page.getAttribute('html', 'lang'), lang);
}

/** Pages and the first page's size (points) of a PDF made by Chromium. */
export function pdfFacts(pdf: Buffer): { pages: number; width: number; height: number } {
  const s = pdf.toString('latin1');
  const pages = (s.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(s);
  return { pages, width: box ? Number(box[1]) : 0, height: box ? Number(box[2]) : 0 };
}
