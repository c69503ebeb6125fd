import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

// The dashboards must not issue a query per unit: the number of SQL statements for one page view
// is the same with the 15 demo units as with 45, and stays under a fixed bound.
const BOUND = 40;

let app: TestApp;
let campaignId: number;
let counting = false;
let statements: string[] = [];

before(async () => {
  app = await startTestApp({}, { onQuery: (sql) => { if (counting) statements.push(sql); } });
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
});
after(() => app.close());

/** SQL statements the app sends while serving one GET (the session and sign-in lookups included). */
async function countQueries(c: Client, path: string): Promise<number> {
  statements = [];
  counting = true;
  const res = await c.get(path);
  counting = false;
  assert.equal(res.status, 200, path);
  return statements.length;
}

/**
 * The first request after a long setup may meet a keep-alive socket the server has just closed (the
 * in-process embedded database keeps the event loop busy past the idle timeout): retry that one once.
 */
async function afterPause<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    return request();
  }
}

/** Add `n` more participating units, each scored and verified in period 1, with a pledge and an inspection. */
async function addScoredUnits(n: number): Promise<void> {
  const p = app.prisma;
  const [period, criteria, parent, title] = await Promise.all([
    p.period.findFirstOrThrow({ where: { campaignId, seq: 1 } }),
    p.criterion.findMany({ where: { campaignId } }),
    p.unit.findFirstOrThrow({ where: { code: 'BCHQS-QN' } }),
    p.campaignTitle.findFirstOrThrow({ where: { campaignId, code: 'GK_DV' } }),
  ]);
  for (let i = 0; i < n; i++) {
    const unit = await p.unit.create({ data: { code: `QTEST${i}`, name: `Đơn vị thử ${i}`, shortName: `Thử ${i}`, type: 'DETACHMENT', parentId: parent.id } });
    await p.campaignUnit.create({ data: { campaignId, unitId: unit.id } });
    await p.score.createMany({
      data: criteria.map((c) => ({ campaignId, periodId: period.id, unitId: unit.id, criterionId: c.id, points: c.kind === 'NORMAL' ? Number(c.maxPoints) * (0.5 + (i % 10) / 20) : 0, selfPoints: Number(c.maxPoints) / 2, comment: 'Nhận xét' })),
    });
    await p.assessment.create({ data: { periodId: period.id, unitId: unit.id, status: 'VERIFIED' } });
    await p.pledge.create({
      data: {
        campaignId,
        unitId: unit.id,
        status: i % 2 ? 'APPROVED' : 'SUBMITTED',
        targets: { create: [{ order: 1, content: 'Chỉ tiêu', comparator: 'GTE', targetValue: 90, unitOfMeasure: '%', progress: { create: [{ periodId: period.id, valueReached: 80 + i }] } }] },
        titles: { create: [{ titleId: title.id }] },
      },
    });
    await p.inspection.create({ data: { campaignId, periodId: period.id, unitId: unit.id, date: new Date('2021-02-01'), inspectors: 'Tổ kiểm tra', findings: `Ghi chép ${i}` } });
  }
}

/**
 * Move the campaign's page signal but not its ranking's (a no-op write to its pledges): the next view renders the
 * page again rather than serve the kept one (src/web/page-cache.ts), with the ranking and completeness caches warm.
 */
async function renderNext(): Promise<void> {
  assert.ok((await app.prisma.$executeRaw`UPDATE "Pledge" SET "status" = "status" WHERE "campaignId" = ${campaignId}`) > 0);
}

test('the command dashboard issues the same, bounded number of queries for 15 units and for 45', async (t) => {
  const c = await app.as('commander');
  await c.get(`/campaigns/${campaignId}/dashboard`); // warm up (first render compiles templates)
  await renderNext();
  const with15 = await countQueries(c, `/campaigns/${campaignId}/dashboard`);
  assert.ok(with15 > 5, `the hook sees the page's queries (${with15})`);
  const kept = await countQueries(c, `/campaigns/${campaignId}/dashboard`);
  assert.ok(kept <= 4, `a kept page costs the session, the user, the signal and the chain scope (${kept})`);
  assert.ok(with15 <= BOUND, `${with15} queries for 15 units (bound ${BOUND})`);

  await addScoredUnits(30);
  assert.equal(await app.prisma.campaignUnit.count({ where: { campaignId } }), 45);
  const res = await afterPause(() => c.get(`/campaigns/${campaignId}/dashboard`));
  assert.match(res.text, /Đơn vị thử 29/, 'the new units are on the dashboard');
  assert.match(res.text, /Đã thẩm định 45\/45 đơn vị/);
  await renderNext();
  const with45 = await countQueries(c, `/campaigns/${campaignId}/dashboard`);
  t.diagnostic(`command dashboard: ${with15} SQL statements with 15 units, ${with45} with 45`);
  assert.equal(with45, with15, `queries with 45 units: ${with45}, with 15: ${with15}\n${statements.map((s) => s.slice(0, 100)).join('\n')}`);
});

