// Layout at the two widths people use: a phone (390 px) and a desktop (1280 px), in Vietnamese and English.
// Measured in Chromium rather than looked at: the officer's header stays on one line, the campaign tabs stay on one
// row (scrolling sideways, the current tab in view), and the ranking's class column shows without scrolling.
// THIDUA_SHOTS=layout saves the pages for a person to look at.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { DESKTOP, PHONE, SHOTS_DIR, shotWanted, signIn, useBrowserApp, useLanguage } from '../helpers/browser.ts';

let campaignId: number;
let halongId: number;
const web = useBrowserApp(async (app) => {
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  halongId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } })).id;
});

type Layout = { header: { top: number; bottom: number }[]; tabRows: number; currentInView: boolean; pageOverflow: number };

/** The boxes of the header's parts and of the campaign tabs, as the page lays them out (a string: tsx would wrap named functions). */
const MEASURE = `(() => {
  const tabs = document.querySelector('nav.tabs');
  const links = tabs ? [...tabs.querySelectorAll('a')] : [];
  const current = tabs && tabs.querySelector('a[aria-current="page"]');
  const tb = tabs && tabs.getBoundingClientRect();
  const cb = current && current.getBoundingClientRect();
  return {
    header: ['.brand', '.nav-desktop', '.topbar-tools'].map((s) => document.querySelector(s)).filter((e) => e && e.getBoundingClientRect().width > 0).map((e) => ({ top: e.getBoundingClientRect().top, bottom: e.getBoundingClientRect().bottom })),
    tabRows: new Set(links.map((a) => Math.round(a.getBoundingClientRect().top))).size,
    currentInView: !!(tb && cb && cb.left >= tb.left - 1 && cb.right <= tb.right + 1),
    pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
})()`;
const measure = (page: Page) => page.evaluate(MEASURE) as Promise<Layout>;

/** The screen as the reader sees it (not the whole page), when asked for. */
async function screen(page: Page, name: string): Promise<void> {
  if (shotWanted(name)) await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
}

for (const lang of ['vi', 'en'] as const) {
  web.test(`officer (${lang}): one-line header at 1280 px; at 390 px the campaign tabs keep one row with the current tab in view`, async ({ app, session }) => {
    const page = await session.newPage();
    await signIn(page, app.url, 'officer');
    await useLanguage(page, lang);
    for (const path of ['', '/ranking', `/ranking/${halongId}`, '/exemplars', '/awards']) {
      await page.setViewportSize(DESKTOP);
      await page.goto(`${app.url}/campaigns/${campaignId}${path}`);
      const wide = await measure(page);
      const tops = wide.header.map((b) => b.top);
      assert.ok(wide.header.length === 3 && Math.max(...tops) - Math.min(...tops) < 20, `${path || '/'}: the header is one line at 1280 px: ${JSON.stringify(wide.header)}`);
      assert.equal(wide.tabRows, 1, `${path || '/'}: tabs on one row at 1280 px`);
      await session.shot(page, `layout-officer${path.replace(/\//g, '-').replace(/-\d+$/, '-unit')}-${lang}`);
      await page.setViewportSize(PHONE);
      // app.js brings the current tab into view once the resize settles: wait for that, not for a fixed time
      // (polled inside the page through page.evaluate: waitForFunction with a string needs eval, which the app's CSP
      // refuses, and its error used to be swallowed, so the check raced the debounced scroll)
      await page.evaluate(`new Promise((resolve) => { const t0 = performance.now(); const tick = () => { if ((document.documentElement.clientWidth <= 400 && ${MEASURE}.currentInView) || performance.now() - t0 > 15000) resolve(null); else requestAnimationFrame(tick); }; tick(); })`);
      const narrow = await measure(page);
      await screen(page, `layout-officer${path.replace(/\//g, '-').replace(/-\d+$/, '-unit')}-${lang}-phone`);
      assert.equal(narrow.tabRows, 1, `${path || '/'}: tabs on one row at 390 px`);
      assert.ok(narrow.currentInView, `${path || '/'}: the current tab is in view at 390 px`);
      assert.ok(narrow.pageOverflow <= 0, `${path || '/'}: nothing overflows the page sideways at 390 px (${narrow.pageOverflow} px)`);
    }
  });
}

