// Every page at phone width (390 px), in Vietnamese and English, as admin, officer, commander and a unit account,
// plus the sign-in page and the error pages. Each role starts at its home page and follows every link it is shown
// (one page per route: ids and query strings aside), so a page added later is visited without editing this file.
// On each page: the status is 200, the html lang is the language chosen, nothing overflows the page sideways, and
// no translation key (`awards.xxx`) or ICU placeholder (`{n}`) shows. Then the pages the issue lists must have been
// seen. THIDUA_SHOTS=phone saves each page (whole) for a person to look at.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PHONE, signIn, useBrowserApp, useLanguage, type BrowserSession } from '../helpers/browser.ts';
import { catalog } from '../../src/i18n/index.ts';

const LANGS = ['vi', 'en'] as const;
const ROLES = ['admin', 'officer', 'commander', 'halong'] as const;
// downloads, files and actions reached by a link: not pages
const NOT_PAGES = /\.(csv|xlsx|docx|pdf|json|png|svg|jpg|zip)$|^\/(logout|attachments|public|healthz|readyz)\b/;
// made for A4 paper (and looked at as such by their own tests): visited, but their width is the sheet's
const PRINT = /\/(print|certificate)$/;
const NAMESPACES = [...new Set([...catalog('vi').keys()].filter((k) => k.includes('.')).map((k) => k.split('.')[0]))];

/** The route of a path: numbers (ids, years) become :n. */
const route = (path: string) => path.replace(/\/\d+(?=\/|$)/g, '/:n');

