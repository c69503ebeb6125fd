import assert from 'node:assert/strict';
import { clickAndWait, signIn, switchLanguage, useBrowserApp } from '../helpers/browser.ts';

const web = useBrowserApp();

web.test('an admin launches a campaign with 15 units through the setup pages', async ({ app, session }) => {
  const page = await session.newPage();
  page.on('dialog', (d) => void d.accept());
  await signIn(page, app.url, 'admin');
  const demo = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });

  // step 1: details (a first try with the dates the wrong way round keeps what was typed)
  await page.goto(app.url + '/campaigns');
  await clickAndWait(page, 'a[href="/campaigns/new"]');
  await page.fill('#f-name', 'Thi đua cao điểm chào mừng Đại hội Đảng bộ tỉnh');
  await page.fill('#f-slogan', 'Đoàn kết, mẫu mực, kỷ cương, sáng tạo, quyết thắng');
  await page.fill('#f-movements', 'Phong trào Thi đua Quyết thắng năm 2025');
  await page.fill('#f-decisionNo', '27/QĐ-BCH');
  await page.fill('#f-decisionDate', '2025-03-01');
  await page.fill('#f-issuingAuthority', 'Bộ Chỉ huy Quân sự tỉnh Quảng Ninh');
  await page.fill('#f-startDate', '2025-09-30');
  await page.fill('#f-endDate', '2025-03-10');
  await clickAndWait(page, 'button[name=go][value=next]');
  assert.match(await page.textContent('#f-endDate-error') ?? '', /Ngày kết thúc không được trước ngày bắt đầu/);
  assert.equal(await page.inputValue('#f-name'), 'Thi đua cao điểm chào mừng Đại hội Đảng bộ tỉnh');
  await session.shots(page, 'campaign-setup-1-details-error-vi');
  await page.fill('#f-startDate', '2025-03-10');
  await page.fill('#f-endDate', '2025-09-30');
  await clickAndWait(page, 'button[name=go][value=next]');
  assert.match(page.url(), /\/campaigns\/\d+\/participants$/);
  const id = Number(/\/campaigns\/(\d+)\//.exec(page.url())![1]);

  // step 2: participants — the live filter works without accents; two clusters plus two units make 15
  await page.fill('#unit-filter', 'cam pha');
  assert.equal(await page.locator('.cs-picker li:visible').count(), 1, 'only Cẩm Phả is left');
  await session.shots(page, 'campaign-setup-2-participants-filter-vi');
  await page.fill('#unit-filter', '');
  for (const code of ['KCQ', 'E244']) await page.locator('.cs-check-card', { hasText: code }).locator('input').check();
  for (const name of ['Cụm thi đua các huyện miền Đông', 'Cụm thi đua các địa phương miền Tây']) await page.locator('.cs-clusters .cs-check-card', { hasText: name }).locator('input').check();
  await session.shots(page, 'campaign-setup-2-participants-vi');
  await clickAndWait(page, 'button[name=go][value=next]');
  assert.equal(await app.prisma.campaignUnit.count({ where: { campaignId: id } }), 15);

  // step 3: periods — generate three equal periods, rename the first, save
  await page.selectOption('#f-mode', 'EQUAL');
  await page.fill('#f-count', '3');
  await clickAndWait(page, 'button[name=action][value=generate]');
  assert.equal(await page.locator('.cs-periods tbody tr').count(), 3);
  await page.fill('#f-p-0-name', 'Đợt 1 (khởi động)');
  await session.shots(page, 'campaign-setup-3-periods-vi');
  await clickAndWait(page, 'button[name=go][value=next]');
  assert.deepEqual((await app.prisma.period.findMany({ where: { campaignId: id }, orderBy: { seq: 'asc' } })).map((p) => p.name), ['Đợt 1 (khởi động)', 'Đợt 2', 'Đợt 3']);

  // step 4: criteria copied from the earlier campaign, then the ranking rules
  assert.match(page.url(), /\/criteria$/);
  await page.selectOption('#f-source', `c${demo.id}`);
  await clickAndWait(page, 'form[action$="/criteria/copy"] button[type=submit]');
  assert.match(await page.textContent('.flash') ?? '', /Đã sao chép 19 tiêu chí trong 7 nhóm/);
  await session.shots(page, 'campaign-setup-4-criteria-vi');
  await clickAndWait(page, '.cs-subnav a[href$="/rules"]');
  await session.shots(page, 'campaign-setup-4b-rules-vi');
  await clickAndWait(page, 'button[name=go][value=next]');

  // step 5: titles — a peak campaign picks the forms meant for it from the catalogue in one click, a quota in the table
  assert.match(page.url(), /\/titles$/);
  assert.equal(await page.locator('button[data-catalogue="DVQT"]').count(), 0, 'a year-end title is not offered to a peak campaign');
  for (const code of ['BK_BQP_DV', 'GK_DV', 'GK_CN']) await clickAndWait(page, `button[data-catalogue="${code}"]`);
  await page.fill('#f-ti-0-quotaPercent', '20');
  await session.shots(page, 'campaign-setup-5-titles-vi');
  await clickAndWait(page, 'button[name=go][value=next]');

  // step 6: the checklist passes; launch
  assert.match(page.url(), /\/launch$/);
  assert.match(await page.textContent('main') ?? '', /Phong trào đã đủ điều kiện phát động/);
  assert.match(await page.textContent('main') ?? '', /15 đơn vị tham gia/);
  await session.shots(page, 'campaign-setup-6-launch-vi');
  await clickAndWait(page, 'button.cs-btn-launch');
  assert.equal(page.url(), `${app.url}/campaigns/${id}`);
  assert.equal((await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).status, 'ACTIVE');
  assert.match(await page.textContent('main') ?? '', /Dự thảo → Đang triển khai/);
  await session.shots(page, 'campaign-setup-7-overview-vi');

  // the same pages in English
  await switchLanguage(page, 'en');
  await session.shots(page, 'campaign-setup-7-overview-en');
  for (const [step, name] of [['edit', '1-details'], ['participants', '2-participants'], ['periods', '3-periods'], ['criteria', '4-criteria'], ['rules', '4b-rules'], ['titles', '5-titles'], ['launch', '6-launch']]) {
    await page.goto(`${app.url}/campaigns/${id}/${step}`);
    assert.doesNotMatch(await page.textContent('main') ?? '', /\b(campaigns|criteria|titles|validation)\.[a-zA-Z]/, `no raw translation keys on ${step}`);
    await session.shots(page, `campaign-setup-${name}-en`);
  }

  // a draft that is not ready: the overview shows the setup progress and the checklist lists what is missing
  await page.goto(app.url + '/campaigns/new');
  await page.fill('#f-name', 'Draft campaign');
  await page.fill('#f-startDate', '2025-01-01');
  await page.fill('#f-endDate', '2025-12-31');
  await clickAndWait(page, 'button[name=go][value=next]');
  const draft = Number(/\/campaigns\/(\d+)\//.exec(page.url())![1]);
  await page.goto(`${app.url}/campaigns/${draft}`);
  await session.shots(page, 'campaign-setup-draft-overview-en');
  await page.goto(`${app.url}/campaigns/${draft}/launch`);
  assert.match(await page.textContent('main') ?? '', /No participating units have been picked/);
  await session.shots(page, 'campaign-setup-draft-launch-en');
});
