import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { pledgeProgressSummary } from '../../src/pledges/progress.ts';

let app: TestApp;
let campaignId: number;
const unitIds: Record<string, number> = {};
const titleIds: Record<string, number> = {};

before(async () => {
  app = await startTestApp();
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  for (const u of await app.prisma.unit.findMany()) unitIds[u.code] = u.id;
  for (const t of await app.prisma.campaignTitle.findMany({ where: { campaignId } })) titleIds[t.code] = t.id;
});
after(() => app.close());

const url = (unit: string, suffix = '') => `/campaigns/${campaignId}/pledges/${unitIds[unit]}${suffix}`;
const pledgeOf = (unit: string) =>
  app.prisma.pledge.findUnique({
    where: { campaignId_unitId: { campaignId, unitId: unitIds[unit] } },
    include: { targets: { orderBy: { order: 'asc' } }, measures: true, titles: true, revisions: { orderBy: { id: 'asc' } }, registrations: true },
  });
const auditCount = () => app.prisma.auditLog.count();

/** A complete pledge form as a unit would fill it in. */
function pledgeForm(version: number, extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    version: String(version),
    'targets[0][content]': '100% cán bộ, chiến sĩ có bản lĩnh chính trị vững vàng',
    'targets[0][indicator]': 'Tỷ lệ cán bộ, chiến sĩ có lập trường tư tưởng vững vàng',
    'targets[0][comparator]': 'EQ',
    'targets[0][targetValue]': '100',
    'targets[0][unitOfMeasure]': '%',
    'targets[1][content]': 'Kết quả huấn luyện đạt khá, giỏi từ 95% trở lên',
    'targets[1][indicator]': 'Tỷ lệ nội dung huấn luyện đạt khá, giỏi',
    'targets[1][comparator]': 'GTE',
    'targets[1][targetValue]': '95',
    'targets[1][unitOfMeasure]': '%',
    'targets[2][content]': '',
    'targets[2][indicator]': '',
    'targets[2][comparator]': '',
    'targets[2][targetValue]': '',
    'targets[2][unitOfMeasure]': '',
    'measures[0][content]': 'Đẩy mạnh giáo dục chính trị, tư tưởng',
    'measures[1][content]': '',
    titleIds: [String(titleIds.BK_BQP_DV)],
    signatoryName: 'Nguyễn Văn Hải',
    signatoryRank: 'Thượng tá',
    signatoryPosition: 'Chỉ huy trưởng',
    signedDate: '2021-01-15',
    ...extra,
  };
}

async function saveDraft(c: Client, unit: string, extra: Record<string, string | string[]> = {}) {
  const p = await pledgeOf(unit);
  const res = await c.post(url(unit, '/edit'), pledgeForm(p?.version ?? 0, extra));
  assert.equal(res.status, 303, `save draft for ${unit}: ${res.status}`);
  return (await pledgeOf(unit))!;
}
async function step(c: Client, unit: string, action: string, form: Record<string, string> = {}) {
  const p = (await pledgeOf(unit))!;
  await c.get(url(unit));
  return c.post(url(unit, `/${action}`), { version: String(p.version), ...form });
}
async function approved(unit: string) {
  const u = await app.as(unit.toLowerCase());
  await saveDraft(u, unit);
  assert.equal((await step(u, unit, 'submit')).status, 303);
  assert.equal((await step(await app.as('officer'), unit, 'approve')).status, 303);
  return u;
}

