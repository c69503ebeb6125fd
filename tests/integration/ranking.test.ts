// Ranking, breakdown, publication and honour board over HTTP on the demo campaign (period 1 verified).
// Top-level tests run in order: everything before "publishing" sees an unpublished campaign.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { cloneTestDatabase } from '../helpers/db.ts';
import { cachedCampaignStandings, campaignStandings } from '../../src/ranking/service.ts';

let app: TestApp;
let campaignId: number;
before(async () => {
  app = await startTestApp();
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
});
after(() => app.close());

type Expected = { unitId: number; name: string; total: number; b: number; penalty: number; rank: number; klass: string };

/** The demo ranking recomputed here from the database rows, independently of src/lib/ranking.ts. */
async function expectedRanking(): Promise<Expected[]> {
  const p = app.prisma;
  const criteria = await p.criterion.findMany({ where: { campaignId }, include: { group: true } });
  const verified = await p.assessment.findMany({ where: { status: 'VERIFIED', period: { campaignId, seq: 1 } } });
  const scores = await p.score.findMany({ where: { campaignId, period: { seq: 1 }, points: { not: null } } });
  const units = await p.campaignUnit.findMany({ where: { campaignId }, include: { unit: true } });
  const rows = units.map(({ unit }) => {
    let total = 0, b = 0, penalty = 0, penaltyK = 0;
    for (const s of scores.filter((x) => x.unitId === unit.id && verified.some((v) => v.unitId === unit.id && v.periodId === x.periodId))) {
      const c = criteria.find((x) => x.id === s.criterionId)!;
      const pts = Math.min(Number(s.points), Number(c.maxPoints));
      if (c.kind === 'NORMAL') total += pts * Number(c.weight);
      if (c.kind === 'BONUS') total += pts;
      if (c.kind === 'PENALTY') { total -= pts; penalty += pts; if (c.group.code === 'K') penaltyK += pts; }
      if (c.group.code === 'B') b += pts * Number(c.weight);
    }
    const max = criteria.filter((c) => c.kind === 'NORMAL').reduce((s, c) => s + Number(c.maxPoints) * Number(c.weight), 0);
    const pct = (total / max) * 100;
    const klass = pct >= 90 && penaltyK === 0 ? 'Xuất sắc' : pct >= 80 ? 'Tốt' : pct >= 65 ? 'Khá' : pct >= 50 ? 'Trung bình' : 'Yếu';
    return { unitId: unit.id, name: unit.name, total: Math.round(total * 100) / 100, b: Math.round(b * 100) / 100, penalty, rank: 0, klass };
  });
  // the demo chain: total, then group B, then fewer penalties (latest period = the only period, equal to the total)
  const cmp = (x: Expected, y: Expected) => y.total - x.total || y.b - x.b || x.penalty - y.penalty;
  rows.sort(cmp);
  rows.forEach((r, i) => (r.rank = i > 0 && cmp(rows[i - 1], r) === 0 ? rows[i - 1].rank : i + 1));
  return rows;
}

const viNum = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));

/** rank, unit id, unit name and total of each row of the ranking table */
function tableRows(html: string) {
  const body = html.split('<tbody>')[1].split('</tbody>')[0];
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, tr]) => {
    const rank = Number(/rk-rank"><a [^>]*>(\d+)<\/a>/.exec(tr)![1]);
    const [, unitId, name] = /<td><a href="\/campaigns\/\d+\/ranking\/(\d+)">([^<]+)<\/a>/.exec(tr)!;
    const total = viNum(/<td class="num"><strong>([^<]+)<\/strong>/.exec(tr)![1]);
    const klass = /rk-class-\w+">([^<]+)</.exec(tr)![1];
    return { rank, unitId: Number(unitId), name, total, klass };
  });
}

