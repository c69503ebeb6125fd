// Pages built for scale (issue 12): with more units than a page holds, every page shows a bounded block of them
// and its filters (cluster, parent unit, search, page) and drill-down pick the right ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { formFields } from '../helpers/forms.ts';

let app: TestApp;
/** A campaign of 60 units: 40 under parent A (20 of them in cluster K), 20 under parent B; one open, verified period. */
let big: { campaignId: number; periodId: number; parentA: number; parentB: number; clusterId: number; units: { id: number; code: string; name: string }[]; criteria: number[]; tag: string };

const N = 60;

before(async () => {
  app = await startTestApp();
  const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
  const p = app.prisma;
  const parentA = await p.unit.create({ data: { code: `PA${tag}`, name: `Sư đoàn Alpha ${tag}`, type: 'OTHER', searchText: `pa${tag.toLowerCase()} su doan alpha` } });
  const parentB = await p.unit.create({ data: { code: `PB${tag}`, name: `Sư đoàn Bravo ${tag}`, type: 'OTHER', searchText: `pb${tag.toLowerCase()} su doan bravo` } });
  await p.unit.createMany({
    data: Array.from({ length: N }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      const name = i === 41 ? `Tiểu đoàn Cẩm Phả ${tag}` : `Đơn vị thử ${n} ${tag}`;
      return { code: `S${tag}${n}`, name, type: 'OTHER' as const, parentId: i < 40 ? parentA.id : parentB.id, searchText: `s${tag.toLowerCase()}${n} ${i === 41 ? 'tieu doan cam pha' : 'don vi thu ' + n}` };
    }),
  });
  const units = await p.unit.findMany({ where: { code: { startsWith: `S${tag}` } }, orderBy: { code: 'asc' }, select: { id: true, code: true, name: true } });
  const cluster = await p.cluster.create({ data: { name: `Cụm thử ${tag}`, members: { create: units.slice(0, 20).map((u) => ({ unitId: u.id })) } } });
  const campaign = await p.campaign.create({
    data: {
      name: `Thi đua quy mô ${tag}`, startDate: new Date('2024-01-01'), endDate: new Date('2024-12-31'), status: 'ACTIVE',
      units: { create: units.map((u) => ({ unitId: u.id })) },
      periods: { create: [{ seq: 1, name: `Quý I ${tag}`, startDate: new Date('2024-01-01'), endDate: new Date('2024-03-31') }] },
    },
    include: { periods: true },
  });
  const group = await p.criteriaGroup.create({ data: { campaignId: campaign.id, code: 'A', title: 'Nhóm A' } });
  const criteria: number[] = [];
  for (const code of ['A1', 'A2']) criteria.push((await p.criterion.create({ data: { campaignId: campaign.id, groupId: group.id, code, title: `Tiêu chí ${code}`, maxPoints: 50, order: criteria.length } })).id);
  const periodId = campaign.periods[0].id;
  // unit i scores i/2 + 10 on each criterion: the last unit is best, the first worst
  await p.score.createMany({ data: units.flatMap((u, i) => criteria.map((criterionId) => ({ campaignId: campaign.id, periodId, unitId: u.id, criterionId, points: 10 + Math.floor(i / 2), selfPoints: 10 }))) });
  await p.assessment.createMany({ data: units.map((u) => ({ periodId, unitId: u.id, status: 'VERIFIED' as const, verifiedAt: new Date() })) });
  big = { campaignId: campaign.id, periodId, parentA: parentA.id, parentB: parentB.id, clusterId: cluster.id, units, criteria, tag };
});
after(() => app.close());

/** Unit ids of the grid's rows, in order. */
function gridUnitIds(html: string): number[] {
  const body = html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<th scope="row" class="unit-col">\s*<a href="[^"]*\?unit=(\d+)"/g)].map((m) => Number(m[1]));
}
const ids = (from: number, to: number) => big.units.slice(from, to).map((u) => u.id);

