import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.ts';
import { PHONE, shotWanted, signIn, switchLanguage, useBrowserApp, type BrowserSession } from '../helpers/browser.ts';

let campaignId: number;
const web = useBrowserApp((app) => richerDemo(app.prisma));

/** A second verified period (so trends have lines and ranks move), inspections, target progress and a registration. */
async function richerDemo(p: TestApp['prisma']): Promise<void> {
  const campaign = await p.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  campaignId = campaign.id;
  const [p1, p2] = await p.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' } });
  const units = (await p.campaignUnit.findMany({ where: { campaignId }, include: { unit: true }, orderBy: { unitId: 'asc' } })).map((c) => c.unit);
  const criteria = await p.criterion.findMany({ where: { campaignId } });
  const first = await p.score.findMany({ where: { periodId: p1.id } });
  await p.score.createMany({
    data: first.map((s, i) => {
      const c = criteria.find((x) => x.id === s.criterionId)!;
      const max = Number(c.maxPoints);
      const shift = ((s.unitId * 7 + i) % 5) * 0.5 - 1;
      const points = c.kind === 'NORMAL' ? Math.min(max, Math.max(0, Number(s.points) + shift)) : Number(s.points);
      return { campaignId, periodId: p2.id, unitId: s.unitId, criterionId: s.criterionId, points, selfPoints: points, scoredById: s.scoredById, comment: s.comment };
    }),
  });
  await p.assessment.createMany({ data: units.slice(0, 12).map((u) => ({ periodId: p2.id, unitId: u.id, status: 'VERIFIED' as const })) });
  await p.assessment.createMany({ data: units.slice(12, 14).map((u) => ({ periodId: p2.id, unitId: u.id, status: 'SUBMITTED' as const })) });
  const code = (c: string) => units.find((u) => u.code === c)!;
  await p.inspection.createMany({
    data: [
      { campaignId, periodId: p1.id, unitId: code('HALONG').id, date: new Date('2021-02-18'), inspectors: 'Đại úy Nguyễn Văn An, Thiếu tá Lê Minh', findings: 'Duy trì nghiêm chế độ trực sẵn sàng chiến đấu; hồ sơ huấn luyện đầy đủ. Cần bổ sung sổ theo dõi tăng gia sản xuất.' },
      { campaignId, periodId: p2.id, unitId: code('COTO').id, kind: 'REINSPECTION', date: new Date('2021-04-12'), inspectors: 'Đoàn phúc tra Bộ CHQS tỉnh', findings: 'Đã khắc phục các tồn tại về nền nếp chính quy sau lần kiểm tra trước.' },
      { campaignId, periodId: p2.id, unitId: code('E244').id, date: new Date('2021-04-20'), inspectors: 'Phòng Chính trị', findings: 'Tổ chức tốt phong trào thi đua trong huấn luyện.' },
    ],
  });
  const pledge = await p.pledge.findFirstOrThrow({ where: { campaignId, unitId: code('HALONG').id }, include: { targets: { orderBy: { order: 'asc' } } } });
  await p.targetProgress.createMany({
    data: [
      { targetId: pledge.targets[0].id, periodId: p1.id, valueReached: 100 },
      { targetId: pledge.targets[1].id, periodId: p1.id, valueReached: 88 },
      { targetId: pledge.targets[1].id, periodId: p2.id, valueReached: 96 },
    ],
  });
  const title = await p.campaignTitle.findFirstOrThrow({ where: { campaignId, code: 'BK_BQP_CN' } });
  const person = await p.person.create({ data: { unitId: code('HALONG').id, fullName: 'Thượng úy Trần Văn Hải', rank: 'Thượng úy', position: 'Trợ lý tác chiến' } });
  await p.individualRegistration.create({ data: { pledgeId: pledge.id, personId: person.id, titleId: title.id, commitment: 'Hoàn thành xuất sắc nhiệm vụ' } });
}

/** The English page at phone width, then as printed (print media at 1000 px). */
async function phoneAndPrintShots(session: BrowserSession, page: Page, name: string): Promise<void> {
  await session.phoneShot(page, `${name}-phone`);
  if (!shotWanted(`${name}-print`)) return;
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.emulateMedia({ media: 'print' });
  await session.shot(page, `${name}-print`);
}

web.test('a commander follows the ranking on the command dashboard (vi, en, phone, print)', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'commander');
  await page.click(`a[href="/campaigns/${campaignId}/dashboard"]`);
  await page.waitForURL(`**/campaigns/${campaignId}/dashboard`);
  assert.equal(await page.locator('.dash-ranking-table tbody tr').count(), 15);
  assert.equal(await page.locator('svg.chart-heatmap').count(), 1);
  // period 2 is open and verified for 12 of the 15 units only: it is provisional and moves no rank (issue 10: every unit
  // is counted over the same periods); rank changes between counted periods are tested over HTTP in ranking.test.ts
  assert.equal(await page.locator('.dash-delta-up, .dash-delta-down').count(), 0, 'an open, incomplete period moves no rank');
  await session.shot(page, 'dashboard-command-vi');
  // pick another unit's trend without JavaScript help: the GET form
  const second = await page.locator('#trend-unit option').nth(1).getAttribute('value');
  await page.selectOption('#trend-unit', second!);
  await page.click('#trend button[type=submit]');
  await page.waitForURL(`**/dashboard?unit=${second}#trend`);
  assert.equal(await page.locator('#trend-unit').inputValue(), second);
  await switchLanguage(page, 'en');
  assert.match((await page.textContent('h2#sec-ranking')) ?? '', /Ranking/);
  await session.shot(page, 'dashboard-command-en');
  await phoneAndPrintShots(session, page, 'dashboard-command-en');
});

web.test('a unit sees its own standing before publication (vi, en, phone, print)', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'halong');
  await page.click(`a[href="/campaigns/${campaignId}/my-unit"]`);
  await page.waitForURL(`**/campaigns/${campaignId}/my-unit`);
  assert.match((await page.textContent('h1')) ?? '', /Hạ Long/);
  assert.match((await page.textContent('.dash-standing-value')) ?? '', /^\d+\/15$/);
  assert.equal(await page.locator('.dash-ranking-table').count(), 0, 'no table of the other units');
  assert.doesNotMatch((await page.textContent('main')) ?? '', /Móng Cái/);
  await session.shot(page, 'dashboard-unit-vi');
  await switchLanguage(page, 'en');
  await session.shot(page, 'dashboard-unit-en');
  await phoneAndPrintShots(session, page, 'dashboard-unit-en');
});

web.test('an officer opens a unit page from the ranking (vi, phone)', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'officer');
  await page.goto(`${app.url}/campaigns/${campaignId}/dashboard`);
  await page.click('.dash-ranking-table tbody tr:first-child a');
  await page.waitForURL(/\/units\/\d+$/);
  assert.equal(await page.locator('.dash-ranking-table tr.dash-current').count(), 1, 'staff see the full ranking with this unit marked');
  await session.shot(page, 'dashboard-unit-staff-vi');
  await page.setViewportSize(PHONE);
  await session.shot(page, 'dashboard-command-vi-phone-unit');
  await page.goto(`${app.url}/campaigns/${campaignId}/dashboard`);
  await session.shot(page, 'dashboard-command-vi-phone');
});