test('the commander’s ranking page matches the ranking recomputed from the verified scores', async () => {
  const expected = await expectedRanking();
  const c = await app.as('commander');
  const res = await c.get(`/campaigns/${campaignId}/ranking`);
  assert.equal(res.status, 200);
  const rows = tableRows(res.text);
  assert.equal(rows.length, 15);
  assert.deepEqual(
    rows.map((r) => [r.rank, r.unitId, r.total, r.klass]),
    expected.map((e) => [e.rank, e.unitId, e.total, e.klass]),
  );
  // the tie-break chain is published in words
  assert.match(res.text, /Tổng điểm nhóm B \(Huấn luyện, sẵn sàng chiến đấu\) cao hơn/);
  assert.match(res.text, /Ít điểm trừ hơn/);
  assert.match(res.text, /Điểm kỳ chấm gần nhất cao hơn/);
  assert.match(res.text, /Xuất sắc: từ 90% trở lên/);
  assert.doesNotMatch(res.text, /chuẩn hóa điểm theo người chấm/, 'no normalisation note while it is off');
});

test('officers and admins see the ranking too; the English page translates it', async () => {
  for (const who of ['officer', 'admin']) assert.equal((await (await app.as(who)).get(`/campaigns/${campaignId}/ranking`)).status, 200, who);
  const c = await app.as('commander');
  await c.post('/lang', { locale: 'en' });
  const res = await c.get(`/campaigns/${campaignId}/ranking`);
  assert.match(res.text, /<html lang="en">/);
  assert.match(res.text, /More points in group B/);
  assert.match(res.text, /Fewer penalty points/);
  assert.match(res.text, /Excellent/);
  // the generated period names too, in the basis sentences and the missing-period notes
  assert.match(res.text, /<p>[^<]*Period 1 \(/);
  assert.doesNotMatch(res.text, /Kỳ \d/);
  await c.post('/lang', { locale: 'vi' });
});

test('a tied pair is separated by the tie-break, and the breakdown says which', async () => {
  const expected = await expectedRanking();
  const tied = expected.find((e, i) => i > 0 && expected[i - 1].total === e.total && expected[i - 1].rank !== e.rank);
  assert.ok(tied, 'the demo data holds two units with equal totals');
  const above = expected[expected.indexOf(tied) - 1];
  const c = await app.as('commander');
  const res = await c.get(`/campaigns/${campaignId}/ranking/${tied.unitId}`);
  assert.equal(res.status, 200);
  assert.match(res.text, new RegExp(`Bằng tổng điểm với ${above.name} \\(xếp trên\\) và xếp sau do tiêu chí phụ: Tổng điểm nhóm B`));
  const aboveRes = await c.get(`/campaigns/${campaignId}/ranking/${above.unitId}`);
  assert.match(aboveRes.text, new RegExp(`Bằng tổng điểm với ${tied.name} \\(xếp dưới\\) và xếp trên`));
});

test('the breakdown shows points by group and criterion, bonus, penalty and period totals', async () => {
  const unit = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'KCQ' } });
  const scores = await app.prisma.score.findMany({ where: { campaignId, unitId: unit.id, period: { seq: 1 } }, include: { criterion: true } });
  const c = await app.as('officer');
  const res = await c.get(`/campaigns/${campaignId}/ranking/${unit.id}`);
  assert.equal(res.status, 200);
  const b1 = scores.find((s) => s.criterion.code === 'B1')!;
  assert.match(res.text, new RegExp(`<code>B1</code></td><td>${b1.criterion.title}</td><td class="num">${String(Number(b1.points)).replace('.', ',')}</td>`));
  const penalty = scores.filter((s) => s.criterion.kind === 'PENALTY').reduce((s, x) => s + Number(x.points), 0);
  assert.match(res.text, new RegExp(`Điểm trừ</dt><dd>−${String(penalty).replace('.', ',')}</dd>`));
  assert.match(res.text, /Kỳ 1 \(tháng 1–2\/2021\)/);
  assert.match(res.text, /Cộng nhóm A/);
  assert.match(res.text, /Điểm thưởng/);
});

test('bad or unknown ids on the ranking pages give 404, not 500', async () => {
  const c = await app.as('commander');
  assert.equal((await c.get('/campaigns/abc/ranking')).status, 404);
  assert.equal((await c.get('/campaigns/999999/ranking')).status, 404);
  assert.equal((await c.get(`/campaigns/${campaignId}/ranking/999999`)).status, 404);
  assert.equal((await c.get(`/campaigns/${campaignId}/ranking/x1`)).status, 404);
});

