// Pages built for scale (issue 12): with more units than a page holds, every page shows a bounded block of them
// and its filters (cluster, parent unit, search, page) and drill-down pick the right ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { formFields } from '../helpers/forms.ts';
import { makeBigCampaign, type BigCampaign } from '../helpers/scale.ts';

let app: TestApp;
let big: BigCampaign;

before(async () => {
  app = await startTestApp();
  big = await makeBigCampaign(app.prisma);
});
after(() => app.close());

/** Unit ids of the grid's rows, in order. */
function gridUnitIds(html: string): number[] {
  const body = html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<th scope="row" class="unit-col">\s*<a href="[^"]*\?unit=(\d+)"/g)].map((m) => Number(m[1]));
}
const ids = (from: number, to: number) => big.units.slice(from, to).map((u) => u.id);

test('the officer’s grid of a 60-unit campaign shows one block of 15 units, and pages through the rest', async () => {
  const c = await app.as('officer');
  const url = `/campaigns/${big.campaignId}/periods/${big.periodId}/scores`;
  const first = await c.get(url);
  assert.equal(first.status, 200);
  assert.deepEqual(gridUnitIds(first.text), ids(0, 15));
  assert.match(first.text, /Đơn vị 1–15 trong số 60/);
  assert.match(first.text, /href="\?page=2" rel="next"/);
  const fourth = await c.get(`${url}?page=4`);
  assert.deepEqual(gridUnitIds(fourth.text), ids(45, 60));
  assert.equal((fourth.text.match(/name="p_\d+_\d+"/g) ?? []).length, 15 * 2, 'only the block’s cells are inputs');
});

test('the officer can ask for a bigger page of the grid, and the page size follows the pager, the form and the save', async () => {
  const c = await app.as('officer');
  const url = `/campaigns/${big.campaignId}/periods/${big.periodId}/scores`;
  const first = await c.get(`${url}?size=30`);
  assert.deepEqual(gridUnitIds(first.text), ids(0, 30));
  assert.match(first.text, /<option value="30" selected>30 đơn vị<\/option>/);
  assert.match(first.text, /href="\?size=30&amp;page=2" rel="next"/);
  const second = await c.get(`${url}?parent=${big.parentA}&size=30&page=2`);
  assert.deepEqual(gridUnitIds(second.text), ids(30, 40));
  assert.match(second.text, new RegExp(`action="${url}\\?parent=${big.parentA}&amp;size=30&amp;page=2" class="score-form"`));
  assert.deepEqual(gridUnitIds((await c.get(`${url}?size=60`)).text), ids(0, 60));
  // a size not offered is the default block
  assert.deepEqual(gridUnitIds((await c.get(`${url}?size=5000`)).text), ids(0, 15));
  const form = formFields(second.text);
  const u = big.units[31];
  form[`p_${u.id}_${big.criteria[1]}`] = '12';
  form.reason = 'Phúc tra';
  const res = await c.post(`${url}?parent=${big.parentA}&size=30&page=2`, form);
  assert.equal(res.status, 303);
  assert.equal(res.location, `${url}?parent=${big.parentA}&size=30&page=2`);
  // put the cell back (10 + 31 / 2, see makeBigCampaign): the dashboard tests below rank these units
  const again = formFields((await c.get(res.location!)).text);
  assert.equal(again[`p_${u.id}_${big.criteria[1]}`], '12');
  again[`p_${u.id}_${big.criteria[1]}`] = '25';
  again.reason = 'Phúc tra';
  assert.equal((await c.post(`${url}?parent=${big.parentA}&size=30&page=2`, again)).status, 303);
});

