// The rendered-page cache (src/web/page-cache.ts): a page is never older than the last write committed before it
// was asked for, whatever kind of thing the write changed, and one viewer's page never reaches another.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { pageCacheStats } from '../../src/web/page-cache.ts';

let app: TestApp;
let campaignId: number;
let halong: { id: number; name: string };

before(async () => {
  app = await startTestApp();
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  const user = await app.prisma.user.findUniqueOrThrow({ where: { username: 'halong' }, include: { unit: true } });
  halong = { id: user.unit!.id, name: user.unit!.name };
});
after(() => app.close());

let seq = 0;
const unique = (what: string) => `${what} ${process.pid}-${++seq}`;

/** GET `path` twice; the second must be a kept page (else nothing here tests the cache), equal to the first. */
async function viewKept(c: Client, path: string): Promise<string> {
  const first = await c.get(path);
  assert.equal(first.status, 200, path);
  const hits = pageCacheStats(app.prisma).hits;
  const again = await c.get(path);
  assert.equal(again.status, 200, path);
  assert.equal(pageCacheStats(app.prisma).hits, hits + 1, `${path}: the second view is served from the cache`);
  assert.equal(again.text, first.text, `${path}: the kept page is the page`);
  return again.text;
}

/** An individual registration in the campaign (the demo has none: one is made, with its person and title). */
async function aRegistration() {
  const found = await app.prisma.individualRegistration.findFirst({ where: { pledge: { campaignId } }, include: { pledge: true } });
  if (found) return found;
  const pledge = await app.prisma.pledge.findFirstOrThrow({ where: { campaignId }, orderBy: { id: 'asc' } });
  const person = await app.prisma.person.create({ data: { unitId: pledge.unitId, fullName: unique('Trần Văn Đăng Ký') } });
  const title = await app.prisma.campaignTitle.create({ data: { campaignId, code: `PC${seq}`, name: unique('Chiến sĩ thi đua'), scope: 'INDIVIDUAL' } });
  return app.prisma.individualRegistration.create({ data: { pledgeId: pledge.id, personId: person.id, titleId: title.id }, include: { pledge: true } });
}

async function counter() {
  return app.prisma.rankingCounter.findUniqueOrThrow({ where: { campaignId } });
}

test('the command dashboard shows each kind of change made after a view (units, clusters, inspections, pledges, scores)', async () => {
  const c = await app.as('commander');
  const path = `/campaigns/${campaignId}/dashboard`;

  await viewKept(c, path);
  const unitName = unique('Đơn vị đổi tên');
  await app.prisma.unit.update({ where: { id: halong.id }, data: { name: unitName } });
  assert.match((await c.get(path)).text, new RegExp(unitName));

  await viewKept(c, path);
  const cluster = await app.prisma.cluster.findFirstOrThrow({ where: { members: { some: { unitId: halong.id } } } });
  const clusterName = unique('Cụm đổi tên');
  await app.prisma.cluster.update({ where: { id: cluster.id }, data: { name: clusterName } });
  assert.match((await c.get(path)).text, new RegExp(clusterName));

  await viewKept(c, path);
  const findings = unique('Phát hiện mới');
  await app.prisma.inspection.create({ data: { campaignId, unitId: halong.id, date: new Date('2099-01-01'), inspectors: 'Tổ kiểm tra', findings } });
  assert.match((await c.get(path)).text, new RegExp(findings));

  const pledgeStat = (html: string) => html.match(/<span class="stat-value">(\d+)\/\d+<\/span><span class="stat-label">bản đăng ký đã duyệt</)![1];
  const before = pledgeStat(await viewKept(c, path));
  const pledge = await app.prisma.pledge.findFirstOrThrow({ where: { campaignId, status: 'APPROVED' } });
  await app.prisma.pledge.update({ where: { id: pledge.id }, data: { status: 'RETURNED' } });
  assert.equal(pledgeStat((await c.get(path)).text), String(Number(before) - 1), 'one approved pledge fewer');

  // a verified score: the unit's total on the dashboard's ranking changes
  const total = (html: string) => html.match(new RegExp(`${unitName}<[\\s\\S]*?<td class="num dash-total">([^<]+)</td>`))![1];
  const was = total(await viewKept(c, path));
  const verified = await app.prisma.assessment.findFirstOrThrow({ where: { unitId: halong.id, status: 'VERIFIED', period: { campaignId } } });
  const score = await app.prisma.score.findFirstOrThrow({ where: { unitId: halong.id, periodId: verified.periodId, points: { gt: 1 }, criterion: { kind: 'NORMAL' } } });
  await app.prisma.score.update({ where: { id: score.id }, data: { points: { decrement: 1 } } });
  assert.notEqual(total((await c.get(path)).text), was, 'the total moved with the score');
});

