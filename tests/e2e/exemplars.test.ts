// Exemplars in Chromium: a unit records one with a photo (after a refused attempt), a commander publishes it, and it
// shows on the honour board and the unit page. Screenshots in Vietnamese, English and at phone width.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DESKTOP, clickAndWait, signIn, switchLanguage, useBrowserApp } from '../helpers/browser.ts';
import { publishCampaign } from '../../src/ranking/publish.ts';

const web = useBrowserApp();

/** A real PNG photo to upload: Chromium draws a small scene and screenshots it. */
async function photo(page: Page, hue: number): Promise<Buffer> {
  await page.setViewportSize({ width: 320, height: 240 });
  await page.setContent(`<body style="margin:0"><div style="width:320px;height:240px;background:linear-gradient(160deg,hsl(${hue},70%,75%),hsl(${hue + 40},60%,35%));display:flex;align-items:flex-end;justify-content:center"><div style="width:120px;height:90px;background:hsl(${hue + 180},50%,40%);border-radius:60px 60px 0 0"></div></div></body>`);
  const png = await page.screenshot({ type: 'png' });
  await page.setViewportSize(DESKTOP);
  return png;
}

web.test('a unit records an exemplar with a photo, a commander publishes it, it shows on the honour board and the unit page', async ({ app, session }) => {
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  const halong = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const unit = await session.newPage();
  const [rescue, model] = [await photo(unit, 190), await photo(unit, 30)];
  // a second exemplar, already published by a commander, from another unit
  const other = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'E244' } });
  const seeded = await app.prisma.exemplar.create({ data: { campaignId: campaign.id, unitId: other.id, kind: 'EFFECTIVE_MODEL', title: 'Mô hình "Bếp ăn tập thể kiểu mẫu"', description: 'Tăng gia sản xuất, cải thiện bữa ăn bộ đội; tiết kiệm 15% chi phí.', occurredOn: new Date('2021-05-02T00:00:00Z'), published: true, publishedAt: new Date() } });
  await app.prisma.attachment.create({ data: { ownerType: 'exemplar', ownerId: seeded.id, fileName: 'bep-an.png', mimeType: 'image/png', size: model.length, data: new Uint8Array(model) } });

  await signIn(unit, app.url, 'halong');
  await unit.goto(`${app.url}/campaigns/${campaign.id}/exemplars/new`);
  await unit.check('input[name=subject][value=PERSON]');
  await unit.selectOption('#f-kind', 'GOOD_DEED');
  await unit.fill('#f-description', 'Trên đường đi công tác, đồng chí đã lao xuống sông cứu hai học sinh bị đuối nước.');
  await clickAndWait(unit, 'form.ex-form button[type=submit]');
  assert.ok(await unit.isVisible('#f-title-error'));
  assert.ok(await unit.isVisible('#f-personName-error'));
  assert.equal(await unit.inputValue('#f-description'), 'Trên đường đi công tác, đồng chí đã lao xuống sông cứu hai học sinh bị đuối nước.');
  await session.shots(unit, 'exemplars-form-errors-vi');

  await unit.fill('#f-personName', 'Thượng úy Nguyễn Văn Dũng');
  await unit.fill('#f-title', 'Dũng cảm cứu hai học sinh đuối nước trên sông Diễn Vọng');
  await unit.fill('#f-occurredOn', '2021-06-12');
  await unit.fill('#f-evidence', 'Giấy xác nhận của UBND phường Hà Khánh; bản tin Báo Quảng Ninh ngày 14/6/2021.');
  await unit.setInputFiles('#f-files', { name: 'cuu-nguoi.png', mimeType: 'image/png', buffer: rescue });
  await clickAndWait(unit, 'form.ex-form button[type=submit]');
  assert.match(unit.url(), /\/exemplars\/\d+$/);
  assert.equal(await unit.locator('.ex-gallery img').count(), 1);
  // the thumbnail loads through the permission-checked download
  await unit.waitForFunction(() => { const img = document.querySelector<HTMLImageElement>('.ex-gallery img'); return Boolean(img && img.complete && img.naturalWidth > 0); }, undefined, { timeout: 15_000 });
  await session.shots(unit, 'exemplars-show-vi');
  const id = Number(unit.url().split('/').pop());

  const cmd = await session.newPage();
  cmd.on('dialog', (d) => void d.accept());
  await signIn(cmd, app.url, 'commander');
  await cmd.goto(`${app.url}/exemplars/${id}`);
  await clickAndWait(cmd, `form[action="/exemplars/${id}/publish"] button`);
  assert.match((await cmd.textContent('.flash')) ?? '', /Đã công bố điển hình/);

  for (const lang of ['vi', 'en'] as const) {
    if (lang === 'en') await switchLanguage(unit, 'en');
    await unit.goto(`${app.url}/campaigns/${campaign.id}/exemplars`);
    assert.equal(await unit.locator('.ex-card').count(), 2);
    await session.shots(unit, `exemplars-list-${lang}`);
    await unit.goto(`${app.url}/campaigns/${campaign.id}/honour-board`);
    assert.equal(await unit.locator('.honour-exemplars .ex-card').count(), 2);
    await session.shots(unit, `exemplars-honour-${lang}`);
    await unit.goto(`${app.url}/units/${halong.id}`);
    assert.match((await unit.textContent('#sec-exemplars + .ex-cards')) ?? '', /Dũng cảm cứu hai học sinh/);
    await session.shots(unit, `exemplars-unit-page-${lang}`);
  }

  // the record once the results are published: rank and class, an award (and a revoked one), a person's page
  await app.prisma.campaign.update({ where: { id: campaign.id }, data: { status: 'CLOSED' } });
  const commander = await app.prisma.user.findUniqueOrThrow({ where: { username: 'commander' } });
  await publishCampaign(app.prisma, { id: commander.id, username: commander.username, fullName: commander.fullName, role: commander.role, unitId: null, locale: 'vi' }, campaign.id);
  const titles = Object.fromEntries((await app.prisma.campaignTitle.findMany({ where: { campaignId: campaign.id } })).map((x) => [x.code, x.id]));
  const pledge = await app.prisma.pledge.upsert({ where: { campaignId_unitId: { campaignId: campaign.id, unitId: halong.id } }, create: { campaignId: campaign.id, unitId: halong.id }, update: {} });
  const person = await app.prisma.person.create({ data: { unitId: halong.id, fullName: 'Thượng úy Nguyễn Văn Dũng', rank: 'Thượng úy', position: 'Trợ lý quân lực' } });
  await app.prisma.individualRegistration.create({ data: { pledgeId: pledge.id, personId: person.id, titleId: titles.GK_CN, commitment: 'Hoàn thành xuất sắc nhiệm vụ' } });
  const proposal = await app.prisma.awardProposal.create({ data: { campaignId: campaign.id, status: 'DECIDED' } });
  const decision = await app.prisma.awardDecision.create({ data: { campaignId: campaign.id, proposalId: proposal.id, number: '45/QĐ-BCH', date: new Date('2022-01-10T00:00:00Z'), signingAuthority: 'Bộ CHQS tỉnh' } });
  await app.prisma.award.create({ data: { decisionId: decision.id, campaignId: campaign.id, titleId: titles.GK_DV, unitId: halong.id } });
  await app.prisma.award.create({ data: { decisionId: decision.id, campaignId: campaign.id, titleId: titles.GK_CN, personId: person.id } });
  const revoked = await app.prisma.award.create({ data: { decisionId: decision.id, campaignId: campaign.id, titleId: titles.BK_BQP_DV, unitId: halong.id } });
  await app.prisma.awardRevocation.create({ data: { awardId: revoked.id, reason: 'Kê khai thành tích không trung thực' } });
  for (const lang of ['en', 'vi'] as const) {
    if (lang === 'vi') await switchLanguage(unit, 'vi');
    await unit.goto(`${app.url}/units/${halong.id}`);
    assert.match((await unit.textContent('.hist-table')) ?? '', lang === 'vi' ? /Hạng \d+\/15/ : /Rank \d+ of 15/);
    await session.shots(unit, `history-unit-${lang}`);
    await clickAndWait(unit, `a[href="/people/${person.id}"]`);
    assert.match((await unit.textContent('.hist-table')) ?? '', /45\/QĐ-BCH/);
    await session.shots(unit, `history-person-${lang}`);
  }
  await unit.goto(`${app.url}/campaigns/${campaign.id}/honour-board`);
  assert.ok(await unit.isVisible('.honour-list'));
  await session.shots(unit, 'exemplars-honour-published-vi');
});