test('the unit dashboard’s queries do not grow with the number of units either', async () => {
  const halong = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const officer = await app.as('officer');
  const unit = await app.as('halong');
  // like for like: every count below is taken with the ranking cache warm (src/ranking/cache.ts)
  await officer.get(`/campaigns/${campaignId}/units/${halong.id}`);
  await renderNext();
  const staffCount = await countQueries(officer, `/campaigns/${campaignId}/units/${halong.id}`);
  const ownCount = await countQueries(unit, `/campaigns/${campaignId}/my-unit`);
  assert.ok(staffCount <= BOUND && ownCount <= BOUND, `${staffCount} and ${ownCount} queries`);
  await addMoreUnits(10);
  await afterPause(() => officer.get(`/campaigns/${campaignId}/units/${halong.id}`)); // refills the ranking cache after the writes
  await afterPause(() => unit.get('/'));
  await renderNext();
  assert.equal(await countQueries(officer, `/campaigns/${campaignId}/units/${halong.id}`), staffCount);
  assert.equal(await countQueries(unit, `/campaigns/${campaignId}/my-unit`), ownCount);
});

/** Ten more scored units (codes distinct from the first batch). */
async function addMoreUnits(n: number): Promise<void> {
  const p = app.prisma;
  const [period, criteria, parent] = await Promise.all([
    p.period.findFirstOrThrow({ where: { campaignId, seq: 1 } }),
    p.criterion.findMany({ where: { campaignId } }),
    p.unit.findFirstOrThrow({ where: { code: 'BCHQS-QN' } }),
  ]);
  for (let i = 0; i < n; i++) {
    const unit = await p.unit.create({ data: { code: `QMORE${i}`, name: `Đơn vị thêm ${i}`, type: 'DETACHMENT', parentId: parent.id } });
    await p.campaignUnit.create({ data: { campaignId, unitId: unit.id } });
    await p.score.createMany({ data: criteria.map((c) => ({ campaignId, periodId: period.id, unitId: unit.id, criterionId: c.id, points: c.kind === 'NORMAL' ? Number(c.maxPoints) * 0.7 : 0 })) });
    await p.assessment.create({ data: { periodId: period.id, unitId: unit.id, status: 'VERIFIED' } });
  }
}

// The scoring completeness is kept between views while the campaign's RankingCounter stands still
// (src/dashboards/completeness.ts): a write elsewhere (here straight to the database, as another instance would)
// must show on the next view, never a count from before it.
test('the command dashboard never shows a completeness count older than the last write', async () => {
  const c = await app.as('commander');
  const period = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 1 } });
  const verifiedOf = (html: string) => [...html.matchAll(/Đã thẩm định (\d+)\/(\d+) đơn vị/g)].map((m) => `${m[1]}/${m[2]}`);
  const before = verifiedOf((await c.get(`/campaigns/${campaignId}/dashboard`)).text);
  const total = Number(before[0]?.split('/')[1]);
  assert.equal(before[0], `${total}/${total}`, `period 1 is verified for every participant (the demo's and those added above): ${before.join(', ')}`);
  assert.deepEqual(verifiedOf((await c.get(`/campaigns/${campaignId}/dashboard`)).text), before, 'a second view, from the kept summary, says the same');
  const one = await app.prisma.assessment.findFirstOrThrow({ where: { periodId: period.id, status: 'VERIFIED' } });
  await app.prisma.assessment.update({ where: { id: one.id }, data: { status: 'SUBMITTED' } });
  assert.equal(verifiedOf((await c.get(`/campaigns/${campaignId}/dashboard`)).text)[0], `${total - 1}/${total}`, 'the next view counts the change');
  await app.prisma.assessment.update({ where: { id: one.id }, data: { status: 'VERIFIED' } });
  assert.equal(verifiedOf((await c.get(`/campaigns/${campaignId}/dashboard`)).text)[0], `${total}/${total}`);
});

test('after a score save the command dashboard reads again only what a save changes; after a pledge write, the rest', async () => {
  const c = await app.as('commander');
  const path = `/campaigns/${campaignId}/dashboard`;
  await c.get(path);
  // a table read: `FROM "public"."T"` (Prisma) or `FROM "T"` (raw SQL); the periods through Prisma only (the
  // completeness counts, which a save does change, join them in raw SQL)
  const reads = (table: string) => statements.some((s) => new RegExp(table === 'Period' ? `FROM "public"\\."Period"` : `FROM (?:"public"\\.)?"${table}"`).test(s));
  // a score write moves the ranking's signal only (src/dashboards/kept.ts keeps the rest)
  const score = await app.prisma.score.findFirstOrThrow({ where: { campaignId, criterion: { kind: 'NORMAL' } } });
  await app.prisma.score.update({ where: { id: score.id }, data: { comment: `${score.comment ?? ''}.` } });
  const afterSave = await countQueries(c, path);
  for (const table of ['Pledge', 'Inspection', 'Period', 'ClusterMember']) {
    assert.ok(!reads(table), `after a score save, "${table}" is not read again:\n${statements.map((s) => s.slice(0, 120)).join('\n')}`);
  }
  // a pledge write moves the pages signal: pledges, inspections and the periods are read again
  await renderNext();
  const afterPledge = await countQueries(c, path);
  for (const table of ['Pledge', 'Inspection', 'Period']) assert.ok(reads(table), `after a pledge write, "${table}" is read again`);
  assert.ok(afterSave < afterPledge, `${afterSave} statements after a save, ${afterPledge} after a pledge write`);
});

test('a kept command dashboard costs two statements: the session with its user, and the change signal', async () => {
  const commander = await app.as('commander');
  const path = `/campaigns/${campaignId}/dashboard`;
  await afterPause(() => commander.get(path));
  await commander.get(path);
  const n = await countQueries(commander, path);
  assert.equal(n, 2, statements.map((s) => s.slice(0, 160)).join('\n'));
  assert.match(statements[0], /FROM "Session" s\s+LEFT JOIN "User" u/, 'the session and its user in one statement');
  assert.match(statements[1], /RankingCounter/);
});
