import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';

// The landing page: the staff's count of active units and everyone's own unit, and a bounded number of statements.

let app: TestApp;
let counting = false;
const statements: string[] = [];

before(async () => {
  app = await startTestApp({}, { onQuery: (sql) => { if (counting) statements.push(sql); } });
});
after(() => app.close());

const activeStat = (html: string) => html.match(/<span class="stat-value">(\d+)<\/span><span class="stat-label">đơn vị đang hoạt động</)?.[1];
const ownUnit = (html: string) => html.match(/Đơn vị của bạn: <strong>([^<]+)<\/strong> \(([^)]+)\)/)?.slice(1);

test('staff see the active units counted, now, and the unit they belong to', async () => {
  const commander = await app.as('commander');
  const province = (await app.prisma.user.findUniqueOrThrow({ where: { username: 'commander' }, include: { unit: true } })).unit!;
  const active = () => app.prisma.unit.count({ where: { active: true } });
  const before = await commander.get('/');
  assert.equal(before.status, 200);
  assert.equal(activeStat(before.text), String(await active()));
  assert.deepEqual(ownUnit(before.text), [province.name, province.code]);

  const coto = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'COTO' } });
  await app.prisma.unit.update({ where: { id: coto.id }, data: { active: false } });
  const after = await commander.get('/');
  assert.equal(activeStat(after.text), String(Number(activeStat(before.text)) - 1));
  assert.equal(activeStat(after.text), String(await active()));
  await app.prisma.unit.update({ where: { id: coto.id }, data: { active: true } });
});

test('a unit account sees its own unit and no registry count', async () => {
  const halong = await app.as('halong');
  const unit = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const res = await halong.get('/');
  assert.equal(res.status, 200);
  assert.deepEqual(ownUnit(res.text), [unit.name, unit.code]);
  assert.equal(activeStat(res.text), undefined);
});

test('an administrator with no unit sees the count and no own-unit line', async () => {
  const admin = await app.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
  await app.prisma.user.update({ where: { id: admin.id }, data: { unitId: null } });
  const res = await (await app.as('admin')).get('/');
  assert.equal(res.status, 200);
  assert.equal(ownUnit(res.text), undefined);
  assert.equal(activeStat(res.text), String(await app.prisma.unit.count({ where: { active: true } })));
  await app.prisma.user.update({ where: { id: admin.id }, data: { unitId: admin.unitId } });
});

test('a staff home page sends at most five statements (session and user, closing periods, campaigns, unit count, own unit)', async () => {
  const officer = await app.as('officer');
  await officer.get('/'); // the first view may write the session's expiry or a closing notice
  statements.length = 0;
  counting = true;
  const res = await officer.get('/');
  counting = false;
  assert.equal(res.status, 200);
  assert.ok(statements.length <= 5, `${statements.length} statements:\n${statements.map((s) => s.slice(0, 120)).join('\n')}`);
});