test('a pledge goes draft → submitted → returned (reason shown) → resubmitted → approved', async () => {
  const unit = await app.as('campha');
  const empty = await unit.get(url('CAMPHA'));
  assert.equal(empty.status, 200);
  assert.match(empty.text, /Đơn vị chưa lập bản đăng ký thi đua/);
  assert.equal((await unit.get(url('CAMPHA', '/edit'))).status, 200);

  let p = await saveDraft(unit, 'CAMPHA');
  assert.equal(p.status, 'DRAFT');
  assert.deepEqual(p.targets.map((t) => [t.comparator, Number(t.targetValue)]), [['EQ', 100], ['GTE', 95]]);
  assert.equal(p.measures.length, 1, 'the empty measure row is ignored');
  assert.deepEqual(p.titles.map((t) => t.titleId), [titleIds.BK_BQP_DV]);

  assert.equal((await step(unit, 'CAMPHA', 'submit')).status, 303);
  assert.equal((await pledgeOf('CAMPHA'))!.status, 'SUBMITTED');

  const officer = await app.as('officer');
  const noReason = await step(officer, 'CAMPHA', 'return', { reason: '  ' });
  assert.equal(noReason.status, 400);
  assert.match(noReason.text, /Vui lòng nhập mục này/);
  assert.equal((await pledgeOf('CAMPHA'))!.status, 'SUBMITTED', 'a return without a reason changes nothing');

  assert.equal((await step(officer, 'CAMPHA', 'return', { reason: 'Chỉ tiêu huấn luyện chưa cụ thể, đề nghị bổ sung.' })).status, 303);
  p = (await pledgeOf('CAMPHA'))!;
  assert.equal(p.status, 'RETURNED');
  const returned = await unit.get(url('CAMPHA'));
  assert.match(returned.text, /Chỉ tiêu huấn luyện chưa cụ thể, đề nghị bổ sung\./, 'the unit sees the reason');
  assert.match(returned.text, /Bị trả lại/);

  await saveDraft(unit, 'CAMPHA', { 'targets[1][targetValue]': '97' });
  assert.equal((await step(unit, 'CAMPHA', 'submit')).status, 303);
  assert.equal((await step(officer, 'CAMPHA', 'approve')).status, 303);

  p = (await pledgeOf('CAMPHA'))!;
  assert.equal(p.status, 'APPROVED');
  assert.equal(Number(p.targets[1].targetValue), 97);
  assert.deepEqual(p.revisions.map((r) => r.status), ['SUBMITTED', 'RETURNED', 'SUBMITTED', 'APPROVED']);
  assert.equal(p.revisions[1].reason, 'Chỉ tiêu huấn luyện chưa cụ thể, đề nghị bổ sung.');
  const snap = p.revisions[3].snapshot as { targets: { targetValue: string }[]; signatory: { name: string } };
  assert.equal(snap.targets[1].targetValue, '97');
  assert.equal(snap.signatory.name, 'Nguyễn Văn Hải');

  const actions = (await app.prisma.auditLog.findMany({ where: { entityType: 'Pledge', entityId: String(p.id) }, orderBy: { id: 'asc' } })).map((a) => a.action);
  assert.deepEqual(actions, ['pledge.create', 'pledge.submit', 'pledge.return', 'pledge.update', 'pledge.submit', 'pledge.approve']);
  const update = await app.prisma.auditLog.findFirstOrThrow({ where: { entityId: String(p.id), action: 'pledge.update' } });
  assert.equal((update.before as { targets: { targetValue: string }[] }).targets[1].targetValue, '95');
  assert.equal((update.after as { targets: { targetValue: string }[] }).targets[1].targetValue, '97');

  const page = await unit.get(url('CAMPHA'));
  assert.match(page.text, /Lịch sử bản đăng ký/);
  assert.doesNotMatch(page.text, /action="[^"]*\/edit"|Sửa bản đăng ký/, 'no edit button on an approved pledge');
});

test('an approved pledge is read-only: a direct edit POST is refused and nothing is written', async () => {
  const unit = await app.as('halong');
  const p = (await pledgeOf('HALONG'))!;
  assert.equal(p.status, 'APPROVED');
  const before = await auditCount();
  const res = await unit.post(url('HALONG', '/edit'), pledgeForm(p.version, { 'targets[0][content]': 'Đã sửa lén' }));
  assert.equal(res.status, 422);
  const after = (await pledgeOf('HALONG'))!;
  assert.deepEqual(after.targets.map((t) => t.content), p.targets.map((t) => t.content));
  assert.equal(after.version, p.version);
  assert.equal(await auditCount(), before);
  const form = await unit.get(url('HALONG', '/edit'));
  assert.equal(form.status, 303, 'the edit form sends the user back to the pledge');
  assert.equal((await unit.post(url('HALONG', '/submit'), { version: String(p.version) })).status, 422);
  assert.equal((await unit.post(url('HALONG', '/registrations'), { fullName: 'Trần Văn Bốn', titleId: String(titleIds.GK_CN) })).status, 422);
  assert.equal(await auditCount(), before);
});

