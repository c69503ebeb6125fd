import assert from 'node:assert/strict';
import { PHONE, signIn, switchLanguage, useBrowserApp } from '../helpers/browser.ts';

let campaignId: number;
const web = useBrowserApp(async (app) => {
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
});

web.test('ranking, breakdown, publication and honour board in Vietnamese, English and on a phone', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'commander');

  await page.goto(`${app.url}/campaigns/${campaignId}/ranking`);
  assert.equal(await page.locator('.rk-table tbody tr').count(), 15);
  assert.match((await page.textContent('.rk-rules')) ?? '', /Tổng điểm nhóm B/);
  await session.shot(page, 'ranking-vi');

  // follow the first rank to its breakdown
  await page.click('.rk-table tbody tr:first-child .rk-rank a');
  await page.waitForURL(/\/ranking\/\d+$/);
  assert.match((await page.textContent('h1')) ?? '', /Ban CHQS|Khối|Trung đoàn/);
  await session.shot(page, 'ranking-breakdown-vi');
  // a unit whose place was decided by a tie-break
  await page.goto(`${app.url}/campaigns/${campaignId}/ranking`);
  const decided = page.locator('.rk-table tbody tr', { has: page.locator('.rk-decided') }).first();
  await decided.locator('.rk-rank a').click();
  await page.waitForURL(/\/ranking\/\d+$/);
  assert.match((await page.textContent('main')) ?? '', /xếp sau do tiêu chí phụ/);
  await session.shot(page, 'ranking-breakdown-tiebreak-vi');

  await switchLanguage(page, 'en');
  await session.shot(page, 'ranking-breakdown-en');
  await page.goto(`${app.url}/campaigns/${campaignId}/ranking`);
  assert.match((await page.textContent('.rk-rules')) ?? '', /More points in group B/);
  await session.shot(page, 'ranking-en');
  await session.phoneShot(page, 'ranking-en-phone');
  await switchLanguage(page, 'vi');

  // the campaign is closed by the command; the commander publishes from the ranking page
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  await page.goto(`${app.url}/campaigns/${campaignId}/ranking`);
  await page.check('input[name=confirm]');
  await session.shot(page, 'ranking-publish-form-vi');
  await page.click('.rk-publish button[type=submit]');
  await page.waitForURL(`${app.url}/campaigns/${campaignId}/ranking`);
  assert.match((await page.textContent('.flash')) ?? '', /Đã công bố kết quả của 15 đơn vị/);
  assert.match((await page.textContent('.rk-stamp')) ?? '', /Công bố bởi/);
  await session.shot(page, 'ranking-published-vi');

  await page.click('a[href$="/honour-board"] >> nth=0');
  await page.waitForURL(/\/honour-board$/);
  assert.equal(await page.locator('.honour-row').count(), 15);
  await session.shot(page, 'honour-board-vi');
  await switchLanguage(page, 'en');
  await session.shot(page, 'honour-board-en');
  await page.setViewportSize(PHONE);
  await session.shot(page, 'honour-board-en-phone');
  await switchLanguage(page, 'vi');
  await session.shot(page, 'honour-board-vi-phone');

  // a unit account now sees the published ranking, on a phone
  const unitPage = await session.newPage();
  await unitPage.setViewportSize(PHONE);
  await signIn(unitPage, app.url, 'halong');
  await unitPage.goto(`${app.url}/campaigns/${campaignId}/ranking`);
  assert.equal(await unitPage.locator('.rk-table tbody tr').count(), 15);
  await session.shot(unitPage, 'ranking-published-unit-vi-phone');
  await unitPage.click('.rk-table tbody tr:nth-child(2) .rk-rank a');
  await unitPage.waitForURL(/\/ranking\/\d+$/);
  await session.shot(unitPage, 'ranking-breakdown-vi-phone');
});
