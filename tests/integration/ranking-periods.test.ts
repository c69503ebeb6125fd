// Every unit is counted over the same periods (issue 10 item 8), over HTTP on the demo campaign (period 1 verified
// for every unit, all periods open). Top-level tests run in order; each puts the data back as it found it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { parseCsv } from '../../src/lib/csv.ts';

let app: TestApp;
let campaignId: number;
let p1: { id: number; name: string };
let p2: { id: number; name: string };
let officerId: number;
let periodMax: number;

before(async () => {
  app = await startTestApp();
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  p1 = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 1 } });
  p2 = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 2 } });
  officerId = (await app.prisma.user.findUniqueOrThrow({ where: { username: 'officer' } })).id;
  const normal = await app.prisma.criterion.findMany({ where: { campaignId, kind: 'NORMAL' } });
  periodMax = normal.reduce((s, c) => s + Number(c.maxPoints) * Number(c.weight), 0);
});
after(() => app.close());

const viNum = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

type Row = { rank: number; unitId: number; name: string; total: number; klass: string; note: string };
/** The ranking table's rows: rank, unit, total, class and the notes under the unit's name. */
function tableRows(html: string): Row[] {
  const body = html.split('<tbody>')[1].split('</tbody>')[0];
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, tr]) => ({
    rank: Number(/rk-rank"><a [^>]*>(\d+)<\/a>/.exec(tr)![1]),
    unitId: Number(/\/ranking\/(\d+)">/.exec(tr)![1]),
    name: /<td><a href="[^"]+">([^<]+)<\/a>/.exec(tr)![1],
    total: viNum(/<td class="num"><strong>([^<]+)<\/strong>/.exec(tr)![1]),
    klass: /rk-class-\w+">([^<]+)</.exec(tr)![1],
    note: text(/<td><a [\s\S]*?<\/td>/.exec(tr)![0]),
  }));
}

async function csvRows(c: Client): Promise<Record<string, string>[]> {
  const res = await c.getBytes(`/campaigns/${campaignId}/ranking.csv`);
  assert.equal(res.status, 200);
  const parsed = parseCsv(res.body.toString('utf8'), ',');
  assert.ok(parsed.ok);
  const [head, ...body] = parsed.records.map((r) => r.fields);
  return body.map((f) => Object.fromEntries(head.map((h, i) => [h, f[i] ?? ''])));
}

/** Verify period 2 for these units: `points(max)` per normal criterion (bonus and penalty left empty). */
async function verifyPeriod2(unitIds: number[], points: (max: number) => number) {
  const criteria = await app.prisma.criterion.findMany({ where: { campaignId, kind: 'NORMAL' } });
  await app.prisma.score.createMany({ data: unitIds.flatMap((unitId) => criteria.map((c) => ({ campaignId, periodId: p2.id, unitId, criterionId: c.id, points: points(Number(c.maxPoints)), scoredById: officerId }))) });
  await app.prisma.assessment.createMany({ data: unitIds.map((unitId) => ({ periodId: p2.id, unitId, status: 'VERIFIED' as const, verifiedById: officerId, verifiedAt: new Date() })) });
}

async function clearPeriod2() {
  await app.prisma.score.deleteMany({ where: { periodId: p2.id } });
  await app.prisma.assessment.deleteMany({ where: { periodId: p2.id } });
}

/** The class the demo's thresholds give to a percent (no penalties in the demo's period 1). */
function classOf(pct: number): string {
  return pct >= 90 - 1e-9 ? 'Xuất sắc' : pct >= 80 - 1e-9 ? 'Tốt' : pct >= 65 - 1e-9 ? 'Khá' : pct >= 50 - 1e-9 ? 'Trung bình' : 'Yếu';
}

test('the ranking page states which periods count, in Vietnamese and English', async () => {
  const c = await app.as('commander');
  const vi = await c.get(`/campaigns/${campaignId}/ranking`);
  assert.equal(vi.status, 200);
  assert.match(text(vi.text), /Các kỳ được tính Chưa có kỳ nào được khóa\. Bảng xếp hạng tạm tính trên các kỳ mà mọi đơn vị đã được thẩm định: Kỳ 1 \(tháng 1–2\/2021\)\./);
  assert.match(text(vi.text), /kỳ được tính mà đơn vị chưa được thẩm định thì tính 0 điểm/);
  await c.post('/lang', { locale: 'en' });
  const en = await c.get(`/campaigns/${campaignId}/ranking`);
  assert.match(text(en.text), /Which periods count No period is closed yet\. Provisional standing over the periods every unit has been verified in: Period 1 \(months 1–2\/2021\)\./);
  await c.post('/lang', { locale: 'vi' });
});

