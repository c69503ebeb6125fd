import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import type { Client } from '../helpers/http.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { formFields } from '../helpers/forms.ts';
import { cellsOf, scoreTrail } from '../helpers/audit.ts';

let app: TestApp;
let demo: { campaignId: number; period2: number; units: { id: number; code: string }[]; criteria: { id: number; code: string; max: number; kind: string }[] };
let officerId: number;

before(async () => {
  app = await startTestApp();
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  const period2 = await app.prisma.period.findFirstOrThrow({ where: { campaignId: campaign.id, seq: 2 } });
  const units = (await app.prisma.campaignUnit.findMany({ where: { campaignId: campaign.id }, include: { unit: true } })).map((cu) => ({ id: cu.unit.id, code: cu.unit.code }));
  const criteria = (await app.prisma.criterion.findMany({ where: { campaignId: campaign.id } })).map((c) => ({ id: c.id, code: c.code, max: Number(c.maxPoints), kind: c.kind }));
  demo = { campaignId: campaign.id, period2: period2.id, units, criteria };
  officerId = (await app.prisma.user.findUniqueOrThrow({ where: { username: 'officer' } })).id;
  await app.prisma.user.create({ data: { username: 'officer2', fullName: 'Đại úy Trần Thị Hoa', role: 'OFFICER', passwordHash: await hashPassword(DEMO_PASSWORD) } });
});
after(() => app.close());

/** A small campaign of its own (active, one open period), so a test never depends on another's data. */
async function makeCampaign(codes: string[], crit: { code: string; max: number; kind?: 'NORMAL' | 'BONUS' | 'PENALTY' }[] = [{ code: 'X1', max: 10 }, { code: 'X2', max: 5 }, { code: 'P1', max: 4, kind: 'PENALTY' }]) {
  const tag = Math.random().toString(36).slice(2, 8);
  const units = await app.prisma.unit.findMany({ where: { code: { in: codes } }, orderBy: { code: 'asc' } });
  const campaign = await app.prisma.campaign.create({
    data: {
      name: `Phong trào thử ${tag}`, startDate: new Date('2024-01-01'), endDate: new Date('2024-12-31'), status: 'ACTIVE',
      units: { create: units.map((u) => ({ unitId: u.id })) },
      periods: { create: [{ seq: 1, name: `Kỳ thử ${tag}`, startDate: new Date('2024-01-01'), endDate: new Date('2024-06-30') }] },
    },
    include: { periods: true },
  });
  const group = await app.prisma.criteriaGroup.create({ data: { campaignId: campaign.id, code: 'G', title: 'Nhóm thử' } });
  const criteria = [];
  for (const [i, c] of crit.entries()) {
    criteria.push(await app.prisma.criterion.create({ data: { campaignId: campaign.id, groupId: group.id, code: c.code, title: `Tiêu chí ${c.code}`, maxPoints: c.max, kind: c.kind ?? 'NORMAL', order: i } }));
  }
  return { campaignId: campaign.id, periodId: campaign.periods[0].id, units, criteria, gridUrl: `/campaigns/${campaign.id}/periods/${campaign.periods[0].id}/scores` };
}

/** Fill every cell of a small campaign's grid for the given units. */
async function fillGrid(c: Client, camp: Awaited<ReturnType<typeof makeCampaign>>, value: (unitIndex: number, critIndex: number) => string) {
  const page = await c.get(camp.gridUrl);
  assert.equal(page.status, 200);
  const form = formFields(page.text);
  camp.units.forEach((u, ui) => camp.criteria.forEach((cr, ci) => (form[`p_${u.id}_${cr.id}`] = value(ui, ci))));
  return c.post(camp.gridUrl, form);
}

