// Issue 12, pages built for scale: with hundreds of units the pledge list filters by parent unit and cluster in the
// official order, the honour board pages, and no select or checklist lists every unit: a GET search (?uq=) offers
// the first matches, and the units already chosen stay. The 15-unit demo keeps listing every unit (see the end).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { formFields } from '../helpers/forms.ts';
import { BIG_UNITS, makeBigCampaign, type BigCampaign } from '../helpers/scale.ts';
import { REPORT_ALL, REPORT_ENDS } from '../../src/exports/report.ts';
import { PICK_ALL } from '../../src/units/picker.ts';

let app: TestApp;
let big: BigCampaign;
/** units beyond the big campaign's, so the registry holds more than PICK_ALL active units */
const EXTRA = 210;
let extra: number[];

before(async () => {
  app = await startTestApp();
  big = await makeBigCampaign(app.prisma);
  const p = app.prisma;
  await p.unit.createMany({
    data: Array.from({ length: EXTRA }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      return { code: `X${big.tag}${n}`, name: `Đơn vị mở rộng ${n} ${big.tag}`, type: 'OTHER' as const, searchText: `x${big.tag.toLowerCase()}${n} don vi mo rong ${n} ${big.tag.toLowerCase()}` };
    }),
  });
  extra = (await p.unit.findMany({ where: { code: { startsWith: `X${big.tag}` } }, orderBy: { code: 'asc' }, select: { id: true } })).map((u) => u.id);
  assert.ok((await p.unit.count({ where: { active: true } })) > PICK_ALL);
});
after(() => app.close());

const ids = (from: number, to: number) => big.units.slice(from, to).map((u) => u.id);
const pledgeRows = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/campaigns\/\d+\/pledges\/(\d+)">/g)].map((m) => Number(m[1]));
const optionValues = (html: string, selectId: string) => {
  const select = html.match(new RegExp(`<select id="${selectId}"[^>]*>([\\s\\S]*?)</select>`))?.[1] ?? '';
  return [...select.matchAll(/<option value="(\d*)"/g)].map((m) => m[1]).filter(Boolean).map(Number);
};

test('the pledge list keeps the official order across pages and filters by parent unit, cluster and status together', async () => {
  const c = await app.as('commander');
  const base = `/campaigns/${big.campaignId}/pledges`;
  // same type, so by name without diacritics: "Đơn vị thử 001…060", then "Tiểu đoàn Cẩm Phả" (unit 42) last
  const first = await c.get(base);
  assert.deepEqual(pledgeRows(first.text), [...ids(0, 41), ...ids(42, 51)]);
  assert.deepEqual(pledgeRows((await c.get(`${base}?page=2`)).text), [...ids(51, 60), big.units[41].id]);
  assert.match(first.text, /<select id="pl-parent" name="parent">/);
  const underB = await c.get(`${base}?parent=${big.parentB}`);
  assert.deepEqual(pledgeRows(underB.text), [...ids(40, 41), ...ids(42, 60), big.units[41].id]);
  assert.match(underB.text, /<option value="\d+" selected>Sư đoàn Bravo/);
  assert.deepEqual(pledgeRows((await c.get(`${base}?cluster=${big.clusterId}`)).text), ids(0, 20));
  // drafts are units 1–25, all under parent A: none under B; the filters carry into the pager links
  assert.deepEqual(pledgeRows((await c.get(`${base}?status=DRAFT&parent=${big.parentB}`)).text), []);
  const draftsA = await c.get(`${base}?status=DRAFT&parent=${big.parentA}&q=don+vi`);
  assert.deepEqual(pledgeRows(draftsA.text), ids(0, 25));
  assert.match(draftsA.text, /<input type="hidden" name="status" value="DRAFT">/);
  // the counts and the reminders stay those of the whole campaign
  assert.match(draftsA.text, /Đơn vị chưa gửi bản đăng ký \(60\)/);
  assert.equal((await c.get(`${base}?parent=abc&cluster=-1`)).status, 200);
});