test('amending an approved pledge starts revision 2 while the approved revision 1 snapshot stays', async () => {
  const unit = await approved('UONGBI');
  const p1 = (await pledgeOf('UONGBI'))!;
  assert.equal(p1.revision, 1);
  assert.equal((await step(unit, 'UONGBI', 'amend')).status, 303);
  let p = (await pledgeOf('UONGBI'))!;
  assert.equal(p.status, 'DRAFT');
  assert.equal(p.revision, 2);
  assert.equal(p.approvedAt, null);

  await saveDraft(unit, 'UONGBI', { 'targets[0][content]': 'Nội dung sửa đổi lần 2', 'targets[0][id]': String(p.targets[0].id) });
  p = (await pledgeOf('UONGBI'))!;
  assert.equal(p.targets[0].content, 'Nội dung sửa đổi lần 2');
  assert.equal(p.targets[0].id, p1.targets[0].id, 'a kept row keeps its id (and its progress)');
  const approvedRev = p.revisions.find((r) => r.revision === 1 && r.status === 'APPROVED');
  assert.ok(approvedRev, 'the approved snapshot of revision 1 is kept');
  assert.equal((approvedRev.snapshot as { targets: { content: string }[] }).targets[0].content, '100% cán bộ, chiến sĩ có bản lĩnh chính trị vững vàng');
  const page = await unit.get(url('UONGBI'));
  assert.match(page.text, /Lần 2/);
  assert.match(page.text, /Lần 1/);
  assert.ok(await app.prisma.auditLog.findFirst({ where: { entityId: String(p.id), action: 'pledge.amend' } }));
});

test('a unit user cannot read or change another unit\'s pledge, even with a hand-edited id in URL or form', async () => {
  const campha = await app.as('campha');
  const halong = (await pledgeOf('HALONG'))!;
  const mongcai = (await pledgeOf('MONGCAI'))!;
  const before = await auditCount();

  const read = await campha.get(url('HALONG'));
  assert.equal(read.status, 403);
  assert.doesNotMatch(read.text, /Ban CHQS thành phố Hạ Long/);
  for (const path of ['/edit', '/print', '/registrations', '/progress']) {
    assert.equal((await campha.get(url('HALONG', path))).status, 403, `GET ${path}`);
  }
  await campha.get(url('CAMPHA'));
  assert.equal((await campha.post(url('MONGCAI', '/edit'), pledgeForm(mongcai.version, { 'targets[0][content]': 'Ghi đè' }))).status, 403);
  assert.equal((await campha.post(url('MONGCAI', '/submit'), { version: String(mongcai.version) })).status, 403);
  assert.equal((await campha.post(url('E244', '/approve'), { version: '1' })).status, 403);
  assert.equal((await campha.post(url('HALONG', '/amend'), { version: String(halong.version) })).status, 403);
  assert.equal((await campha.post(url('MONGCAI', '/registrations'), { fullName: 'Người lạ', titleId: String(titleIds.GK_CN) })).status, 403);
  assert.equal((await campha.post(url('HALONG', '/progress'), { version: String(halong.version) })).status, 403);
  assert.equal(await auditCount(), before, 'nothing written');
  assert.deepEqual((await pledgeOf('MONGCAI'))!.targets.map((t) => t.content), mongcai.targets.map((t) => t.content));

  // a unit id or another pledge's target id slipped into its own form changes only its own pledge
  const list = await campha.get(`/campaigns/${campaignId}/pledges`);
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, /Ban CHQS thành phố Hạ Long/, 'the list shows the unit its own row only');
  const dongtrieu = await app.as('dongtrieu');
  await dongtrieu.get(url('DONGTRIEU', '/edit'));
  const res = await dongtrieu.post(url('DONGTRIEU', '/edit'), pledgeForm(0, { unitId: String(unitIds.HALONG), 'targets[0][id]': String(halong.targets[0].id) }));
  assert.equal(res.status, 303);
  const own = (await pledgeOf('DONGTRIEU'))!;
  assert.equal(own.unitId, unitIds.DONGTRIEU);
  assert.notEqual(own.targets[0].id, halong.targets[0].id);
  assert.deepEqual((await pledgeOf('HALONG'))!.targets.map((t) => [t.id, t.content]), halong.targets.map((t) => [t.id, t.content]));
});