test('a grid save with one bad cell saves nothing and gives back every typed value, the bad cell marked in place', async () => {
  const c = await app.as('officer');
  const url = `/campaigns/${demo.campaignId}/periods/${demo.period2}/scores`;
  const page = await c.get(url);
  assert.equal(page.status, 200);
  const form = formFields(page.text);
  const a1 = demo.criteria.find((x) => x.code === 'A1')!;
  const halong = demo.units.find((u) => u.code === 'HALONG')!;
  const coto = demo.units.find((u) => u.code === 'COTO')!;
  for (const u of demo.units) for (const cr of demo.criteria) form[`p_${u.id}_${cr.id}`] = cr.kind === 'NORMAL' ? String(Math.min(cr.max, 3.5)) : '0';
  form[`p_${halong.id}_${a1.id}`] = '15';
  form[`p_${coto.id}_${a1.id}`] = 'abc';
  const res = await c.post(url, form);
  assert.equal(res.status, 400);
  assert.match(res.text, new RegExp(`id="cell-${halong.id}-${a1.id}" name="p_${halong.id}_${a1.id}" value="15"[^>]*aria-invalid="true"`));
  assert.match(res.text, /Điểm phải từ 0 đến 10\./);
  assert.match(res.text, new RegExp(`name="p_${coto.id}_${a1.id}" value="abc"[^>]*aria-invalid="true"`));
  assert.match(res.text, /không dùng dấu phân cách hàng nghìn/);
  const typedBack = formFields(res.text);
  const b1 = demo.criteria.find((x) => x.code === 'B1')!;
  assert.equal(typedBack[`p_${halong.id}_${b1.id}`], '3.5', 'a valid cell keeps what was typed');
  assert.equal(await app.prisma.score.count({ where: { periodId: demo.period2 } }), 0, 'nothing saved');
  assert.equal(await app.prisma.assessment.count({ where: { periodId: demo.period2 } }), 0);
});

test('a clean grid save of all 15 units for period 2 writes 285 cells in one go and marks every unit VERIFIED', async () => {
  const c = await app.as('officer');
  const url = `/campaigns/${demo.campaignId}/periods/${demo.period2}/scores`;
  const form = formFields((await c.get(url)).text);
  for (const [ui, u] of demo.units.entries()) for (const cr of demo.criteria) form[`p_${u.id}_${cr.id}`] = cr.kind === 'NORMAL' ? String(Math.max(0, cr.max - (ui % 3) * 0.5)) : '0';
  const res = await c.post(url, form);
  assert.equal(res.status, 303);
  assert.equal(await app.prisma.score.count({ where: { periodId: demo.period2, points: { not: null } } }), 15 * 19);
  const assessments = await app.prisma.assessment.findMany({ where: { periodId: demo.period2 } });
  assert.equal(assessments.length, 15);
  assert.ok(assessments.every((a) => a.status === 'VERIFIED' && a.verifiedById === officerId && a.verifiedAt));
  // one audit record for the save, listing all 285 new cells
  const [record, ...more] = await app.prisma.auditLog.findMany({ where: { action: 'scores.create', campaignId: demo.campaignId } });
  assert.equal(more.length, 0, 'one record a save');
  assert.equal(record.userId, officerId);
  assert.deepEqual([record.entityType, record.entityId, record.unitId], ['Period', String(demo.period2), null]);
  const stored = await app.prisma.score.findMany({ where: { periodId: demo.period2 } });
  assert.deepEqual(cellsOf(record.after).map((c) => c.score).sort((a, b) => a - b), stored.map((x) => x.id).sort((a, b) => a - b));
  const one = stored[7];
  assert.deepEqual(cellsOf(record.after).find((c) => c.score === one.id), { score: one.id, unit: one.unitId, criterion: one.criterionId, points: Number(one.points), comment: null });
  const after = await c.get(res.location!);
  assert.match(after.text, /Đã lưu 285 ô điểm của 15 đơn vị/);
});

