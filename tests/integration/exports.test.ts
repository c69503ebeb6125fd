// CSV/XLSX exports and the campaign summary report over HTTP on the demo campaign (period 1 verified).
// Top-level tests run in order: the campaign is ACTIVE first, then closed with a decision (awards), then published.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { parseCsv } from '../../src/lib/csv.ts';

let app: TestApp;
let campaignId: number;
let periodId: number;
let officer: Client;
let commander: Client;
let halong: Client;
let halongUnitId: number;

const RANKING_HEAD = ['rank', 'tied', 'unit_code', 'unit_name', 'total', 'class', 'class_name', 'percent', 'bonus', 'penalty', 'previous_rank', 'decided_by', 'scored_periods'];
const SCORE_HEAD = ['period_seq', 'period_name', 'unit_code', 'unit_name', 'group_code', 'group_title', 'criterion_code', 'criterion_title', 'criterion_kind', 'max_points', 'points', 'comment', 'self_points', 'self_comment', 'status', 'scored_by', 'scored_at', 'verified_by', 'verified_at'];

type Csv = { head: string[]; rows: Record<string, string>[]; raw: Buffer };

/** Download a CSV, check the BOM and the CRLF line ends, and parse it back into objects keyed by header. */
async function csv(client: Client, path: string): Promise<Csv> {
  const res = await client.getBytes(path);
  assert.equal(res.status, 200, `${path} answers 200`);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="[\w.-]+\.csv"$/);
  assert.deepEqual([...res.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
  const text = res.body.toString('utf8');
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  assert.equal(text.replace(/"[^"]*"/g, '').split('\n').length, text.replace(/"[^"]*"/g, '').split('\r\n').length, 'every line break outside quotes is CRLF');
  const parsed = parseCsv(text, ',');
  assert.ok(parsed.ok);
  const [head, ...body] = parsed.records.map((r) => r.fields);
  return { head, rows: body.map((f) => Object.fromEntries(head.map((h, i) => [h, f[i] ?? '']))), raw: res.body };
}

async function xlsx(client: Client, path: string) {
  const res = await client.getBytes(path);
  assert.equal(res.status, 200, `${path} answers 200`);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="[\w.-]+\.xlsx"$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return { ws, head: rows[0] as string[], rows: rows.slice(1) };
}

/** The ranking page's rows: unit id, rank, name and total as printed (Vietnamese number format). */
function pageRanking(html: string) {
  const body = html.match(/<table class="table rk-table">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr>\s*<td class="num rk-rank"><a href="\/campaigns\/\d+\/ranking\/(\d+)"[^>]*>(\d+)<\/a>[\s\S]*?<td><a [^>]*>([^<]+)<\/a>[\s\S]*?<td class="num"><strong>([^<]+)<\/strong>/g)].map((m) => ({
    unitId: Number(m[1]),
    rank: Number(m[2]),
    name: m[3].replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
    total: Number(m[4].replace(/\./g, '').replace(',', '.')),
  }));
}

before(async () => {
  app = await startTestApp();
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  campaignId = campaign.id;
  periodId = (await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 1 } })).id;
  halongUnitId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } })).id;
  officer = await app.as('officer');
  commander = await app.as('commander');
  halong = await app.as('halong');
});
after(() => app.close());

test('ranking.csv: BOM, CRLF, stable headers, and the same units in the same order with the same totals as the ranking page', async () => {
  const page = pageRanking((await officer.get(`/campaigns/${campaignId}/ranking`)).text);
  assert.equal(page.length, 15);
  const file = await csv(officer, `/campaigns/${campaignId}/ranking.csv`);
  const groups = await app.prisma.criteriaGroup.findMany({ where: { campaignId }, orderBy: { order: 'asc' } });
  assert.deepEqual(file.head, [...RANKING_HEAD, ...groups.map((g) => `group_${g.code}`), 'period_1']);
  assert.deepEqual(
    file.rows.map((r) => [Number(r.rank), r.unit_name, Math.round(Number(r.total) * 100) / 100]),
    page.map((p) => [p.rank, p.name, p.total]),
  );
  const units = await app.prisma.unit.findMany({ where: { id: { in: page.map((p) => p.unitId) } } });
  assert.deepEqual(file.rows.map((r) => r.unit_code), page.map((p) => units.find((u) => u.id === p.unitId)!.code));
  // Vietnamese text survives, classes come as codes with their official name, group points add up
  assert.ok(file.rows.some((r) => r.unit_name === 'Ban CHQS thành phố Hạ Long'));
  for (const r of file.rows) {
    assert.match(r.class, /^(XUAT_SAC|TOT|KHA|TRUNG_BINH|YEU)$/);
    assert.ok(['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu'].includes(r.class_name), r.class_name);
    assert.equal(r.period_1, r.total, 'one verified period: its total is the campaign total');
  }
  // the page in English links the same files; the file itself does not change with the language
  assert.match((await officer.get(`/campaigns/${campaignId}/ranking`)).text, new RegExp(`href="/campaigns/${campaignId}/ranking.csv"`));
});

