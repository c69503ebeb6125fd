import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { publishCampaign } from '../../src/ranking/publish.ts';
import { toActor } from '../../src/auth/passport.ts';

let app: TestApp;
let campaignId: number;
let units: { id: number; code: string; name: string; shortName: string | null }[];
const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

before(async () => {
  app = await startTestApp();
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  units = (await app.prisma.campaignUnit.findMany({ where: { campaignId }, include: { unit: true } })).map((cu) => cu.unit);
});
after(() => app.close());

const unitByCode = (code: string) => units.find((u) => u.code === code)!;

/** Period totals straight from the database: verified scores, clamped, weighted, bonus added and penalty taken off. */
async function dbPeriodTotals(periodSeq: number): Promise<Map<number, number>> {
  const period = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: periodSeq } });
  const verified = new Set((await app.prisma.assessment.findMany({ where: { periodId: period.id, status: 'VERIFIED' } })).map((a) => a.unitId));
  const scores = await app.prisma.score.findMany({ where: { periodId: period.id, points: { not: null } }, include: { criterion: true } });
  const totals = new Map<number, number>();
  for (const s of scores) {
    if (!verified.has(s.unitId)) continue;
    const max = Number(s.criterion.maxPoints);
    const p = Math.min(max, Math.max(0, Number(s.points)));
    const v = s.criterion.kind === 'NORMAL' ? p * Number(s.criterion.weight) : s.criterion.kind === 'BONUS' ? p : -p;
    totals.set(s.unitId, (totals.get(s.unitId) ?? 0) + v);
  }
  return totals;
}

/** The ranking table's rows as [unit name, total text, class text, change text]. */
function rankingRows(html: string): { name: string; total: string; rank: string }[] {
  const table = html.match(/<table class="table dash-table-compact dash-ranking-table">([\s\S]*?)<\/table>/);
  assert.ok(table, 'the ranking table is on the page');
  return [...table[1].matchAll(/<td class="num dash-rank">(\d+)<\/td>\s*<th scope="row" class="dash-unit-cell"><a [^>]*>(?:<span class="dash-name-full">)?([^<]+)<[\s\S]*?<\/th>\s*<td class="num dash-total">([^<]+)<\/td>/g)].map((m) => ({ rank: m[1], name: m[2], total: m[3] }));
}

test('the command dashboard ranks the demo units by their verified period-1 totals from the database', async () => {
  const c = await app.as('commander');
  const res = await c.get(`/campaigns/${campaignId}/dashboard`);
  assert.equal(res.status, 200);
  const totals = await dbPeriodTotals(1);
  const expected = [...totals].sort((a, b) => b[1] - a[1]);
  const rows = rankingRows(res.text);
  assert.equal(rows.length, 15);
  // every unit's total matches the database, and the order follows the totals
  for (const row of rows) {
    const unit = units.find((u) => u.name === row.name)!;
    assert.ok(unit, `unit ${row.name} is a participant`);
    assert.equal(row.total, vi.format(totals.get(unit.id)!), `total of ${unit.code}`);
  }
  assert.equal(rows[0].name, units.find((u) => u.id === expected[0][0])!.name, 'the best total ranks first');
  assert.equal(rows[0].rank, '1');
  for (let i = 1; i < rows.length; i++) {
    const a = totals.get(units.find((u) => u.name === rows[i - 1].name)!.id)!;
    const b = totals.get(units.find((u) => u.name === rows[i].name)!.id)!;
    assert.ok(a >= b - 1e-9, 'ranking follows the totals');
  }
  // with a single counted period, nobody has a change to show
  assert.match(res.text, /Chưa có kỳ trước để so sánh/);
});