test('completeness counted in SQL matches the per-unit count of periodCompleteness, bucket by bucket and name by name', async () => {
  const p = app.prisma;
  const period2 = await p.period.findFirstOrThrow({ where: { campaignId: big.campaignId, seq: 2 } });
  await p.assessment.createMany({ data: [{ periodId: period2.id, unitId: big.units[30].id, status: 'SUBMITTED' }, { periodId: period2.id, unitId: big.units[31].id, status: 'RETURNED' }] });
  // self-assessed only, no assessment row: in progress
  await p.score.create({ data: { campaignId: big.campaignId, periodId: period2.id, unitId: big.units[32].id, criterionId: big.criteria[0], selfPoints: 7 } });
  const { periodCompleteness } = await import('../../src/scoring/periods-service.ts');
  const { completenessSummary, BUCKETS } = await import('../../src/dashboards/completeness.ts');
  const periods = await p.period.findMany({ where: { campaignId: big.campaignId }, orderBy: { seq: 'asc' } });
  const [old, now] = await Promise.all([periodCompleteness(p, big.campaignId), completenessSummary(p, big.campaignId, periods, {}, 100)]);
  assert.equal(now.length, 2);
  for (const [i, o] of old.entries()) {
    assert.equal(now[i].total, o.total);
    for (const k of BUCKETS) {
      assert.equal(now[i].counts[k], o[k].length, `${o.name} ${k}`);
      if (k !== 'verified') assert.deepEqual(now[i].first[k].map((u) => u.id), o[k].map((u) => u.id), `${o.name} ${k} names`);
    }
  }
  assert.deepEqual([now[1].counts.submitted, now[1].counts.returned, now[1].counts.draft, now[1].counts.notScored], [1, 1, 26, 32]);
  // a parent unit's block: units 41–60
  const [, underB] = await completenessSummary(p, big.campaignId, periods, { parent: big.parentB }, 5);
  assert.equal(underB.total, 20);
  assert.equal(underB.counts.notScored, 20);
  assert.deepEqual(underB.first.notScored.map((u) => u.id), ids(40, 45));
  const status = await (await app.as('officer')).get(`/campaigns/${big.campaignId}/periods/${period2.id}/status?state=submitted`);
  assert.match(status.text, new RegExp(`<th scope="row">${big.units[30].name}</th>`));
  assert.match(status.text, /<span class="stat-value">1<\/span><span class="stat-label">Chờ thẩm định/);
});

test('a unit account’s pledge list holds its own row only, whatever the filters', async () => {
  const unit = await app.prisma.unit.findFirstOrThrow({ where: { code: 'HALONG' } });
  const demo = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  const c = await app.as('halong');
  const res = await c.get(`/campaigns/${demo.id}/pledges?parent=${big.parentA}`);
  assert.equal(res.status, 200);
  assert.deepEqual([...new Set(pledgeRows(res.text))].filter((id) => id !== unit.id), []);
});

