// Accessibility in Chromium: axe-core on the main pages of every role, in Vietnamese (the full WCAG 2.1 AA set, a few
// pages at phone width too) and English (the rules the language can change), failing on any serious or critical
// violation; and a keyboard check (skip link first, visible focus).
// axe is injected by an init script or page.evaluate, both outside the page's CSP, so the app's strict CSP stays on as in production.
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { readyToDecide } from '../helpers/postings.ts';
import { DESKTOP, PHONE, clickAndWait, signIn, useBrowserApp, useLanguage } from '../helpers/browser.ts';
import { provinceDecidesAll } from '../helpers/chain.ts';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
type Finding = { rule: string; impact: string; help: string; targets: string[]; page: string; lang: string };
type AxeRule = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };
type AxeResult = { violations: AxeRule[]; incomplete: AxeRule[] };

let campaignId: number;
const ids: Record<string, number> = {};
const minor: Finding[] = []; // moderate and minor findings: reported, not failed on
const review: Finding[] = []; // contrast axe could not decide (text over a gradient or image): reported for a look
const web = useBrowserApp(async (app) => {
  const p = app.prisma;
  campaignId = (await p.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  for (const code of ['HALONG', 'MONGCAI']) ids[code] = (await p.unit.findFirstOrThrow({ where: { code } })).id;
  const periods = await p.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' } });
  ids.p1 = periods[0].id;
  ids.p2 = periods[1].id;
  const person = await p.person.create({ data: { unitId: ids.HALONG, fullName: 'Nguyễn Văn An', rank: 'Thiếu tá', position: 'Trợ lý tác chiến' } });
  ids.person = person.id;
  const exemplar = await p.exemplar.create({
    data: { campaignId, unitId: ids.HALONG, kind: 'GOOD_DEED', personName: person.fullName, title: 'Cứu người trong lũ', description: 'Dũng cảm cứu hai người dân bị nước cuốn trôi.', occurredOn: new Date('2021-03-12'), published: true, publishedAt: new Date() },
  });
  ids.exemplar = exemplar.id;
  // an officer's score save in the audit trail: eight cells, so the list links to the record's own page
  const cells = await p.score.findMany({ where: { periodId: ids.p1, unitId: ids.HALONG, points: { not: null } }, take: 8, orderBy: { id: 'asc' } });
  assert.equal(cells.length, 8);
  const officer = await p.user.findUniqueOrThrow({ where: { username: 'officer' } });
  ids.auditSave = Number((await p.auditLog.create({ data: {
    userId: officer.id, action: 'scores.update', entityType: 'Period', entityId: String(ids.p1), campaignId, unitId: ids.HALONG, reason: 'Phúc tra',
    before: { cells: cells.map((x) => ({ score: x.id, points: Number(x.points) - 0.5, comment: null })) },
    after: { periodId: ids.p1, cells: cells.map((x, i) => ({ score: x.id, unit: x.unitId, criterion: x.criterionId, points: Number(x.points), comment: i % 2 ? 'Đã phúc tra' : null })) },
  } })).id);
});

/**
 * The rules whose outcome can change with the language: names, labels, titles, headings and the lang attribute.
 * The English page has the same markup, colours and layout as the Vietnamese one, so it is checked against these
 * only; the full WCAG 2.1 AA set (contrast, structure, ARIA) runs on every Vietnamese page, desktop and phone.
 */
const LANGUAGE_RULES = ['document-title', 'html-has-lang', 'html-lang-valid', 'valid-lang', 'label', 'label-title-only', 'form-field-multiple-labels', 'button-name', 'link-name',
  'input-button-name', 'select-name', 'summary-name', 'empty-heading', 'empty-table-header', 'page-has-heading-one', 'image-alt', 'svg-img-alt', 'role-img-alt', 'frame-title',
  'aria-command-name', 'aria-input-field-name', 'aria-toggle-field-name', 'aria-progressbar-name', 'aria-tooltip-name', 'aria-dialog-name', 'landmark-unique', 'duplicate-id-aria'];

const withAxe = new WeakSet<Page>();

/**
 * Give the page axe: from its first run on, an init script starts every later document of the page with axe, which
 * costs Chromium and this process less than sending its 550 kB through the DevTools protocol for each run (the whole
 * file: 164–173 CPU-s of the machine against 183–215, alternated; bench/notes/ci.md). The document already open when
 * the script is added gets it by evaluate.
 */
async function loadAxe(page: Page): Promise<void> {
  if (!withAxe.has(page)) {
    withAxe.add(page);
    await page.addInitScript({ content: AXE_SOURCE });
  }
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
}

/** Run axe on the page as it is; serious/critical findings go to `out`, the rest to `minor`. */
async function axe(page: Page, out: Finding[], label?: string): Promise<void> {
  const lang = (await page.getAttribute('html', 'lang')) ?? '?';
  const runOnly = lang === 'en' ? { type: 'rule', values: LANGUAGE_RULES } : TAGS;
  await loadAxe(page);
  const result = (await page.evaluate(`axe.run(document, { runOnly: ${JSON.stringify(runOnly)}, resultTypes: ['violations'] })`)) as AxeResult;
  const where = label ?? new URL(page.url()).pathname;
  for (const v of result.violations) {
    const f = { rule: v.id, impact: v.impact ?? '?', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')), page: where, lang };
    (v.impact === 'serious' || v.impact === 'critical' ? out : minor).push(f);
  }
  for (const v of result.incomplete.filter((r) => r.id === 'color-contrast')) {
    review.push({ rule: v.id, impact: 'needs review', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')), page: where, lang });
  }
}

/** Visit each path and run axe on it (the page must load without an error status). */
async function audit(page: Page, paths: string[], out: Finding[], opts: { status?: number } = {}): Promise<void> {
  for (const path of paths) {
    const res = await page.goto(web.app.url + path);
    assert.equal(res?.status(), opts.status ?? 200, `${path} answers ${opts.status ?? 200}`);
    await axe(page, out, path);
  }
}

/** Both languages, then a few pages at phone width. */
async function auditBoth(page: Page, paths: string[], out: Finding[], phone: string[] = []): Promise<void> {
  for (const lang of ['vi', 'en'] as const) {
    await page.goto(web.app.url + paths[0]);
    await useLanguage(page, lang);
    await audit(page, paths, out);
  }
  await page.goto(web.app.url + paths[0]);
  await useLanguage(page, 'vi');
  await page.setViewportSize(PHONE);
  for (const path of phone) {
    await page.goto(web.app.url + path);
    await axe(page, out, `${path} (390px)`);
  }
  await page.setViewportSize(DESKTOP);
}

/** Submit a form as it stands (required fields left empty) and run axe on the page with its field errors. */
async function axeErrors(page: Page, path: string, form: string, out: Finding[]): Promise<void> {
  await page.goto(web.app.url + path);
  await clickAndWait(page, `${form} button[type=submit]`);
  assert.ok((await page.locator('.field-error').count()) > 0, `${path} shows field errors`);
  await axe(page, out, `${path} (errors)`);
}

function assertClean(t: TestContext, found: Finding[]): void {
  const lines = found.map((f) => `  [${f.impact}] ${f.rule} on ${f.page} (${f.lang}): ${f.help}\n      ${f.targets.join('\n      ')}`);
  assert.equal(found.length, 0, `serious/critical accessibility violations:\n${lines.join('\n')}`);
  t.diagnostic('no serious or critical violations');
}

const c = (rest = '') => `/campaigns/${campaignId}${rest}`;

web.test('the harness catches violations: axe flags a broken fragment added to a real page', async ({ app, session }) => {
  const page = await session.newPage();
  await page.goto(app.url + '/login');
  await page.evaluate(() => {
    const div = document.createElement('div');
    // (a style attribute would be refused by the CSP; the CSSOM is not)
    div.innerHTML = '<img src="/public/img/favicon.svg"><input type="text" name="x"><p>low contrast</p><a href="/"></a>';
    Object.assign(div.querySelector('p')!.style, { color: '#ddd', background: '#fff' });
    document.querySelector('main')!.append(div);
  });
  const found: Finding[] = [];
  await axe(page, found);
  const rules = new Set(found.map((f) => f.rule));
  for (const rule of ['image-alt', 'label', 'color-contrast', 'link-name']) assert.ok(rules.has(rule), `axe reports ${rule} (got ${[...rules].join(', ')})`);
});

web.test('login, change password and the 404 page have no serious violations', async ({ app, session, t }) => {
  const found: Finding[] = [];
  const page = await session.newPage();
  for (const lang of ['vi', 'en'] as const) {
    await page.goto(app.url + '/login');
    await useLanguage(page, lang);
    await axe(page, found);
    // a failed sign-in shows its error on the page
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'wrong');
    await clickAndWait(page, 'form[action="/login"] button[type=submit]');
    await axe(page, found, '/login (error)');
  }
  await page.setViewportSize(PHONE);
  await page.goto(app.url + '/login');
  await useLanguage(page, 'vi');
  await axe(page, found, '/login (390px)');
  await page.setViewportSize(DESKTOP);
  await signIn(page, app.url, 'kcq');
  await page.setViewportSize(PHONE);
  await page.click('.nav-toggle summary');
  await axe(page, found, '/ (390px, menu open)');
  await page.setViewportSize(DESKTOP);
  for (const lang of ['vi', 'en'] as const) {
    await page.goto(app.url + '/account/password');
    await useLanguage(page, lang);
    await axe(page, found);
    await axeErrors(page, '/account/password', 'form[action="/account/password"]', found);
    await audit(page, ['/no-such-page'], found, { status: 404 });
  }
  await useLanguage(page, 'vi');
  assertClean(t, found);
});

web.test('at phone width a table that scrolls sideways becomes a named keyboard stop, and not on a wide screen', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'halong');
  const scrollers = () => page.evaluate(() => [...document.querySelectorAll('[data-scroller]')].map((e) => ({ tabindex: e.getAttribute('tabindex'), name: e.getAttribute('aria-label') })));
  await page.goto(app.url + c('/my-unit'));
  assert.deepEqual(await scrollers(), [], 'nothing overflows on a wide screen');
  await page.setViewportSize(PHONE);
  await page.waitForFunction(() => document.querySelector('[data-scroller]') !== null);
  const marked = await scrollers();
  assert.ok(marked.length > 0 && marked.every((m) => m.tabindex === '0' && m.name), JSON.stringify(marked));
  await page.setViewportSize(DESKTOP);
  await page.waitForFunction(() => document.querySelector('[data-scroller]') === null);
});

web.test('admin pages: home, campaigns, setup steps, units, people, users, audit', async ({ app, session, t }) => {
  const found: Finding[] = [];
  const page = await session.newPage();
  await signIn(page, app.url, 'admin');
  const paths = ['/', '/campaigns', c(), c('/edit'), c('/participants'), c('/periods'), c('/criteria'), c('/rules'), c('/titles'), c('/launch'), '/campaigns/new',
    '/units', `/units/${ids.HALONG}`, '/units/new', '/units/import', '/clusters', `/people/${ids.person}`, '/admin/users', '/admin/users/new', '/admin/audit', `/admin/audit/${ids.auditSave}`, '/notifications'];
  await auditBoth(page, paths, found, ['/', '/admin/audit', c('/criteria'), '/units']);
  await axeErrors(page, '/admin/users/new', 'form[action="/admin/users"]', found);
  await page.goto(app.url + c('/titles'));
  await session.shot(page, 'a11y-titles-vi');
  assertClean(t, found);
});

web.test('officer pages: scoring grid, period status, verification, pledges, ranking', async ({ app, session, t }) => {
  const found: Finding[] = [];
  const page = await session.newPage();
  await signIn(page, app.url, 'officer');
  const paths = ['/', c(), c('/scores'), c(`/periods/${ids.p1}/scores`), c(`/periods/${ids.p2}/scores`), c(`/periods/${ids.p1}/status`), c(`/periods/${ids.p1}/verify/${ids.HALONG}`),
    c('/pledges'), c(`/pledges/${ids.HALONG}`), c('/ranking'), c(`/ranking/${ids.HALONG}`), c(`/units/${ids.HALONG}/inspections`), c('/report')];
  await auditBoth(page, paths, found, [c(`/periods/${ids.p1}/scores`), c('/ranking'), c('/pledges'), c(`/periods/${ids.p1}/status`), c(`/ranking/${ids.HALONG}`)]);
  assertClean(t, found);
});

web.test('unit pages: home, pledge, pledge form, registrations, self-assessment, unit dashboard, exemplars, notifications', async ({ app, session, t }) => {
  const found: Finding[] = [];
  const page = await session.newPage();
  await signIn(page, app.url, 'halong');
  await auditBoth(page, ['/', c('/scores'), c(`/pledges/${ids.HALONG}`), c(`/pledges/${ids.HALONG}/registrations`), c(`/pledges/${ids.HALONG}/progress`), c(`/periods/${ids.p2}/self`),
    c('/my-unit'), c('/exemplars'), c('/exemplars/new'), `/exemplars/${ids.exemplar}/edit`, '/notifications', c(`/pledges/${ids.HALONG}/print`)], found,
    ['/', c(`/periods/${ids.p2}/self`), c('/my-unit'), c('/exemplars/new')]);
  await axeErrors(page, c('/exemplars/new'), 'form.ex-form', found);
  await page.goto(app.url + c(`/pledges/${ids.HALONG}/print`));
  await session.shot(page, 'a11y-pledge-print-vi');
  // a unit whose pledge is still a draft: the pledge form
  const draft = await session.newPage();
  await signIn(draft, app.url, 'mongcai');
  await auditBoth(draft, [c('/pledges'), c(`/pledges/${ids.MONGCAI}/edit`)], found, [c(`/pledges/${ids.MONGCAI}/edit`)]);
  assertClean(t, found);
});

web.test('commander pages: dashboards, ranking, honour board, exemplars, unit record', async ({ app, session, t }) => {
  const found: Finding[] = [];
  const page = await session.newPage();
  await signIn(page, app.url, 'commander');
  await auditBoth(page, ['/', c('/dashboard'), c(`/units/${ids.HALONG}`), c('/ranking'), c('/honour-board'), c('/exemplars'), `/exemplars/${ids.exemplar}`, `/units/${ids.HALONG}`, `/people/${ids.person}`],
    found, [c('/dashboard'), c('/honour-board'), c(`/units/${ids.HALONG}`), `/units/${ids.HALONG}`]);
  assertClean(t, found);
});

web.test('awards: list, new proposal, proposal, decision and certificate (campaign closed)', async ({ app, session, t }) => {
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  await provinceDecidesAll(app);
  const found: Finding[] = [];
  const officer = await session.newPage();
  await signIn(officer, app.url, 'officer');
  await audit(officer, [c('/awards'), c('/awards/new')], found);
  await clickAndWait(officer, '.aw-form button[type=submit]');
  assert.match(officer.url(), /\/proposals\/\d+$/);
  const proposal = new URL(officer.url()).pathname;
  await axe(officer, found);
  await audit(officer, [`${proposal}/edit`], found);
  await officer.goto(app.url + proposal);
  await clickAndWait(officer, 'form[action$="/submit"] button');

  const page = await session.newPage();
  await signIn(page, app.url, 'commander');
  await audit(page, [proposal], found);
  await clickAndWait(page, 'form[action$="/approve"] button');
  await axe(page, found, `${proposal} (approved, decision form)`);
  await readyToDecide(app.prisma, Number(proposal.split('/').pop()));
  await page.fill('input[name=number]', '125/QĐ-BCH');
  await page.fill('input[name=date]', '2021-07-15');
  await page.fill('input[name=signerName]', 'Đại tá Phạm Văn Dũng');
  await clickAndWait(page, 'form[action$="/decision"] button[type=submit]');
  assert.match(page.url(), /\/decisions\/\d+$/);
  const decision = new URL(page.url()).pathname;
  const certificate = await page.getAttribute('a[href$="/certificate"] >> nth=0', 'href');
  await auditBoth(page, [decision, proposal, c('/awards'), certificate!, `${decision}/print`], found, [decision]);
  assertClean(t, found);
});

web.test('keyboard: Tab reaches the skip link first, it moves focus to main, and focus is visible', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'officer');
  await page.goto(app.url + c());
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return { cls: el.className, visible: el.getBoundingClientRect().left >= 0, outline: s.outlineStyle, width: s.outlineWidth };
  });
  assert.equal(first.cls, 'skip-link', 'the skip link is the first stop');
  assert.ok(first.visible, 'the skip link shows when focused');
  assert.notEqual(first.outline, 'none', 'the skip link has a focus outline');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'the skip link moves focus to main');
  // keep tabbing: every link and button stop shows an outline
  await page.goto(app.url + c());
  const seen = new Set<string>();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { tag: el.tagName, text: (el.textContent ?? '').trim().slice(0, 40), outline: s.outlineStyle, shadow: s.boxShadow };
    });
    if (!['A', 'BUTTON', 'SUMMARY', 'INPUT', 'SELECT'].includes(f.tag)) continue;
    seen.add(f.tag);
    assert.ok(f.outline !== 'none' || f.shadow !== 'none', `focus is visible on ${f.tag} "${f.text}"`);
  }
  assert.ok(seen.has('A') && seen.has('BUTTON'), `links and buttons were reached (${[...seen].join(', ')})`);
});

web.test('moderate and minor findings (reported, not failed on)', async ({ t }) => {
  const byRule = new Map<string, Set<string>>();
  for (const f of [...minor, ...review]) byRule.set(`${f.rule} (${f.impact})`, (byRule.get(`${f.rule} (${f.impact})`) ?? new Set()).add(f.page));
  for (const [rule, pages] of byRule) t.diagnostic(`${rule}: ${[...pages].slice(0, 6).join(', ')}${pages.size > 6 ? ` … ${pages.size} pages` : ''}`);
  const targets = new Map<string, string>();
  for (const f of review) for (const target of f.targets) if (!targets.has(target)) targets.set(target, f.page);
  for (const [target, page] of targets) t.diagnostic(`  contrast to check by eye: ${target} (first on ${page})`);
});
