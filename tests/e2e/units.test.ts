import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { browserOrSkip, type BrowserSession } from '../helpers/browser.ts';

let app: TestApp;
let session: BrowserSession | null;
before(async () => {
  session = await browserOrSkip();
  if (session) app = await startTestApp();
});
after(async () => {
  await session?.close();
  await app?.close();
});

const BAD_CSV = [
  'code;name;short_name;type;parent_code',
  'DD-THONGTIN;Đại đội Thông tin;ĐĐ Thông tin;Phân đội trực thuộc;KCQ',
  'DD-CONGBINH;;;TIEU_DOAN;KCQ',
  'DD-HOAHOC;Đại đội Hóa học;;DETACHMENT;KHONGCO',
  'dd thong tin;Mã có dấu cách;;OTHER;',
].join('\r\n');

/** Screenshots at desktop width and at phone width (390 px), then back to desktop. */
async function shots(page: Page, name: string) {
  await session!.shot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  await session!.shot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function submit(page: Page, formSelector: string) {
  await Promise.all([page.waitForLoadState('load'), page.click(`${formSelector} button[type=submit]`)]);
}

test('unit registry in the browser: list, form errors, import report and cluster form, in Vietnamese and English', async (t) => {
  if (!session) return t.skip('Chromium not found at /usr/bin/chromium: browser test skipped');
  const page = await session.newPage();
  await page.goto(app.url + '/login');
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL(app.url + '/');
  const cluster = await app.prisma.cluster.findFirstOrThrow({ where: { name: 'Cụm thi đua các huyện miền Đông' } });

  for (const lang of ['vi', 'en'] as const) {
    if (lang === 'en') {
      await Promise.all([page.waitForLoadState('load'), page.click('.lang-switch button')]);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
    }
    const text = lang === 'vi'
      ? { list: 'Đơn vị', required: 'Vui lòng nhập mục này.', issues: 'Tệp có 4 lỗi cần sửa', cluster: 'Sửa cụm thi đua' }
      : { list: 'Units', required: 'Please fill in this field.', issues: 'The file has 4 problems to fix', cluster: 'Edit cluster' };

    await page.goto(app.url + '/units?q=' + encodeURIComponent(lang === 'vi' ? 'huyện' : 'huyen'));
    assert.equal((await page.textContent('h1'))?.trim(), text.list);
    assert.equal(await page.locator('.unit-table tbody tr').count(), 7, 'seven district commands are "huyện"');
    await shots(page, `units-list-${lang}`);

    await page.goto(app.url + '/units/new');
    await page.fill('#f-code', 'mã sai!');
    await page.fill('#f-shortName', 'Tên viết tắt');
    await submit(page, 'form[action="/units"]');
    assert.equal(await page.inputValue('#f-code'), 'mã sai!', 'the typed code is kept');
    assert.equal(await page.inputValue('#f-shortName'), 'Tên viết tắt');
    assert.equal((await page.textContent('#f-name-error'))?.trim(), text.required);
    assert.ok(await page.isVisible('#f-code-error'));
    await shots(page, `unit-form-errors-${lang}`);

    await page.goto(app.url + '/units/import');
    await page.setInputFiles('#f-file', { name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + BAD_CSV, 'utf8') });
    await submit(page, 'form[action="/units/import"]');
    assert.match((await page.textContent('.import-report h2')) ?? '', new RegExp(text.issues));
    assert.deepEqual(await page.locator('.issue-table tbody td.num').allTextContents(), ['3', '3', '4', '5']);
    await shots(page, `units-import-errors-${lang}`);

    await page.goto(app.url + `/clusters/${cluster.id}/edit`);
    assert.match((await page.textContent('h1')) ?? '', new RegExp(text.cluster));
    assert.equal(await page.locator('input[name=memberIds]:checked').count(), 8);
    await shots(page, `cluster-form-${lang}`);
  }
  assert.equal(await app.prisma.unit.count({ where: { code: { in: ['DD-THONGTIN', 'DD-CONGBINH', 'DD-HOAHOC'] } } }), 0, 'the bad import wrote nothing');

  // the happy path in English: register a unit, see its page, put it in a cluster
  await page.goto(app.url + '/units/new');
  await page.fill('#f-code', 'dd-thongtin');
  await page.fill('#f-name', 'Đại đội Thông tin');
  await page.selectOption('#f-type', 'DETACHMENT');
  await page.selectOption('#f-parentId', { label: 'KCQ — Khối cơ quan và các phân đội trực thuộc' });
  await submit(page, 'form[action="/units"]');
  assert.match(page.url(), /\/units\/\d+$/);
  assert.match((await page.textContent('.flash')) ?? '', /Unit DD-THONGTIN added/);
  await shots(page, 'unit-page-en');

  await page.goto(app.url + '/clusters/new');
  await page.fill('#f-name', 'Cụm thi đua khối cơ quan');
  await page.getByRole('checkbox', { name: /^DD-THONGTIN / }).check();
  await page.selectOption('#f-leadUnitId', { label: 'KCQ — Khối cơ quan và các phân đội trực thuộc' });
  await submit(page, 'form[action="/clusters"]');
  assert.equal((await page.textContent('#f-leadUnitId-error'))?.trim(), 'The leading unit must be one of the member units.');
  assert.ok(await page.getByRole('checkbox', { name: /^DD-THONGTIN / }).isChecked(), 'ticks are kept');
  await shots(page, 'cluster-form-errors-en');
  await page.getByRole('checkbox', { name: /^KCQ / }).check();
  await submit(page, 'form[action="/clusters"]');
  assert.match(page.url(), /\/clusters$/);
  assert.match((await page.textContent('main')) ?? '', /Cụm thi đua khối cơ quan/);
  await shots(page, 'clusters-list-en');
});