test('a verified unit saved again stays verified, now by this save: its verification time and version move, the others stay', async () => {
  const c = await app.as('officer');
  const url = `/campaigns/${demo.campaignId}/periods/${demo.period2}/scores`;
  const before = new Map((await app.prisma.assessment.findMany({ where: { periodId: demo.period2 } })).map((a) => [a.unitId, a]));
  const form = formFields((await c.get(url)).text);
  const [first] = demo.units;
  const a1 = demo.criteria.find((x) => x.kind === 'NORMAL')!;
  form[`p_${first.id}_${a1.id}`] = String(Math.max(0, Number(form[`p_${first.id}_${a1.id}`]) - 0.5));
  form.reason = 'Kiểm tra lại hồ sơ';
  assert.equal((await c.post(url, form)).status, 303);
  const after = await app.prisma.assessment.findMany({ where: { periodId: demo.period2 } });
  for (const a of after) {
    const was = before.get(a.unitId)!;
    assert.equal(a.status, 'VERIFIED');
    if (a.unitId === first.id) {
      assert.equal(a.version, was.version + 1, 'the saved unit’s verification is renewed');
      assert.equal(a.verifiedById, officerId);
      assert.ok(a.verifiedAt! > was.verifiedAt! && a.updatedAt > was.updatedAt, 'its verification time moved');
    } else assert.equal(a.version, was.version, `unit ${a.unitId} untouched`);
  }
});

test('a partly filled unit stays DRAFT while a complete one is VERIFIED', async () => {
  const camp = await makeCampaign(['BACHE', 'COTO']);
  const c = await app.as('officer');
  const res = await fillGrid(c, camp, (ui, ci) => (ui === 1 && ci === 2 ? '' : '2'));
  assert.equal(res.status, 303);
  const st = new Map((await app.prisma.assessment.findMany({ where: { periodId: camp.periodId } })).map((a) => [a.unitId, a.status]));
  assert.equal(st.get(camp.units[0].id), 'VERIFIED');
  assert.equal(st.get(camp.units[1].id), 'DRAFT');
});

test('two officers read the same version; the second save gets 409 with the newer value and nothing of it is written', async () => {
  const camp = await makeCampaign(['HAIHA', 'TIENYEN']);
  const a = await app.as('officer');
  await fillGrid(a, camp, () => '2');
  const b = await app.as('officer2');
  const pageA = formFields((await a.get(camp.gridUrl)).text);
  const pageB = formFields((await b.get(camp.gridUrl)).text);
  const [u1, u2] = camp.units;
  const [x1, x2] = camp.criteria;
  pageA[`p_${u1.id}_${x1.id}`] = '8';
  pageA.reason = 'Bổ sung kết quả kiểm tra';
  assert.equal((await a.post(camp.gridUrl, pageA)).status, 303);
  pageB[`p_${u1.id}_${x1.id}`] = '6';
  pageB[`p_${u2.id}_${x2.id}`] = '4.5';
  pageB.reason = 'Chấm lại';
  const res = await b.post(camp.gridUrl, pageB);
  assert.equal(res.status, 409);
  assert.match(res.text, /1 ô điểm vừa được người khác thay đổi/);
  assert.match(res.text, new RegExp(`id="cell-${u1.id}-${x1.id}-conflict">Giá trị mới: 8 — Đại úy Nguyễn Văn An \\(Ban Tuyên huấn\\) lưu lúc`));
  assert.match(res.text, new RegExp(`name="p_${u1.id}_${x1.id}" value="6"`), 'what officer B typed is kept');
  assert.match(res.text, new RegExp(`name="p_${u2.id}_${x2.id}" value="4.5"`));
  const cell1 = await app.prisma.score.findFirstOrThrow({ where: { periodId: camp.periodId, unitId: u1.id, criterionId: x1.id } });
  const cell2 = await app.prisma.score.findFirstOrThrow({ where: { periodId: camp.periodId, unitId: u2.id, criterionId: x2.id } });
  assert.equal(Number(cell1.points), 8);
  assert.equal(cell1.scoredById, officerId);
  assert.equal(Number(cell2.points), 2, "officer B's other change was not written either");
  // saving again after seeing the conflict is a deliberate overwrite, with a reason
  const again = formFields(res.text);
  assert.equal((await b.post(camp.gridUrl, again)).status, 303);
  assert.equal(Number((await app.prisma.score.findUniqueOrThrow({ where: { id: cell1.id } })).points), 6);
});