test('ranking.xlsx opens with exceljs: sheet, headers, one row per unit, values as numbers matching the CSV', async () => {
  const file = await csv(officer, `/campaigns/${campaignId}/ranking.csv`);
  const book = await xlsx(officer, `/campaigns/${campaignId}/ranking.xlsx`);
  assert.equal(book.ws.name, 'ranking');
  assert.deepEqual(book.head, file.head);
  assert.equal(book.rows.length, 15);
  book.rows.forEach((row, i) => {
    assert.equal(row[0], Number(file.rows[i].rank));
    assert.equal(row[2], file.rows[i].unit_code);
    assert.equal(row[3], file.rows[i].unit_name);
    assert.equal(typeof row[4], 'number');
    assert.equal(row[4], Number(file.rows[i].total));
    assert.equal(row[5], file.rows[i].class);
  });
  assert.equal(book.ws.getRow(1).font?.bold, true);
});

test('scores.csv of the verified period has one row per stored score, with the official points', async () => {
  const count = await app.prisma.score.count({ where: { periodId } });
  assert.ok(count > 200);
  const file = await csv(officer, `/campaigns/${campaignId}/periods/${periodId}/scores.csv`);
  assert.deepEqual(file.head, SCORE_HEAD);
  assert.equal(file.rows.length, count);
  const sample = await app.prisma.score.findFirstOrThrow({ where: { periodId, unitId: halongUnitId, points: { gt: 0 } }, include: { criterion: true } });
  const row = file.rows.find((r) => r.unit_code === 'HALONG' && r.criterion_code === sample.criterion.code)!;
  assert.equal(Number(row.points), Number(sample.points));
  assert.equal(row.status, 'VERIFIED');
  assert.match(row.scored_at, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  // rows come unit by unit, in unit code order
  const codes = file.rows.map((r) => r.unit_code);
  assert.deepEqual([...new Set(codes)], [...new Set(codes)].sort());
  const book = await xlsx(officer, `/campaigns/${campaignId}/periods/${periodId}/scores.xlsx`);
  assert.equal(book.rows.length, count);
  assert.deepEqual(book.head, SCORE_HEAD);
});

test('a unit account: its own scores only, no ranking before publication, no pledges, awards or report exports', async () => {
  const own = await app.prisma.score.count({ where: { periodId, unitId: halongUnitId } });
  const file = await csv(halong, `/campaigns/${campaignId}/periods/${periodId}/scores.csv`);
  assert.equal(file.rows.length, own);
  assert.ok(file.rows.every((r) => r.unit_code === 'HALONG'));
  assert.ok(file.rows.some((r) => r.points !== ''), 'verified: official points shown');
  for (const path of ['ranking.csv', 'ranking.xlsx', 'pledges.csv', 'awards.xlsx', 'report']) {
    assert.equal((await halong.get(`/campaigns/${campaignId}/${path}`)).status, 403, path);
  }
});

test('anonymous visitors are sent to sign in; bad ids, formats and cross-campaign periods are 404, never 500', async () => {
  const anon = app.client();
  for (const path of [`/campaigns/${campaignId}/ranking.csv`, `/campaigns/${campaignId}/periods/${periodId}/scores.xlsx`, `/campaigns/${campaignId}/report`]) {
    const res = await anon.get(path);
    assert.equal(res.status, 303, path);
    assert.match(res.location ?? '', /^\/login\?next=/);
  }
  const other = await app.prisma.campaign.create({ data: { name: 'Phong trào khác', startDate: new Date('2022-01-01'), endDate: new Date('2022-12-31') } });
  const otherPeriod = await app.prisma.period.create({ data: { campaignId: other.id, seq: 1, name: 'Đợt 1', startDate: new Date('2022-01-01'), endDate: new Date('2022-06-30') } });
  for (const path of [
    '/campaigns/999999/ranking.csv',
    '/campaigns/abc/ranking.xlsx',
    `/campaigns/${campaignId}/ranking.pdf`,
    `/campaigns/${campaignId}/periods/999999/scores.csv`,
    `/campaigns/${campaignId}/periods/${otherPeriod.id}/scores.csv`,
    '/campaigns/999999/pledges.csv',
    '/campaigns/999999/awards.csv',
    '/campaigns/999999/report',
  ]) {
    assert.equal((await commander.get(path)).status, 404, path);
  }
});

test('pledges.csv: one row per target, a row for each unit without targets, statuses and target values', async () => {
  const pledges = await app.prisma.pledge.findMany({ where: { campaignId }, include: { _count: { select: { targets: true } }, unit: true } });
  const withTargets = pledges.filter((p) => p._count.targets > 0);
  const expected = withTargets.reduce((n, p) => n + p._count.targets, 0) + (15 - withTargets.length);
  const file = await csv(officer, `/campaigns/${campaignId}/pledges.csv`);
  assert.equal(file.rows.length, expected);
  const kcq = file.rows.filter((r) => r.unit_code === 'KCQ');
  assert.deepEqual(kcq.map((r) => [r.pledge_status, r.target_no, r.comparator, r.target_value]), [['APPROVED', '1', 'EQ', '100'], ['APPROVED', '2', 'GTE', '95'], ['APPROVED', '3', 'EQ', '0']]);
  assert.equal(kcq[0].registered_titles, 'BK_BQP_DV');
  assert.equal(kcq[0].signed_date, '2021-01-15');
  assert.equal(file.rows.find((r) => r.unit_code === 'COTO')?.pledge_status, 'NONE');
  const book = await xlsx(commander, `/campaigns/${campaignId}/pledges.xlsx`);
  assert.equal(book.rows.length, expected);
});

test('awards.csv/xlsx list proposal lines with their decision, award and revocation', async () => {
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  const titles = await app.prisma.campaignTitle.findMany({ where: { campaignId } });
  const bk = titles.find((t) => t.code === 'BK_BQP_DV')!;
  const kcq = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'KCQ' } });
  const proposal = await app.prisma.awardProposal.create({
    data: { campaignId, status: 'DECIDED', items: { create: [{ titleId: bk.id, unitId: kcq.id, reason: 'Hoàn thành xuất sắc' }, { titleId: bk.id, unitId: halongUnitId, reason: '=1+1 "đáng khen"' }] } },
  });
  await app.prisma.awardProposal.create({ data: { campaignId, status: 'DRAFT', items: { create: [{ titleId: bk.id, unitId: kcq.id }] } } });
  const decision = await app.prisma.awardDecision.create({ data: { campaignId, proposalId: proposal.id, number: '123/QĐ-BCH', date: new Date('2022-01-10'), signingAuthority: 'Bộ CHQS tỉnh Quảng Ninh' } });
  await app.prisma.award.createMany({ data: [{ decisionId: decision.id, campaignId, titleId: bk.id, unitId: kcq.id }, { decisionId: decision.id, campaignId, titleId: bk.id, unitId: halongUnitId }] });
  const revoked = await app.prisma.award.findFirstOrThrow({ where: { decisionId: decision.id, unitId: halongUnitId } });
  await app.prisma.awardRevocation.create({ data: { awardId: revoked.id, reason: 'Kê khai không trung thực', decisionNo: '200/QĐ-BCH' } });

  const file = await csv(officer, `/campaigns/${campaignId}/awards.csv`);
  assert.equal(file.rows.length, 3);
  const decided = file.rows.filter((r) => r.decision_number === '123/QĐ-BCH');
  assert.deepEqual(decided.map((r) => [r.unit_code, r.title_code, r.awarded, r.revoked, r.revocation_decision_no]), [['HALONG', 'BK_BQP_DV', '1', '1', '200/QĐ-BCH'], ['KCQ', 'BK_BQP_DV', '1', '0', '']]);
  assert.equal(decided[0].reason, `'=1+1 "đáng khen"`, 'a text that looks like a formula is defused; quotes survive');
  assert.equal(file.rows.find((r) => r.proposal_status === 'DRAFT')?.awarded, '0');
  const book = await xlsx(commander, `/campaigns/${campaignId}/awards.xlsx`);
  assert.equal(book.rows.length, 3);
  assert.equal(book.ws.name, 'awards');
  assert.ok(book.rows.some((r) => r[1] === 'DRAFT'));
  assert.equal((await halong.get(`/campaigns/${campaignId}/awards.csv`)).status, 403);
  assert.match((await officer.get(`/campaigns/${campaignId}/awards`)).text, new RegExp(`href="/campaigns/${campaignId}/awards.xlsx"`));
});

