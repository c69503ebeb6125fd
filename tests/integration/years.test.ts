// Movement years, the campaign's year and kind, headcount per unit and year, and records grouped by year, over HTTP.
// The demo holds 2019–2021 with each year's regular Quyết thắng campaign (2019 and 2020 published with decisions)
// and "Lập công dâng Đảng" as 2021's peak campaign.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

let app: TestApp;
let admin: Client;
let officer: Client;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

before(async () => {
  app = await startTestApp();
  [admin, officer] = await Promise.all(['admin', 'officer'].map((u) => app.as(u)));
});
after(() => app.close());

test('staff read the years, each with its regular and peak campaigns; a unit account gets 403', async () => {
  const page = await officer.get('/years');
  assert.equal(page.status, 200);
  const words = text(page.text);
  assert.ok(words.indexOf('Phong trào thi đua Quyết thắng năm 2021') < words.indexOf('Phong trào thi đua Quyết thắng năm 2020'), 'newest first');
  const y2021 = await app.prisma.movementYear.findUniqueOrThrow({ where: { year: 2021 }, include: { campaigns: true } });
  assert.deepEqual(y2021.campaigns.map((c) => [c.name, c.kind]).sort(), [['Lập công dâng Đảng', 'PEAK'], ['Phong trào thi đua Quyết thắng năm 2021', 'REGULAR']]);
  const show = text((await (await app.as('commander')).get(`/years/${y2021.id}`)).text);
  assert.match(show, /Đoàn kết, mẫu mực, kỷ cương, sáng tạo, quyết thắng/);
  assert.match(show, /Thường xuyên Phong trào thi đua Quyết thắng năm 2021 .* Cao điểm, chuyên đề Lập công dâng Đảng/);
  assert.doesNotMatch((await officer.get(`/years/${y2021.id}`)).text, /href="\/years\/\d+\/edit"/, 'officers only read');
  const unit = await app.as('halong');
  assert.equal((await unit.get('/years')).status, 403);
  assert.equal((await unit.get(`/years/${y2021.id}`)).status, 403);
  assert.equal((await officer.get('/years/999999')).status, 404);
});

test('an admin creates and edits a year: audited, version-checked, a taken year or a bad number refused beside the field', async () => {
  await admin.get('/years/new');
  const dup = await admin.post('/years', { year: '2021', name: 'Trùng năm' });
  assert.equal(dup.status, 400);
  assert.match(dup.text, /id="f-year-error">Năm này đã có phong trào thi đua\./);
  assert.match(dup.text, /value="Trùng năm"/);
  const bad = await admin.post('/years', { year: 'hai nghìn', name: 'X' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="f-year-error">Vui lòng nhập số nguyên/);
  assert.equal(await app.prisma.movementYear.count(), 3);

  const res = await admin.post('/years', { year: '2022', name: 'Phong trào thi đua Quyết thắng năm 2022', motto: 'Đoàn kết, mẫu mực', theme: 'Chủ đề năm 2022' });
  assert.equal(res.status, 303);
  const y = await app.prisma.movementYear.findUniqueOrThrow({ where: { year: 2022 } });
  assert.equal(res.location, `/years/${y.id}`);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'year.create', entityId: String(y.id) } }), 1);

  await admin.get(`/years/${y.id}/edit`);
  const form = { version: String(y.version), year: '2022', name: 'Phong trào thi đua Quyết thắng năm 2022', motto: 'Đoàn kết, mẫu mực, kỷ cương, sáng tạo, quyết thắng', theme: '' };
  assert.equal((await admin.post(`/years/${y.id}`, form)).status, 303);
  const edited = await app.prisma.movementYear.findUniqueOrThrow({ where: { id: y.id } });
  assert.deepEqual([edited.version, edited.motto, edited.theme], [2, 'Đoàn kết, mẫu mực, kỷ cương, sáng tạo, quyết thắng', null]);
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'year.update', entityId: String(y.id) } });
  assert.deepEqual([(audit.before as { motto: string }).motto, (audit.after as { motto: string }).motto], ['Đoàn kết, mẫu mực', 'Đoàn kết, mẫu mực, kỷ cương, sáng tạo, quyết thắng']);
  const stale = await admin.post(`/years/${y.id}`, { ...form, motto: 'Bản cũ' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /value="Bản cũ"/);
  assert.equal((await app.prisma.movementYear.findUniqueOrThrow({ where: { id: y.id } })).motto, edited.motto);

  await officer.get('/years');
  assert.equal((await officer.post('/years', { year: '2023', name: 'Lén' })).status, 403);
  assert.equal((await officer.post(`/years/${y.id}`, { ...form, version: '2', name: 'Lén' })).status, 403);
  assert.equal(await app.prisma.movementYear.count({ where: { year: 2023 } }), 0);
});