test('the grid’s block follows a cluster, a parent unit or a search, and the filters combine', async () => {
  const c = await app.as('officer');
  const url = `/campaigns/${big.campaignId}/periods/${big.periodId}/scores`;
  const byCluster = await c.get(`${url}?cluster=${big.clusterId}`);
  assert.deepEqual(gridUnitIds(byCluster.text), ids(0, 15));
  assert.match(byCluster.text, /Đơn vị 1–15 trong số 20/);
  assert.match(byCluster.text, new RegExp(`<option value="${big.clusterId}" selected>Cụm thử ${big.tag} \\(20 đơn vị\\)</option>`));
  const byParent = await c.get(`${url}?parent=${big.parentB}`);
  assert.deepEqual(gridUnitIds(byParent.text), ids(40, 55));
  // the parent units to pick from, in code order, each with how many participants it holds
  const parents = [...byParent.text.matchAll(/<option value="(\d+)"\s*(?:selected)?>Sư đoàn (\w+) [^<]*\((\d+) đơn vị\)<\/option>/g)].map((m) => [Number(m[1]), m[2], Number(m[3])]);
  assert.deepEqual(parents, [[big.parentA, 'Alpha', 40], [big.parentB, 'Bravo', 20]]);
  const both = await c.get(`${url}?parent=${big.parentA}&cluster=${big.clusterId}&page=2`);
  assert.deepEqual(gridUnitIds(both.text), ids(15, 20));
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
  assert.deepEqual(gridUnitIds(odd.text), ids(0, 15));
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

/** The dashboard ranking table's unit links, in order (the gap row has none). */
function rankedUnitIds(html: string): number[] {
  const table = html.match(/<table class="table dash-table-compact dash-ranking-table">([\s\S]*?)<\/table>/)?.[1] ?? '';
  return [...table.matchAll(/<th scope="row" class="dash-unit-cell"><a href="\/campaigns\/\d+\/units\/(\d+)"/g)].map((m) => Number(m[1]));
}
/** Period-1 totals per unit, straight from the database (every unit is verified there). */
async function totals(): Promise<Map<number, number>> {
  const rows = await app.prisma.score.groupBy({ by: ['unitId'], where: { periodId: big.periodId }, _sum: { points: true } });
  return new Map(rows.map((r) => [r.unitId, Number(r._sum.points)]));
}
/** Units ranked best first by their totals, ties (no tie-break configured) in code order. */
async function rankedIds(): Promise<number[]> {
  const t = await totals();
  return [...big.units].sort((a, b) => t.get(b.id)! - t.get(a.id)! || a.code.localeCompare(b.code)).map((u) => u.id);
}
const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
async function average(from: number, to: number): Promise<string> {
  const t = await totals();
  return vi.format(big.units.slice(from, to).reduce((s, u) => s + t.get(u.id)!, 0) / (to - from));
}

test('the command dashboard of 60 units draws the top 10 and the bottom 10, with a link to the full ranking', async () => {
  const c = await app.as('commander');
  const res = await c.get(`/campaigns/${big.campaignId}/dashboard`);
  assert.equal(res.status, 200);
  const order = await rankedIds();
  assert.deepEqual(rankedUnitIds(res.text), [...order.slice(0, 10), ...order.slice(50)]);
  assert.match(res.text, /<tr class="dash-gap"><td colspan="5">… 40 đơn vị ở giữa không hiển thị …<\/td><\/tr>/);
  assert.match(res.text, new RegExp(`<a href="/campaigns/${big.campaignId}/ranking">Xem bảng xếp hạng đầy đủ \\(60 đơn vị\\)</a>`));
  // the heatmap draws the same 20 units, and its table for screen readers too
  const heat = res.text.match(/<caption>Bản đồ nhiệt[^<]*<\/caption>[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  assert.equal((heat.match(/<tr>/g) ?? []).length, 20);
  // the trend picker offers the drawn units only
  const picker = res.text.match(/<select id="trend-unit" name="unit">([\s\S]*?)<\/select>/)?.[1] ?? '';
  assert.equal((picker.match(/<option /g) ?? []).length, 20);
});

test('completeness and pledge lists on the command dashboard name a bounded number of units and count the rest', async () => {
  const c = await app.as('commander');
  const res = await c.get(`/campaigns/${big.campaignId}/dashboard`);
  assert.match(res.text, /Đang chấm \(25\):<\/strong>(?: [^<,]+,){19} [^<,]+ và 5 đơn vị khác<\/li>/);
  assert.match(res.text, /Chưa chấm \(35\):<\/strong>(?: [^<,]+,){19} [^<,]+ và 15 đơn vị khác<\/li>/);
  const pledgeTable = res.text.match(/<section class="dash-panel dash-panel-pledges"[\s\S]*?<\/section>/)?.[0] ?? '';
  assert.equal((pledgeTable.match(/<tr>\s*<td><a href="\/campaigns\/\d+\/pledges\/\d+">/g) ?? []).length, 20);
  assert.match(pledgeTable, /Còn 5 đơn vị khác trong danh sách đăng ký thi đua/);
});

test('the command dashboard summarises by parent unit and drills down into one', async () => {
  const c = await app.as('commander');
  const base = `/campaigns/${big.campaignId}/dashboard`;
  const res = await c.get(base);
  const summary = res.text.match(/<table class="table dash-table-compact dash-summary-table pl-stack">([\s\S]*?)<\/table>/)?.[1] ?? '';
  assert.match(summary, new RegExp(`<a href="${base}\\?parent=${big.parentA}">Sư đoàn Alpha ${big.tag}</a></th>\\s*<td class="num"[^>]*>40</td>\\s*<td class="num"[^>]*>${await average(0, 40)}</td>`));
  assert.match(summary, new RegExp(`<a href="${base}\\?parent=${big.parentB}">Sư đoàn Bravo ${big.tag}</a></th>\\s*<td class="num"[^>]*>20</td>\\s*<td class="num"[^>]*>${await average(40, 60)}</td>`));
  // drilling into Bravo: its 20 units only, all drawn, with the way back
  const drill = await c.get(`${base}?parent=${big.parentB}`);
  assert.equal(drill.status, 200);
  const order = (await rankedIds()).filter((id) => big.units.findIndex((u) => u.id === id) >= 40);
  assert.deepEqual(rankedUnitIds(drill.text), order);
  assert.doesNotMatch(drill.text, /dash-gap/);
  assert.match(drill.text, new RegExp(`<li><a href="${base}">Tất cả đơn vị</a></li>`));
  assert.match(drill.text, /<span class="stat-value">20<\/span><span class="stat-label">/);
  // the trend picker keeps the drill-down
  assert.match(drill.text, new RegExp(`<input type="hidden" name="parent" value="${big.parentB}">`));
});

test('the command dashboard summarises by cluster on request and drills into a cluster; an unknown one shows everything', async () => {
  const c = await app.as('commander');
  const base = `/campaigns/${big.campaignId}/dashboard`;
  const res = await c.get(`${base}?by=cluster`);
  assert.match(res.text, new RegExp(`<a href="${base}\\?cluster=${big.clusterId}">Cụm thử ${big.tag}</a></th>\\s*<td class="num"[^>]*>20</td>`));
  const drill = await c.get(`${base}?cluster=${big.clusterId}`);
  assert.deepEqual(new Set(rankedUnitIds(drill.text)), new Set(ids(0, 20)));
  const unknown = await c.get(`${base}?cluster=999999&by=nonsense&gpage=abc`);
  assert.equal(unknown.status, 200);
  assert.equal(rankedUnitIds(unknown.text).length, 20);
  assert.match(unknown.text, /… 40 đơn vị ở giữa/);
});

test('a unit dashboard in a 60-unit campaign lists the units ranked around it, not all 60', async () => {
  const c = await app.as('commander');
  const order = await rankedIds();
  const unit = order[30];
  const res = await c.get(`/campaigns/${big.campaignId}/units/${unit}`);
  assert.equal(res.status, 200);
  assert.deepEqual(rankedUnitIds(res.text), order.slice(25, 36));
  assert.match(res.text, new RegExp(`<tr class="dash-current" aria-current="true">\\s*<td class="num dash-rank">31</td>`));
  assert.match(res.text, /Xem bảng xếp hạng đầy đủ \(60 đơn vị\)/);
  // the best unit: the window starts at the top
  const top = await c.get(`/campaigns/${big.campaignId}/units/${order[0]}`);
  assert.deepEqual(rankedUnitIds(top.text), order.slice(0, 11));
});

/** Unit ids linked from the pledge list's table. */
function pledgeRows(html: string): number[] {
  const table = html.match(/<table class="table pledge-list pl-stack">([\s\S]*?)<\/table>/)?.[1] ?? '';
  return [...table.matchAll(/<th scope="row"><a href="\/campaigns\/\d+\/pledges\/(\d+)">/g)].map((m) => Number(m[1]));
}

test('the pledge list pages 50 units at a time, filters by status and search, and names at most 20 units to remind', async () => {
  const c = await app.as('officer');
  const base = `/campaigns/${big.campaignId}/pledges`;
  const first = await c.get(base);
  assert.equal(first.status, 200);
  assert.equal(pledgeRows(first.text).length, 50);
  assert.match(first.text, /Trang 1\/2/);
  assert.match(first.text, /<h2 id="sec-reminders">Đơn vị chưa gửi bản đăng ký \(60\)<\/h2>/);
  const reminders = first.text.match(/<ul class="pl-reminder-list">([\s\S]*?)<\/ul>/)?.[1] ?? '';
  assert.equal((reminders.match(/<li>/g) ?? []).length, 20);
  assert.match(first.text, /… và 40 đơn vị khác\./);
  const second = await c.get(`${base}?page=2`);
  assert.equal(pledgeRows(second.text).length, 10);
  assert.equal(new Set([...pledgeRows(first.text), ...pledgeRows(second.text)]).size, 60, 'the two pages hold every unit once');
  const drafts = await c.get(`${base}?status=DRAFT`);
  assert.deepEqual(new Set(pledgeRows(drafts.text)), new Set(ids(0, 25)));
  assert.doesNotMatch(drafts.text, /class="pager"/);
  const found = await c.get(`${base}?q=${encodeURIComponent('Cẩm Phả ' + big.tag)}`);
  assert.deepEqual(pledgeRows(found.text), [big.units[41].id]);
  // the search keeps the status filter, and a page past the end is empty, not an error
  const none = await c.get(`${base}?status=DRAFT&q=cam+pha`);
  assert.deepEqual(pledgeRows(none.text), []);
  assert.equal((await c.get(`${base}?page=99`)).status, 200);
});

test('the awards page pages the proposals (25 at a time) and filters them by status', async () => {
  await app.prisma.awardProposal.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ campaignId: big.campaignId, status: i < 4 ? ('SUBMITTED' as const) : ('DRAFT' as const) })) });
  const c = await app.as('commander');
  const base = `/campaigns/${big.campaignId}/awards`;
  const rows = (html: string) => (html.match(/<tr data-proposal="\d+">/g) ?? []).length;
  const first = await c.get(base);
  assert.equal(first.status, 200);
  assert.equal(rows(first.text), 25);
  assert.match(first.text, /href="\?page=2" rel="next"/);
  assert.equal(rows((await c.get(`${base}?page=2`)).text), 5);
  const submitted = await c.get(`${base}?status=SUBMITTED`);
  assert.equal(rows(submitted.text), 4);
  assert.match(submitted.text, /<option value="SUBMITTED" selected>/);
  assert.equal(rows((await c.get(`${base}?status=bogus`)).text), 25);
});

