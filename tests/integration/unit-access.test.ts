// What a unit account is shown and allowed beyond its own unit's scope: draft campaigns stay hidden until they are
// launched, and self-assessment is offered (and accepted) only while the period is open and nothing has been sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

let app: TestApp;
let admin: Client;
let unit: Client;
let campaignId: number;
let halongId: number;
const periods: number[] = [];

before(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  unit = await app.as('halong');
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  halongId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } })).id;
  for (const p of await app.prisma.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' } })) periods.push(p.id);
});
after(() => app.close());

test('a unit does not see a draft campaign it takes part in, in lists or by URL, until it is launched', async () => {
  const name = `Phong trào dự thảo ${Date.now() % 100000}`;
  const created = await admin.post('/campaigns', { name, startDate: '2022-01-01', endDate: '2022-06-30', totalMode: 'SUM' });
  assert.equal(created.status, 303, created.text.slice(0, 300));
  const id = Number(/^\/campaigns\/(\d+)\//.exec(created.location ?? '')?.[1]);
  const v = (await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).version;
  assert.equal((await admin.post(`/campaigns/${id}/participants`, { version: v, shown: [halongId], unitIds: [halongId] })).status, 303);
  assert.equal(await app.prisma.campaignUnit.count({ where: { campaignId: id, unitId: halongId } }), 1);

  assert.doesNotMatch((await unit.get('/campaigns')).text, new RegExp(name), 'not in the campaign list');
  assert.doesNotMatch((await unit.get('/')).text, new RegExp(name), 'not on the home page');
  for (const path of ['', '/pledges', '/scores', '/my-unit', '/exemplars', '/exemplars/new', '/honour-board']) {
    assert.equal((await unit.get(`/campaigns/${id}${path}`)).status, 404, `/campaigns/${id}${path}`);
  }
  assert.equal((await unit.post(`/campaigns/${id}/exemplars`, { subject: 'UNIT', kind: 'GOOD_DEED', title: 'Thử' })).status, 404);
  // staff still see it
  assert.match((await admin.get('/campaigns')).text, new RegExp(name));
  assert.equal((await (await app.as('officer')).get(`/campaigns/${id}`)).status, 200);

  // once running, the unit sees it
  await app.prisma.campaign.update({ where: { id }, data: { status: 'ACTIVE' } });
  assert.match((await unit.get('/campaigns')).text, new RegExp(name));
  assert.equal((await unit.get(`/campaigns/${id}`)).status, 200);
});

test('a unit is offered self-assessment only for open periods it has not sent; a verified or closed period is view-only', async () => {
  // period 1: verified for every unit; period 2: closed here with nothing sent; period 3: open, nothing sent
  await app.prisma.period.update({ where: { id: periods[1] }, data: { status: 'CLOSED' } });
  try {
    const page = await unit.get(`/campaigns/${campaignId}/scores`);
    assert.equal(page.status, 200);
    const row = (id: number) => {
      const i = page.text.indexOf(`/periods/${id}/self"`);
      return i < 0 ? '' : page.text.slice(i, page.text.indexOf('</a>', i));
    };
    assert.match(row(periods[0]), /Xem bản tự chấm/, 'the verified period can be looked at');
    assert.doesNotMatch(row(periods[0]), /Tự chấm điểm/);
    assert.equal(row(periods[1]), '', 'a closed period with nothing sent offers nothing');
    assert.match(row(periods[2]), /Tự chấm điểm/, 'the open period is offered');

    // the server refuses a self-assessment of either, before reading the form, and writes nothing
    const criterion = await app.prisma.criterion.findFirstOrThrow({ where: { campaignId, kind: 'NORMAL' } });
    for (const [periodId, why] of [[periods[0], /đã được thẩm định/], [periods[1], /đã khóa|đã đóng/]] as const) {
      const before = await app.prisma.score.findMany({ where: { periodId, unitId: halongId }, orderBy: { id: 'asc' } });
      const res = await unit.post(`/campaigns/${campaignId}/periods/${periodId}/self`, { version: '', [`s_${criterion.id}`]: '1', action: 'submit' });
      assert.equal(res.status, 409);
      assert.match(res.text, why);
      assert.deepEqual(await app.prisma.score.findMany({ where: { periodId, unitId: halongId }, orderBy: { id: 'asc' } }), before);
    }
    assert.equal(await app.prisma.assessment.count({ where: { periodId: periods[1], unitId: halongId } }), 0);
  } finally {
    await app.prisma.period.update({ where: { id: periods[1] }, data: { status: 'OPEN' } });
  }
});