test('with 15 units the command dashboard draws every unit, and summarises the two demo clusters with a drill-down', async () => {
  const c = await app.as('commander');
  const res = await c.get(`/campaigns/${campaignId}/dashboard`);
  assert.equal(rankingRows(res.text).length, 15);
  assert.doesNotMatch(res.text, /dash-gap|Xem bảng xếp hạng đầy đủ/, 'no gap and no “full ranking” link: nothing is left out');
  const trendOptions = res.text.match(/<select id="trend-unit" name="unit">([\s\S]*?)<\/select>/)![1];
  assert.equal((trendOptions.match(/<option /g) ?? []).length, 15);
  // every demo unit sits under the provincial command, so the summary groups by cluster
  const clusters = await app.prisma.cluster.findMany({ include: { members: true }, orderBy: { name: 'asc' } });
  const summary = res.text.match(/<table class="table dash-table-compact dash-summary-table pl-stack">([\s\S]*?)<\/table>/)![1];
  for (const cl of clusters) assert.match(summary, new RegExp(`<a href="/campaigns/${campaignId}/dashboard\\?cluster=${cl.id}">${cl.name}</a></th>\\s*<td class="num"[^>]*>${cl.members.length}</td>`));
  // the units in no cluster (the agencies bloc and the regiment) are counted in a last row, with no drill-down
  const inCluster = new Set(clusters.flatMap((cl) => cl.members.map((m) => m.unitId)));
  const outside = units.filter((u) => !inCluster.has(u.id));
  assert.ok(outside.length > 0, 'the demo has units in no cluster');
  const rows = summary.match(/<tr>[\s\S]*?<\/tr>/g)!;
  assert.equal(rows.length, 1 + clusters.length + 1, 'a header row, a row per cluster and one for the units in no cluster');
  assert.match(rows.at(-1)!, new RegExp(`<th scope="row"><span class="muted">Không thuộc cụm, khối nào</span></th>\\s*<td class="num"[^>]*>${outside.length}</td>`));
  const totals = await dbPeriodTotals(1); // the one counted period
  const best = outside.map((u) => ({ u, t: totals.get(u.id)! })).sort((a, b) => b.t - a.t)[0].u;
  assert.match(rows.at(-1)!, new RegExp(`<a href="/campaigns/${campaignId}/units/${best.id}">`), 'its best unit is the better of the two');
  // drilling into the western cluster shows its 5 units only
  const west = clusters.find((cl) => cl.name.includes('miền Tây'))!;
  const drill = await c.get(`/campaigns/${campaignId}/dashboard?cluster=${west.id}`);
  const names = rankingRows(drill.text).map((r) => r.name).sort();
  const expected = units.filter((u) => west.members.some((m) => m.unitId === u.id)).map((u) => u.name).sort();
  assert.deepEqual(names, expected);
  assert.match(drill.text, /<span class="stat-value">5<\/span><span class="stat-label">/);
  // English: the same summary, translated
  await c.post('/lang', { locale: 'en', next: '/' });
  const en = await c.get(`/campaigns/${campaignId}/dashboard?cluster=${west.id}`);
  assert.match(en.text, /<li><a href="\/campaigns\/\d+\/dashboard">All units<\/a><\/li>/);
  await c.post('/lang', { locale: 'vi', next: '/' });
});

test('the heatmap shows each unit × group as a percentage of the group maximum, computed from the database', async () => {
  const c = await app.as('officer');
  const res = await c.get(`/campaigns/${campaignId}/dashboard`);
  assert.equal(res.status, 200);
  const svg = res.text.match(/<svg [^>]*class="chart chart-heatmap"[\s\S]*?<\/svg>/);
  assert.ok(svg, 'an SVG heatmap');
  assert.match(svg[0], /<title id="heatmap-title">Bản đồ nhiệt: đơn vị × nhóm tiêu chí<\/title>/);
  // Hạ Long's group B: its verified points over the group's maximum
  const halong = unitByCode('HALONG');
  const period = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 1 } });
  const groupB = await app.prisma.criteriaGroup.findFirstOrThrow({ where: { campaignId, code: 'B' }, include: { criteria: true } });
  const max = groupB.criteria.reduce((s, c) => s + Number(c.maxPoints) * Number(c.weight), 0);
  const pts = (await app.prisma.score.findMany({ where: { periodId: period.id, unitId: halong.id, criterionId: { in: groupB.criteria.map((c) => c.id) } } })).reduce((s, x) => s + Number(x.points), 0);
  const pct = `${Math.round((pts / max) * 100)}%`;
  assert.match(svg[0], new RegExp(`<title>${halong.shortName}, nhóm B: ${vi.format(pts).replace('.', '\\.')} điểm \\(${Math.round((pts / max) * 100)}% điểm tối đa\\)</title>`));
  assert.match(svg[0], new RegExp(`>${pct}<`));
  // the same numbers are in a table for screen readers
  assert.match(res.text, /<div class="sr-only">\s*<table>[\s\S]*<th scope="row">Hạ Long<\/th>/);
});

