import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { clickAndWait, signIn, useBrowserApp, useLanguage } from '../helpers/browser.ts';
import { hashPassword } from '../../src/auth/password.ts';

let campaignId: number;
let period2: number;
let period3: number;
let halongId: number;
let a1Id: number;
let b2Id: number;
let kinds: Map<number, string>;
let maxes: Map<number, number>;

const web = useBrowserApp(async (app) => {
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  campaignId = campaign.id;
  period2 = (await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 2 } })).id;
  period3 = (await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 3 } })).id;
  halongId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } })).id;
  a1Id = (await app.prisma.criterion.findFirstOrThrow({ where: { campaignId, code: 'A1' } })).id;
  b2Id = (await app.prisma.criterion.findFirstOrThrow({ where: { campaignId, code: 'B2' } })).id;
  const criteria = await app.prisma.criterion.findMany({ where: { campaignId } });
  kinds = new Map(criteria.map((c) => [c.id, c.kind]));
  maxes = new Map(criteria.map((c) => [c.id, Number(c.maxPoints)]));
  await app.prisma.user.create({ data: { username: 'officer2', fullName: 'Đại úy Trần Thị Hoa', role: 'OFFICER', passwordHash: await hashPassword(DEMO_PASSWORD) } });
});
/** Another officer changes a cell in the one-unit view and saves it. */
async function otherOfficerSaves(criterionId: number, value: string) {
  const page = await web.session!.newPage();
  await signIn(page, web.app.url, 'officer2');
  await page.goto(`${web.app.url}/campaigns/${campaignId}/periods/${period2}/scores?unit=${halongId}`);
  await page.fill(`#cell-${halongId}-${criterionId}`, value);
  await page.fill('#f-reason', 'Phúc tra');
  await page.click('.score-form button[type=submit]');
  await page.waitForURL(/\/scores\?unit=/);
  assert.match((await page.textContent('.flash')) ?? '', /Đã lưu 1 ô điểm/);
  await page.context().close();
}

web.test('an officer scores all 15 units for period 2 in the grid, fixing a bad cell, and meets a conflict', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'officer');
  await useLanguage(page, 'vi');
  await page.goto(`${app.url}/campaigns/${campaignId}/scores`);
  await session.shot(page, 'scoring-index-vi');
  await page.click(`a[href="/campaigns/${campaignId}/periods/${period2}/scores"]`);
  await page.waitForURL(/\/scores$/);
  const inputs = page.locator('table.score-grid input[inputmode=decimal]');
  assert.equal(await inputs.count(), 15 * 19);
  // each cell is named by its row's unit and its column's criterion (aria-labelledby), as a screen reader reads it
  const named = page.getByRole('textbox', { name: 'Hạ Long A1. Bản lĩnh chính trị vững vàng, 100% cán bộ, chiến sĩ có lập trường tư tưởng kiên định', exact: true });
  assert.equal(await named.getAttribute('id'), `cell-${halongId}-${a1Id}`);
  await session.shot(page, 'scoring-grid-vi');

  // type every cell; one is out of range
  const n = await inputs.count();
  for (let i = 0; i < n; i++) {
    const input = inputs.nth(i);
    const critId = Number((await input.getAttribute('id'))!.split('-')[2]);
    const max = maxes.get(critId)!;
    await input.fill(kinds.get(critId) === 'NORMAL' ? String(Math.max(0, max - ((i * 7) % 5) * 0.5)) : kinds.get(critId) === 'BONUS' && i % 6 === 0 ? '1' : '0');
  }
  await page.fill(`#cell-${halongId}-${a1Id}`, '15');
  await clickAndWait(page, '.score-form button[type=submit]');
  assert.equal(await page.getAttribute(`#cell-${halongId}-${a1Id}`, 'aria-invalid'), 'true');
  assert.match((await page.textContent('.error-summary')) ?? '', /Có 1 ô chưa hợp lệ/);
  assert.equal(await inputs.nth(n - 1).inputValue(), '0', 'what was typed is still there');
  await session.shot(page, 'scoring-grid-error-vi');

  await page.fill(`#cell-${halongId}-${a1Id}`, '9.5');
  await page.click('.score-form button[type=submit]');
  await page.waitForURL(/\/scores$/);
  assert.match((await page.textContent('.flash-success')) ?? '', /Đã lưu 285 ô điểm của 15 đơn vị/);
  assert.equal(await app.prisma.assessment.count({ where: { periodId: period2, status: 'VERIFIED' } }), 15);
  await session.shot(page, 'scoring-grid-saved-vi');
  await session.phoneShot(page, 'scoring-grid-vi-phone');

  // a conflict: both officers open Hạ Long; the other saves first
  await page.goto(`${app.url}/campaigns/${campaignId}/periods/${period2}/scores?unit=${halongId}`);
  await otherOfficerSaves(a1Id, '8');
  await page.fill(`#cell-${halongId}-${a1Id}`, '7.5');
  await page.fill('#f-reason', 'Điều chỉnh theo biên bản');
  await clickAndWait(page, '.score-form button[type=submit]');
  assert.match((await page.textContent('.conflict-summary')) ?? '', /1 ô điểm vừa được người khác thay đổi/);
  assert.match((await page.textContent(`#cell-${halongId}-${a1Id}-conflict`)) ?? '', /Giá trị mới: 8 — Đại úy Trần Thị Hoa/);
  assert.equal(await page.inputValue(`#cell-${halongId}-${a1Id}`), '7.5');
  await session.shot(page, 'scoring-conflict-vi');
  await session.phoneShot(page, 'scoring-conflict-vi-phone');

  // the same pages in English
  await useLanguage(page, 'en');
  await page.goto(`${app.url}/campaigns/${campaignId}/periods/${period2}/scores`);
  await session.shot(page, 'scoring-grid-en');
  await page.fill(`#cell-${halongId}-${b2Id}`, '20');
  await page.fill('#f-reason', 'Check');
  await clickAndWait(page, '.score-form button[type=submit]');
  assert.match((await page.textContent('.error-summary')) ?? '', /Cells to correct: 1\./);
  await session.shot(page, 'scoring-grid-error-en');
  await page.goto(`${app.url}/campaigns/${campaignId}/periods/${period2}/scores?unit=${halongId}`);
  await otherOfficerSaves(b2Id, '6');
  await page.fill(`#cell-${halongId}-${b2Id}`, '7');
  await page.fill('#f-reason', 'Correction');
  await clickAndWait(page, '.score-form button[type=submit]');
  assert.match((await page.textContent(`#cell-${halongId}-${b2Id}-conflict`)) ?? '', /Newer value: 6/);
  await session.shot(page, 'scoring-conflict-en');
});