test('the campaign details carry the year and the kind; dates outside the year, or a peak campaign keeping year-end titles, are refused', async () => {
  const y2021 = await app.prisma.movementYear.findUniqueOrThrow({ where: { year: 2021 } });
  await admin.get(`/campaigns/new?year=${y2021.id}`);
  const outside = await admin.post('/campaigns', { name: 'Thi đua chuyên đề', startDate: '2022-02-01', endDate: '2022-05-31', totalMode: 'SUM', kind: 'PEAK', yearId: String(y2021.id) });
  assert.equal(outside.status, 400);
  assert.match(outside.text, /id="f-yearId-error">Ngày của phong trào không thuộc năm 2021\./);
  const ok = await admin.post('/campaigns', { name: 'Thi đua chuyên đề huấn luyện', startDate: '2021-08-01', endDate: '2021-10-31', totalMode: 'SUM', kind: 'PEAK', yearId: String(y2021.id) });
  assert.equal(ok.status, 303);
  const created = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Thi đua chuyên đề huấn luyện' } });
  assert.deepEqual([created.kind, created.yearId], ['PEAK', y2021.id]);
  assert.match(text((await officer.get(`/years/${y2021.id}`)).text), /Thi đua chuyên đề huấn luyện/);

  // the 2021 regular campaign holds annual titles: it cannot become a peak campaign while it does
  const regular = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Phong trào thi đua Quyết thắng năm 2021' } });
  const edit = await admin.get(`/campaigns/${regular.id}/edit`);
  assert.match(edit.text, /<option value="REGULAR" selected>/);
  const res = await admin.post(`/campaigns/${regular.id}/edit`, { version: regular.version, name: regular.name, startDate: '2021-01-01', endDate: '2021-12-31', totalMode: 'SUM', kind: 'PEAK', yearId: String(y2021.id) });
  assert.equal(res.status, 400);
  assert.match(text(res.text), /Phong trào đang có danh hiệu mà đợt cao điểm không được đề nghị: Đơn vị Quyết thắng, Đơn vị tiên tiến, Cờ thi đua của Quân khu, Chiến sĩ thi đua toàn quân, Chiến sĩ thi đua cơ sở, Chiến sĩ tiên tiến\./);
  assert.equal((await app.prisma.campaign.findUniqueOrThrow({ where: { id: regular.id } })).kind, 'REGULAR');
});

