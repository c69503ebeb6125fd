import assert from 'node:assert/strict';
import { clickAndWait, signIn, switchLanguage, useBrowserApp } from '../helpers/browser.ts';

const web = useBrowserApp();

const BAD_CSV = [
  'code;name;short_name;type;parent_code',
  'DD-THONGTIN;Đại đội Thông tin;ĐĐ Thông tin;Phân đội trực thuộc;KCQ',
  'DD-CONGBINH;;;TIEU_DOAN;KCQ',
  'DD-HOAHOC;Đại đội Hóa học;;DETACHMENT;KHONGCO',
  'dd thong tin;Mã có dấu cách;;OTHER;',
].join('\r\n');

web.test('unit registry in the browser: list, form errors, import report and cluster form, in Vietnamese and English', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'admin');
  const cluster = await app.prisma.cluster.findFirstOrThrow({ where: { name: 'Cụm thi đua các huyện miền Đông' } });

  for (const lang of ['vi', 'en'] as const) {
    if (lang === 'en') await switchLanguage(page, 'en');
    const text = lang === 'vi'
      ? { list: 'Đơn vị', required: 'Vui lòng nhập mục này.', issues: 'Tệp có 4 lỗi cần sửa', cluster: 'Sửa cụm thi đua' }
      : { list: 'Units', required: 'Please fill in this field.', issues: 'The file has 4 problems to fix', cluster: 'Edit cluster' };

    await page.goto(app.url + '/units?q=' + encodeURIComponent(lang === 'vi' ? 'huyện' : 'huyen'));
    assert.equal((await page.textContent('h1'))?.trim(), text.list);
    assert.equal(await page.locator('.unit-table tbody tr').count(), 7, 'seven district commands are "huyện"');
    await session.shots(page, `units-list-${lang}`);

    await page.goto(app.url + '/units/new');
    await page.fill('#f-code', 'mã sai!');
    await page.fill('#f-shortName', 'Tên viết tắt');
    await clickAndWait(page, 'form[action="/units"] button[type=submit]');
    assert.equal(await page.inputValue('#f-code'), 'mã sai!', 'the typed code is kept');
    assert.equal(await page.inputValue('#f-shortName'), 'Tên viết tắt');
    assert.equal((await page.textContent('#f-name-error'))?.trim(), text.required);
    assert.ok(await page.isVisible('#f-code-error'));
    await session.shots(page, `unit-form-errors-${lang}`);

    await page.goto(app.url + '/units/import');
    await page.setInputFiles('#f-file', { name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + BAD_CSV, 'utf8') });
    await clickAndWait(page, 'form[action="/units/import"] button[type=submit]');
    assert.match((await page.textContent('.import-report h2')) ?? '', new RegExp(text.issues));
    assert.deepEqual(await page.locator('.issue-table tbody td.num').allTextContents(), ['3', '3', '4', '5']);
    await session.shots(page, `units-import-errors-${lang}`);

    await page.goto(app.url + `/clusters/${cluster.id}/edit`);
    assert.match((await page.textContent('h1')) ?? '', new RegExp(text.cluster));
    assert.equal(await page.locator('input[name=memberIds]:checked').count(), 8);
    await session.shots(page, `cluster-form-${lang}`);
  }
  assert.equal(await app.prisma.unit.count({ where: { code: { in: ['DD-THONGTIN', 'DD-CONGBINH', 'DD-HOAHOC'] } } }), 0, 'the bad import wrote nothing');

  // the happy path in English: register a unit, see its page, put it in a cluster
  await page.goto(app.url + '/units/new');
  await page.fill('#f-code', 'dd-thongtin');
  await page.fill('#f-name', 'Đại đội Thông tin');
  await page.selectOption('#f-type', 'DETACHMENT');
  await page.selectOption('#f-parentId', { label: 'KCQ — Khối cơ quan và các phân đội trực thuộc' });
  await clickAndWait(page, 'form[action="/units"] button[type=submit]');
  assert.match(page.url(), /\/units\/\d+$/);
  assert.match((await page.textContent('.flash')) ?? '', /Unit DD-THONGTIN added/);
  await session.shots(page, 'unit-page-en');

  await page.goto(app.url + '/clusters/new');
  await page.fill('#f-name', 'Cụm thi đua khối cơ quan');
  await page.getByRole('checkbox', { name: /^DD-THONGTIN / }).check();
  await page.selectOption('#f-leadUnitId', { label: 'KCQ — Khối cơ quan và các phân đội trực thuộc' });
  await clickAndWait(page, 'form[action="/clusters"] button[type=submit]');
  assert.equal((await page.textContent('#f-leadUnitId-error'))?.trim(), 'The leading unit must be one of the member units.');
  assert.ok(await page.getByRole('checkbox', { name: /^DD-THONGTIN / }).isChecked(), 'ticks are kept');
  await session.shots(page, 'cluster-form-errors-en');
  await page.getByRole('checkbox', { name: /^KCQ / }).check();
  await clickAndWait(page, 'form[action="/clusters"] button[type=submit]');
  assert.match(page.url(), /\/clusters$/);
  assert.match((await page.textContent('main')) ?? '', /Cụm thi đua khối cơ quan/);
  await session.shots(page, 'clusters-list-en');
});