test('two saves of the same new cells sent at once: exactly one wins, the other is a conflict and writes nothing', async () => {
  const camp = await makeCampaign(['COTO']);
  const a = await app.as('officer');
  const b = await app.as('officer2');
  const formA = formFields((await a.get(camp.gridUrl)).text);
  const formB = formFields((await b.get(camp.gridUrl)).text);
  const [u] = camp.units;
  for (const cr of camp.criteria) {
    formA[`p_${u.id}_${cr.id}`] = '1';
    formB[`p_${u.id}_${cr.id}`] = '2';
  }
  const results = await Promise.all([a.post(camp.gridUrl, formA), b.post(camp.gridUrl, formB)]);
  assert.deepEqual(results.map((r) => r.status).sort(), [303, 409]);
  const winner = results[0].status === 303 ? '1' : '2';
  const cells = await app.prisma.score.findMany({ where: { periodId: camp.periodId } });
  assert.equal(cells.length, camp.criteria.length);
  assert.ok(cells.every((c) => String(Number(c.points)) === winner), 'all cells hold the winner\'s values, none of the loser\'s');
});

test('every changed cell is audited with old and new value, who, when and why; an overwrite without a reason saves nothing', async () => {
  const camp = await makeCampaign(['VANDON']);
  const c = await app.as('officer');
  await fillGrid(c, camp, () => '3');
  const [u] = camp.units;
  const [x1, x2] = camp.criteria;
  const form = formFields((await c.get(camp.gridUrl)).text);
  form[`p_${u.id}_${x1.id}`] = '9';
  const noReason = await c.post(camp.gridUrl, form);
  assert.equal(noReason.status, 400);
  assert.match(noReason.text, /Vui lòng nêu lý do khi sửa điểm đã chấm/);
  assert.equal(Number((await app.prisma.score.findFirstOrThrow({ where: { periodId: camp.periodId, unitId: u.id, criterionId: x1.id } })).points), 3);
  form.reason = 'Phúc tra ngày 12/5';
  assert.equal((await c.post(camp.gridUrl, form)).status, 303);
  const score = await app.prisma.score.findFirstOrThrow({ where: { periodId: camp.periodId, unitId: u.id, criterionId: x1.id } });
  const rows = await scoreTrail(app, score.id);
  assert.deepEqual(rows.map((r) => r.action), ['scores.create', 'scores.update']);
  const upd = rows[1];
  assert.equal(upd.userId, officerId);
  assert.equal(upd.reason, 'Phúc tra ngày 12/5');
  assert.deepEqual(upd.old, { score: score.id, points: 3, comment: null });
  assert.deepEqual(upd.cell, { score: score.id, unit: u.id, criterion: x1.id, points: 9, comment: null });
  assert.deepEqual(cellsOf(upd.after).length, 1, 'only the changed cell is listed');
  assert.equal((upd.after as { periodId: number }).periodId, camp.periodId);
  assert.equal(upd.campaignId, camp.campaignId);
  assert.equal(upd.unitId, u.id, 'a save of one unit names it');
  assert.ok(upd.at instanceof Date);
  // a decimal and a comment are recorded as stored, the cell as it was before
  const again = formFields((await c.get(camp.gridUrl)).text);
  again[`p_${u.id}_${x1.id}`] = '7,5';
  again[`c_${u.id}_${x1.id}`] = 'Đạt, có tiến bộ';
  again.reason = 'Phúc tra lần 2';
  assert.equal((await c.post(camp.gridUrl, again)).status, 303);
  const [, , second] = await scoreTrail(app, score.id);
  assert.equal(second.action, 'scores.update');
  assert.equal(second.reason, 'Phúc tra lần 2');
  assert.equal(second.requestId !== null && second.requestId.length > 0, true);
  assert.deepEqual(second.old, { score: score.id, points: 9, comment: null });
  assert.deepEqual(second.cell, { score: score.id, unit: u.id, criterion: x1.id, points: 7.5, comment: 'Đạt, có tiến bộ' });
  const untouched = await app.prisma.score.findFirstOrThrow({ where: { periodId: camp.periodId, unitId: u.id, criterionId: x2.id } });
  assert.deepEqual((await scoreTrail(app, untouched.id)).map((r) => r.action), ['scores.create'], 'an unchanged cell is not audited');
});