test('headcount: the demo records every member; an officer changes a year (audited), a stale or bad value is refused, a commander cannot', async () => {
  const halong = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const people = await app.prisma.person.count({ where: { unitId: halong.id } });
  const rows = await app.prisma.unitHeadcount.findMany({ where: { unitId: halong.id }, orderBy: { year: 'asc' } });
  assert.deepEqual(rows.map((r) => [r.year, r.headcount]), [[2019, people], [2020, people], [2021, people]]);
  const page = await officer.get(`/units/${halong.id}`);
  assert.match(page.text, new RegExp(`id="hc-2021" name="headcount" value="${people}"`));

  const r2021 = rows[2];
  const bad = await officer.post(`/units/${halong.id}/headcount`, { year: '2021', version: String(r2021.version), headcount: '-3' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="hc-2021" name="headcount" value="-3"/);
  assert.match(bad.text, /id="hc-2021-error">Giá trị nhỏ nhất là 0/);
  let res = await officer.post(`/units/${halong.id}/headcount`, { year: '2021', version: String(r2021.version), headcount: '15' });
  assert.equal(res.status, 303);
  const saved = await app.prisma.unitHeadcount.findUniqueOrThrow({ where: { unitId_year: { unitId: halong.id, year: 2021 } } });
  assert.deepEqual([saved.headcount, saved.version], [15, r2021.version + 1]);
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'headcount.update', unitId: halong.id } });
  assert.deepEqual([audit.before, audit.after], [{ year: 2021, headcount: people }, { year: 2021, headcount: 15 }]);
  res = await officer.post(`/units/${halong.id}/headcount`, { year: '2021', version: String(r2021.version), headcount: '99' });
  assert.equal(res.status, 409);
  assert.equal((await app.prisma.unitHeadcount.findUniqueOrThrow({ where: { unitId_year: { unitId: halong.id, year: 2021 } } })).headcount, 15);

  // a new year, from the add form
  await admin.get(`/units/${halong.id}`);
  assert.equal((await admin.post(`/units/${halong.id}/headcount`, { year: '2022', version: '0', headcount: '16' })).status, 303);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'headcount.create', unitId: halong.id } }), 1);
  const again = await admin.post(`/units/${halong.id}/headcount`, { year: '2022', version: '0', headcount: '17' });
  assert.equal(again.status, 409, 'a year recorded meanwhile is not overwritten by the add form');

  for (const who of ['commander', 'halong']) {
    const c = await app.as(who);
    await c.get(`/units/${halong.id}`);
    assert.equal((await c.post(`/units/${halong.id}/headcount`, { year: '2021', version: '2', headcount: '1' })).status, 403, who);
  }
  assert.doesNotMatch((await (await app.as('halong')).get(`/units/${halong.id}`)).text, /action="\/units\/\d+\/headcount"/, 'a unit account reads its headcount, without forms');
});

test("a unit's and a person's record show the years one under another, with the year's movement and the titles held", async () => {
  const halong = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const words = text((await officer.get(`/units/${halong.id}`)).text);
  const at = (s: string) => words.indexOf(s);
  assert.ok(at('Năm 2021 · Phong trào thi đua Quyết thắng năm 2021') >= 0);
  assert.ok(at('Năm 2021') < at('Năm 2020') && at('Năm 2020') < at('Năm 2019'), 'newest year first');
  assert.match(words, /Năm 2020 · Phong trào thi đua Quyết thắng năm 2020 Đạt được trong năm: Đơn vị tiên tiến, Đơn vị Quyết thắng/);
  assert.match(words, /Đơn vị Quyết thắng QĐ số 298\/QĐ-BCH ngày 28\/12\/2020/);
  // the 2021 year lists both campaigns: the regular movement first, then the peak campaign
  const y2021 = words.slice(at('Năm 2021'), at('Năm 2020'));
  assert.ok(y2021.indexOf('Phong trào thi đua Quyết thắng năm 2021') < y2021.indexOf('Lập công dâng Đảng'));

  const tuan = await app.prisma.person.findFirstOrThrow({ where: { fullName: 'Phạm Minh Tuấn', unitId: halong.id } });
  const person = text((await officer.get(`/people/${tuan.id}`)).text);
  assert.match(person, /Năm 2020 · Phong trào thi đua Quyết thắng năm 2020 Đạt được trong năm: Chiến sĩ tiên tiến, Chiến sĩ thi đua cơ sở/);
  assert.match(person, /Năm 2019 · Phong trào thi đua Quyết thắng năm 2019 Đạt được trong năm: Chiến sĩ tiên tiến, Chiến sĩ thi đua cơ sở/);
  const hoa = await app.prisma.person.findFirstOrThrow({ where: { fullName: 'Vũ Thị Hoa' } });
  const once = text((await officer.get(`/people/${hoa.id}`)).text);
  assert.match(once, /Năm 2020 .* Đạt được trong năm: Chiến sĩ tiên tiến, Chiến sĩ thi đua cơ sở/);
  assert.match(once, /Năm 2019 .* Đạt được trong năm: Chiến sĩ tiên tiến Phong trào/);
});
