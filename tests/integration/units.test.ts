import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { unitSearchText } from '../../src/units/service.ts';

let app: TestApp;
let admin: Client;
let provinceId: number;
before(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  provinceId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'BCHQS-QN' } })).id;
});
after(() => app.close());

/** A unique unit code for this test file. */
const code = (prefix: string) => `${prefix}-${crypto.randomBytes(3).toString('hex').toUpperCase()}`;

/** Make a unit directly in the database (a factory, not the code under test). */
async function makeUnit(data: { code?: string; name?: string; parentId?: number | null; active?: boolean } = {}) {
  const c = data.code ?? code('T');
  const name = data.name ?? `Đơn vị thử ${c}`;
  return app.prisma.unit.create({
    data: { code: c, name, type: 'DETACHMENT', parentId: data.parentId ?? null, active: data.active ?? true, searchText: unitSearchText({ code: c, name }) },
  });
}

/** The message rendered beside a field, or '' when there is none. */
function fieldMessage(html: string, field: string): string {
  const m = html.match(new RegExp(`id="f-${field}-error">([^<]*)<`));
  return m ? m[1] : '';
}

async function editForm(c: Client, id: number) {
  const page = await c.get(`/units/${id}/edit`);
  assert.equal(page.status, 200);
  const version = page.text.match(/name="version" value="(\d+)"/);
  assert.ok(version, 'the edit form carries the version');
  return Number(version[1]);
}