test('a unit verified early in an open period does not jump ahead: its points there are provisional', async () => {
  const c = await app.as('commander');
  const before = tableRows((await c.get(`/campaigns/${campaignId}/ranking`)).text);
  const last = before[before.length - 1];
  await verifyPeriod2([last.unitId], (max) => max); // full marks in period 2, still open
  try {
    const res = await c.get(`/campaigns/${campaignId}/ranking`);
    const rows = tableRows(res.text);
    assert.deepEqual(rows.map((r) => [r.unitId, r.rank, r.total, r.klass]), before.map((r) => [r.unitId, r.rank, r.total, r.klass]), 'nothing moves');
    // the provisional figures are shown apart, labelled as such
    const section = res.text.split('id="rk-provisional"')[1].split('</section>')[0];
    assert.match(section, /Kỳ 2 \(tháng 3–4\/2021\) \(tạm tính\)/);
    assert.match(text(section), new RegExp(`${last.name} ${periodMax.toLocaleString('vi-VN')}`));
    assert.match(text(res.text), /Điểm đã thẩm định trong các kỳ chưa khóa \(Kỳ 2 \(tháng 3–4\/2021\)\) là tạm tính/);
    // the export agrees: same total, the provisional points in their own column
    const csv = await csvRows(c);
    const mine = csv.find((r) => r.unit_code && Number(r.rank) === last.rank && r.unit_name === last.name)!;
    assert.equal(Number(mine.total), last.total);
    assert.equal(Number(mine.provisional_2), periodMax);
    assert.equal(mine.period_2, undefined, 'period 2 is not a counted period');

    // once period 1 is closed the standing is official over it; period 2 stays provisional
    const officer = await app.as('officer');
    const closed = await officer.post(`/campaigns/${campaignId}/periods/${p1.id}/close`);
    assert.equal(closed.status, 303);
    const official = await c.get(`/campaigns/${campaignId}/ranking`);
    assert.match(text(official.text), /Mọi đơn vị được tính trên cùng các kỳ, là các kỳ đã khóa: Kỳ 1 \(tháng 1–2\/2021\)\./);
    assert.deepEqual(tableRows(official.text).map((r) => [r.unitId, r.rank, r.total]), before.map((r) => [r.unitId, r.rank, r.total]));
    assert.match(official.text, /id="rk-provisional"/);
  } finally {
    await clearPeriod2();
    await app.prisma.period.update({ where: { id: p1.id }, data: { status: 'OPEN', closedAt: null, closedById: null } });
  }
});

test('a unit missing a closed period gets 0 for it; its class, the export, the dashboard and the published result agree (Bình Liêu)', async () => {
  const c = await app.as('commander');
  const before = tableRows((await c.get(`/campaigns/${campaignId}/ranking`)).text);
  const binhLieu = before.find((r) => r.name === 'Ban CHQS huyện Bình Liêu')!;
  // every other unit is verified in period 2 with its period-1 points; Bình Liêu is not
  const p1Scores = await app.prisma.score.findMany({ where: { periodId: p1.id, points: { not: null } } });
  const others = before.filter((r) => r.unitId !== binhLieu.unitId).map((r) => r.unitId);
  await app.prisma.score.createMany({ data: p1Scores.filter((s) => others.includes(s.unitId)).map((s) => ({ campaignId, periodId: p2.id, unitId: s.unitId, criterionId: s.criterionId, points: s.points, scoredById: officerId })) });
  await app.prisma.assessment.createMany({ data: others.map((unitId) => ({ periodId: p2.id, unitId, status: 'VERIFIED' as const })) });
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  try {
    const res = await c.get(`/campaigns/${campaignId}/ranking`);
    assert.match(text(res.text), /các kỳ đã khóa: Kỳ 1 \(tháng 1–2\/2021\), Kỳ 2 \(tháng 3–4\/2021\)\./);
    const rows = tableRows(res.text);
    const bl = rows.find((r) => r.unitId === binhLieu.unitId)!;
    assert.equal(bl.total, binhLieu.total, 'period 2 adds 0');
    assert.equal(bl.klass, classOf((binhLieu.total / (2 * periodMax)) * 100), 'the class reads both periods, the missing one as 0');
    assert.notEqual(bl.klass, binhLieu.klass, 'the class it had over period 1 alone no longer stands');
    assert.match(bl.note, /Chưa thẩm định Kỳ 2 \(tháng 3–4\/2021\): tính 0 điểm/);
    assert.equal(bl.rank, rows.length, 'last: it has half the points of anyone with the same period 1');
    for (const r of rows.filter((x) => x.unitId !== binhLieu.unitId)) {
      const was = before.find((x) => x.unitId === r.unitId)!;
      assert.ok(Math.abs(r.total - 2 * was.total) < 0.011, `${r.name}: both periods count`);
      assert.equal(r.klass, was.klass, `${r.name}: the same score twice keeps its class`);
    }
    // the export: the same totals, classes and order as the page, and the missing period named
    const csv = await csvRows(c);
    assert.deepEqual(csv.map((r) => [Number(r.rank), r.unit_name, Number(r.total)]), rows.map((r) => [r.rank, r.name, r.total]));
    const blCsv = csv.find((r) => r.unit_name === binhLieu.name)!;
    assert.equal(blCsv.missing_periods, '2');
    assert.equal(blCsv.class_name, bl.klass);
    assert.equal(blCsv.period_2, '');
    // the command dashboard names the missing period too
    const dash = await c.get(`/campaigns/${campaignId}/dashboard`);
    assert.match(text(dash.text), /Bình Liêu Chưa thẩm định Kỳ 2 \(tháng 3–4\/2021\): tính 0 điểm/);
    // publication freezes the same standing
    const published = await c.post(`/campaigns/${campaignId}/publish`, { confirm: '1' });
    assert.equal(published.status, 303);
    const result = await app.prisma.campaignResult.findUniqueOrThrow({ where: { campaignId_unitId: { campaignId, unitId: binhLieu.unitId } } });
    assert.equal(Number(result.total), binhLieu.total);
    assert.equal(result.rank, bl.rank);
    const frozen = tableRows((await c.get(`/campaigns/${campaignId}/ranking`)).text);
    assert.deepEqual(frozen.map((r) => [r.unitId, r.rank, r.total, r.klass]), rows.map((r) => [r.unitId, r.rank, r.total, r.klass]));
  } finally {
    await app.prisma.campaignResult.deleteMany({ where: { campaignId } });
    await app.prisma.campaignStatusChange.deleteMany({ where: { campaignId, toStatus: 'PUBLISHED' } });
    await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'ACTIVE' } });
    await clearPeriod2();
  }
});