test('the honour board of a published 120-unit campaign shows 100 units a page', async () => {
  const p = app.prisma;
  // 60 more participants, scored and verified in period 1 like the others, so all 120 are ranked
  const more = extra.slice(0, 60);
  await p.campaignUnit.createMany({ data: more.map((unitId) => ({ campaignId: big.campaignId, unitId })) });
  await p.score.createMany({ data: more.flatMap((unitId) => big.criteria.map((criterionId) => ({ campaignId: big.campaignId, periodId: big.periodId, unitId, criterionId, points: 5 }))) });
  await p.assessment.createMany({ data: more.map((unitId) => ({ periodId: big.periodId, unitId, status: 'VERIFIED' as const, verifiedAt: new Date() })) });
  // closed, then published by the commander (the board shows the frozen results)
  await p.campaign.update({ where: { id: big.campaignId }, data: { status: 'CLOSED' } });
  const published = await (await app.as('commander')).post(`/campaigns/${big.campaignId}/publish`, { confirm: 'on' });
  assert.equal(published.status, 303);
  {
    const c = await app.as('officer');
    const url = `/campaigns/${big.campaignId}/honour-board`;
    const first = await c.get(url);
    assert.equal(first.status, 200);
    const rows = (html: string) => (html.match(/<li class="honour-row/g) ?? []).length;
    assert.equal(rows(first.text), 100);
    assert.match(first.text, /href="\?page=2" rel="next"/);
    const second = await c.get(`${url}?page=2`);
    assert.equal(rows(second.text), 20);
    assert.match(second.text, /rel="prev"/);
  }
});

test('the new account form offers a unit search instead of every unit; the search finds by name without diacritics', async () => {
  const c = await app.as('admin');
  const blank = await c.get('/admin/users/new');
  assert.equal(blank.status, 200);
  assert.deepEqual(optionValues(blank.text, 'f-unitId'), [], 'no unit listed before a search');
  assert.match(blank.text, /<form method="get" action="\/admin\/users\/new"[^>]*role="search"/);
  assert.match(blank.text, /gõ tên hoặc mã đơn vị/);
  const found = await c.get(`/admin/users/new?uq=${encodeURIComponent(big.units[41].code)}`);
  assert.deepEqual(optionValues(found.text, 'f-unitId'), [big.units[41].id]);
  assert.match(found.text, /1 đơn vị khớp/);
  const many = await c.get(`/admin/users/new?uq=X${big.tag}`);
  assert.equal(optionValues(many.text, 'f-unitId').length, 50);
  assert.match(many.text, /210 đơn vị khớp; hiện 50 đơn vị đầu/);
  // a refused form keeps the unit it named
  const bad = await c.post('/admin/users', { username: '', fullName: 'Thử', role: 'UNIT', unitId: String(extra[5]), password: 'x' });
  assert.equal(bad.status, 400);
  assert.deepEqual(optionValues(bad.text, 'f-unitId'), [extra[5]]);
  assert.match(bad.text, new RegExp(`<option value="${extra[5]}" selected`));
});

test('the unit search reads in English too', async () => {
  const c = await app.as('admin');
  await c.post('/lang', { locale: 'en', next: '/' });
  const many = await c.get(`/admin/users/new?uq=X${big.tag}`);
  assert.match(many.text, /Find a unit to pick/);
  assert.match(many.text, /210 units match; the first 50 are shown/);
  assert.match((await c.get('/admin/users/new')).text, /There are many units: type a unit&#39;s name or code/);
});

test('the cluster form lists its members and the units a search finds, not the whole registry; a found unit can be added', async () => {
  const c = await app.as('admin');
  const url = `/clusters/${big.clusterId}/edit`;
  const page = await c.get(url);
  assert.equal(page.status, 200);
  const boxes = (html: string) => [...html.matchAll(/<input type="checkbox" name="memberIds" value="(\d+)"( checked)?/g)].map((m) => ({ id: Number(m[1]), checked: Boolean(m[2]) }));
  assert.deepEqual(boxes(page.text).map((b) => b.id).sort((a, b) => a - b), ids(0, 20).sort((a, b) => a - b));
  assert.ok(boxes(page.text).every((b) => b.checked));
  assert.equal(optionValues(page.text, 'f-leadUnitId').length, 20);
  const found = await c.get(`${url}?uq=${encodeURIComponent(big.units[41].code)}`);
  const added = boxes(found.text).find((b) => b.id === big.units[41].id);
  assert.deepEqual(added, { id: big.units[41].id, checked: false });
  const fields = formFields(found.text, /\/clusters\/\d+$/);
  const res = await c.post(`/clusters/${big.clusterId}`, { ...fields, leadUnitId: String(big.units[0].id), memberIds: [...ids(0, 20), big.units[41].id].map(String) });
  assert.equal(res.status, 303);
  assert.equal(await app.prisma.clusterMember.count({ where: { clusterId: big.clusterId } }), 21);
  assert.equal(boxes((await c.get(url)).text).length, 21);
});

test('the year’s registrations and the initiatives filter their unit through a search', async () => {
  const c = await app.as('officer');
  const year = await app.prisma.movementYear.findFirst({ orderBy: { year: 'desc' } });
  if (year) {
    const regs = await c.get(`/years/${year.year}/registrations`);
    assert.equal(regs.status, 200);
    assert.deepEqual(optionValues(regs.text, 'f-unit'), []);
    const found = await c.get(`/years/${year.year}/registrations?uq=${encodeURIComponent(big.units[41].code)}`);
    assert.deepEqual(optionValues(found.text, 'f-unit'), [big.units[41].id]);
    assert.match(found.text, new RegExp(`<input id="f-unit-uq" name="uq" type="search" value="${big.units[41].code}"`));
  }
  const list = await c.get(`/initiatives?uq=X${big.tag}00`);
  assert.equal(list.status, 200);
  assert.equal(optionValues(list.text, 'f-unit').length, 9);
  const pick = await c.get('/initiatives/new');
  assert.doesNotMatch(pick.text, /id="f-pick-unit"/, 'no select of every unit');
  const found = await c.get(`/initiatives/new?uq=${encodeURIComponent(big.units[41].code)}`);
  assert.deepEqual(optionValues(found.text, 'f-pick-unit'), [big.units[41].id]);
  const chosen = await c.get(`/initiatives/new?unit=${big.units[41].id}`);
  assert.match(chosen.text, new RegExp(`Tiểu đoàn Cẩm Phả ${big.tag}`));
});

test('the summary report of a campaign beyond REPORT_ALL units counts the participants by type and prints the ends of the ranking', async () => {
  const other = await makeBigCampaign(app.prisma);
  await app.prisma.campaignUnit.createMany({ data: extra.slice(0, REPORT_ALL + 10 - BIG_UNITS).map((unitId) => ({ campaignId: other.campaignId, unitId })) });
  // the units added have no scores: the closed period counts, and they rank last with it missing
  await app.prisma.period.update({ where: { id: other.periodId }, data: { status: 'CLOSED' } });
  const c = await app.as('commander');
  const report = await c.get(`/campaigns/${other.campaignId}/report`);
  assert.equal(report.status, 200);
  assert.match(report.text, /<h2 id="rp-s2">II\. Đơn vị tham gia \(110\)<\/h2>/);
  assert.match(report.text, /<tr data-type="OTHER"><th scope="row">Khác<\/th><td class="rp-num">110<\/td><\/tr>/);
  assert.doesNotMatch(report.text, /class="rp-units"/, 'no list of every participant');
  // the first and the last REPORT_ENDS of the full ranking, in its order, and a line for the units between
  const file = (await c.get(`/campaigns/${other.campaignId}/ranking.csv`)).text.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
  const codeAt = file[0].indexOf('unit_code');
  const codes = file.slice(1).map((r) => r[codeAt]);
  assert.ok(codes.length > 2 * REPORT_ENDS);
  const printed = [...report.text.matchAll(/<tr data-unit="([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(printed, [...codes.slice(0, REPORT_ENDS), ...codes.slice(-REPORT_ENDS)]);
  assert.match(report.text, new RegExp(`<tr class="rp-gap"><td colspan="5">… ${codes.length - 2 * REPORT_ENDS} đơn vị ở giữa bảng …</td></tr>`));
  assert.match(report.text, new RegExp(`href="/campaigns/${other.campaignId}/ranking.xlsx"`));
  // the 15-unit demo campaign keeps its full list and ranking
  const demo = (await app.prisma.campaign.findFirst({ where: { name: { contains: 'Lập công dâng Đảng' } }, select: { id: true } }))!;
  const small = await c.get(`/campaigns/${demo.id}/report`);
  assert.equal([...small.text.matchAll(/<ol class="rp-units">|<li>[^<]+<span class="rp-code">/g)].length, 16);
  const demoRanking = (await c.get(`/campaigns/${demo.id}/ranking.csv`)).text.trim().split('\r\n').length - 1;
  assert.equal([...small.text.matchAll(/<tr data-unit=/g)].length, demoRanking);
  assert.doesNotMatch(small.text, /rp-gap|rp-types/);
});

test('the unit form offers its parent through a search: what a search finds, the parent chosen, never the unit itself or a unit below it', async () => {
  const c = await app.as('admin');
  const blank = await c.get('/units/new');
  assert.equal(blank.status, 200);
  assert.deepEqual(optionValues(blank.text, 'f-parentId'), [], 'no unit listed before a search');
  assert.match(blank.text, /<form method="get" action="\/units\/new"[^>]*role="search"/);
  // (the admin reads English since the test before)
  assert.match(blank.text, /<label for="parent-uq">Find the parent unit<\/label>/);
  const found = await c.get(`/units/new?uq=${encodeURIComponent(big.units[41].code)}`);
  assert.deepEqual(optionValues(found.text, 'f-parentId'), [big.units[41].id]);
  assert.equal(optionValues((await c.get(`/units/new?uq=X${big.tag}`)).text, 'f-parentId').length, 50);
  // "add a unit under this one" (?parent=) keeps its parent, through a search too
  const under = await c.get(`/units/new?parent=${big.parentA}&uq=${encodeURIComponent(big.units[41].code)}`);
  assert.deepEqual(optionValues(under.text, 'f-parentId'), [big.parentA, big.units[41].id]);
  assert.match(under.text, new RegExp(`<option value="${big.parentA}" selected`));
  assert.match(under.text, new RegExp(`<input type="hidden" name="parent" value="${big.parentA}">`), 'the search carries the parent');
  // editing parent A: its own units (S…001–040) are below it, so a search for them finds none; parent B's are found
  const edit = await c.get(`/units/${big.parentA}/edit?uq=S${big.tag}0`);
  assert.equal(edit.status, 200);
  const offered = optionValues(edit.text, 'f-parentId');
  assert.deepEqual(offered, ids(40, 60), 'only the units under parent B');
  const child = await c.get(`/units/${big.units[0].id}/edit`);
  assert.deepEqual(optionValues(child.text, 'f-parentId'), [big.parentA], 'the current parent is kept');
  assert.match(child.text, new RegExp(`<option value="${big.parentA}" selected`));
  // a refused form keeps the parent it named
  const bad = await c.post('/units', { code: '', name: 'Thử', type: 'OTHER', parentId: String(big.parentB) });
  assert.equal(bad.status, 400);
  assert.deepEqual(optionValues(bad.text, 'f-parentId'), [big.parentB]);
});

test('the exemplar form of a campaign beyond PICK_ALL participants offers its unit through a search, and only participants', async () => {
  const p = app.prisma;
  const wide = await p.campaign.create({
    data: { name: `Thi đua rộng ${big.tag}`, startDate: new Date('2024-01-01'), endDate: new Date('2024-12-31'), status: 'ACTIVE', units: { create: [...big.units.map((u) => u.id), ...extra].map((unitId) => ({ unitId })) } },
  });
  const c = await app.as('officer');
  const url = `/campaigns/${wide.id}/exemplars/new`;
  const blank = await c.get(url);
  assert.equal(blank.status, 200);
  assert.deepEqual(optionValues(blank.text, 'f-unitId'), [], 'no unit listed before a search');
  assert.match(blank.text, new RegExp(`<form method="get" action="${url}"[^>]*role="search"`));
  const found = await c.get(`${url}?uq=${encodeURIComponent('tieu doan cam pha')}`);
  assert.deepEqual(optionValues(found.text, 'f-unitId'), [big.units[41].id], 'found by name without diacritics');
  const many = await c.get(`${url}?uq=X${big.tag}`);
  assert.equal(optionValues(many.text, 'f-unitId').length, 50);
  assert.match(many.text, /210 đơn vị khớp; hiện 50 đơn vị đầu/);
  // a refused form keeps the unit it named; a unit that does not take part is not offered (and not saved)
  const bad = await c.post(`/campaigns/${wide.id}/exemplars`, { unitId: String(extra[3]), subject: 'UNIT', kind: 'ADVANCED_EXEMPLAR', title: '', description: '' });
  assert.equal(bad.status, 400);
  assert.deepEqual(optionValues(bad.text, 'f-unitId'), [extra[3]]);
  assert.match(bad.text, new RegExp(`<option value="${extra[3]}" selected`));
  const outsider = (await p.unit.findFirstOrThrow({ where: { code: 'HALONG' } })).id;
  const refused = await c.post(`/campaigns/${wide.id}/exemplars`, { unitId: String(outsider), subject: 'UNIT', kind: 'ADVANCED_EXEMPLAR', title: 'Thử', description: 'Thử' });
  assert.equal(refused.status, 400);
  assert.deepEqual(optionValues(refused.text, 'f-unitId'), []);
  assert.equal(await p.exemplar.count({ where: { campaignId: wide.id } }), 0);
  // the 15-unit demo campaign keeps listing every participant
  const demo = await p.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  const small = await c.get(`/campaigns/${demo.id}/exemplars/new`);
  assert.equal(optionValues(small.text, 'f-unitId').length, 15);
  assert.doesNotMatch(small.text, /role="search"/);
});

/** What a page offers at once: the options of its largest select, its checkboxes, and its table rows. */
function widest(html: string) {
  const selects = [...html.matchAll(/<select\b[^>]*\bid="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)].map((m) => ({ id: m[1], n: (m[2].match(/<option\b/g) ?? []).length }));
  const select = selects.sort((a, b) => b.n - a.n)[0] ?? { id: '', n: 0 };
  return { select, checkboxes: (html.match(/<input type="checkbox"/g) ?? []).length, rows: (html.match(/<tr\b/g) ?? []).length };
}

test(`no page reachable from home (staff and a unit account) offers more than PICK_ALL units at once, with ${BIG_UNITS + EXTRA}+ units in the registry`, async () => {
  // every route linked from a visited page, once (ids aside), for each staff role and a unit account; downloads and
  // actions left out
  const NOT_PAGES = /\.(csv|xlsx|docx|pdf|json|png|svg|jpg|zip)$|^\/(logout|attachments|public|healthz|readyz)\b|\/print$|\/certificate$/;
  const route = (path: string) => path.replace(/\/\d+(?=\/|$)/g, '/:n');
  const problems: string[] = [];
  let visited = 0;
  // the campaign of 270 participants (the exemplar form's test) first, so that its pages stand for each campaign route
  const wide = await app.prisma.campaign.findFirstOrThrow({ where: { name: `Thi đua rộng ${big.tag}` } });
  for (const who of ['admin', 'officer', 'commander', 'halong']) {
    const c = await app.as(who);
    const queue = [...(who === 'halong' ? [] : [`/campaigns/${wide.id}`]), '/'];
    const seen = new Set(queue);
    while (queue.length) {
      const path = queue.shift()!;
      const res = await c.get(path);
      if (res.status !== 200) continue;
      visited++;
      const w = widest(res.text);
      if (w.select.n > PICK_ALL) problems.push(`${who} ${path}: select #${w.select.id} has ${w.select.n} options`);
      if (w.checkboxes > PICK_ALL) problems.push(`${who} ${path}: ${w.checkboxes} checkboxes`);
      if (w.rows > PICK_ALL) problems.push(`${who} ${path}: ${w.rows} table rows`);
      for (const m of res.text.matchAll(/href="(\/[^"#?]*)(\?[^"#]*)?"/g)) {
        const target = m[1];
        if (NOT_PAGES.test(target) || seen.has(route(target))) continue;
        seen.add(route(target));
        queue.push(target);
      }
    }
  }
  assert.ok(visited > 100, `the crawl reached the staff pages: ${visited}`);
  assert.deepEqual(problems, []);
});