test('roles: an officer edits and reviews, a commander reviews but does not edit, an admin only reads', async () => {
  const officer = await app.as('officer');
  await officer.get(url('BACHE', '/edit'));
  await saveDraft(officer, 'BACHE');
  assert.equal((await step(officer, 'BACHE', 'submit')).status, 303, 'an officer may submit on behalf of a unit');

  const commander = await app.as('commander');
  assert.equal((await commander.get(url('BACHE', '/edit'))).status, 403);
  const bache = (await pledgeOf('BACHE'))!;
  assert.equal((await commander.post(url('BACHE', '/edit'), pledgeForm(bache.version))).status, 403);
  assert.equal((await step(commander, 'BACHE', 'approve')).status, 303, 'a commander approves');
  assert.equal((await pledgeOf('BACHE'))!.status, 'APPROVED');

  const admin = await app.as('admin');
  const e244 = (await pledgeOf('E244'))!;
  assert.equal(e244.status, 'SUBMITTED');
  for (const path of ['', '/print', '/registrations', '/progress']) assert.equal((await admin.get(url('E244', path))).status, 200, `admin GET ${path}`);
  assert.equal((await admin.get(`/campaigns/${campaignId}/pledges`)).status, 200);
  const page = await admin.get(url('E244'));
  assert.doesNotMatch(page.text, /\/approve"|\/return"/, 'no review buttons for an admin');
  assert.equal((await admin.post(url('E244', '/approve'), { version: String(e244.version) })).status, 403);
  assert.equal((await admin.post(url('E244', '/return'), { version: String(e244.version), reason: 'x' })).status, 403);
  assert.equal((await admin.post(url('E244', '/edit'), pledgeForm(e244.version))).status, 403);
  assert.equal((await pledgeOf('E244'))!.status, 'SUBMITTED');

  const unit = await app.as('e244');
  assert.equal((await unit.post(url('E244', '/approve'), { version: String(e244.version) })).status, 403, 'a unit cannot approve its own pledge');
  assert.equal((await officer.get(url('E244'))).text.includes('/approve"'), true, 'the officer sees the approve button');
});

test('a form with errors keeps what was typed, shows each message beside its field, and writes nothing', async () => {
  const unit = await app.as('quangyen');
  await unit.get(url('QUANGYEN', '/edit'));
  const before = await auditCount();
  const res = await unit.post(
    url('QUANGYEN', '/edit'),
    pledgeForm(0, {
      'targets[0][targetValue]': 'một trăm',
      'targets[1][content]': '',
      'targets[1][indicator]': 'Chỉ số không có nội dung',
      'targets[2][content]': 'Chỉ tiêu có mức nhưng thiếu phép so sánh',
      'targets[2][targetValue]': '50',
      signedDate: '2021-13-45',
    }),
  );
  assert.equal(res.status, 400);
  assert.match(res.text, /value="một trăm"/);
  assert.match(res.text, /value="Chỉ số không có nội dung"/);
  assert.match(res.text, /id="f-targets-0-targetValue-error">Vui lòng nhập một số/);
  assert.match(res.text, /id="f-targets-1-content-error">Vui lòng nhập mục này/);
  assert.match(res.text, /id="f-targets-2-comparator-error">Chọn phép so sánh/);
  assert.match(res.text, /100% cán bộ, chiến sĩ có bản lĩnh chính trị vững vàng/);
  assert.equal(await pledgeOf('QUANGYEN'), null);
  assert.equal(await auditCount(), before);

  const date = await unit.post(url('QUANGYEN', '/edit'), pledgeForm(0, { signedDate: '15/01/2021' }));
  assert.equal(date.status, 400);
  assert.match(date.text, /Ngày không hợp lệ/);
  assert.equal(await pledgeOf('QUANGYEN'), null);

  const added = await unit.post(url('QUANGYEN', '/edit'), pledgeForm(0, { addRow: 'targets' }));
  assert.equal(added.status, 200, '"add row" shows the form again');
  assert.match(added.text, /name="targets\[5\]\[content\]"/, 'three more target rows');
  assert.match(added.text, /value="Tỷ lệ nội dung huấn luyện đạt khá, giỏi"/);
  assert.equal(await pledgeOf('QUANGYEN'), null, '"add row" writes nothing');
});

