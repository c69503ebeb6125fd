// Pages built for scale (issue 12) in a real browser: a 60-unit campaign's dashboard summary and drill-down, the
// officer's grid on a block of units, the paged pledge list and period status (vi, en, desktop and 390 px).
import assert from 'node:assert/strict';
import { signIn, switchLanguage, useBrowserApp, useLanguage } from '../helpers/browser.ts';
import { makeBigCampaign, type BigCampaign } from '../helpers/scale.ts';

let big: BigCampaign;
const web = useBrowserApp(async (app) => {
  big = await makeBigCampaign(app.prisma);
});

web.test('a commander reads a 60-unit dashboard by parent unit and drills into one (vi, en, phone)', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'commander');
  await useLanguage(page, 'vi');
  await page.goto(`${app.url}/campaigns/${big.campaignId}/dashboard`);
  assert.equal(await page.locator('.dash-ranking-table tbody tr:not(.dash-gap)').count(), 20);
  assert.equal(await page.locator('.dash-summary-table tbody tr').count(), 2);
  await session.shots(page, 'scale-dashboard-vi');
  await page.click(`.dash-summary-table a[href$="?parent=${big.parentB}"]`);
  await page.waitForURL(`**/dashboard?parent=${big.parentB}`);
  assert.equal(await page.locator('.dash-ranking-table tbody tr').count(), 20);
  await switchLanguage(page, 'en');
  assert.match((await page.textContent('.dash-scope')) ?? '', /All units/);
  await session.shots(page, 'scale-dashboard-drill-en');
  await page.goto(`${app.url}/campaigns/${big.campaignId}/dashboard?by=cluster`);
  await session.shots(page, 'scale-dashboard-cluster-en');
  await useLanguage(page, 'vi');
});

web.test('an officer picks a cluster for the grid with the GET form (vi, en, phone)', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'officer');
  await useLanguage(page, 'vi');
  const url = `${app.url}/campaigns/${big.campaignId}/periods/${big.periodId}/scores`;
  await page.goto(url);
  assert.equal(await page.locator('.score-grid tbody tr').count(), 15);
  await session.shots(page, 'scale-grid-vi');
  await page.selectOption('#grid-block-cluster', String(big.clusterId));
  await page.click('.unit-block button[type=submit]');
  await page.waitForURL(new RegExp(`/scores\\?cluster=${big.clusterId}&`));
  assert.equal(await page.locator('.score-grid tbody tr').count(), 15);
  await page.selectOption('#grid-block-size', '30');
  await page.click('.unit-block button[type=submit]');
  await page.waitForURL(/size=30/);
  assert.equal(await page.locator('.score-grid tbody tr').count(), 20);
  await switchLanguage(page, 'en');
  await session.shots(page, 'scale-grid-cluster-en');
  await page.goto(`${url}?page=3`);
  await session.shots(page, 'scale-grid-page3-en');
  await useLanguage(page, 'vi');
});

web.test('the pledge list and a period’s status page through 60 units (vi, en, phone)', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'officer');
  await useLanguage(page, 'vi');
  await page.goto(`${app.url}/campaigns/${big.campaignId}/pledges`);
  assert.equal(await page.locator('.pledge-list tbody tr').count(), 50);
  await session.shots(page, 'scale-pledges-vi');
  const period2 = await app.prisma.period.findFirstOrThrow({ where: { campaignId: big.campaignId, seq: 2 } });
  await page.goto(`${app.url}/campaigns/${big.campaignId}/periods/${period2.id}/status?state=pending`);
  await switchLanguage(page, 'en');
  await session.shots(page, 'scale-status-en');
  await useLanguage(page, 'vi');
});
