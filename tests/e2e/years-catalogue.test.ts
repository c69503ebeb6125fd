// The catalogue, a rule's form, a movement year, a unit's headcount and record by year, and a campaign's titles step
// in the browser, in Vietnamese and English, at desktop and phone width (screenshots in test-results/screenshots).
import assert from 'node:assert/strict';
import { clickAndWait, signIn, switchLanguage, useBrowserApp } from '../helpers/browser.ts';

const web = useBrowserApp();

web.test('catalogue, rules, a year, headcount and the titles step in vi and en, and at 390 px', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'admin');
  const year = await app.prisma.movementYear.findUniqueOrThrow({ where: { year: 2021 } });
  const halong = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const rule = await app.prisma.eligibilityRule.findUniqueOrThrow({ where: { code: 'DVTT_MEMBERS_CSTT' } });
  const peak = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });

  for (const lang of ['vi', 'en'] as const) {
    if (lang === 'en') await switchLanguage(page, 'en');
    await page.goto(`${app.url}/admin/catalogue`);
    assert.equal(await page.locator('.ct-card').count(), await app.prisma.titleCatalog.count());
    assert.match((await page.textContent('#e-CSTDCS')) ?? '', lang === 'vi' ? /Tối đa 15% số người đạt Chiến sĩ tiên tiến trong năm/ : /At most 15% of the year's holders of Advanced Soldier/);
    await session.shots(page, `catalogue-${lang}`);

    await page.goto(`${app.url}/admin/rules/${rule.id}/edit`);
    assert.equal(await page.inputValue('#f-minPercent'), '50');
    await session.shots(page, `rule-form-${lang}`);

    await page.goto(`${app.url}/years/${year.id}`);
    assert.equal(await page.locator('.yr-campaigns li').count(), 2);
    await session.shots(page, `year-2021-${lang}`);

    await page.goto(`${app.url}/years`);
    await session.shots(page, `years-${lang}`);

    await page.goto(`${app.url}/units/${halong.id}`);
    assert.equal(await page.locator('.hc-table tbody tr').count(), 3);
    await session.shots(page, `unit-headcount-record-${lang}`);

    await page.goto(`${app.url}/campaigns/${peak.id}/titles`);
    await session.shots(page, `campaign-titles-catalogue-${lang}`);
  }

  // a bad date on the catalogue form is shown beside its field, and the typed value is kept
  await switchLanguage(page, 'vi');
  const cstt = await app.prisma.titleCatalog.findUniqueOrThrow({ where: { code: 'CSTT' } });
  await page.goto(`${app.url}/admin/catalogue/${cstt.id}/edit`);
  await page.fill('#f-validTo', '2023-12-31');
  await clickAndWait(page, 'form.ct-form button[type=submit]');
  assert.match((await page.textContent('#f-validTo-error')) ?? '', /Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực/);
  assert.equal(await page.inputValue('#f-validTo'), '2023-12-31');
  await session.shots(page, 'catalogue-form-error-vi');
});