test('the officer’s grid of a 60-unit campaign shows one block of 25 units, and pages through the rest', async () => {
  const c = await app.as('officer');
  const url = `/campaigns/${big.campaignId}/periods/${big.periodId}/scores`;
  const first = await c.get(url);
  assert.equal(first.status, 200);
  assert.deepEqual(gridUnitIds(first.text), ids(0, 25));
  assert.match(first.text, /Đơn vị 1–25 trong số 60/);
  assert.match(first.text, /href="\?page=2" rel="next"/);
  const third = await c.get(`${url}?page=3`);
  assert.deepEqual(gridUnitIds(third.text), ids(50, 60));
  assert.equal((third.text.match(/name="p_\d+_\d+"/g) ?? []).length, 10 * 2, 'only the block’s cells are inputs');
});

test('the grid’s block follows a cluster, a parent unit or a search, and the filters combine', async () => {
  const c = await app.as('officer');
  const url = `/campaigns/${big.campaignId}/periods/${big.periodId}/scores`;
  const byCluster = await c.get(`${url}?cluster=${big.clusterId}`);
  assert.deepEqual(gridUnitIds(byCluster.text), ids(0, 20));
  assert.match(byCluster.text, new RegExp(`<option value="${big.clusterId}" selected>Cụm thử ${big.tag} \\(20 đơn vị\\)</option>`));
  const byParent = await c.get(`${url}?parent=${big.parentB}`);
  assert.deepEqual(gridUnitIds(byParent.text), ids(40, 60));
  const both = await c.get(`${url}?parent=${big.parentA}&cluster=${big.clusterId}&page=1`);
  assert.deepEqual(gridUnitIds(both.text), ids(0, 20));
  // a search ignores accents: "cam pha" finds "Cẩm Phả"
  const search = await c.get(`${url}?q=${encodeURIComponent('cam pha ' + big.tag.toLowerCase()).replace(/%20/g, '+')}`);
  assert.equal(search.status, 200);
  const found = await c.get(`${url}?q=cam+pha`);
  assert.ok(gridUnitIds(found.text).includes(big.units[41].id));
  assert.ok(gridUnitIds(found.text).every((id) => id === big.units[41].id), 'only units matching the search');
  const none = await c.get(`${url}?q=zzzz-nothing`);
  assert.deepEqual(gridUnitIds(none.text), []);
  assert.match(none.text, /Không có đơn vị nào khớp với bộ lọc\./);
  // bad filter values are ignored, never a 500
  const odd = await c.get(`${url}?cluster=abc&parent=-1&page=x`);
  assert.equal(odd.status, 200);
  assert.deepEqual(gridUnitIds(odd.text), ids(0, 25));
});

test('saving a block’s grid saves that block and returns to it', async () => {
  const c = await app.as('officer');
  const url = `/campaigns/${big.campaignId}/periods/${big.periodId}/scores`;
  const page = await c.get(`${url}?parent=${big.parentB}&page=1`);
  assert.match(page.text, new RegExp(`action="${url}\\?parent=${big.parentB}" class="score-form"`));
  const form = formFields(page.text);
  const u = big.units[45];
  form[`p_${u.id}_${big.criteria[0]}`] = '44';
  form.reason = 'Phúc tra';
  const res = await c.post(`${url}?parent=${big.parentB}`, form);
  assert.equal(res.status, 303);
  assert.equal(res.location, `${url}?parent=${big.parentB}`);
  const saved = await app.prisma.score.findUniqueOrThrow({ where: { periodId_unitId_criterionId: { periodId: big.periodId, unitId: u.id, criterionId: big.criteria[0] } } });
  assert.equal(Number(saved.points), 44);
});

test('at 15 units the demo grid still shows all 15 by default', async () => {
  const c = await app.as('officer');
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  const period = await app.prisma.period.findFirstOrThrow({ where: { campaignId: campaign.id, seq: 2 } });
  const res = await c.get(`/campaigns/${campaign.id}/periods/${period.id}/scores`);
  assert.equal(res.status, 200);
  assert.equal(gridUnitIds(res.text).length, 15);
  assert.doesNotMatch(res.text, /class="pager"/);
});