test('admin registers a unit: code stored upper-case, searchable, audited, shown on its page', async () => {
  const typed = code('dd').toLowerCase();
  await admin.get('/units/new');
  const res = await admin.post('/units', { code: typed, name: 'Đại đội Công binh', shortName: 'ĐĐ Công binh', type: 'DETACHMENT', parentId: provinceId });
  assert.equal(res.status, 303);
  const unit = await app.prisma.unit.findUniqueOrThrow({ where: { code: typed.toUpperCase() } });
  assert.equal(res.location, `/units/${unit.id}`);
  assert.equal(unit.parentId, provinceId);
  assert.equal(unit.active, true);
  assert.equal(unit.searchText, unitSearchText(unit));
  assert.match(unit.searchText, /dai doi cong binh/);
  const audit = await app.prisma.auditLog.findFirst({ where: { entityType: 'Unit', entityId: String(unit.id), action: 'unit.create' } });
  assert.ok(audit, 'creation is in the audit trail');
  assert.equal(audit.userId, (await app.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } })).id);
  const page = await admin.get(`/units/${unit.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Đã thêm đơn vị/);
  assert.match(page.text, /Đại đội Công binh/);
  assert.match(page.text, /Bộ Chỉ huy Quân sự tỉnh Quảng Ninh/);
});

test('a bad unit form keeps what was typed, shows each message beside its field and writes nothing', async () => {
  const before = await app.prisma.unit.count();
  const auditBefore = await app.prisma.auditLog.count();
  await admin.get('/units/new');
  const res = await admin.post('/units', { code: 'Hạ Long 2', name: '', shortName: 'Tên viết tắt rất dài'.repeat(6), type: 'NOT_A_TYPE', parentId: '' });
  assert.equal(res.status, 400);
  assert.match(res.text, /value="Hạ Long 2"/, 'the typed code is kept');
  assert.match(fieldMessage(res.text, 'code'), /Mã chỉ gồm chữ cái không dấu/);
  assert.equal(fieldMessage(res.text, 'name'), 'Vui lòng nhập mục này.');
  assert.equal(fieldMessage(res.text, 'shortName'), 'Tối đa 80 ký tự.');
  assert.match(fieldMessage(res.text, 'type'), /chọn một giá trị/);
  assert.equal(await app.prisma.unit.count(), before);
  assert.equal(await app.prisma.auditLog.count(), auditBefore);
});

test('a parent id beyond a PostgreSQL integer is refused beside the parent field, not with a bare 400', async () => {
  const before = await app.prisma.unit.count();
  await admin.get('/units/new');
  for (const parentId of ['2147483648', '9999999999']) {
    const res = await admin.post('/units', { code: 'QUA-LON', name: 'Đơn vị thử', type: 'DISTRICT_COMMAND', parentId });
    assert.equal(res.status, 400, parentId);
    assert.match(fieldMessage(res.text, 'parentId'), /chọn một giá trị/, parentId);
    assert.match(res.text, /value="Đơn vị thử"/);
  }
  assert.equal(await app.prisma.unit.count(), before);
});

test('a code already in use is refused beside the code field', async () => {
  const before = await app.prisma.unit.count();
  await admin.get('/units/new');
  const res = await admin.post('/units', { code: 'halong', name: 'Bản sao Hạ Long', type: 'DISTRICT_COMMAND', parentId: '' });
  assert.equal(res.status, 400);
  assert.match(fieldMessage(res.text, 'code'), /đã được dùng/);
  assert.match(res.text, /value="Bản sao Hạ Long"/);
  assert.equal(await app.prisma.unit.count(), before);
});

test('admin edits a unit: version goes up, search text follows the new name, the change is audited with before and after', async () => {
  const unit = await makeUnit({ name: 'Tiểu đoàn Bộ binh' });
  const version = await editForm(admin, unit.id);
  const res = await admin.post(`/units/${unit.id}`, { code: unit.code, name: 'Tiểu đoàn Bộ binh 1', shortName: 'TĐ1', type: 'OTHER', parentId: provinceId, version });
  assert.equal(res.status, 303);
  const saved = await app.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } });
  assert.equal(saved.name, 'Tiểu đoàn Bộ binh 1');
  assert.equal(saved.type, 'OTHER');
  assert.equal(saved.version, unit.version + 1);
  assert.match(saved.searchText, /tieu doan bo binh 1 td1/);
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { entityType: 'Unit', entityId: String(unit.id), action: 'unit.update' } });
  assert.equal((audit.before as { name: string }).name, 'Tiểu đoàn Bộ binh');
  assert.equal((audit.after as { name: string }).name, 'Tiểu đoàn Bộ binh 1');
});

test('a failed edit keeps the typed values and changes nothing', async () => {
  const unit = await makeUnit();
  const version = await editForm(admin, unit.id);
  const res = await admin.post(`/units/${unit.id}`, { code: unit.code, name: '   ', shortName: 'Giữ lại', type: 'DETACHMENT', parentId: '', version });
  assert.equal(res.status, 400);
  assert.match(res.text, /value="Giữ lại"/);
  assert.equal(fieldMessage(res.text, 'name'), 'Vui lòng nhập mục này.');
  const after = await app.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } });
  assert.deepEqual({ name: after.name, shortName: after.shortName, version: after.version }, { name: unit.name, shortName: null, version: unit.version });
});

test('two admins edit the same unit: the second save is refused with 409, nothing is overwritten, and the form keeps their typing', async () => {
  const unit = await makeUnit({ name: 'Đại đội Thông tin' });
  const other = await app.as('admin');
  const v1 = await editForm(admin, unit.id);
  const v2 = await editForm(other, unit.id);
  assert.equal(v1, v2);
  const first = await admin.post(`/units/${unit.id}`, { code: unit.code, name: 'Đại đội Thông tin 1', type: 'DETACHMENT', parentId: '', version: v1 });
  assert.equal(first.status, 303);
  const second = await other.post(`/units/${unit.id}`, { code: unit.code, name: 'Đại đội Thông tin 2', type: 'DETACHMENT', parentId: '', version: v2 });
  assert.equal(second.status, 409);
  assert.match(second.text, /vừa được người khác sửa/);
  assert.match(second.text, /value="Đại đội Thông tin 2"/, 'what the second admin typed is kept');
  assert.match(second.text, /<dd>Đại đội Thông tin 1<\/dd>/, 'what is saved now is shown');
  let saved = await app.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } });
  assert.equal(saved.name, 'Đại đội Thông tin 1');
  assert.equal(saved.version, v1 + 1);
  assert.equal(await app.prisma.auditLog.count({ where: { entityType: 'Unit', entityId: String(unit.id), action: 'unit.update' } }), 1);
  // the conflict page carries the current version: saving again is a deliberate overwrite
  const newVersion = Number(second.text.match(/name="version" value="(\d+)"/)![1]);
  assert.equal(newVersion, v1 + 1);
  const again = await other.post(`/units/${unit.id}`, { code: unit.code, name: 'Đại đội Thông tin 2', type: 'DETACHMENT', parentId: '', version: newVersion });
  assert.equal(again.status, 303);
  saved = await app.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } });
  assert.equal(saved.name, 'Đại đội Thông tin 2');
});

test('a unit cannot become its own ancestor, nor its own parent', async () => {
  const a = await makeUnit();
  const b = await makeUnit({ parentId: a.id });
  const c = await makeUnit({ parentId: b.id });
  const version = await editForm(admin, a.id);
  const edit = await admin.get(`/units/${a.id}/edit`);
  assert.doesNotMatch(edit.text, new RegExp(`<option value="${c.id}"`), 'descendants are not offered as parents');
  const res = await admin.post(`/units/${a.id}`, { code: a.code, name: a.name, type: 'DETACHMENT', parentId: c.id, version });
  assert.equal(res.status, 400);
  assert.match(fieldMessage(res.text, 'parentId'), /cấp dưới của nó/);
  const self = await admin.post(`/units/${a.id}`, { code: a.code, name: a.name, type: 'DETACHMENT', parentId: a.id, version });
  assert.equal(self.status, 400);
  assert.match(fieldMessage(self.text, 'parentId'), /chính đơn vị đang sửa/);
  const after = await app.prisma.unit.findUniqueOrThrow({ where: { id: a.id } });
  assert.equal(after.parentId, null);
  assert.equal(after.version, a.version);
});

test('deactivating: refused while sub-units are active; then the unit leaves the default list and can be reactivated', async () => {
  const parent = await makeUnit({ name: 'Khối thử nghiệm ngừng hoạt động' });
  const child = await makeUnit({ parentId: parent.id });
  await admin.get(`/units/${parent.id}`);
  const refused = await admin.post(`/units/${parent.id}/active`, { active: '0' });
  assert.equal(refused.status, 303);
  assert.match((await admin.get(refused.location!)).text, /còn 1 đơn vị trực thuộc đang hoạt động/);
  assert.equal((await app.prisma.unit.findUniqueOrThrow({ where: { id: parent.id } })).active, true);

  assert.equal((await admin.post(`/units/${child.id}/active`, { active: '0' })).status, 303);
  assert.equal((await admin.post(`/units/${parent.id}/active`, { active: '0' })).status, 303);
  const off = await app.prisma.unit.findUniqueOrThrow({ where: { id: parent.id } });
  assert.equal(off.active, false);
  assert.equal(off.version, parent.version + 1);
  assert.doesNotMatch((await admin.get('/units?q=thu+nghiem+ngung')).text, /Khối thử nghiệm ngừng hoạt động/);
  assert.match((await admin.get('/units?q=thu+nghiem+ngung&inactive=1')).text, /Khối thử nghiệm ngừng hoạt động/);
  assert.ok(await app.prisma.auditLog.findFirst({ where: { entityType: 'Unit', entityId: String(parent.id), action: 'unit.deactivate' } }));

  assert.equal((await admin.post(`/units/${parent.id}/active`, { active: '1' })).status, 303);
  assert.equal((await app.prisma.unit.findUniqueOrThrow({ where: { id: parent.id } })).active, true);
  assert.ok(await app.prisma.auditLog.findFirst({ where: { entityType: 'Unit', entityId: String(parent.id), action: 'unit.activate' } }));
});

test('search finds units with or without diacritics, by name, short name or code', async () => {
  for (const q of ['cam pha', 'Cẩm Phả', 'CẨM PHẢ', 'campha', 'thanh pho cam']) {
    const res = await admin.get(`/units?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /Ban CHQS thành phố Cẩm Phả/, `"${q}" finds Cẩm Phả`);
    assert.doesNotMatch(res.text, /Ban CHQS thành phố Hạ Long/, `"${q}" does not find Hạ Long`);
  }
  const dong = await admin.get('/units?q=dong+trieu');
  assert.match(dong.text, /Ban CHQS thị xã Đông Triều/);
  const none = await admin.get('/units?q=khong+co+don+vi+nay');
  assert.match(none.text, /Không có đơn vị nào phù hợp/);
});

