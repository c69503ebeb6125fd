import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DESKTOP, clickAndWait, shotWanted, signIn, switchLanguage, useBrowserApp } from '../helpers/browser.ts';

const web = useBrowserApp();

/** A new page signed in as `username`, accepting confirm dialogs. */
async function login(username: string): Promise<Page> {
  const page = await web.session!.newPage();
  page.on('dialog', (d) => void d.accept());
  await signIn(page, web.app.url, username);
  return page;
}

/** The page as printed: print media at the width of A4 inside its margins (210 − 45 mm ≈ 624 px). */
async function printedShot(page: Page, name: string) {
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 624, height: 900 });
  assert.equal(await page.locator('.print-toolbar').isVisible(), false, 'no toolbar on paper');
  if (shotWanted(name)) await web.session!.shot(page, name);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize(DESKTOP);
}

web.test('a unit fills in and submits its pledge, an officer approves it; list, form and print view in vi and en', async ({ app, session }) => {
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  const campha = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'CAMPHA' } });
  const base = `${app.url}/campaigns/${campaign.id}/pledges`;

  // the unit drafts its pledge
  const unit = await login('campha');
  await unit.goto(base);
  assert.equal(await unit.locator('.pledge-list tbody tr').count(), 1, 'a unit sees its own row only');
  await session.shots(unit, 'pledges-list-unit-vi');
  await clickAndWait(unit, `.pledge-list a[href$="/pledges/${campha.id}"]`);
  assert.match((await unit.textContent('main')) ?? '', /Đơn vị chưa lập bản đăng ký thi đua/);
  await clickAndWait(unit, 'a[href$="/edit"].btn');
  assert.equal(await unit.locator('[data-rows="targets"] [data-row]').count(), 3);

  await unit.fill('#f-targets-0-content', '100% cán bộ, chiến sĩ có bản lĩnh chính trị vững vàng, tuyệt đối trung thành với Đảng');
  await unit.fill('#f-targets-0-indicator', 'Tỷ lệ cán bộ, chiến sĩ có lập trường tư tưởng vững vàng');
  await unit.selectOption('#f-targets-0-comparator', 'EQ');
  await unit.fill('#f-targets-0-targetValue', '100');
  await unit.fill('#f-targets-0-unitOfMeasure', '%');
  await unit.fill('#f-targets-1-content', 'Kết quả huấn luyện đạt khá, giỏi từ 95% trở lên');
  await unit.fill('#f-targets-1-indicator', 'Tỷ lệ nội dung huấn luyện đạt khá, giỏi');
  await unit.selectOption('#f-targets-1-comparator', 'GTE');
  await unit.fill('#f-targets-1-targetValue', '95');
  await unit.fill('#f-targets-1-unitOfMeasure', '%');
  await unit.fill('#f-targets-2-content', 'Giữ vững địa bàn an toàn, không để bị động, bất ngờ');
  // "add row" adds a row in place (JavaScript) and keeps what was typed
  await unit.click('[data-add-row="targets"]');
  assert.equal(await unit.locator('[data-rows="targets"] [data-row]').count(), 4);
  assert.equal(await unit.inputValue('#f-targets-0-targetValue'), '100');
  await unit.fill('#f-targets-3-content', 'Không để xảy ra vụ việc vi phạm kỷ luật nghiêm trọng');
  await unit.selectOption('#f-targets-3-comparator', 'EQ');
  await unit.fill('#f-targets-3-targetValue', '0');
  await unit.fill('#f-targets-3-unitOfMeasure', 'vụ');
  await unit.fill('#f-measures-0-content', 'Đẩy mạnh giáo dục chính trị, tư tưởng gắn với học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh');
  await unit.fill('#f-measures-1-content', 'Tổ chức huấn luyện sát thực tế, chú trọng huấn luyện đồng bộ, chuyên sâu');
  await unit.check('input[name=titleIds] >> nth=0');
  await unit.fill('#f-signatoryName', 'Nguyễn Văn Hải');
  await unit.fill('#f-signatoryRank', 'Thượng tá');
  await unit.fill('#f-signatoryPosition', 'Chỉ huy trưởng');
  await unit.fill('#f-signedDate', '2021-01-15');
  await session.shots(unit, 'pledge-form-vi');
  await clickAndWait(unit, '.pledge-form .actions button[type=submit]');
  assert.match((await unit.textContent('.flash')) ?? '', /Đã lưu bản đăng ký/);
  const saved = await app.prisma.pledge.findUniqueOrThrow({ where: { campaignId_unitId: { campaignId: campaign.id, unitId: campha.id } }, include: { targets: true } });
  assert.equal(saved.targets.length, 4);

  await clickAndWait(unit, 'form[action$="/submit"] button');
  assert.match((await unit.textContent('.flash')) ?? '', /Đã gửi bản đăng ký để duyệt/);
  await session.shots(unit, 'pledge-submitted-vi');

  // the officer sees the list, then approves
  const officer = await login('officer');
  await officer.goto(base);
  assert.match((await officer.textContent('.pl-reminders')) ?? '', /Ban CHQS huyện Tiên Yên/);
  await session.shots(officer, 'pledges-list-vi');
  await officer.goto(`${base}/${campha.id}`);
  await session.shots(officer, 'pledge-review-vi');
  await clickAndWait(officer, 'form[action$="/approve"] button');
  assert.match((await officer.textContent('.flash')) ?? '', /Đã duyệt bản đăng ký/);
  assert.equal((await app.prisma.pledge.findUniqueOrThrow({ where: { id: saved.id } })).status, 'APPROVED');
  await session.shots(officer, 'pledge-approved-vi');

  // print view, on screen and as printed
  await officer.goto(`${base}/${campha.id}/print`);
  assert.match((await officer.textContent('.doc-header')) ?? '', /Độc lập - Tự do - Hạnh phúc/);
  await session.shots(officer, 'pledge-print-vi');
  await printedShot(officer, 'pledge-print-vi-printed');

  // English: list, pledge, print, an edit form with an error, registrations and progress
  await officer.goto(base);
  await switchLanguage(officer, 'en');
  assert.match((await officer.textContent('h2#sec-reminders')) ?? '', /Units that have not submitted/);
  await session.shots(officer, 'pledges-list-en');
  await officer.goto(`${base}/${campha.id}`);
  await session.shots(officer, 'pledge-approved-en');
  await officer.goto(`${base}/${campha.id}/print`);
  assert.match((await officer.textContent('.doc-header')) ?? '', /Independence - Freedom - Happiness/);
  await session.shots(officer, 'pledge-print-en');
  await printedShot(officer, 'pledge-print-en-printed');

  const mongcai = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'MONGCAI' } });
  await officer.goto(`${base}/${mongcai.id}/edit`);
  await officer.fill('#f-targets-0-targetValue', 'a hundred');
  await clickAndWait(officer, '.pledge-form .actions button[type=submit]');
  assert.match((await officer.textContent('#f-targets-0-targetValue-error')) ?? '', /Please enter a number/);
  assert.equal(await officer.inputValue('#f-targets-0-targetValue'), 'a hundred');
  await session.shots(officer, 'pledge-form-error-en');

  const halong = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  await officer.goto(`${base}/${halong.id}/progress`);
  await session.shots(officer, 'pledge-progress-en');

  // the unit reports progress and registers people, in Vietnamese
  const hl = await login('halong');
  await hl.goto(`${base}/${halong.id}/progress`);
  const first = hl.locator('.pl-input-num').first();
  await first.fill('100');
  await clickAndWait(hl, 'form[action$="/progress"] .actions button');
  assert.match((await hl.textContent('.flash')) ?? '', /Đã lưu báo cáo tiến độ/);
  await session.shots(hl, 'pledge-progress-vi');

  await unit.goto(`${base}/${campha.id}/registrations`);
  await session.shots(unit, 'pledge-registrations-locked-vi');
  const damha = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'DAMHA' } });
  const dh = await login('damha');
  await dh.goto(`${base}/${damha.id}/registrations`);
  await dh.fill('#f-fullName', 'Lê Thị Mai');
  await dh.fill('#f-rank', 'Trung úy');
  await dh.fill('#f-position', 'Trợ lý tác chiến');
  await dh.selectOption('#f-titleId', { index: 1 });
  await dh.fill('#f-commitment', 'Hoàn thành xuất sắc nhiệm vụ, 100% nội dung huấn luyện đạt giỏi');
  await clickAndWait(dh, 'form[action$="/registrations"] .actions button');
  assert.match((await dh.textContent('main table')) ?? '', /Lê Thị Mai/);
  await session.shots(dh, 'pledge-registrations-vi');
});