web.test('a unit self-assesses period 3 with evidence, and the officer sees it on the verify page', async ({ app, session }) => {
  const unit = await session.newPage();
  await signIn(unit, app.url, 'halong');
  await unit.goto(`${app.url}/campaigns/${campaignId}/scores`);
  await unit.click(`a[href="/campaigns/${campaignId}/periods/${period3}/self"]`);
  await unit.waitForURL(/\/self$/);
  const inputs = unit.locator('.self-form input[inputmode=decimal]');
  const n = await inputs.count();
  assert.equal(n, 19);
  for (let i = 0; i < n; i++) {
    const max = maxes.get(Number((await inputs.nth(i).getAttribute('id'))!.split('_')[1]))!;
    // typed the Vietnamese way, with the decimal comma
    await inputs.nth(i).fill(i >= 15 ? '0' : String(max - 0.5).replace('.', ','));
  }
  await unit.fill(`#f-sc_${b2Id}`, 'Duy trì nghiêm trực sẵn sàng chiến đấu 24/24.');
  await unit.fill('#f-note', 'Đơn vị hoàn thành tốt nhiệm vụ kỳ 3; kèm biên bản kiểm tra.');
  await unit.setInputFiles('#f-files', { name: 'Biên bản kiểm tra.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await session.shot(unit, 'scoring-self-vi');
  await session.phoneShot(unit, 'scoring-self-vi-phone');
  await unit.click('button[name=action][value=submit]');
  await unit.waitForURL(/\/self$/);
  assert.match((await unit.textContent('.flash-success')) ?? '', /Đã gửi bản tự chấm/);
  assert.match((await unit.textContent('.file-list')) ?? '', /Biên bản kiểm tra\.pdf/);
  await session.shot(unit, 'scoring-self-submitted-vi');
  await useLanguage(unit, 'en');
  await session.shot(unit, 'scoring-self-en');

  const officer = await session.newPage();
  await signIn(officer, app.url, 'officer');
  await useLanguage(officer, 'vi');
  await officer.goto(`${app.url}/campaigns/${campaignId}/periods/${period3}/status`);
  await session.shot(officer, 'scoring-status-vi');
  await officer.click(`a[href$="/verify/${halongId}"]`);
  await officer.waitForURL(/\/verify\/\d+$/);
  assert.equal(await officer.inputValue(`#cell-${halongId}-${a1Id}`), '9,5', 'official points start from the self points, with the Vietnamese decimal comma');
  assert.match((await officer.textContent('main')) ?? '', /kèm biên bản kiểm tra/);
  await session.shot(officer, 'scoring-verify-vi');
  await session.phoneShot(officer, 'scoring-verify-vi-phone');
  await useLanguage(officer, 'en');
  await session.shot(officer, 'scoring-verify-en');
  await officer.fill(`#cell-${halongId}-${b2Id}-c`, 'Accepted after checking the duty log.');
  await officer.click('.score-form button[type=submit]');
  await officer.waitForURL(/\/status$/);
  assert.match((await officer.textContent('.flash-success')) ?? '', /verified/);
  assert.equal((await app.prisma.assessment.findUniqueOrThrow({ where: { periodId_unitId: { periodId: period3, unitId: halongId } } })).status, 'VERIFIED');
});
