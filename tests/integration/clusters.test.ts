import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

let app: TestApp;
let admin: Client;
let ids: Record<string, number>;
before(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  ids = Object.fromEntries((await app.prisma.unit.findMany()).map((u) => [u.code, u.id]));
});
after(() => app.close());

const uniqueName = (base: string) => `${base} ${crypto.randomBytes(2).toString('hex')}`;

function fieldMessage(html: string, field: string): string {
  const m = html.match(new RegExp(`id="f-${field}-error">([^<]*)<`));
  return m ? m[1] : '';
}

async function membersOf(name: string) {
  const c = await app.prisma.cluster.findUniqueOrThrow({ where: { name }, include: { members: true } });
  return { ...c, memberIds: c.members.map((m) => m.unitId).sort((a, b) => a - b) };
}

test('staff see the clusters with their leading unit and members; only admins get the write buttons', async () => {
  const asAdmin = await admin.get('/clusters');
  assert.equal(asAdmin.status, 200);
  assert.match(asAdmin.text, /Cụm thi đua các huyện miền Đông/);
  assert.match(asAdmin.text, /Ban CHQS thành phố Móng Cái/);
  assert.match(asAdmin.text, /href="\/clusters\/new"/);
  const officer = await app.as('officer');
  const asOfficer = await officer.get('/clusters');
  assert.equal(asOfficer.status, 200);
  assert.match(asOfficer.text, /Cụm thi đua các địa phương miền Tây/);
  assert.doesNotMatch(asOfficer.text, /\/clusters\/new|\/delete"/);
  assert.match((await officer.get('/')).text, /href="\/clusters"/, 'the menu links to clusters');
  const unit = await app.as('halong');
  assert.equal((await unit.get('/clusters')).status, 403);
  assert.doesNotMatch((await unit.get('/')).text, /href="\/clusters"/);
});

test('admin creates a cluster with members ticked and a leading unit among them; it is audited', async () => {
  const name = uniqueName('Cụm thi đua ven biển');
  await admin.get('/clusters/new');
  const res = await admin.post('/clusters', { name, leadUnitId: ids.VANDON, memberIds: [ids.VANDON, ids.COTO, ids.QUANGYEN] });
  assert.equal(res.status, 303);
  const c = await membersOf(name);
  assert.equal(c.leadUnitId, ids.VANDON);
  assert.deepEqual(c.memberIds, [ids.VANDON, ids.COTO, ids.QUANGYEN].sort((a, b) => a - b));
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { entityType: 'Cluster', entityId: String(c.id), action: 'cluster.create' } });
  assert.equal((audit.after as { leadUnitId: number }).leadUnitId, ids.VANDON);
  assert.match((await admin.get('/clusters')).text, new RegExp(name));
});

test('the leading unit must be a member; a bad form keeps the ticks and writes nothing', async () => {
  const name = uniqueName('Cụm thử');
  const before = await app.prisma.cluster.count();
  await admin.get('/clusters/new');
  const res = await admin.post('/clusters', { name, leadUnitId: ids.HALONG, memberIds: [ids.COTO, ids.BACHE] });
  assert.equal(res.status, 400);
  assert.equal(fieldMessage(res.text, 'leadUnitId'), 'Đơn vị trưởng cụm phải là một đơn vị thành viên.');
  assert.match(res.text, new RegExp(`value="${ids.COTO}" checked`));
  assert.match(res.text, new RegExp(`value="${ids.BACHE}" checked`));
  assert.doesNotMatch(res.text, new RegExp(`name="memberIds" value="${ids.HALONG}" checked`));
  assert.match(res.text, new RegExp(`value="${name}"`));
  const empty = await admin.post('/clusters', { name: '', leadUnitId: '' });
  assert.equal(empty.status, 400);
  assert.equal(fieldMessage(empty.text, 'name'), 'Vui lòng nhập mục này.');
  assert.equal(fieldMessage(empty.text, 'leadUnitId'), 'Vui lòng chọn một giá trị trong danh sách.');
  assert.equal(fieldMessage(empty.text, 'memberIds'), 'Chọn ít nhất 1 mục.');
  // ids beyond a PostgreSQL integer are a wrong choice beside their field, like any other
  const huge = await admin.post('/clusters', { name, leadUnitId: '9999999999', memberIds: ['2147483648'] });
  assert.equal(huge.status, 400);
  assert.equal(fieldMessage(huge.text, 'leadUnitId'), 'Vui lòng chọn một giá trị trong danh sách.');
  assert.ok(fieldMessage(huge.text, 'memberIds'), 'a message beside the members');
  const dup = await admin.post('/clusters', { name: 'cụm thi đua các huyện miền đông', leadUnitId: ids.COTO, memberIds: [ids.COTO] });
  assert.equal(dup.status, 400);
  assert.match(fieldMessage(dup.text, 'name'), /Đã có cụm/);
  assert.equal(await app.prisma.cluster.count(), before);
});

