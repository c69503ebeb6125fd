import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
let campaignId: number;
let otherCampaignId: number;
before(async () => {
  app = await startTestApp();
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  // a campaign in which Hạ Long does not take part
  // running, not a draft: a unit is kept out of another unit's campaign by scope (403); drafts are hidden from units anyway (404)
  const campha = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'CAMPHA' } });
  otherCampaignId = (
    await app.prisma.campaign.create({
      data: { name: 'Phong trào riêng của Cẩm Phả', status: 'ACTIVE', startDate: new Date('2022-01-01'), endDate: new Date('2022-12-31'), units: { create: [{ unitId: campha.id }] } },
    })
  ).id;
});
after(() => app.close());

const expectations: [string, Record<string, number>][] = [
  ['/admin/users', { admin: 200, officer: 403, commander: 403, halong: 403 }],
  ['/admin/users/new', { admin: 200, officer: 403, commander: 403, halong: 403 }],
  ['/units', { admin: 200, officer: 200, commander: 200, halong: 403 }],
  ['/campaigns', { admin: 200, officer: 200, commander: 200, halong: 200 }],
];

for (const [path, byRole] of expectations) {
  test(`role access to ${path}`, async () => {
    for (const [who, status] of Object.entries(byRole)) {
      const c = await app.as(who);
      assert.equal((await c.get(path)).status, status, `${who} GET ${path}`);
    }
  });
}

test('a unit user sees its own campaign but not one its unit is not in, even with a hand-edited id', async () => {
  const c = await app.as('halong');
  assert.equal((await c.get(`/campaigns/${campaignId}`)).status, 200);
  const other = await c.get(`/campaigns/${otherCampaignId}`);
  assert.equal(other.status, 403);
  assert.doesNotMatch(other.text, /Phong trào riêng của Cẩm Phả/);
  const list = await c.get('/campaigns');
  assert.doesNotMatch(list.text, /Phong trào riêng của Cẩm Phả/);
});

test('a unit user sees only its own unit among the participants', async () => {
  const c = await app.as('halong');
  const page = await c.get(`/campaigns/${campaignId}`);
  assert.match(page.text, /Ban CHQS thành phố Hạ Long/);
  assert.doesNotMatch(page.text, /Ban CHQS thành phố Móng Cái/);
});

test('a unit user cannot create accounts by posting the form directly', async () => {
  const c = await app.as('halong');
  const res = await c.post('/admin/users', { username: 'sneaky', fullName: 'X', role: 'ADMIN', password: 'long-enough-password' });
  assert.equal(res.status, 403);
  assert.equal(await app.prisma.user.count({ where: { username: 'sneaky' } }), 0);
});

test('admin creates an account; a bad form keeps what was typed and writes nothing', async () => {
  const c = await app.as('admin');
  const bad = await c.post('/admin/users', { username: 'Bad Name!', fullName: 'Nguyễn Thị Lan', role: 'UNIT', unitId: '', password: 'short' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /value="Nguyễn Thị Lan"/);
  assert.match(bad.text, /Tài khoản đơn vị phải gắn với một đơn vị/);
  assert.equal(await app.prisma.user.count({ where: { fullName: 'Nguyễn Thị Lan' } }), 0);
  const unit = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'BACHE' } });
  const ok = await c.post('/admin/users', { username: 'bache2', fullName: 'Nguyễn Thị Lan', role: 'UNIT', unitId: String(unit.id), password: 'long-enough-password' });
  assert.equal(ok.status, 303);
  const created = await app.prisma.user.findUniqueOrThrow({ where: { username: 'bache2' } });
  assert.equal(created.unitId, unit.id);
  assert.match(created.passwordHash, /^\$argon2id\$/);
  const audit = await app.prisma.auditLog.findFirst({ where: { entityType: 'User', entityId: String(created.id), action: 'user.create' } });
  assert.ok(audit, 'account creation is in the audit trail');
});