test('scoring completeness lists period 1 as fully verified and the later periods as not started', async () => {
  const c = await app.as('admin');
  const res = await c.get(`/campaigns/${campaignId}/dashboard`);
  const section = res.text.match(/<section class="dash-panel dash-panel-completeness"[\s\S]*?<\/section>/)![0];
  assert.match(section, /Kỳ 1 \(tháng 1–2\/2021\)[\s\S]*Đã thẩm định 15\/15 đơn vị[\s\S]*Tất cả đơn vị đã được thẩm định/);
  assert.match(section, /Kỳ 2 \(tháng 3–4\/2021\)[\s\S]*Chưa đơn vị nào được chấm \(15 đơn vị\)/);
});

test('completeness names the units still waiting for verification or not scored', async () => {
  const period = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 3 } });
  const criterion = await app.prisma.criterion.findFirstOrThrow({ where: { campaignId, code: 'A1' } });
  // Cô Tô sent a self-assessment, Tiên Yên has one official point entered; nobody else started
  await app.prisma.score.create({ data: { campaignId, periodId: period.id, unitId: unitByCode('COTO').id, criterionId: criterion.id, selfPoints: 9 } });
  await app.prisma.assessment.create({ data: { periodId: period.id, unitId: unitByCode('COTO').id, status: 'SUBMITTED' } });
  await app.prisma.score.create({ data: { campaignId, periodId: period.id, unitId: unitByCode('TIENYEN').id, criterionId: criterion.id, points: 8 } });
  const c = await app.as('commander');
  const res = await c.get(`/campaigns/${campaignId}/dashboard`);
  const section = res.text.match(/<section class="dash-panel dash-panel-completeness"[\s\S]*?<\/section>/)![0];
  const p3 = section.slice(section.indexOf('Kỳ 3'));
  assert.match(p3, /Đã thẩm định 0\/15 đơn vị/);
  assert.match(p3, /Chờ thẩm định \(1\):<\/strong> Cô Tô</);
  assert.match(p3, /Đang chấm \(1\):<\/strong> Tiên Yên</);
  assert.match(p3, /Chưa chấm \(13\):<\/strong> [^<]*Hạ Long/);
  assert.doesNotMatch(p3.match(/Chưa chấm \(13\):<\/strong>([^<]*)/)![1], /Cô Tô|Tiên Yên/);
});

test('pledge status counts and target progress come from the pledges', async () => {
  // the demo has KCQ and HALONG approved, E244 submitted, MONGCAI draft; KCQ reports two targets
  const pledge = await app.prisma.pledge.findFirstOrThrow({ where: { campaignId, unitId: unitByCode('KCQ').id }, include: { targets: { orderBy: { order: 'asc' } } } });
  const period = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 1 } });
  await app.prisma.targetProgress.createMany({
    data: [
      { targetId: pledge.targets[0].id, periodId: period.id, valueReached: 100 },
      { targetId: pledge.targets[1].id, periodId: period.id, valueReached: 90 },
    ],
  });
  const c = await app.as('commander');
  const res = await c.get(`/campaigns/${campaignId}/dashboard`);
  const section = res.text.match(/<section class="dash-panel dash-panel-pledges"[\s\S]*?<\/section>/)![0];
  assert.match(section, /Đã duyệt: <strong>2<\/strong>/);
  assert.match(section, /Chờ duyệt: <strong>1<\/strong>/);
  assert.match(section, /Đang soạn: <strong>1<\/strong>/);
  assert.match(section, /Chưa đăng ký: <strong>11<\/strong>/);
  // 4 pledges × 3 measurable targets; KCQ met 1 (100% = 100) and missed 1 (90 < 95)
  assert.match(section, /Đạt 1\/12 chỉ tiêu định lượng \(2 chỉ tiêu đã báo cáo kết quả\)/);
});

