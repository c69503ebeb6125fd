import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { browserOrSkip, clickAndWait, type BrowserSession } from '../helpers/browser.ts';

let app: TestApp;
let session: BrowserSession | null;
let campaignId: number;
before(async () => {
  session = await browserOrSkip();
  if (!session) return;
  app = await startTestApp();
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
});
after(async () => {
  await session?.close();
  await app?.close();
});

async function login(page: Page, username: string): Promise<void> {
  await page.goto(app.url + '/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL(app.url + '/');
}

async function switchLanguage(page: Page, to: 'vi' | 'en'): Promise<void> {
  await clickAndWait(page, '.lang-switch button');
  assert.equal(await page.getAttribute('html', 'lang'), to);
}

test('ranking, breakdown, publication and honour board in Vietnamese, English and on a phone', async (t) => {
  if (!session) return t.skip('Chromium not found at /usr/bin/chromium: browser test skipped');
  const page = await session.newPage();
  await login(page, 'commander');

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
  await page.setViewportSize({ width: 390, height: 844 });
  await session.shot(page, 'ranking-en-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
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
  await page.setViewportSize({ width: 390, height: 844 });
  await session.shot(page, 'honour-board-en-phone');
  await switchLanguage(page, 'vi');
  await session.shot(page, 'honour-board-vi-phone');

  // a unit account now sees the published ranking, on a phone
  const unitPage = await session.newPage();
  await unitPage.setViewportSize({ width: 390, height: 844 });
  await login(unitPage, 'halong');
  await unitPage.goto(`${app.url}/campaigns/${campaignId}/ranking`);
  assert.equal(await unitPage.locator('.rk-table tbody tr').count(), 15);
  await session.shot(unitPage, 'ranking-published-unit-vi-phone');
  await unitPage.click('.rk-table tbody tr:nth-child(2) .rk-rank a');
  await unitPage.waitForURL(/\/ranking\/\d+$/);
  await session.shot(unitPage, 'ranking-breakdown-vi-phone');
});