test('submitting an incomplete pledge says what is missing and changes nothing', async () => {
  const unit = await app.as('binhlieu');
  await saveDraft(unit, 'BINHLIEU', { signatoryName: '', signedDate: '', 'targets[0][content]': '', 'targets[0][indicator]': '', 'targets[0][comparator]': '', 'targets[0][targetValue]': '', 'targets[0][unitOfMeasure]': '', 'targets[1][content]': '', 'targets[1][indicator]': '', 'targets[1][comparator]': '', 'targets[1][targetValue]': '', 'targets[1][unitOfMeasure]': '' });
  const res = await step(unit, 'BINHLIEU', 'submit');
  assert.equal(res.status, 422);
  assert.match(res.text, /Ít nhất một chỉ tiêu/);
  assert.match(res.text, /Họ và tên người ký/);
  assert.equal((await pledgeOf('BINHLIEU'))!.status, 'DRAFT');
  assert.equal((await pledgeOf('BINHLIEU'))!.revisions.length, 0);
});

test('a stale version is refused with 409 and nothing is written', async () => {
  const unit = await app.as('coto');
  const first = await saveDraft(unit, 'COTO');
  // someone else saves in between
  await saveDraft(await app.as('officer'), 'COTO', { 'targets[0][content]': 'Cán bộ thi đua đã sửa' });
  const before = await auditCount();
  const stale = await unit.post(url('COTO', '/edit'), pledgeForm(first.version, { 'targets[0][content]': 'Bản cũ của đơn vị' }));
  assert.equal(stale.status, 409);
  assert.match(stale.text, /Bản cũ của đơn vị/, 'what the user typed is still there');
  assert.equal((await pledgeOf('COTO'))!.targets[0].content, 'Cán bộ thi đua đã sửa');
  assert.equal((await unit.post(url('COTO', '/submit'), { version: String(first.version) })).status, 409);
  assert.equal((await pledgeOf('COTO'))!.status, 'DRAFT');
  assert.equal(await auditCount(), before);
  // creating a pledge that someone else has just created is a conflict too
  assert.equal((await unit.post(url('COTO', '/edit'), pledgeForm(0))).status, 409);
});