test('a unit dashboard shows a new score comment, a renamed person and a renamed title after a view', async () => {
  const reg = await aRegistration();
  const unitId = reg.pledge.unitId;
  const c = await app.as((await app.prisma.user.findFirstOrThrow({ where: { role: 'UNIT', unitId } })).username);
  const score = await app.prisma.score.findFirstOrThrow({ where: { unitId, campaignId } });
  const path = `/campaigns/${campaignId}/my-unit?period=${score.periodId}`;

  await viewKept(c, path);
  const comment = unique('Nhận xét mới');
  await app.prisma.score.update({ where: { id: score.id }, data: { comment } });
  assert.match((await c.get(path)).text, new RegExp(comment));

  await viewKept(c, path);
  const person = unique('Nguyễn Văn Mới');
  await app.prisma.person.update({ where: { id: reg.personId }, data: { fullName: person } });
  assert.match((await c.get(path)).text, new RegExp(person));

  await viewKept(c, path);
  const title = unique('Danh hiệu đổi tên');
  await app.prisma.campaignTitle.update({ where: { id: reg.titleId }, data: { name: title } });
  assert.match((await c.get(path)).text, new RegExp(title));
});

test('the ranking page shows a renamed campaign after a view', async () => {
  const c = await app.as('commander');
  const path = `/campaigns/${campaignId}/ranking`;
  await viewKept(c, path);
  const name = unique('Phong trào đổi tên');
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { name } });
  assert.match((await c.get(path)).text, new RegExp(name));
});

test('every table the dashboards show beside the ranking moves the page signal and leaves the ranking cached', async () => {
  const cases: [string, string][] = [
    ['Pledge', `UPDATE "Pledge" SET "status" = "status" WHERE "campaignId" = $1`],
    ['PledgeTarget', `UPDATE "PledgeTarget" t SET "order" = t."order" FROM "Pledge" p WHERE p.id = t."pledgeId" AND p."campaignId" = $1`],
    ['TargetProgress', `INSERT INTO "TargetProgress" ("targetId", "periodId", "valueReached", "updatedAt")
      SELECT t.id, per.id, 1, now() FROM "PledgeTarget" t JOIN "Pledge" p ON p.id = t."pledgeId" JOIN "Period" per ON per."campaignId" = p."campaignId"
      WHERE p."campaignId" = $1 ORDER BY t.id, per.id LIMIT 1 ON CONFLICT DO NOTHING`],
    ['Inspection', `UPDATE "Inspection" SET "findings" = "findings" WHERE "campaignId" = $1`],
    ['Cluster', `UPDATE "Cluster" c SET "name" = c."name" WHERE EXISTS (SELECT 1 FROM "ClusterMember" m JOIN "CampaignUnit" cu ON cu."unitId" = m."unitId" WHERE m."clusterId" = c.id AND cu."campaignId" = $1)`],
    ['ClusterMember', `UPDATE "ClusterMember" m SET "unitId" = m."unitId" FROM "CampaignUnit" cu WHERE cu."unitId" = m."unitId" AND cu."campaignId" = $1`],
    ['IndividualRegistration', `UPDATE "IndividualRegistration" r SET "commitment" = r."commitment" FROM "Pledge" p WHERE p.id = r."pledgeId" AND p."campaignId" = $1`],
    ['Person', `UPDATE "Person" r SET "fullName" = r."fullName" FROM "CampaignUnit" cu WHERE cu."unitId" = r."unitId" AND cu."campaignId" = $1`],
    ['CampaignTitle', `UPDATE "CampaignTitle" SET "name" = "name" WHERE "campaignId" = $1`],
    ['Unit (a parent of participants)', `UPDATE "Unit" u SET "name" = u."name" WHERE u.id IN (SELECT c."parentId" FROM "Unit" c JOIN "CampaignUnit" cu ON cu."unitId" = c.id WHERE cu."campaignId" = $1) AND u.id NOT IN (SELECT "unitId" FROM "CampaignUnit" WHERE "campaignId" = $1)`],
  ];
  await aRegistration();
  if (!(await app.prisma.inspection.count({ where: { campaignId } }))) {
    await app.prisma.inspection.create({ data: { campaignId, unitId: halong.id, date: new Date('2099-01-02'), inspectors: 'Tổ kiểm tra', findings: 'Ghi chép' } });
  }
  for (const [table, sql] of cases) {
    const was = await counter();
    const rows = await app.prisma.$executeRawUnsafe(sql, campaignId);
    assert.ok(rows > 0, `${table}: the demo campaign has rows to write`);
    const now = await counter();
    assert.equal(now.pages, was.pages + 1n, `${table}: the page signal moved`);
    assert.equal(now.n, was.n, `${table}: the ranking's signal stood still`);
  }
});