test('a unit user cannot see the ranking, a breakdown or the honour board before publication', async () => {
  const c = await app.as('halong');
  const page = await c.get(`/campaigns/${campaignId}/ranking`);
  assert.equal(page.status, 403);
  assert.doesNotMatch(page.text, /Móng Cái/);
  const other = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'MONGCAI' } });
  assert.equal((await c.get(`/campaigns/${campaignId}/ranking/${other.id}`)).status, 403);
  assert.equal((await c.get(`/campaigns/${campaignId}/honour-board`)).status, 404);
  assert.equal((await (await app.as('commander')).get(`/campaigns/${campaignId}/honour-board`)).status, 404);
});

test('the page says so when normalisation is on', async () => {
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { normalize: true } });
  try {
    const res = await (await app.as('commander')).get(`/campaigns/${campaignId}/ranking`);
    assert.equal(res.status, 200);
    assert.match(res.text, /Đã bật chuẩn hóa điểm theo người chấm/);
  } finally {
    await app.prisma.campaign.update({ where: { id: campaignId }, data: { normalize: false } });
  }
});

test('the change since the last period is shown with arrows and a text alternative', async () => {
  // verify period 2 for every unit: the leader scores nothing in B1, everyone else full marks
  const p2 = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 2 } });
  const b1 = await app.prisma.criterion.findFirstOrThrow({ where: { campaignId, code: 'B1' } });
  const expected = await expectedRanking();
  const officer = await app.prisma.user.findUniqueOrThrow({ where: { username: 'officer' } });
  await app.prisma.score.createMany({ data: expected.map((e, i) => ({ campaignId, periodId: p2.id, unitId: e.unitId, criterionId: b1.id, points: i === 0 ? 0 : 12, scoredById: officer.id })) });
  await app.prisma.assessment.createMany({ data: expected.map((e) => ({ periodId: p2.id, unitId: e.unitId, status: 'VERIFIED' as const })) });
  const res = await (await app.as('commander')).get(`/campaigns/${campaignId}/ranking`);
  const first = expected[0];
  const s = await campaignStandings(app.prisma, campaignId);
  const mover = s.standings.find((u) => u.unitId === first.unitId)!;
  assert.equal(mover.previousRank, 1);
  assert.ok(mover.rank > 1);
  assert.match(res.text, new RegExp(`▼ ${mover.rank - 1}</span><span class="sr-only">Giảm ${mover.rank - 1} bậc so với kỳ trước`));
  assert.match(res.text, /▲ \d+<\/span><span class="sr-only">Tăng \d+ bậc so với kỳ trước/);
  assert.match(res.text, /Tổng điểm là tổng điểm các kỳ được tính: Kỳ 1 \(tháng 1–2\/2021\), Kỳ 2/);
});

