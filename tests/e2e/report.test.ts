// The campaign summary report in Chromium: reached from the campaign page, on screen (vi, en, phone) and in print
// (A4 portrait PDF); and the export links beside the ranking.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DESKTOP, SHOTS_DIR, clickAndWait, pdfFacts, signIn, switchLanguage, useBrowserApp } from '../helpers/browser.ts';

let campaignId: number;
const web = useBrowserApp(async (app) => {
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  // a decision with two awards (one revoked) and a published exemplar, written directly as setup
  const bk = await app.prisma.campaignTitle.findFirstOrThrow({ where: { campaignId, code: 'BK_BQP_DV' } });
  const [kcq, halong] = await Promise.all(['KCQ', 'HALONG'].map((code) => app.prisma.unit.findUniqueOrThrow({ where: { code } })));
  const proposal = await app.prisma.awardProposal.create({ data: { campaignId, status: 'DECIDED', items: { create: [{ titleId: bk.id, unitId: kcq.id }, { titleId: bk.id, unitId: halong.id }] } } });
  const decision = await app.prisma.awardDecision.create({ data: { campaignId, proposalId: proposal.id, number: '15/QĐ-BCH', date: new Date('2022-01-10'), signingAuthority: 'Bộ Chỉ huy Quân sự tỉnh Quảng Ninh' } });
  await app.prisma.award.createMany({ data: [kcq, halong].map((u) => ({ decisionId: decision.id, campaignId, titleId: bk.id, unitId: u.id })) });
  const revoked = await app.prisma.award.findFirstOrThrow({ where: { decisionId: decision.id, unitId: halong.id } });
  await app.prisma.awardRevocation.create({ data: { awardId: revoked.id, reason: 'Kê khai thành tích không trung thực', decisionNo: '40/QĐ-BCH' } });
  await app.prisma.exemplar.create({
    data: { campaignId, unitId: kcq.id, kind: 'EFFECTIVE_MODEL', title: 'Mô hình "Dân vận khéo" ở khu dân cư', description: 'Cán bộ, chiến sĩ giúp nhân dân sửa đường, làm nhà tình nghĩa, tuyên truyền pháp luật.', occurredOn: new Date('2021-05-20'), published: true, publishedAt: new Date() },
  });
});

web.test('a commander opens the summary report from the campaign page, on screen and in print', async ({ app, session }) => {
  const page = await session.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await signIn(page, app.url, 'commander');

  // export links next to the ranking
  await page.goto(`${app.url}/campaigns/${campaignId}/ranking`);
  assert.equal(await page.locator(`.export-links a[href="/campaigns/${campaignId}/ranking.xlsx"]`).count(), 1);
  await page.screenshot({ path: path.join(SHOTS_DIR, 'exports-ranking-links-vi.png') });

  await page.goto(`${app.url}/campaigns/${campaignId}`);
  await clickAndWait(page, `a[href="/campaigns/${campaignId}/report"]`);
  assert.equal(await page.locator('h1').textContent(), 'Báo cáo tổng kết phong trào thi đua');
  assert.equal(await page.locator('.rp-ranking tbody tr').count(), 15);
  assert.equal(await page.locator('svg.chart-classes rect').count() > 0, true, 'class bars drawn');
  assert.equal(await page.locator('.rp-revoked').count(), 1);
  await session.shot(page, 'report-vi');

  // print: toolbar hidden, A4 portrait, a few pages
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.print-toolbar').isVisible(), false);
  await session.shot(page, 'report-print-vi');
  // the width of the printed text block (A4 less the margins, 165 mm), to see the lines as they wrap on paper
  await page.setViewportSize({ width: 624, height: 900 });
  await session.shot(page, 'report-print-a4-vi');
  await page.setViewportSize(DESKTOP);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync(path.join(SHOTS_DIR, 'report-vi.pdf'), pdf);
  const facts = pdfFacts(pdf);
  assert.ok(Math.abs(facts.width - 595.92) < 2 && Math.abs(facts.height - 842.88) < 2, `A4 portrait, got ${facts.width}×${facts.height}`);
  assert.ok(facts.pages >= 2 && facts.pages <= 5, `a few pages, got ${facts.pages}`);
  await page.emulateMedia({ media: 'screen' });

  // English, switched on the campaign page
  await page.goto(`${app.url}/campaigns/${campaignId}`);
  await switchLanguage(page, 'en');
  await page.goto(`${app.url}/campaigns/${campaignId}/report`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').textContent(), 'Emulation campaign summary report');
  await session.shot(page, 'report-en');

  // phone width
  await session.phoneShot(page, 'report-phone-en');
  assert.deepEqual(errors, [], 'no console errors (CSP included)');
});