test('closing a period is blocked while units are not verified, listing them; it closes once all are verified', async () => {
  const camp = await makeCampaign(['DAMHA', 'BINHLIEU']);
  const c = await app.as('officer');
  await fillGrid(c, camp, (ui, ci) => (ui === 1 && ci === 0 ? '' : '1'));
  const closeUrl = `/campaigns/${camp.campaignId}/periods/${camp.periodId}/close`;
  await c.get(`/campaigns/${camp.campaignId}/periods/${camp.periodId}/status`);
  const blocked = await c.post(closeUrl);
  assert.equal(blocked.status, 422);
  assert.match(blocked.text, /còn 1 đơn vị chưa được thẩm định/);
  assert.match(blocked.text, /Ban CHQS huyện Đầm Hà — Dự thảo/);
  assert.equal((await app.prisma.period.findUniqueOrThrow({ where: { id: camp.periodId } })).status, 'OPEN');
  await fillGrid(c, camp, () => '1');
  const ok = await c.post(closeUrl);
  assert.equal(ok.status, 303);
  const p = await app.prisma.period.findUniqueOrThrow({ where: { id: camp.periodId } });
  assert.equal(p.status, 'CLOSED');
  assert.equal(p.closedById, officerId);
  assert.ok(await app.prisma.auditLog.findFirst({ where: { action: 'period.close', entityId: String(camp.periodId) } }));
});

test('a closed period is read-only: inputs disabled, a save refused with nothing written; reopening needs a commander and a reason', async () => {
  const camp = await makeCampaign(['UONGBI']);
  const c = await app.as('officer');
  await fillGrid(c, camp, () => '2');
  const form = formFields((await c.get(camp.gridUrl)).text);
  await c.post(`/campaigns/${camp.campaignId}/periods/${camp.periodId}/close`);
  const page = await c.get(camp.gridUrl);
  assert.equal(page.status, 200);
  assert.match(page.text, /Kỳ chấm điểm đã khóa/);
  assert.doesNotMatch(page.text, /<input type="text" inputmode="decimal"(?![^>]*disabled)/, 'every score input is disabled');
  form[`p_${camp.units[0].id}_${camp.criteria[0].id}`] = '7';
  form.reason = 'thử';
  const refused = await c.post(camp.gridUrl, form);
  assert.equal(refused.status, 409);
  assert.equal(Number((await app.prisma.score.findFirstOrThrow({ where: { periodId: camp.periodId, criterionId: camp.criteria[0].id } })).points), 2);

  const reopenUrl = `/campaigns/${camp.campaignId}/periods/${camp.periodId}/reopen`;
  assert.equal((await c.post(reopenUrl, { reason: 'Sai sót' })).status, 403, 'an officer cannot reopen');
  const cmd = await app.as('commander');
  await cmd.get(`/campaigns/${camp.campaignId}/periods/${camp.periodId}/status`);
  const noReason = await cmd.post(reopenUrl, { reason: '  ' });
  assert.equal(noReason.status, 400);
  assert.equal((await app.prisma.period.findUniqueOrThrow({ where: { id: camp.periodId } })).status, 'CLOSED');
  assert.equal((await cmd.post(reopenUrl, { reason: 'Phát hiện sai sót khi phúc tra' })).status, 303);
  assert.equal((await app.prisma.period.findUniqueOrThrow({ where: { id: camp.periodId } })).status, 'OPEN');
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'period.reopen', entityId: String(camp.periodId) } });
  assert.equal(audit.reason, 'Phát hiện sai sót khi phúc tra');
});