test('publishing needs results.publish and a closed campaign; nothing is written otherwise', async () => {
  const officer = await app.as('officer');
  assert.equal((await officer.post(`/campaigns/${campaignId}/publish`, { confirm: '1' })).status, 403);
  const cmd = await app.as('commander');
  await cmd.get(`/campaigns/${campaignId}/ranking`);
  const active = await cmd.post(`/campaigns/${campaignId}/publish`, { confirm: '1' });
  assert.equal(active.status, 422);
  assert.match(active.text, /Chỉ công bố được kết quả khi phong trào đã kết thúc/);
  assert.equal((await app.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status, 'ACTIVE');
  assert.equal(await app.prisma.campaignResult.count({ where: { campaignId } }), 0);

  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  const page = await cmd.get(`/campaigns/${campaignId}/ranking`);
  assert.match(page.text, /action="\/campaigns\/\d+\/publish"/);
  const unticked = await cmd.post(`/campaigns/${campaignId}/publish`, {});
  assert.equal(unticked.status, 400);
  assert.match(unticked.text, /Vui lòng đánh dấu xác nhận trước khi công bố/);
  assert.equal((await app.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status, 'CLOSED');
  assert.equal(await app.prisma.campaignResult.count({ where: { campaignId } }), 0);
});

test('publishing freezes the results: later score changes do not change the published ranking', async () => {
  const cmd = await app.as('commander');
  const before = await cmd.get(`/campaigns/${campaignId}/ranking`);
  const live = await campaignStandings(app.prisma, campaignId);
  const res = await cmd.post(`/campaigns/${campaignId}/publish`, { confirm: '1' });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/campaigns/${campaignId}/ranking`);

  const campaign = await app.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  assert.equal(campaign.status, 'PUBLISHED');
  const results = await app.prisma.campaignResult.findMany({ where: { campaignId } });
  assert.equal(results.length, 15);
  for (const u of live.standings) {
    const r = results.find((x) => x.unitId === u.unitId)!;
    assert.deepEqual([r.rank, Number(r.total), r.class], [u.rank, u.total, u.class]);
  }
  const commander = await app.prisma.user.findUniqueOrThrow({ where: { username: 'commander' } });
  assert.equal(await app.prisma.campaignStatusChange.count({ where: { campaignId, toStatus: 'PUBLISHED', fromStatus: 'CLOSED', byId: commander.id } }), 1);
  assert.equal(await app.prisma.auditLog.count({ where: { campaignId, action: 'campaign.publish', userId: commander.id } }), 1);

  const published = await cmd.get(`/campaigns/${campaignId}/ranking`);
  assert.match(published.text, /Đã công bố kết quả của 15 đơn vị/);
  assert.match(published.text, /Công bố bởi Đại tá Trần Quốc Hưng \(Chỉ huy trưởng\) lúc/);
  assert.deepEqual(tableRows(published.text), tableRows(before.text));

  // the last unit gets full marks everywhere after publication: nothing published moves
  const last = live.standings.at(-1)!;
  const criteria = await app.prisma.criterion.findMany({ where: { campaignId, kind: 'NORMAL' } });
  for (const c of criteria) await app.prisma.score.updateMany({ where: { unitId: last.unitId, criterionId: c.id }, data: { points: c.maxPoints } });
  const after = await cmd.get(`/campaigns/${campaignId}/ranking`);
  assert.deepEqual(tableRows(after.text), tableRows(before.text));
  const frozen = await campaignStandings(app.prisma, campaignId);
  assert.equal(frozen.frozen, true);
  assert.deepEqual(frozen.standings.map((u) => [u.unitId, u.rank, u.total, u.class]), live.standings.map((u) => [u.unitId, u.rank, u.total, u.class]));
  const bd = await cmd.get(`/campaigns/${campaignId}/ranking/${last.unitId}`);
  assert.match(bd.text, new RegExp(`<span class="stat-value">${last.rank}</span>`));

  const again = await cmd.post(`/campaigns/${campaignId}/publish`, { confirm: '1' });
  assert.equal(again.status, 409);
  assert.match(again.text, /đã được công bố và đã chốt; không thể công bố lại/);
  assert.equal(await app.prisma.campaignResult.count({ where: { campaignId } }), 15);
});

test('after publication a unit user sees the ranking, any breakdown and the honour board', async () => {
  const c = await app.as('halong');
  const page = await c.get(`/campaigns/${campaignId}/ranking`);
  assert.equal(page.status, 200);
  assert.equal(tableRows(page.text).length, 15);
  assert.match(page.text, /Ban CHQS thành phố Móng Cái/);
  const other = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'MONGCAI' } });
  assert.equal((await c.get(`/campaigns/${campaignId}/ranking/${other.id}`)).status, 200);
  const board = await c.get(`/campaigns/${campaignId}/honour-board`);
  assert.equal(board.status, 200);
  assert.match(board.text, /Bảng vàng thi đua/);
  assert.match(board.text, /Kết quả công bố: \d/);
  const results = await app.prisma.campaignResult.findMany({ where: { campaignId }, include: { unit: true }, orderBy: [{ rank: 'asc' }, { unit: { code: 'asc' } }] });
  const names = [...board.text.matchAll(/class="honour-unit">([^<]+)</g)].map((m) => m[1]);
  assert.deepEqual(names, results.map((r) => r.unit.name));
  // the campaign tabs now lead to the ranking and the honour board
  const overview = await c.get(`/campaigns/${campaignId}`);
  assert.match(overview.text, new RegExp(`href="/campaigns/${campaignId}/honour-board"`));
});

test('campaignStandings issues the same small number of queries whatever the number of units', async () => {
  let count = 0;
  const db = await cloneTestDatabase({ onQuery: () => count++ });
  try {
    const p = db.prisma;
    const id = (await p.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
    count = 0;
    const small = await campaignStandings(p, id);
    const smallCount = count;
    assert.equal(small.standings.length, 15);
    // the pages' cached read: computed once, then one count query while nothing changes
    // as JSON: every field of each standing, its breakdown (the class's getters) included
    const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
    assert.deepEqual(json(await cachedCampaignStandings(p, id)), json(small));
    count = 0;
    assert.deepEqual(json(await cachedCampaignStandings(p, id)), json(small));
    assert.equal(count, 1, `unchanged data: one count query, the standings come from the cache (got ${count})`);

    // 40 more units, each verified with a score in period 1
    const period = await p.period.findFirstOrThrow({ where: { campaignId: id, seq: 1 } });
    const crit = await p.criterion.findFirstOrThrow({ where: { campaignId: id, code: 'A1' } });
    for (let i = 0; i < 40; i++) {
      const u = await p.unit.create({ data: { code: `XTRA${i}`, name: `Đơn vị thêm ${i}`, type: 'OTHER' } });
      await p.campaignUnit.create({ data: { campaignId: id, unitId: u.id } });
      await p.score.create({ data: { campaignId: id, periodId: period.id, unitId: u.id, criterionId: crit.id, points: i % 10 } });
      await p.assessment.create({ data: { periodId: period.id, unitId: u.id, status: 'VERIFIED' } });
    }
    count = 0;
    const big = await campaignStandings(p, id);
    assert.equal(big.standings.length, 55);
    assert.equal(count, smallCount, 'no query per unit');
    assert.ok(smallCount <= 8, `at most 8 queries, got ${smallCount}`);
    const cached = await cachedCampaignStandings(p, id);
    assert.equal(cached.standings.length, 55, 'the writes invalidated the cached standings');
  } finally {
    await db.close();
  }
});

test('a long ranking pages at 100 rows; every unit is on exactly one page', async () => {
  const tag = Math.random().toString(36).slice(2, 7);
  await app.prisma.unit.createMany({ data: Array.from({ length: 130 }, (_, i) => ({ code: `PG${tag}${i}`, name: `Đơn vị phân trang ${tag} ${i}`, type: 'DISTRICT_COMMAND' as const })) });
  const units = await app.prisma.unit.findMany({ where: { code: { startsWith: `PG${tag}` } } });
  const camp = await app.prisma.campaign.create({
    data: {
      name: `Phong trào dài ${tag}`, startDate: new Date('2024-01-01'), endDate: new Date('2024-12-31'), status: 'ACTIVE',
      units: { create: units.map((u) => ({ unitId: u.id })) },
      periods: { create: [{ seq: 1, name: 'Đợt 1', startDate: new Date('2024-01-01'), endDate: new Date('2024-06-30') }] },
    },
    include: { periods: true },
  });
  await app.prisma.assessment.createMany({ data: units.map((u) => ({ periodId: camp.periods[0].id, unitId: u.id, status: 'VERIFIED' as const })) });
  const c = await app.as('commander');
  const rowsOf = (html: string) => [...html.matchAll(/<td class="num rk-rank"><a href="\/campaigns\/\d+\/ranking\/(\d+)"/g)].map((m) => Number(m[1]));
  const first = await c.get(`/campaigns/${camp.id}/ranking`);
  assert.equal(first.status, 200);
  assert.equal(rowsOf(first.text).length, 100);
  assert.match(first.text, /Trang 1\/2 · 130 mục/);
  assert.match(first.text, /href="\?page=2" rel="next"/);
  const second = await c.get(`/campaigns/${camp.id}/ranking?page=2`);
  assert.equal(rowsOf(second.text).length, 30);
  const all = [...rowsOf(first.text), ...rowsOf(second.text)];
  assert.deepEqual([...new Set(all)].sort((a, b) => a - b), units.map((u) => u.id).sort((a, b) => a - b));
  const beyond = await c.get(`/campaigns/${camp.id}/ranking?page=9`);
  assert.equal(rowsOf(beyond.text).length, 0, 'a page past the end lists nothing rather than failing');
  assert.equal(beyond.status, 200);
});