/** Every CSRF token a page carries (the header's forms and the page's own). */
const tokens = (html: string) => [...html.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]);

test('two viewers of one kept page each get their own name, language and CSRF token', async () => {
  // two staff accounts on the same dashboard URL, one in English: the body is shared by role only
  const commander = await app.as('commander');
  const admin = await app.as('admin');
  await admin.post('/lang', { locale: 'en', next: '/' });
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  for (const path of [`/campaigns/${campaignId}/ranking`, `/campaigns/${campaignId}/dashboard`]) {
    const rendered: string[] = [];
    for (let round = 0; round < 2; round++) {
      const hits = pageCacheStats(app.prisma).hits;
      const a = await commander.get(path);
      const b = await admin.get(path);
      assert.equal(a.status, 200);
      assert.equal(b.status, 200);
      // the second round is served from the kept body's bytes: the same page, byte for byte, and still HTML in UTF-8
      if (round === 1) {
        assert.equal(pageCacheStats(app.prisma).hits, hits + 2, `${path}: both served kept`);
        assert.equal(a.text, rendered[0]);
        assert.equal(b.text, rendered[1]);
      } else rendered.push(a.text, b.text);
      for (const r of [a, b]) assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.match(a.text, /<html lang="vi">/);
      assert.match(b.text, /<html lang="en">/);
      assert.match(a.text, /Đại tá Trần Quốc Hưng/);
      assert.doesNotMatch(a.text, /Quản trị hệ thống/);
      assert.match(b.text, /Quản trị hệ thống/);
      assert.doesNotMatch(b.text, /Đại tá Trần Quốc Hưng/);
      const [ta, tb] = [tokens(a.text), tokens(b.text)];
      assert.ok(ta.length >= 2 && tb.length >= 2);
      assert.equal(new Set(ta).size, 1, 'one token on the commander’s page');
      assert.equal(new Set(tb).size, 1, 'one token on the admin’s page');
      assert.notEqual(ta[0], tb[0]);
      if (path.endsWith('/ranking')) assert.match(a.text, /action="\/campaigns\/\d+\/publish"/, 'the publish form, with its token, is in the kept body');
    }
  }
  // a unit account of another unit: its own dashboard, never halong's
  const other = await app.prisma.user.findFirstOrThrow({ where: { role: 'UNIT', unitId: { not: halong.id }, unit: { campaigns: { some: { campaignId } } } }, include: { unit: true } });
  const mine = await app.as('halong');
  const theirs = await app.as(other.username);
  for (let round = 0; round < 2; round++) {
    const a = await mine.get(`/campaigns/${campaignId}/my-unit`);
    const b = await theirs.get(`/campaigns/${campaignId}/my-unit`);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.notEqual(tokens(a.text)[0], tokens(b.text)[0]);
    assert.match(b.text, new RegExp(other.unit!.name));
    // each sees the other's page as forbidden, kept or not
    assert.equal((await theirs.get(`/campaigns/${campaignId}/units/${halong.id}`)).status, 403);
  }
});

test('a body kept under an older signal is dropped once the same page is kept under a newer one', async () => {
  const c = await app.as('commander');
  const path = `/campaigns/${campaignId}/dashboard`;
  await viewKept(c, path);
  const kept = pageCacheStats(app.prisma).entries;
  for (let i = 0; i < 3; i++) {
    await app.prisma.inspection.create({ data: { campaignId, unitId: halong.id, date: new Date('2099-02-01'), inspectors: 'Tổ kiểm tra', findings: unique('Lần') } });
    await viewKept(c, path);
    assert.equal(pageCacheStats(app.prisma).entries, kept, 'one body for the page, not one per signal');
  }
});
