// The year-end review, assessments and the sáng kiến registry in Chromium on the demo's 2021: an officer reads the
// review (rules met and refused with their numbers, quota lines), a unit records a sáng kiến. Screenshots in
// Vietnamese, English and at phone width.
import assert from 'node:assert/strict';
import { clickAndWait, signIn, useLanguage, useBrowserApp } from '../helpers/browser.ts';

const web = useBrowserApp();

web.test('an officer reads the 2021 review; a unit records a sáng kiến for one of its people', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'officer');
  await page.goto(`${app.url}/years/2021/review`);
  assert.ok((await page.locator('[data-verdict="proposed"]').count()) > 10);
  assert.ok((await page.locator('[data-verdict="refused"]').count()) > 5);
  assert.match((await page.textContent('[data-title="CSTT"] td')) ?? '', /40% của quân số \d+ = /);
  assert.match((await page.textContent('.rv-unmet')) ?? '', /v1: /);
  await session.shots(page, 'review-vi');
  await page.goto(`${app.url}/years/2021/review?unit=${(await app.prisma.unit.findUniqueOrThrow({ where: { code: 'COTO' } })).id}`);
  await session.shots(page, 'review-coto-vi');
  await useLanguage(page, 'en');
  await page.goto(`${app.url}/years/2021/review`);
  assert.match((await page.textContent('h1')) ?? '', /Year-end review 2021/);
  await session.shots(page, 'review-en');
  await page.goto(`${app.url}/years/2021/assessments`);
  await session.shots(page, 'assessments-en');
  await useLanguage(page, 'vi');
  await page.goto(`${app.url}/initiatives`);
  assert.ok((await page.locator('tr[data-initiative]').count()) >= 6);
  await session.shots(page, 'initiatives-vi');

  const unit = await session.newPage();
  await signIn(unit, app.url, 'halong');
  await unit.goto(`${app.url}/initiatives/new`);
  await clickAndWait(unit, 'form[action="/initiatives"] button[type=submit]');
  await session.shots(unit, 'initiatives-form-errors-vi');
  assert.ok(await unit.isVisible('#f-title-error'));
  assert.ok(await unit.isVisible('#authors-error'));
  await unit.fill('#f-title', 'Sổ tay điện tử tra cứu điều lệnh cho chiến sĩ mới');
  await unit.fill('#f-decisionNo', '45/QĐ-BCH');
  await unit.fill('#f-decisionDate', '2021-11-20');
  await unit.check('input[name=authors] >> nth=1');
  await clickAndWait(unit, 'form[action="/initiatives"] button[type=submit]');
  assert.match(unit.url(), /\/initiatives\/\d+$/);
  assert.match((await unit.textContent('.details')) ?? '', /45\/QĐ-BCH/);
  await useLanguage(unit, 'en');
  await unit.goto(`${app.url}/initiatives`);
  await session.shots(unit, 'initiatives-en');
  await unit.goto(`${app.url}/years/2021/review`);
  await session.shots(unit, 'review-unit-en');
});