test('individual registrations: the unit manages them, officers only read them', async () => {
  const unit = await app.as('damha');
  await unit.get(url('DAMHA', '/registrations'));
  const bad = await unit.post(url('DAMHA', '/registrations'), { fullName: '', rank: 'Trung úy', titleId: String(titleIds.GK_CN), commitment: 'Hoàn thành tốt nhiệm vụ' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /value="Trung úy"/);
  assert.equal(await pledgeOf('DAMHA'), null);
  const collective = await unit.post(url('DAMHA', '/registrations'), { fullName: 'Lê Thị Mai', titleId: String(titleIds.BK_BQP_DV) });
  assert.equal(collective.status, 400, 'a collective title is not for individuals');

  const ok = await unit.post(url('DAMHA', '/registrations'), { fullName: 'Lê Thị Mai', rank: 'Trung úy', position: 'Trợ lý tác chiến', titleId: String(titleIds.BK_BQP_CN), commitment: 'Hoàn thành xuất sắc nhiệm vụ' });
  assert.equal(ok.status, 303);
  const p = (await pledgeOf('DAMHA'))!;
  assert.equal(p.status, 'DRAFT', 'the first registration drafts the pledge');
  assert.equal(p.registrations.length, 1);
  const person = await app.prisma.person.findFirstOrThrow({ where: { fullName: 'Lê Thị Mai' } });
  assert.equal(person.unitId, unitIds.DAMHA);
  const dup = await unit.post(url('DAMHA', '/registrations'), { personId: String(person.id), titleId: String(titleIds.BK_BQP_CN) });
  assert.equal(dup.status, 400);
  assert.match(dup.text, /đã đăng ký danh hiệu này/);
  const other = await app.prisma.person.create({ data: { unitId: unitIds.HALONG, fullName: 'Người của Hạ Long' } });
  assert.equal((await unit.post(url('DAMHA', '/registrations'), { personId: String(other.id), titleId: String(titleIds.GK_CN) })).status, 400, 'another unit\'s person cannot be picked');

  const officer = await app.as('officer');
  const seen = await officer.get(url('DAMHA', '/registrations'));
  assert.equal(seen.status, 200);
  assert.match(seen.text, /Lê Thị Mai/);
  assert.doesNotMatch(seen.text, /action="[^"]*\/registrations"/, 'no add form for the officer');
  assert.equal((await officer.post(url('DAMHA', '/registrations'), { fullName: 'X', titleId: String(titleIds.GK_CN) })).status, 403);
  const regId = p.registrations[0].id;
  assert.equal((await officer.post(url('DAMHA', `/registrations/${regId}/delete`))).status, 403);
  assert.equal((await unit.post(url('HALONG', `/registrations/${regId}/delete`))).status, 403);

  await unit.get(url('DAMHA', '/registrations'));
  assert.equal((await unit.post(url('DAMHA', `/registrations/${regId}/delete`))).status, 303);
  assert.equal((await pledgeOf('DAMHA'))!.registrations.length, 0);
  assert.ok(await app.prisma.person.findUnique({ where: { id: person.id } }), 'the person stays on the roll');
  assert.ok(await app.prisma.auditLog.findFirst({ where: { entityId: String(p.id), action: 'pledge.registration.remove' } }));
});

test('target progress: the unit reports per open period, and each target shows whether it is met', async () => {
  const unit = await app.as('halong');
  const p = (await pledgeOf('HALONG'))!;
  const periods = await app.prisma.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' } });
  await app.prisma.period.update({ where: { id: periods[0].id }, data: { status: 'CLOSED' } });
  await app.prisma.period.updateMany({ where: { id: { in: [periods[1].id, periods[2].id] } }, data: { status: 'OPEN' } });
  const [t100, t95, t0] = p.targets;
  const cell = (t: { id: number }, period: { id: number }) => ({ v: `v_${t.id}_${period.id}`, n: `n_${t.id}_${period.id}` });
  const page = await unit.get(url('HALONG', '/progress'));
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`name="${cell(t100, periods[1]).v}"`));
  assert.doesNotMatch(page.text, new RegExp(`name="${cell(t100, periods[0]).v}"`), 'no input for a closed period');

  const bad = await unit.post(url('HALONG', '/progress'), { version: String(p.version), [cell(t100, periods[1]).v]: 'abc', [cell(t95, periods[1]).n]: 'Đang huấn luyện' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /value="abc"/);
  assert.match(bad.text, /Có ghi chú thì cần nhập giá trị đạt được/);
  assert.equal(await app.prisma.targetProgress.count({ where: { targetId: { in: p.targets.map((t) => t.id) } } }), 0);

  const ok = await unit.post(url('HALONG', '/progress'), {
    version: String(p.version),
    [cell(t100, periods[1]).v]: '100',
    [cell(t95, periods[1]).v]: '93,5',
    [cell(t95, periods[1]).n]: 'Còn 2 nội dung đạt trung bình',
    [cell(t0, periods[1]).v]: '0',
    [cell(t100, periods[0]).v]: '50',
  });
  assert.equal(ok.status, 303);
  const rows = await app.prisma.targetProgress.findMany({ where: { targetId: { in: p.targets.map((t) => t.id) } } });
  assert.equal(rows.length, 3, 'the closed period is not written');
  assert.equal(Number(rows.find((r) => r.targetId === t95.id)!.valueReached), 93.5);

  const [summary] = await pledgeProgressSummary(app.prisma, campaignId, [unitIds.HALONG]);
  assert.equal(summary.measurable, 3);
  assert.equal(summary.reported, 3);
  assert.equal(summary.met, 2);
  assert.deepEqual(summary.targets.map((t) => t.latest?.met), [true, false, true]);
  const shown = await unit.get(url('HALONG', '/progress'));
  assert.match(shown.text, /Chưa đạt/);
  assert.match(shown.text, /Đạt/);

  assert.equal((await unit.post(url('HALONG', '/progress'), { version: String(p.version), [cell(t100, periods[1]).v]: '90' })).status, 409, 'a stale form is refused');
  assert.equal(Number((await app.prisma.targetProgress.findFirstOrThrow({ where: { targetId: t100.id, periodId: periods[1].id } })).valueReached), 100);

  const officer = await app.as('officer');
  assert.equal((await officer.get(url('HALONG', '/progress'))).status, 200);
  assert.equal((await officer.post(url('HALONG', '/progress'), { version: String(p.version + 1) })).status, 403);
  const mongcai = await app.as('mongcai');
  await mongcai.get(url('MONGCAI', '/progress'));
  assert.equal((await mongcai.post(url('MONGCAI', '/progress'), { version: '1' })).status, 422, 'only approved pledges take progress');
});