test('the list links each unit to its page, and offers writes to admins only', async () => {
  const campha = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'CAMPHA' } });
  const asAdmin = await admin.get('/units?q=campha');
  assert.match(asAdmin.text, new RegExp(`href="/units/${campha.id}"`));
  assert.match(asAdmin.text, new RegExp(`href="/units/${campha.id}/edit"`));
  assert.match(asAdmin.text, /href="\/units\/new"/);
  assert.match(asAdmin.text, /href="\/units\/import"/);
  const officer = await app.as('officer');
  const asOfficer = await officer.get('/units?q=campha');
  assert.equal(asOfficer.status, 200);
  assert.match(asOfficer.text, new RegExp(`href="/units/${campha.id}"`));
  assert.doesNotMatch(asOfficer.text, /\/edit"/);
  assert.doesNotMatch(asOfficer.text, /href="\/units\/new"/);
});

test('a unit page: staff see any unit; a unit account sees its own and gets 403 for another', async () => {
  const halong = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const mongcai = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'MONGCAI' } });
  for (const who of ['admin', 'officer', 'commander']) {
    const c = await app.as(who);
    const res = await c.get(`/units/${mongcai.id}`);
    assert.equal(res.status, 200, who);
    assert.match(res.text, /Cụm thi đua các huyện miền Đông/, 'the page lists its clusters');
  }
  const unitUser = await app.as('halong');
  const own = await unitUser.get(`/units/${halong.id}`);
  assert.equal(own.status, 200);
  assert.match(own.text, /Ban CHQS thành phố Hạ Long/);
  assert.match(own.text, /Lập công dâng Đảng/, 'its campaigns are listed');
  assert.doesNotMatch(own.text, /href="\/units\/\d+\/edit"/, 'no edit link for a unit account');
  const other = await unitUser.get(`/units/${mongcai.id}`);
  assert.equal(other.status, 403);
  assert.doesNotMatch(other.text, /Móng Cái/);
});