let campaignId: number;
const web = useBrowserApp(async (app) => {
  // the demo holds no awards yet: a draft proposal, and a decided one with its decision, so those pages have links
  const p = app.prisma;
  campaignId = (await p.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  const title = await p.campaignTitle.findFirstOrThrow({ where: { campaignId, code: 'BK_BQP_DV' } });
  const [halong, mongcai] = await Promise.all(['HALONG', 'MONGCAI'].map((code) => p.unit.findFirstOrThrow({ where: { code } })));
  await p.awardProposal.create({ data: { campaignId, status: 'DRAFT', note: 'Đề nghị đợt 1', items: { create: { titleId: title.id, unitId: halong.id, reason: 'Hoàn thành xuất sắc' } } } });
  const decided = await p.awardProposal.create({ data: { campaignId, status: 'DECIDED', decidedAt: new Date(), items: { create: { titleId: title.id, unitId: mongcai.id, reason: 'Dẫn đầu phong trào' } } } });
  const decision = await p.awardDecision.create({ data: { campaignId, proposalId: decided.id, number: '123/QĐ-BCH', date: new Date('2021-12-20'), signingAuthority: 'Chỉ huy trưởng Bộ CHQS tỉnh' } });
  await p.award.create({ data: { decisionId: decision.id, campaignId, titleId: title.id, unitId: mongcai.id, reason: 'Dẫn đầu phong trào' } });
  await p.exemplar.create({ data: { campaignId, unitId: halong.id, kind: 'GOOD_DEED', personName: 'Nguyễn Văn An', title: 'Cứu người trong lũ', description: 'Dũng cảm cứu hai người dân.', occurredOn: new Date('2021-03-12'), published: true, publishedAt: new Date() } });
});

type Facts = { lang: string; overflow: number; wide: string[]; text: string; links: string[] };

/** What the page shows, read in the page (a string: tsx would wrap a named function, which the page cannot see). */
const FACTS = `(() => {
  const doc = document.documentElement;
  const limit = doc.clientWidth;
  const overflow = doc.scrollWidth - limit;
  // when the page is too wide, the outermost elements that stick out on the right: the ones to fix
  const wide = overflow <= 0 ? [] : [...document.body.querySelectorAll('*')].filter((e) => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= limit + 1) return false;
    const parent = e.parentElement.getBoundingClientRect();
    return parent.right <= limit + 1;
  }).slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)');
  const attrs = [...document.querySelectorAll('[placeholder], [title], [aria-label], [alt]')].map((e) => ['placeholder', 'title', 'aria-label', 'alt'].map((a) => e.getAttribute(a) || '').join(' '));
  return {
    lang: doc.getAttribute('lang'),
    overflow,
    wide,
    text: document.title + '\\n' + document.body.innerText + '\\n' + attrs.join('\\n'),
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
  };
})()`;

const KEY = new RegExp(`\\b(?:${NAMESPACES.join('|')})\\.[A-Za-z][\\w.]*\\b(?<!\\.(?:csv|xlsx|docx|pdf|json))`, 'g');
const ICU = /\{\s*\w+\s*(?:\}|,\s*(?:plural|select))/g;

/** Check the page as loaded; the problems found, each naming the page. */
async function inspect(page: Page, where: string, lang: string, shots: BrowserSession, shotName: string): Promise<{ problems: string[]; links: string[] }> {
  const f = (await page.evaluate(FACTS)) as Facts;
  const problems: string[] = [];
  if (f.lang !== lang) problems.push(`${where}: html lang is "${f.lang}", not ${lang}`);
  if (f.overflow > 0 && !PRINT.test(new URL(page.url()).pathname)) problems.push(`${where}: the page is ${f.overflow} px wider than the phone: ${f.wide.join(', ')}`);
  const keys = [...new Set(f.text.match(KEY) ?? [])];
  if (keys.length) problems.push(`${where}: untranslated keys show: ${keys.join(', ')}`);
  const icu = [...new Set(f.text.match(ICU) ?? [])];
  if (icu.length) problems.push(`${where}: message placeholders show: ${icu.join(', ')}`);
  await shots.shot(page, shotName);
  return { problems, links: f.links };
}

const seen = new Map<string, Set<string>>(); // route → the roles that saw it

/** Visit the home page, then every page linked from a visited one (one per route), at 390 px in `lang`. */
async function crawl(page: Page, base: string, who: string, lang: string, shots: BrowserSession): Promise<string[]> {
  const queue = ['/'];
  const routes = new Set(['/']);
  const problems: string[] = [];
  while (queue.length) {
    const path = queue.shift()!;
    const res = await page.goto(base + path);
    const where = `${who} ${lang} ${path}`;
    if (res?.status() !== 200) {
      problems.push(`${where}: status ${res?.status()}`);
      continue;
    }
    const at = new URL(page.url());
    (seen.get(route(at.pathname)) ?? seen.set(route(at.pathname), new Set()).get(route(at.pathname))!).add(who);
    const name = `phone-${who}-${lang}${route(at.pathname).replace(/\/:n/g, '-n').replace(/\//g, '-')}`.replace(/-$/, '');
    const found = await inspect(page, where, lang, shots, name);
    problems.push(...found.problems);
    for (const href of found.links) {
      const u = new URL(href);
      if (u.origin !== base || NOT_PAGES.test(u.pathname) || routes.has(route(u.pathname))) continue;
      routes.add(route(u.pathname));
      queue.push(u.pathname + u.search);
    }
  }
  return problems;
}

for (const who of ROLES) {
  for (const lang of LANGS) {
    web.test(`${who} (${lang}): every page linked from home fits 390 px, in ${lang}, with no key or placeholder showing`, async ({ app, session }) => {
      const page = await session.newPage();
      await signIn(page, app.url, who);
      await useLanguage(page, lang);
      await page.setViewportSize(PHONE);
      const problems = await crawl(page, app.url, who, lang, session);
      assert.deepEqual(problems, []);
    });
  }
}

web.test('signed out, and the error pages: sign-in, 404 and 403 fit 390 px in both languages', async ({ app, session }) => {
  const problems: string[] = [];
  const out = await session.newPage();
  await out.setViewportSize(PHONE);
  const unit = await session.newPage();
  await signIn(unit, app.url, 'halong');
  await unit.setViewportSize(PHONE);
  for (const lang of LANGS) {
    await out.goto(app.url + '/login');
    await useLanguage(out, lang);
    problems.push(...(await inspect(out, `signed out ${lang} /login`, lang, session, `phone-login-${lang}`)).problems);
    await useLanguage(unit, lang);
    for (const [path, status] of [['/no-such-page', 404], ['/campaigns/999999', 404], ['/admin/users', 403]] as const) {
      const res = await unit.goto(app.url + path);
      assert.equal(res?.status(), status, `${path} answers ${status}`);
      problems.push(...(await inspect(unit, `halong ${lang} ${path} (${status})`, lang, session, `phone-error-${status}-${lang}`)).problems);
    }
  }
  assert.deepEqual(problems, []);
});

web.test('the crawl reached the pages the issue lists', async () => {
  if (seen.size === 0) return; // the crawls were skipped (no Chromium)
  const c = '/campaigns/:n';
  const wanted = ['/', '/campaigns', c, `${c}/pledges`, `${c}/pledges/:n`, `${c}/periods/:n/scores`, `${c}/ranking`, `${c}/ranking/:n`, `${c}/dashboard`, `${c}/my-unit`,
    `${c}/awards`, '/proposals/:n', '/decisions/:n', `${c}/exemplars`, `${c}/report`, '/notifications', '/admin/audit', '/admin/users', '/units', '/units/:n', '/years',
    '/years/:n', '/admin/catalogue', '/admin/rules', '/years/:n/review', '/years/:n/assessments', '/initiatives', '/years/:n/registrations', `${c}/criteria`, `${c}/periods`,
    `${c}/participants`, `${c}/titles`];
  const missing = wanted.filter((r) => !seen.has(r));
  assert.deepEqual(missing, [], `pages never reached by a link: ${missing.join(', ')}\nreached: ${[...seen.keys()].sort().join(', ')}`);
});