test('the report: campaign, participants, ranking in order, class distribution with its chart, awards with revoked ones marked, exemplars', async () => {
  const noExemplars = await commander.get(`/campaigns/${campaignId}/report`);
  assert.equal(noExemplars.status, 200);
  assert.match(noExemplars.text, /Chưa có điển hình nào được công bố/);
  const kcq = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'KCQ' } });
  await app.prisma.exemplar.create({ data: { campaignId, unitId: kcq.id, kind: 'GOOD_DEED', title: 'Cứu người trong lũ', description: 'Kịp thời cứu hai người dân.', published: true, publishedAt: new Date() } });
  await app.prisma.exemplar.create({ data: { campaignId, unitId: kcq.id, kind: 'GOOD_PRACTICE', title: 'Bản nháp chưa công bố', description: 'x' } });

  const res = await officer.get(`/campaigns/${campaignId}/report`);
  assert.equal(res.status, 200);
  const html = res.text;
  assert.match(html, /<h1 id="rp-title" class="doc-title">Báo cáo tổng kết phong trào thi đua<\/h1>/);
  assert.match(html, /Lập công dâng Đảng/);
  assert.match(html, /data-print/);
  assert.doesNotMatch(html, /<script>/);
  const units = await app.prisma.unit.findMany({ where: { campaigns: { some: { campaignId } } } });
  for (const u of units) assert.ok(html.includes(u.name), u.name);
  assert.match(html, /II\. Đơn vị tham gia \(15\)/);
  // ranking rows in the page's order
  const page = pageRanking((await officer.get(`/campaigns/${campaignId}/ranking`)).text);
  const order = [...html.matchAll(/<tr data-unit="(\w+)">/g)].map((m) => m[1]);
  assert.deepEqual(order, page.map((p) => units.find((u) => u.id === p.unitId)!.code));
  // class distribution: counts per class add up to 15, with the chart and its text alternative
  const file = await csv(officer, `/campaigns/${campaignId}/ranking.csv`);
  let sum = 0;
  for (const cls of ['XUAT_SAC', 'TOT', 'KHA', 'TRUNG_BINH', 'YEU']) {
    const n = file.rows.filter((r) => r.class === cls).length;
    sum += n;
    assert.match(html, new RegExp(`<tr data-class="${cls}"><th scope="row">[^<]+</th><td class="rp-num">${n}</td>`), cls);
  }
  assert.equal(sum, 15);
  assert.match(html, /<svg [^>]*class="chart chart-classes" role="img" aria-labelledby="rp-classes-title rp-classes-desc"/);
  assert.match(html, /<desc id="rp-classes-desc">Xuất sắc: \d+ đơn vị/);
  // awards: the decision, both awardees, the revoked one marked
  assert.match(html, /Quyết định số 123\/QĐ-BCH ngày 10\/01\/2022/);
  assert.match(html, /<tr class="rp-revoked">[\s\S]*?Ban CHQS thành phố Hạ Long[\s\S]*?Đã thu hồi[\s\S]*?Kê khai không trung thực/);
  // exemplars: the published one only
  assert.match(html, /Cứu người trong lũ/);
  assert.doesNotMatch(html, /Bản nháp chưa công bố/);
  // linked from the campaign page and the dashboard
  assert.match((await officer.get(`/campaigns/${campaignId}`)).text, new RegExp(`href="/campaigns/${campaignId}/report"`));
  assert.match((await commander.get(`/campaigns/${campaignId}/dashboard`)).text, new RegExp(`href="/campaigns/${campaignId}/report"`));
});

test('once published, a unit account may download the ranking, identical to what staff get and to its ranking page', async () => {
  await commander.get(`/campaigns/${campaignId}/ranking`);
  const pub = await commander.post(`/campaigns/${campaignId}/publish`, { confirm: '1' });
  assert.equal(pub.status, 303);
  const staff = await csv(commander, `/campaigns/${campaignId}/ranking.csv`);
  const unit = await csv(halong, `/campaigns/${campaignId}/ranking.csv`);
  assert.deepEqual(unit.raw, staff.raw);
  const page = pageRanking((await halong.get(`/campaigns/${campaignId}/ranking`)).text);
  assert.deepEqual(unit.rows.map((r) => [Number(r.rank), r.unit_name, Math.round(Number(r.total) * 100) / 100]), page.map((p) => [p.rank, p.name, p.total]));
  // the frozen ranking keeps the same columns
  const groups = await app.prisma.criteriaGroup.count({ where: { campaignId } });
  assert.equal(unit.head.length, RANKING_HEAD.length + groups + 1);
  assert.match((await commander.get(`/campaigns/${campaignId}/report`)).text, /kết quả công bố lúc/);
});