test('a unit user cannot use the officer grid, verify pages, progress pages or other units\' data', async () => {
  const c = await app.as('halong');
  const halong = demo.units.find((u) => u.code === 'HALONG')!;
  const mongcai = demo.units.find((u) => u.code === 'MONGCAI')!;
  const base = `/campaigns/${demo.campaignId}/periods/${demo.period2}`;
  const before = await app.prisma.score.count();
  for (const path of [`${base}/scores`, `${base}/scores?unit=${halong.id}`, `${base}/verify/${mongcai.id}`, `${base}/verify/${halong.id}`, `${base}/status`, `/campaigns/${demo.campaignId}/units/${mongcai.id}/inspections`]) {
    assert.equal((await c.get(path)).status, 403, `GET ${path}`);
  }
  const cr = demo.criteria[0];
  await c.get(`/campaigns/${demo.campaignId}/scores`);
  assert.equal((await c.post(`${base}/scores`, { [`p_${mongcai.id}_${cr.id}`]: '1', [`v_${mongcai.id}_${cr.id}`]: '' })).status, 403);
  assert.equal((await c.post(`${base}/verify/${mongcai.id}/return`, { returnReason: 'x' })).status, 403);
  assert.equal((await c.post(`${base}/close`)).status, 403);
  assert.equal(await app.prisma.score.count(), before);
  // its own self-assessment page shows only its own unit, whatever unit id is slipped into the form
  const self = await c.get(`${base}/self`);
  assert.equal(self.status, 200);
  assert.doesNotMatch(self.text, /Móng Cái/);
  // the unit's own inspection notes are visible to it
  assert.equal((await c.get(`/campaigns/${demo.campaignId}/units/${halong.id}/inspections`)).status, 200);
});

test('officers record inspections per unit; they are listed there and in latestInspections', async () => {
  const c = await app.as('officer');
  const unit = demo.units.find((u) => u.code === 'QUANGYEN')!;
  const url = `/campaigns/${demo.campaignId}/units/${unit.id}/inspections`;
  await c.get(url);
  const bad = await c.post(url, { kind: 'INSPECTION', date: '', inspectors: '', findings: 'Tốt', periodId: '' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, />Tốt<\/textarea>/);
  const ok = await c.post(url, { kind: 'REINSPECTION', date: '2021-04-12', inspectors: 'Thượng tá Nguyễn Văn Nam', findings: 'Đã khắc phục tồn tại về nền nếp chính quy.', periodId: String(demo.period2) });
  assert.equal(ok.status, 303);
  const list = await c.get(url);
  assert.match(list.text, /Đã khắc phục tồn tại về nền nếp chính quy\./);
  assert.match(list.text, /Phúc tra/);
  const { latestInspections } = await import('../../src/scoring/inspections-service.ts');
  const latest = await latestInspections(app.prisma, demo.campaignId, 5);
  assert.equal(latest[0].unit.code, 'QUANGYEN');
  const unitUser = await app.as('halong');
  assert.equal((await unitUser.post(url, { kind: 'INSPECTION', date: '2021-04-12', inspectors: 'x', findings: 'y' })).status, 403);
});

test('periodCompleteness reports per period who is not scored, submitted or verified', async () => {
  const camp = await makeCampaign(['KCQ', 'E244', 'CAMPHA']);
  const c = await app.as('officer');
  await fillGrid(c, camp, (ui) => (ui === 0 ? '1' : ui === 1 ? '' : ''));
  const { periodCompleteness } = await import('../../src/scoring/periods-service.ts');
  const [p] = await periodCompleteness(app.prisma, camp.campaignId);
  assert.equal(p.total, 3);
  assert.deepEqual(p.verified.map((u) => u.code), ['CAMPHA']);
  assert.deepEqual(p.notScored.map((u) => u.code).sort(), ['E244', 'KCQ']);
});