test('the latest inspection notes are listed, escaped, newest first', async () => {
  const period = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 1 } });
  await app.prisma.inspection.createMany({
    data: [
      { campaignId, periodId: period.id, unitId: unitByCode('BACHE').id, date: new Date('2021-02-10'), inspectors: 'Tổ kiểm tra Ban Tuyên huấn', findings: 'Nền nếp tốt <script>alert(1)</script>' },
      { campaignId, periodId: period.id, unitId: unitByCode('VANDON').id, kind: 'REINSPECTION', date: new Date('2021-02-20'), inspectors: 'Đoàn phúc tra', findings: 'Đã khắc phục tồn tại về hồ sơ.' },
    ],
  });
  const c = await app.as('commander');
  const res = await c.get(`/campaigns/${campaignId}/dashboard`);
  const section = res.text.match(/<section class="dash-panel dash-panel-inspections"[\s\S]*?<\/section>/)![0];
  assert.ok(section.indexOf('Đã khắc phục') < section.indexOf('Nền nếp tốt'), 'newest first');
  assert.match(section, /Phúc tra/);
  assert.doesNotMatch(res.text, /<script>alert/);
  assert.match(section, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('role access: staff open the command dashboard; a unit account gets 403 there and only its own unit page', async () => {
  for (const who of ['admin', 'officer', 'commander']) {
    const c = await app.as(who);
    assert.equal((await c.get(`/campaigns/${campaignId}/dashboard`)).status, 200, who);
    assert.equal((await c.get(`/campaigns/${campaignId}/units/${unitByCode('COTO').id}`)).status, 200, `${who} on a unit page`);
  }
  const halong = await app.as('halong');
  assert.equal((await halong.get(`/campaigns/${campaignId}/dashboard`)).status, 403);
  assert.equal((await halong.get(`/campaigns/${campaignId}/my-unit`)).status, 200);
  assert.equal((await halong.get(`/campaigns/${campaignId}/units/${unitByCode('HALONG').id}`)).status, 200);
  const other = await halong.get(`/campaigns/${campaignId}/units/${unitByCode('MONGCAI').id}`);
  assert.equal(other.status, 403, 'a hand-edited unit id');
  assert.doesNotMatch(other.text, /Móng Cái/);
  // a unit that does not exist is still 403 for a unit account (nothing to learn), 404 for staff
  assert.equal((await halong.get(`/campaigns/${campaignId}/units/999999`)).status, 403);
  const officer = await app.as('officer');
  assert.equal((await officer.get(`/campaigns/${campaignId}/units/999999`)).status, 404);
  assert.equal((await officer.get(`/campaigns/${campaignId}/units/abc`)).status, 404);
  assert.equal((await officer.get(`/campaigns/999999/dashboard`)).status, 404);
  // staff asking for "my unit" are sent to the command dashboard
  const mine = await officer.get(`/campaigns/${campaignId}/my-unit`);
  assert.equal(mine.status, 303);
  assert.equal(mine.location, `/campaigns/${campaignId}/dashboard`);
  assert.equal((await app.client().get(`/campaigns/${campaignId}/dashboard`)).status, 303, 'signed out → login');
});

test('before publication a unit sees its own standing but no other unit’s name or total', async () => {
  const totals = await dbPeriodTotals(1);
  const own = unitByCode('HALONG');
  const c = await app.as('halong');
  const res = await c.get(`/campaigns/${campaignId}/my-unit`);
  assert.equal(res.status, 200);
  assert.match(res.text, /Ban CHQS thành phố Hạ Long/);
  assert.match(res.text, new RegExp(`<span class="dash-standing-number">${vi.format(totals.get(own.id)!)}</span>`));
  assert.match(res.text, /Bảng xếp hạng đầy đủ của các đơn vị sẽ hiển thị sau khi kết quả được công bố/);
  assert.doesNotMatch(res.text, /dash-ranking-table/);
  assert.doesNotMatch(res.text, /Trung bình các đơn vị|stroke="#7a4f00"/, 'no average of the others either');
  for (const u of units.filter((x) => x.id !== own.id)) {
    assert.doesNotMatch(res.text, new RegExp(u.name), `${u.code}'s name`);
    if (u.shortName) assert.doesNotMatch(res.text, new RegExp(`[>\\s,]${u.shortName}[<\\s,.]`), `${u.code}'s short name`);
    const total = vi.format(totals.get(u.id)!);
    if (total !== vi.format(totals.get(own.id)!)) assert.doesNotMatch(res.text, new RegExp(`>${total.replace('.', '\\.')}<`), `${u.code}'s total`);
  }
});

test('the unit page lists its scores per criterion with the officer’s comments beside its self-assessed points', async () => {
  const period = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 1 } });
  const withComment = await app.prisma.score.findFirstOrThrow({ where: { periodId: period.id, comment: { not: null } }, include: { unit: true, criterion: true } });
  const c = await app.as(withComment.unit.code.toLowerCase());
  const res = await c.get(`/campaigns/${campaignId}/my-unit`);
  assert.equal(res.status, 200);
  const row = res.text.match(new RegExp(`<code>${withComment.criterion.code}</code>[\\s\\S]*?</tr>`))![0];
  assert.match(row, new RegExp(withComment.comment!));
  assert.match(row, new RegExp(`<td class="num">${vi.format(Number(withComment.selfPoints))}</td>`), 'self-assessed points');
  assert.match(row, new RegExp(`dash-official[^"]*">${vi.format(Number(withComment.points))}`), 'verified points');
  assert.match(res.text, /badge-verified/);
});

