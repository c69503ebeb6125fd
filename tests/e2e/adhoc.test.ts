// Ad-hoc awards in Chromium: an officer proposes an exemplar's deed from its page (after a refused attempt) and
// lands on the proposal page. Screenshots of the form and the proposal page in Vietnamese and English.
import assert from 'node:assert/strict';
import { clickAndWait, signIn, switchLanguage, useBrowserApp } from '../helpers/browser.ts';

const web = useBrowserApp();

web.test('an officer proposes an ad-hoc award from an exemplar page', async ({ app, session }) => {
  const halong = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const gkDv = await app.prisma.titleCatalog.findUniqueOrThrow({ where: { code: 'GK_DV' } });
  const e = await app.prisma.exemplar.create({ data: { unitId: halong.id, kind: 'GOOD_DEED', title: 'Ứng cứu dân trong bão số 3', description: 'Đơn vị đã kịp thời sơ tán 120 hộ dân khỏi vùng ngập lụt trong cơn bão số 3.', published: true, publishedAt: new Date() } });
  const page = await session.newPage();
  await signIn(page, app.url, 'officer');
  await page.goto(`${app.url}/exemplars/${e.id}`);
  await clickAndWait(page, `a[href="/exemplars/${e.id}/propose"]`);
  await page.fill('#f-reason', '');
  await clickAndWait(page, 'form[action$="/propose"] button[type=submit]');
  assert.ok(await page.isVisible('#f-catalogId-error'));
  assert.ok(await page.isVisible('#f-reason-error'));
  await session.shots(page, 'adhoc-form-errors-vi');
  await switchLanguage(page, 'en');
  await session.shots(page, 'adhoc-form-en');
  await switchLanguage(page, 'vi');

  await page.selectOption('#f-catalogId', String(gkDv.id));
  await page.fill('#f-reason', 'Kịp thời sơ tán 120 hộ dân khỏi vùng ngập lụt trong cơn bão số 3.');
  await clickAndWait(page, 'form[action$="/propose"] button[type=submit]');
  assert.match(page.url(), /\/proposals\/\d+$/);
  await session.shots(page, 'adhoc-proposal-vi');
  await switchLanguage(page, 'en');
  await session.shots(page, 'adhoc-proposal-en');
});