test('the status list shows counts and reminds which units have not submitted', async () => {
  const officer = await app.as('officer');
  const res = await officer.get(`/campaigns/${campaignId}/pledges`);
  assert.equal(res.status, 200);
  const reminders = res.text.slice(res.text.indexOf('id="sec-reminders"'), res.text.indexOf('</section>', res.text.indexOf('id="sec-reminders"')));
  assert.match(reminders, /Ban CHQS huyện Tiên Yên/, 'a unit with no pledge is reminded');
  assert.match(reminders, /Ban CHQS thành phố Móng Cái/, 'a draft is reminded');
  assert.doesNotMatch(reminders, /Ban CHQS thành phố Hạ Long/, 'an approved pledge is not');
  const filtered = await officer.get(`/campaigns/${campaignId}/pledges?status=APPROVED`);
  assert.match(filtered.text, /Ban CHQS thành phố Hạ Long/);
  assert.doesNotMatch(filtered.text.slice(filtered.text.indexOf('<table')), /Ban CHQS huyện Tiên Yên/);
  assert.equal((await officer.get(`/campaigns/${campaignId}/pledges?status=bogus`)).status, 200);
  assert.equal((await officer.get(`/campaigns/999999/pledges`)).status, 404);
  assert.equal((await officer.get(`/campaigns/${campaignId}/pledges/abc`)).status, 404);
  assert.equal((await officer.get(`/campaigns/${campaignId}/pledges/${unitIds['BCHQS-QN']}`)).status, 404, 'a unit not taking part');
});

test('the print view is a signed document with the national motto, in both languages', async () => {
  const c = await app.as('officer');
  const vi = await c.get(url('HALONG', '/print'));
  assert.equal(vi.status, 200);
  assert.match(vi.text, /Cộng hòa xã hội chủ nghĩa Việt Nam/);
  assert.match(vi.text, /Độc lập - Tự do - Hạnh phúc/);
  assert.match(vi.text, /ngày 15 tháng 01 năm 2021/);
  assert.match(vi.text, /Thượng tá Lê Văn Bình/);
  assert.doesNotMatch(vi.text, /Thượng tá Thượng tá/, 'the rank is not repeated');
  assert.match(vi.text, /\/public\/css\/print\.css/);
  assert.doesNotMatch(vi.text, /class="topbar"/, 'no app chrome');
  await c.post('/lang', { locale: 'en', next: url('HALONG', '/print') });
  const en = await c.get(url('HALONG', '/print'));
  assert.match(en.text, /Socialist Republic of Viet Nam/);
  assert.match(en.text, /Independence - Freedom - Happiness/);
  assert.match(en.text, /I\. Targets/);
  assert.equal((await c.get(url('TIENYEN', '/print'))).status, 404, 'no print view before a pledge exists');
});

test('numbers beyond a database integer (a version or an id of 2^31) are refused as bad input, not a 500', async () => {
  const unit = await app.as('dongtrieu');
  await unit.get(url('DONGTRIEU', '/edit'));
  const before = await auditCount();
  const res = await unit.post(url('DONGTRIEU', '/edit'), pledgeForm(2147483648, { 'targets[0][id]': '2147483648' }));
  assert.ok(res.status >= 400 && res.status < 500, `a 4xx answer, got ${res.status}`);
  assert.equal(await auditCount(), before, 'nothing written');
});