test('a unit page shows its pledge targets’ progress and its individual registrations', async () => {
  const kcq = unitByCode('KCQ');
  const pledge = await app.prisma.pledge.findFirstOrThrow({ where: { campaignId, unitId: kcq.id } });
  const title = await app.prisma.campaignTitle.findFirstOrThrow({ where: { campaignId, code: 'BK_BQP_CN' } });
  const person = await app.prisma.person.create({ data: { unitId: kcq.id, fullName: 'Trung úy Phạm Minh Đức', rank: 'Trung úy', position: 'Trung đội trưởng' } });
  await app.prisma.individualRegistration.create({ data: { pledgeId: pledge.id, personId: person.id, titleId: title.id, commitment: 'Hoàn thành xuất sắc nhiệm vụ huấn luyện' } });
  const c = await app.as('kcq');
  const res = await c.get(`/campaigns/${campaignId}/my-unit`);
  assert.match(res.text, /Trung úy Phạm Minh Đức/);
  assert.match(res.text, /Bằng khen của Bộ trưởng Bộ Quốc phòng \(cá nhân\)/);
  assert.match(res.text, /Kết quả huấn luyện đạt khá, giỏi từ 95% trở lên/);
  // reported in an earlier test: 100% met, 90% not met
  assert.match(res.text, /Đạt được <strong>100%<\/strong>\s*<span class="dash-met dash-met-yes">Đạt<\/span>/);
  assert.match(res.text, /Đạt được <strong>90%<\/strong>\s*<span class="dash-met dash-met-no">Chưa đạt<\/span>/);
});

test('rank changes since the last period show ▲ and ▼ with words', async () => {
  // period 2: everyone verified, with the period-1 order turned upside down
  const p2 = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 2 } });
  const criteria = await app.prisma.criterion.findMany({ where: { campaignId, kind: 'NORMAL' } });
  const totals = await dbPeriodTotals(1);
  const order = [...totals].sort((a, b) => a[1] - b[1]).map(([id]) => id); // worst first
  await app.prisma.score.createMany({
    data: order.flatMap((unitId, i) => criteria.map((cr) => ({ campaignId, periodId: p2.id, unitId, criterionId: cr.id, points: Math.max(0, Number(cr.maxPoints) - i * 0.5) }))),
  });
  await app.prisma.assessment.createMany({ data: order.map((unitId) => ({ periodId: p2.id, unitId, status: 'VERIFIED' as const })) });
  const c = await app.as('commander');
  const res = await c.get(`/campaigns/${campaignId}/dashboard`);
  assert.match(res.text, /<span class="dash-delta dash-delta-up" title="Tăng \d+ bậc so với kỳ trước"><span aria-hidden="true">▲ \d+<\/span>/);
  assert.match(res.text, /<span class="dash-delta dash-delta-down" title="Giảm \d+ bậc so với kỳ trước"><span aria-hidden="true">▼ \d+<\/span>/);
  // the trend chart of the selected unit now has a line through two periods
  const chosen = order[0];
  const trend = await c.get(`/campaigns/${campaignId}/dashboard?unit=${chosen}`);
  const svg = trend.text.match(/<svg [^>]*id="trend"[\s\S]*?<\/svg>/)![0];
  assert.match(svg, /<path d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+" fill="none" stroke="#1f5130"/);
  assert.match(trend.text, new RegExp(`<option value="${chosen}" selected>`));
  const ignored = await c.get(`/campaigns/${campaignId}/dashboard?unit=abc`);
  assert.equal(ignored.status, 200, 'a malformed unit falls back to the top unit');
});