test('unknown or malformed unit ids are 404, never 500', async () => {
  for (const path of ['/units/999999', '/units/abc', '/units/0', '/units/99999999999', '/units/999999/edit']) {
    assert.equal((await admin.get(path)).status, 404, path);
  }
  assert.equal((await admin.post('/units/999999', { code: 'X', name: 'X', type: 'OTHER', version: 1 })).status, 404);
  assert.equal((await admin.post('/units/999999/active', { active: '0' })).status, 404);
});

test('a unit account and the other staff roles get 403 on every unit write route, and nothing changes', async () => {
  const target = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const before = await app.prisma.unit.findUniqueOrThrow({ where: { id: target.id } });
  const count = await app.prisma.unit.count();
  for (const who of ['halong', 'officer', 'commander']) {
    const c = await app.as(who);
    for (const path of ['/units/new', `/units/${target.id}/edit`, '/units/import', '/units/import/sample.csv']) {
      assert.equal((await c.get(path)).status, 403, `${who} GET ${path}`);
    }
    const posts: [string, Record<string, string | number>][] = [
      ['/units', { code: 'SNEAKY', name: 'Sneaky', type: 'OTHER' }],
      [`/units/${target.id}`, { code: target.code, name: 'Đã bị sửa', type: 'OTHER', version: target.version }],
      [`/units/${target.id}/active`, { active: '0' }],
    ];
    for (const [path, form] of posts) assert.equal((await c.post(path, form)).status, 403, `${who} POST ${path}`);
    const body = new FormData();
    body.set('_csrf', c.csrf);
    body.set('file', new Blob(['code,name,type\nSNEAKY2,X,OTHER\n'], { type: 'text/csv' }), 'x.csv');
    assert.equal((await c.request('POST', '/units/import', body)).status, 403, `${who} POST /units/import`);
  }
  assert.equal(await app.prisma.unit.count(), count);
  assert.deepEqual(await app.prisma.unit.findUniqueOrThrow({ where: { id: target.id } }), before);
});

test('a unit user is refused the unit list itself', async () => {
  const c = await app.as('halong');
  assert.equal((await c.get('/units')).status, 403);
  assert.equal((await c.get('/units?q=cam+pha')).status, 403);
});