/** The top bar's links and tools as boxes, and what its user name shows (a string, like MEASURE). */
const TOP_BAR = `(() => {
  const box = (e, what) => { const r = e.getBoundingClientRect(); return { what, left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
  const links = [...document.querySelectorAll('.nav-desktop a')].map((a) => box(a, a.textContent.trim()));
  const tools = [['.nt-badge', 'notifications'], ['.lang-switch button', 'language'], ['.user-menu > summary', 'user menu']].map(([s, w]) => box(document.querySelector(s), w));
  const name = document.querySelector('.user-name');
  return { links, tools, width: document.documentElement.clientWidth, nameShown: getComputedStyle(name).display !== 'none', nameWidth: name.getBoundingClientRect().width, who: document.querySelector('.user-menu-who').textContent.trim() };
})()`;
type Box = { what: string; left: number; right: number; top: number; bottom: number };

for (const lang of ['vi', 'en'] as const) {
  web.test(`officer (${lang}): at 1024 and 1280 px every menu link and tool of the top bar is in view, none over another; the name is readable or left to the user menu`, async ({ app, session }) => {
    const page = await session.newPage();
    await signIn(page, app.url, 'officer');
    await useLanguage(page, lang);
    const fullName = (await app.prisma.user.findUniqueOrThrow({ where: { username: 'officer' } })).fullName;
    for (const width of [1024, 1280]) {
      await page.setViewportSize({ width, height: 700 });
      await page.goto(`${app.url}/campaigns/${campaignId}`);
      const bar = (await page.evaluate(TOP_BAR)) as { links: Box[]; tools: Box[]; width: number; nameShown: boolean; nameWidth: number; who: string };
      assert.ok(bar.links.length >= 6, `the desktop menu shows at ${width} px`);
      const all = [...bar.links, ...bar.tools];
      for (const b of all) assert.ok(b.left >= 0 && b.right <= bar.width && b.right > b.left, `${b.what} is in view at ${width} px: ${JSON.stringify(b)}`);
      for (const l of bar.links) {
        for (const t of bar.tools) {
          const apart = l.right <= t.left || t.right <= l.left || l.bottom <= t.top || t.bottom <= l.top;
          assert.ok(apart, `${l.what} and ${t.what} do not overlap at ${width} px`);
        }
      }
      assert.ok(!bar.nameShown || bar.nameWidth >= 64, `at ${width} px the name is hidden or readable, not cut to a letter (${bar.nameWidth} px)`);
      assert.equal(bar.who, fullName, 'the user menu names who is signed in');
    }
  });
}

web.test('ranking at 390 px: rank, unit, total and class show without scrolling, in vi and en', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'commander');
  await page.setViewportSize(PHONE);
  for (const lang of ['vi', 'en'] as const) {
    await page.goto(`${app.url}/campaigns/${campaignId}/ranking`);
    await useLanguage(page, lang);
    const cols = (await page.evaluate(`(() => {
      const wrap = document.querySelector('.rk-table').closest('.table-wrap').getBoundingClientRect();
      return [...document.querySelectorAll('.rk-table thead th')].slice(0, 4).map((th) => ({ text: th.textContent.trim(), right: th.getBoundingClientRect().right, width: th.getBoundingClientRect().width, limit: wrap.right }));
    })()`)) as { text: string; right: number; width: number; limit: number }[];
    for (const c of cols) assert.ok(c.width > 0 && c.right <= c.limit + 1, `column "${c.text}" in view: ${JSON.stringify(c)}`);
    await page.locator('.rk-table').scrollIntoViewIfNeeded();
    await screen(page, `layout-ranking-${lang}-phone`);
  }
});