test('once results are published a unit sees the full ranking, with its own row marked', async () => {
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  const commander = await app.prisma.user.findUniqueOrThrow({ where: { username: 'commander' } });
  await publishCampaign(app.prisma, toActor(commander), campaignId);
  const c = await app.as('halong');
  const res = await c.get(`/campaigns/${campaignId}/my-unit`);
  assert.equal(res.status, 200);
  const rows = rankingRows(res.text);
  assert.equal(rows.length, 15);
  assert.match(res.text, /Ban CHQS thành phố Móng Cái/);
  assert.match(res.text, /<tr class="dash-current" aria-current="true">[\s\S]*?Ban CHQS thành phố Hạ Long/);
  assert.doesNotMatch(res.text, /sẽ hiển thị sau khi kết quả được công bố/);
  // still no command dashboard for a unit
  assert.equal((await c.get(`/campaigns/${campaignId}/dashboard`)).status, 403);
});

test('the home page links each role to its dashboard', async () => {
  const commander = await (await app.as('commander')).get('/');
  assert.match(commander.text, new RegExp(`href="/campaigns/${campaignId}/dashboard"`));
  const unit = await (await app.as('halong')).get('/');
  assert.match(unit.text, new RegExp(`href="/campaigns/${campaignId}/my-unit"`));
  assert.doesNotMatch(unit.text, /\/dashboard"/);
});

test('a new campaign with nothing scored yet shows empty states, not errors', async () => {
  const unit = unitByCode('BACHE');
  const fresh = await app.prisma.campaign.create({
    data: {
      name: 'Đợt thi đua mới chưa chấm',
      startDate: new Date('2022-01-01'),
      endDate: new Date('2022-06-30'),
      status: 'ACTIVE',
      units: { create: [{ unitId: unit.id }] },
      periods: { create: [{ seq: 1, name: 'Quý I', startDate: new Date('2022-01-01'), endDate: new Date('2022-03-31') }] },
    },
  });
  const group = await app.prisma.criteriaGroup.create({ data: { campaignId: fresh.id, code: 'A', title: 'Chính trị' } });
  await app.prisma.criterion.create({ data: { campaignId: fresh.id, groupId: group.id, code: 'A1', title: 'Bản lĩnh chính trị', maxPoints: 10 } });
  const c = await app.as('commander');
  const res = await c.get(`/campaigns/${fresh.id}/dashboard`);
  assert.equal(res.status, 200);
  assert.match(res.text, /Chưa có điểm đã thẩm định nên chưa có bảng xếp hạng/);
  assert.match(res.text, /Chưa có điểm đã thẩm định để vẽ biểu đồ/);
  assert.match(res.text, /Chưa đơn vị nào được chấm \(1 đơn vị\)/);
  assert.match(res.text, /Chưa có ghi chép kiểm tra nào/);
  assert.match(res.text, /class="chart chart-heatmap chart-empty"[\s\S]*?>Chưa có điểm đã thẩm định\.</, 'no grid of dashes');
  const page = await c.get(`/campaigns/${fresh.id}/units/${unit.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Đơn vị chưa có điểm đã thẩm định nên chưa được xếp hạng/);
  assert.match(page.text, /Đơn vị chưa có bản đăng ký thi đua/);
  const own = await (await app.as('bache')).get(`/campaigns/${fresh.id}/my-unit`);
  assert.equal(own.status, 200);
});
