import assert from 'node:assert/strict';
import { PHONE, signIn, switchLanguage, useBrowserApp } from '../helpers/browser.ts';

let campaignId: number;
const web = useBrowserApp(async (app) => {
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
});

web.test('ranking, breakdown, publication and honour board in Vietnamese, English and on a phone', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'commander');

  // period 2 (open): copy each unit's period-1 scores and verify them, for `unitIds`
  const p1 = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 1 } });
  const p2 = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 2 } });
  const verifyPeriod2 = async (unitIds: number[]) => {
    const scores = await app.prisma.score.findMany({ where: { periodId: p1.id, unitId: { in: unitIds }, points: { not: null } } });
    await app.prisma.score.createMany({ data: scores.map((x) => ({ campaignId, periodId: p2.id, unitId: x.unitId, criterionId: x.criterionId, points: x.points, scoredById: x.scoredById })) });
    await app.prisma.assessment.createMany({ data: unitIds.map((unitId) => ({ periodId: p2.id, unitId, status: 'VERIFIED' as const })) });
  };
  const units = await app.prisma.campaignUnit.findMany({ where: { campaignId }, select: { unit: { select: { id: true, code: true } } } });
  const binhLieu = units.find((u) => u.unit.code === 'BINHLIEU')!.unit.id;
  const early = units.find((u) => u.unit.code !== 'BINHLIEU')!.unit.id;
  await verifyPeriod2([early]);

  await page.goto(`${app.url}/campaigns/${campaignId}/ranking`);
  assert.equal(await page.locator('.rk-table tbody tr').count(), 15);
  assert.match((await page.textContent('.rk-rules')) ?? '', /Tổng điểm nhóm B/);
  assert.match((await page.textContent('.rk-basis')) ?? '', /Bảng xếp hạng tạm tính trên các kỳ mà mọi đơn vị đã được thẩm định: Kỳ 1/);
  assert.match((await page.textContent('.rk-provisional')) ?? '', /Kỳ 2 \(tháng 3–4\/2021\) \(tạm tính\)/);
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

  // every unit but Bình Liêu is verified in period 2, then the campaign is closed by the command: both periods
  // count for everyone, and Bình Liêu's missing period 2 counts 0
  await verifyPeriod2(units.map((u) => u.unit.id).filter((id) => id !== binhLieu && id !== early));
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  await page.goto(`${app.url}/campaigns/${campaignId}/ranking`);
  assert.match((await page.textContent('.rk-basis')) ?? '', /Mọi đơn vị được tính trên cùng các kỳ, là các kỳ đã khóa/);
  assert.match((await page.textContent('.rk-table tbody tr:last-child')) ?? '', /Bình Liêu[\s\S]*Chưa thẩm định Kỳ 2/);
  await session.shot(page, 'ranking-closed-missing-vi');
  await session.phoneShot(page, 'ranking-closed-missing-vi-phone');
  await switchLanguage(page, 'en');
  await session.shot(page, 'ranking-closed-missing-en');
  await switchLanguage(page, 'vi');
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
