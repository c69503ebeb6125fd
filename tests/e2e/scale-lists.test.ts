// Issue 12 in a real browser: with more than 200 units the unit pickers search instead of listing every unit (a
// GET form, no JavaScript needed), the pledge list filters by parent unit, the honour board pages, and the period
// status and command dashboard keep their layout (vi, en, desktop and 390 px).
import assert from 'node:assert/strict';
import { signIn, switchLanguage, useBrowserApp, useLanguage } from '../helpers/browser.ts';
import { makeBigCampaign, type BigCampaign } from '../helpers/scale.ts';

let big: BigCampaign;
const web = useBrowserApp(async (app) => {
  big = await makeBigCampaign(app.prisma);
  await app.prisma.unit.createMany({
    data: Array.from({ length: 210 }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      return { code: `X${big.tag}${n}`, name: `Đơn vị mở rộng ${n}`, type: 'OTHER' as const, searchText: `x${big.tag.toLowerCase()}${n} don vi mo rong ${n}` };
    }),
  });
});

web.test('an admin finds a unit for a new account and for a cluster with the search form (vi, en, phone)', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'admin');
  await useLanguage(page, 'vi');
  await page.goto(`${app.url}/admin/users/new`);
  assert.equal(await page.locator('#f-unitId option').count(), 1, 'only "none" before a search');
  await page.fill('#user-unit-uq', big.units[41].code);
  await page.click('.unit-pick-search button[type=submit]');
  await page.waitForURL(/\/admin\/users\/new\?uq=/);
  assert.equal(await page.locator('#f-unitId option').count(), 2);
  await session.shots(page, 'scale-user-unit-vi');
  await page.goto(`${app.url}/clusters/${big.clusterId}/edit?uq=X${big.tag}`);
  assert.equal(await page.locator('input[name=memberIds]').count(), 20 + 50);
  await session.shots(page, 'scale-cluster-vi');
  await switchLanguage(page, 'en');
  await session.shots(page, 'scale-cluster-en');
  await page.goto(`${app.url}/admin/users/new`);
  await session.shots(page, 'scale-user-unit-en');
  await useLanguage(page, 'vi');
});

web.test('an officer filters the year’s registrations and initiatives through a unit search (vi, en, phone)', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'officer');
  await useLanguage(page, 'vi');
  const year = await app.prisma.movementYear.findFirst({ orderBy: { year: 'desc' } });
  if (year) {
    await page.goto(`${app.url}/years/${year.year}/registrations?uq=X${big.tag}00`);
    assert.equal(await page.locator('#f-unit option').count(), 1 + 9);
    await session.shots(page, 'scale-yearreg-vi');
  }
  await page.goto(`${app.url}/initiatives/new`);
  assert.equal(await page.locator('#f-pick-unit').count(), 0);
  await session.shots(page, 'scale-initiative-pick-vi');
  await switchLanguage(page, 'en');
  await page.goto(`${app.url}/initiatives?uq=X${big.tag}00`);
  await session.shots(page, 'scale-initiatives-en');
  await useLanguage(page, 'vi');
});

web.test('the pledge list by parent unit, the honour board’s pages and the period status (vi, en, phone)', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'commander');
  await useLanguage(page, 'vi');
  await page.goto(`${app.url}/campaigns/${big.campaignId}/pledges`);
  await page.selectOption('#pl-parent', String(big.parentB));
  await page.click('.unit-block button[type=submit]');
  await page.waitForURL(new RegExp(`/pledges\\?.*parent=${big.parentB}`));
  assert.equal(await page.locator('.pledge-list tbody tr').count(), 20);
  await session.shots(page, 'scale-pledges-parent-vi');
  await switchLanguage(page, 'en');
  await session.shots(page, 'scale-pledges-parent-en');
  await page.goto(`${app.url}/campaigns/${big.campaignId}/periods/${big.periodId}/status`);
  await session.shots(page, 'scale-status-verified-en');
  await page.goto(`${app.url}/campaigns/${big.campaignId}/scores`);
  await session.shots(page, 'scale-scoring-index-en');
  await useLanguage(page, 'vi');
  // 120 participants, published: the board pages 100 at a time
  const extra = await app.prisma.unit.findMany({ where: { code: { startsWith: `X${big.tag}` } }, orderBy: { code: 'asc' }, take: 60, select: { id: true } });
  await app.prisma.campaignUnit.createMany({ data: extra.map((u) => ({ campaignId: big.campaignId, unitId: u.id })) });
  await app.prisma.score.createMany({ data: extra.flatMap((u) => big.criteria.map((criterionId) => ({ campaignId: big.campaignId, periodId: big.periodId, unitId: u.id, criterionId, points: 5 }))) });
  await app.prisma.assessment.createMany({ data: extra.map((u) => ({ periodId: big.periodId, unitId: u.id, status: 'VERIFIED' as const, verifiedAt: new Date() })) });
  await app.prisma.campaign.update({ where: { id: big.campaignId }, data: { status: 'CLOSED' } });
  await page.goto(`${app.url}/campaigns/${big.campaignId}/ranking`);
  await page.check('input[name=confirm]');
  await page.click('form[action$="/publish"] button[type=submit]');
  await page.goto(`${app.url}/campaigns/${big.campaignId}/honour-board?page=2`);
  assert.equal(await page.locator('.honour-row').count(), 20);
  await session.shots(page, 'scale-honour-p2-vi');
  await switchLanguage(page, 'en');
  await page.goto(`${app.url}/campaigns/${big.campaignId}/dashboard`);
  await session.shots(page, 'scale-dashboard-sql-en');
  await useLanguage(page, 'vi');
});