test('admin edits a cluster: members added and removed, leading unit changed, before and after audited', async () => {
  const name = uniqueName('Cụm sửa');
  await admin.get('/clusters/new');
  await admin.post('/clusters', { name, leadUnitId: ids.UONGBI, memberIds: [ids.UONGBI, ids.DONGTRIEU] });
  const c = await membersOf(name);
  const form = await admin.get(`/clusters/${c.id}/edit`);
  assert.equal(form.status, 200);
  const state = form.text.match(/name="state" value="([0-9a-f]+)"/)![1];
  const res = await admin.post(`/clusters/${c.id}`, { name, leadUnitId: ids.DONGTRIEU, memberIds: [ids.DONGTRIEU, ids.QUANGYEN], state });
  assert.equal(res.status, 303);
  const after = await membersOf(name);
  assert.equal(after.leadUnitId, ids.DONGTRIEU);
  assert.deepEqual(after.memberIds, [ids.DONGTRIEU, ids.QUANGYEN].sort((a, b) => a - b));
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { entityType: 'Cluster', entityId: String(c.id), action: 'cluster.update' } });
  assert.deepEqual((audit.before as { memberIds: number[] }).memberIds, [ids.UONGBI, ids.DONGTRIEU].sort((a, b) => a - b));
});

test('two admins edit the same cluster: the second save is refused with 409 and nothing is overwritten', async () => {
  const name = uniqueName('Cụm tranh chấp');
  await admin.get('/clusters/new');
  await admin.post('/clusters', { name, leadUnitId: ids.BINHLIEU, memberIds: [ids.BINHLIEU, ids.HAIHA] });
  const c = await membersOf(name);
  const other = await app.as('admin');
  const s1 = (await admin.get(`/clusters/${c.id}/edit`)).text.match(/name="state" value="([0-9a-f]+)"/)![1];
  const s2 = (await other.get(`/clusters/${c.id}/edit`)).text.match(/name="state" value="([0-9a-f]+)"/)![1];
  assert.equal((await admin.post(`/clusters/${c.id}`, { name, leadUnitId: ids.BINHLIEU, memberIds: [ids.BINHLIEU, ids.HAIHA, ids.TIENYEN], state: s1 })).status, 303);
  const second = await other.post(`/clusters/${c.id}`, { name: name + ' (B)', leadUnitId: ids.HAIHA, memberIds: [ids.HAIHA], state: s2 });
  assert.equal(second.status, 409);
  assert.match(second.text, /vừa được người khác sửa/);
  assert.match(second.text, new RegExp(`value="${name} \\(B\\)"`));
  const after = await membersOf(name);
  assert.equal(after.leadUnitId, ids.BINHLIEU);
  assert.deepEqual(after.memberIds, [ids.BINHLIEU, ids.HAIHA, ids.TIENYEN].sort((a, b) => a - b));
});

test('admin deletes a cluster; its units stay; the deletion is audited', async () => {
  const name = uniqueName('Cụm xóa');
  await admin.get('/clusters/new');
  await admin.post('/clusters', { name, leadUnitId: ids.COTO, memberIds: [ids.COTO] });
  const c = await membersOf(name);
  await admin.get('/clusters');
  assert.equal((await admin.post(`/clusters/${c.id}/delete`)).status, 303);
  assert.equal(await app.prisma.cluster.count({ where: { id: c.id } }), 0);
  assert.ok(await app.prisma.unit.findUnique({ where: { id: ids.COTO } }));
  assert.ok(await app.prisma.auditLog.findFirst({ where: { entityType: 'Cluster', entityId: String(c.id), action: 'cluster.delete' } }));
  assert.equal((await admin.post(`/clusters/${c.id}/delete`)).status, 404);
});

test('only admins write clusters: others get 403 on every cluster write route and nothing changes', async () => {
  const cluster = await app.prisma.cluster.findFirstOrThrow({ where: { name: 'Cụm thi đua các huyện miền Đông' }, include: { members: true } });
  const count = await app.prisma.cluster.count();
  for (const who of ['officer', 'commander', 'mongcai']) {
    const c = await app.as(who);
    for (const path of ['/clusters/new', `/clusters/${cluster.id}/edit`]) assert.equal((await c.get(path)).status, 403, `${who} GET ${path}`);
    assert.equal((await c.post('/clusters', { name: 'Cụm lén', leadUnitId: ids.MONGCAI, memberIds: [ids.MONGCAI] })).status, 403);
    assert.equal((await c.post(`/clusters/${cluster.id}`, { name: 'Đổi tên', leadUnitId: ids.MONGCAI, memberIds: [ids.MONGCAI] })).status, 403);
    assert.equal((await c.post(`/clusters/${cluster.id}/delete`)).status, 403);
  }
  assert.equal(await app.prisma.cluster.count(), count);
  const after = await app.prisma.cluster.findUniqueOrThrow({ where: { id: cluster.id }, include: { members: true } });
  assert.deepEqual(after, cluster);
});