test('a period’s status page lists 50 units a page and filters by state', async () => {
  const c = await app.as('officer');
  const period2 = await app.prisma.period.findFirstOrThrow({ where: { campaignId: big.campaignId, seq: 2 } });
  const base = `/campaigns/${big.campaignId}/periods/${period2.id}/status`;
  const rows = (html: string) => (html.match(/<tr class="[^"]*">\s*<th scope="row">/g) ?? []).length;
  const first = await c.get(base);
  assert.equal(first.status, 200);
  assert.equal(rows(first.text), 50);
  assert.match(first.text, /href="\?page=2" rel="next"/);
  assert.equal(rows((await c.get(`${base}?page=2`)).text), 10);
  const period1 = await c.get(`/campaigns/${big.campaignId}/periods/${big.periodId}/status?state=pending`);
  assert.equal(rows(period1.text), 0, 'every unit is verified in period 1');
  assert.match(period1.text, /Không có đơn vị nào khớp với bộ lọc\./);
  assert.equal(rows((await c.get(`/campaigns/${big.campaignId}/periods/${big.periodId}/status?state=verified&page=2`)).text), 10);
});

test('the campaign page names the first 60 participants and counts the rest; the scoring page’s unit chips are bounded and searchable', async () => {
  const extra = await app.prisma.unit.create({ data: { code: `ZZ${big.tag}`, name: `Đơn vị cuối ${big.tag}`, type: 'OTHER', searchText: `zz${big.tag.toLowerCase()} don vi cuoi` } });
  await app.prisma.campaignUnit.create({ data: { campaignId: big.campaignId, unitId: extra.id } });
  const c = await app.as('commander');
  const show = await c.get(`/campaigns/${big.campaignId}`);
  assert.equal(show.status, 200);
  const chips = show.text.match(/<section aria-labelledby="sec-units">([\s\S]*?)<\/section>/)?.[1] ?? '';
  assert.equal((chips.match(/<li><span class="chip">/g) ?? []).length, 60);
  assert.match(chips, /… và 1 đơn vị khác\./);
  assert.match(show.text, /61 đơn vị/);
  const officer = await app.as('officer');
  const scores = await officer.get(`/campaigns/${big.campaignId}/scores`);
  const picker = scores.text.match(/<details class="unit-picker"[\s\S]*?<\/details>/)?.[0] ?? '';
  assert.equal((picker.match(/class="chip"/g) ?? []).length, 40);
  assert.match(picker, /… và 21 đơn vị khác/);
  const found = await officer.get(`/campaigns/${big.campaignId}/scores?uq=cuoi`);
  const foundPicker = found.text.match(/<details class="unit-picker"[\s\S]*?<\/details>/)?.[0] ?? '';
  assert.deepEqual([...foundPicker.matchAll(/units\/(\d+)\/inspections/g)].map((m) => Number(m[1])), [extra.id]);
  await app.prisma.campaignUnit.delete({ where: { campaignId_unitId: { campaignId: big.campaignId, unitId: extra.id } } });
});

test('the participants picker shows 100 registry units a page, and saving one page leaves the others as they were', async () => {
  const tag = big.tag;
  await app.prisma.unit.createMany({ data: Array.from({ length: 50 }, (_, i) => ({ code: `T${tag}${String(i).padStart(2, '0')}`, name: `Đơn vị sổ ${i} ${tag}`, type: 'OTHER' as const })) });
  const last = await app.prisma.unit.findUniqueOrThrow({ where: { code: `T${tag}49` } });
  const firstS = big.units.slice(0, 3).map((u) => u.id);
  const draft = await app.prisma.campaign.create({ data: { name: `Nháp quy mô ${tag}`, startDate: new Date('2025-01-01'), endDate: new Date('2025-12-31'), units: { create: [...firstS, last.id].map((unitId) => ({ unitId })) } } });
  const admin = await app.as('admin');
  const total = await app.prisma.unit.count({ where: { active: true } });
  assert.ok(total > 100, 'the registry holds more than a page');
  const first = await admin.get(`/campaigns/${draft.id}/participants`);
  assert.equal(first.status, 200);
  assert.equal((first.text.match(/name="unitIds"/g) ?? []).length, 100);
  assert.match(first.text, /rel="next"/);
  // the search narrows to our units; a second page of them holds the rest
  const q = `s${tag.toLowerCase()}`;
  const narrowed = await admin.get(`/campaigns/${draft.id}/participants?q=${q}`);
  assert.equal((narrowed.text.match(/name="unitIds"/g) ?? []).length, 60);
  // save page 1 of the whole registry with nothing ticked: units on other pages stay members
  const form = new URLSearchParams();
  form.set('version', first.text.match(/name="version" value="(\d+)"/)![1]);
  for (const m of first.text.matchAll(/name="shown" value="(\d+)"/g)) form.append('shown', m[1]);
  const shownIds = new Set([...first.text.matchAll(/name="shown" value="(\d+)"/g)].map((m) => Number(m[1])));
  assert.ok(firstS.every((id) => shownIds.has(id)) && !shownIds.has(last.id), 'the first test units are on page 1, the last registry unit is not');
  const res = await admin.post(`/campaigns/${draft.id}/participants`, form);
  assert.equal(res.status, 303);
  const members = (await app.prisma.campaignUnit.findMany({ where: { campaignId: draft.id } })).map((m) => m.unitId);
  assert.deepEqual(members, [last.id], 'unticked units of page 1 left; the unit on another page stayed');
});

test('the clusters page names 30 members of a big cluster and counts the rest', async () => {
  const name = `Cụm lớn ${big.tag}`;
  await app.prisma.cluster.create({ data: { name, members: { create: big.units.map((u) => ({ unitId: u.id })) } } });
  const c = await app.as('admin');
  const res = await c.get('/clusters');
  assert.equal(res.status, 200);
  const card = res.text.match(new RegExp(`<h2 class="cluster-name">${name}</h2>[\\s\\S]*?</ul>`))?.[0] ?? '';
  assert.equal((card.match(/<a class="chip/g) ?? []).length, 30);
  assert.match(card, /60 đơn vị thành viên/);
  assert.match(card, /… và 30 đơn vị khác/);
});
