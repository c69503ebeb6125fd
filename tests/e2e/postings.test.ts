// In a browser: a district's account reads the posted list (công khai) and leaves a complaint, the officer answers
// it; a commander revokes a 2020 CSTT on a legal ground with the recovery, and the decision shows the flagged CSTĐCS.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { signIn, useLanguage, useBrowserApp } from '../helpers/browser.ts';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Serious or critical axe findings (WCAG 2.1 AA) on the page as it is. */
async function axeSerious(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const r = (await page.evaluate(`axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], resultTypes: ['violations'] })`)) as { violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] };
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

let postingId: number;
const today = () => new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const web = useBrowserApp(async (app) => {
  // the demo's posting of the Cờ proposal, moved to now so its window is open
  const posting = await app.prisma.proposalPosting.findFirstOrThrow({ where: { proposal: { note: { contains: 'Cờ thi đua của Quân khu' } } } });
  postingId = posting.id;
  await app.prisma.proposalPosting.update({ where: { id: posting.id }, data: { postedOn: addDays(today(), -2), closesOn: addDays(today(), 5) } });
});

web.test('a unit account reads the posted list and complains; the officer answers', async ({ app, session }) => {
  const unit = await session.newPage();
  await signIn(unit, app.url, 'halong');
  await useLanguage(unit, 'vi');
  await unit.click('nav.mainnav a[href="/postings"]');
  await unit.waitForURL(/\/postings$/);
  await session.shots(unit, 'postings-index-vi');
  await unit.click(`a[href="/postings/${postingId}"]`);
  await unit.waitForURL(new RegExp(`/postings/${postingId}$`));
  assert.match((await unit.textContent('.ps-items')) ?? '', /Trung đoàn 244/);
  await unit.selectOption('#f-kind', 'COMPLAINT');
  await unit.fill('#f-body', 'Đề nghị làm rõ kết quả diễn tập năm 2020 của Trung đoàn.');
  await unit.click('form[action$="/comments"] button[type=submit]');
  await unit.waitForURL(/#comments$/);
  assert.match((await unit.textContent('.flash')) ?? '', /Đã ghi ý kiến/);
  await session.shots(unit, 'postings-show-vi');
  assert.deepEqual(await axeSerious(unit), []);
  await useLanguage(unit, 'en');
  await session.shots(unit, 'postings-show-en');
  await useLanguage(unit, 'vi');

  const officer = await session.newPage();
  await signIn(officer, app.url, 'officer');
  await officer.goto(`${app.url}/postings/${postingId}`);
  const form = officer.locator('form.ps-answer-form').first();
  await form.locator('textarea').fill('Kết quả diễn tập đã có trong báo cáo thành tích kèm hồ sơ.');
  await form.locator('button[type=submit]').click();
  await officer.waitForURL(/#c\d+$/);
  assert.equal(await officer.locator('form.ps-answer-form').count(), 0, 'every comment has its answer');
  await session.shots(officer, 'postings-answered-vi');
});

web.test('a commander revokes an award on a legal ground; the dependent award is flagged on the decision', async ({ app, session }) => {
  const decision = await app.prisma.awardDecision.findFirstOrThrow({ where: { number: '298/QĐ-BCH' } });
  const cstdcs = await app.prisma.award.findFirstOrThrow({ where: { decisionId: decision.id, title: { catalog: { code: 'CSTDCS' } } } });
  const cstt = await app.prisma.award.findFirstOrThrow({ where: { decisionId: decision.id, personId: cstdcs.personId, title: { catalog: { code: 'CSTT' } } } });
  const page = await session.newPage();
  await signIn(page, app.url, 'commander');
  await useLanguage(page, 'vi');
  await page.goto(`${app.url}/awards/${cstt.id}/revoke`);
  await page.click('form[action$="/revoke"] button[type=submit]');
  await page.waitForLoadState();
  assert.equal(await page.getAttribute('#f-groundCode', 'aria-invalid'), 'true');
  await session.shots(page, 'revoke-form-errors-vi');
  assert.deepEqual(await axeSerious(page), []);
  await page.goto(`${app.url}/awards/${cstt.id}/revoke`);
  await page.selectOption('#f-groundCode', 'FALSE_CLAIM');
  await page.fill('#f-reason', 'Kê khai kết quả huấn luyện không đúng sự thật.');
  await page.fill('#f-decisionNo', '41/QĐ-BCH');
  await page.check('input[name=certificateRecovered]');
  await page.fill('#f-moneyRecovered', '1.500.000');
  await page.fill('#f-recoveryNote', 'Nộp lại tại Ban Tài chính.');
  await session.shots(page, 'revoke-form-vi');
  await page.click('form[action$="/revoke"] button[type=submit]');
  await page.waitForURL(new RegExp(`/decisions/${decision.id}$`));
  assert.match((await page.textContent(`tr[data-award="${cstdcs.id}"]`)) ?? '', /Cần xem xét/);
  await page.locator(`tr[data-award="${cstdcs.id}"]`).scrollIntoViewIfNeeded();
  await page.goto(`${app.url}/awards/${cstdcs.id}/revoke`);
  await session.shots(page, 'revoke-flag-vi');
  assert.deepEqual(await axeSerious(page), []);
  await page.goto(`${app.url}/awards/${cstt.id}/revoke`);
  await useLanguage(page, 'en');
  await session.shots(page, 'revoke-done-en');
});
