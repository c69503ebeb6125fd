import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { scoreStats } from '../../src/campaigns/criteria-service.ts';
import { CAMPAIGN, CRITERIA_GROUPS, FOCAL_UNITS, PERIODS } from '../../src/demo/data.ts';

let app: TestApp;
let admin: Client;
let demoId: number;
before(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  demoId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
});
after(() => app.close());

type Form = Record<string, string | number | (string | number)[]>;
const version = async (id: number) => (await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).version;
let seq = 0;
const unique = (s: string) => `${s} ${++seq}-${Date.now() % 100000}`;

/** Create a draft over HTTP and return its id. */
async function createDraft(name = unique('Phong trào thử'), extra: Form = {}): Promise<number> {
  const res = await admin.post('/campaigns', { name, startDate: '2022-01-01', endDate: '2022-06-30', totalMode: 'SUM', ...extra });
  assert.equal(res.status, 303, res.text.slice(0, 500));
  const m = /^\/campaigns\/(\d+)\/participants$/.exec(res.location ?? '');
  assert.ok(m, `redirects to the participants step, got ${res.location}`);
  return Number(m[1]);
}

/** The criteria table of a campaign as the form posts it, from the database; `edit` changes rows by code. */
async function criteriaForm(id: number, edit: (row: Record<string, string>) => void = () => undefined): Promise<Form> {
  const groups = await app.prisma.criteriaGroup.findMany({ where: { campaignId: id }, orderBy: { order: 'asc' } });
  const criteria = await app.prisma.criterion.findMany({ where: { campaignId: id }, orderBy: [{ groupId: 'asc' }, { order: 'asc' }] });
  const form: Form = { version: await version(id) };
  groups.forEach((g, i) => Object.assign(form, { [`g[${i}][key]`]: `g${g.id}`, [`g[${i}][id]`]: g.id, [`g[${i}][code]`]: g.code, [`g[${i}][title]`]: g.title, [`g[${i}][order]`]: g.order }));
  criteria.forEach((c, j) => {
    const row: Record<string, string> = { id: String(c.id), group: `g${c.groupId}`, code: c.code, title: c.title, description: c.description ?? '', maxPoints: c.maxPoints.toString(), weight: c.weight.toString(), kind: c.kind, order: String(c.order) };
    edit(row);
    for (const [k, v] of Object.entries(row)) form[`c[${j}][${k}]`] = v;
  });
  return form;
}

/** Save the ranking rules step with these fields (the rest left empty). */
async function setRules(id: number, fields: Form): Promise<void> {
  const empty: Form = { 'tb[0]': '', 'tb[1]': '', 'tb[2]': '', 'tb[3]': '' };
  for (const k of ['XUAT_SAC', 'TOT', 'KHA', 'TRUNG_BINH']) Object.assign(empty, { [`th[${k}]`]: '', [`cond[${k}]`]: '' });
  const res = await admin.post(`/campaigns/${id}/rules`, { version: await version(id), ...empty, ...fields });
  assert.equal(res.status, 303, res.text.slice(0, 500));
}

/** A whole new criteria set (new groups n1.., new rows) in the form's shape. */
function newSetForm(v: number, groups: { code: string; title: string; criteria: { code: string; title: string; max: number; weight?: number; kind?: string }[] }[]): Form {
  const form: Form = { version: v };
  let j = 0;
  groups.forEach((g, i) => {
    Object.assign(form, { [`g[${i}][key]`]: `n${i + 1}`, [`g[${i}][id]`]: '', [`g[${i}][code]`]: g.code, [`g[${i}][title]`]: g.title, [`g[${i}][order]`]: i + 1 });
    g.criteria.forEach((c, k) => {
      Object.assign(form, {
        [`c[${j}][id]`]: '', [`c[${j}][group]`]: `n${i + 1}`, [`c[${j}][code]`]: c.code, [`c[${j}][title]`]: c.title, [`c[${j}][description]`]: '',
        [`c[${j}][maxPoints]`]: c.max, [`c[${j}][weight]`]: c.weight ?? 1, [`c[${j}][kind]`]: c.kind ?? 'NORMAL', [`c[${j}][order]`]: k + 1,
      });
      j++;
    });
  });
  return form;
}

test('an admin launches the reference campaign from scratch: details, 15 units, 3 periods, 19 criteria, titles', async () => {
  // step 1: details
  const id = await createDraft(unique(CAMPAIGN.name), {
    slogan: CAMPAIGN.slogan, movements: CAMPAIGN.movements, themes: CAMPAIGN.themes, decisionNo: CAMPAIGN.decisionNo,
    decisionDate: CAMPAIGN.decisionDate, issuingAuthority: CAMPAIGN.issuingAuthority, startDate: CAMPAIGN.startDate, endDate: CAMPAIGN.endDate,
  });
  let c = await app.prisma.campaign.findUniqueOrThrow({ where: { id } });
  assert.equal(c.status, 'DRAFT');
  assert.equal(c.decisionNo, '15/QĐ-BCH');
  assert.deepEqual(c.classRules, { thresholds: { XUAT_SAC: 90, TOT: 80, KHA: 65, TRUNG_BINH: 50 } }, 'class thresholds default to 90/80/65/50');
  assert.equal(await app.prisma.campaignStatusChange.count({ where: { campaignId: id, fromStatus: null, toStatus: 'DRAFT' } }), 1);
  assert.ok(await app.prisma.auditLog.findFirst({ where: { action: 'campaign.create', entityId: String(id) } }));

  // step 2: the two district clusters (13 units) plus the agencies bloc and e244
  const page = await admin.get(`/campaigns/${id}/participants?q=cam pha`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Ban CHQS thành phố Cẩm Phả/, 'the filter finds Cẩm Phả without accents');
  assert.doesNotMatch(page.text, /Ban CHQS huyện Ba Chẽ/);
  const units = await app.prisma.unit.findMany({ where: { active: true } });
  const unitId = (code: string) => units.find((u) => u.code === code)!.id;
  const clusters = await app.prisma.cluster.findMany({ where: { name: { startsWith: 'Cụm thi đua các' } } });
  assert.equal(clusters.length, 2);
  let res = await admin.post(`/campaigns/${id}/participants`, { version: await version(id), shown: units.map((u) => u.id), unitIds: [unitId('KCQ'), unitId('E244')], clusterIds: clusters.map((x) => x.id), go: 'next' });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/campaigns/${id}/periods`, 'save and continue goes to the next step');
  const members = await app.prisma.campaignUnit.findMany({ where: { campaignId: id }, include: { unit: true } });
  assert.deepEqual(members.map((m) => m.unit.code).sort(), FOCAL_UNITS.map((u) => u.code).sort());

  // step 3: generate (shown, not saved), then save the reference periods
  res = await admin.post(`/campaigns/${id}/periods`, { version: await version(id), action: 'generate', mode: 'QUARTERLY' });
  assert.equal(res.status, 200);
  assert.match(res.text, /value="2021-01-10"/);
  assert.match(res.text, /Quý 2\/2021/);
  assert.equal(await app.prisma.period.count({ where: { campaignId: id } }), 0, 'a generated plan is not saved until the admin saves it');
  const periodForm: Form = { version: await version(id) };
  PERIODS.forEach((p, i) => Object.assign(periodForm, { [`p[${i}][id]`]: '', [`p[${i}][name]`]: p.name, [`p[${i}][startDate]`]: p.startDate, [`p[${i}][endDate]`]: p.endDate }));
  res = await admin.post(`/campaigns/${id}/periods`, periodForm);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const periods = await app.prisma.period.findMany({ where: { campaignId: id }, orderBy: { seq: 'asc' } });
  assert.deepEqual(periods.map((p) => [p.seq, p.name]), PERIODS.map((p) => [p.seq, p.name]));

  // step 4: 7 groups, 19 criteria
  res = await admin.post(`/campaigns/${id}/criteria`, newSetForm(await version(id), CRITERIA_GROUPS));
  assert.equal(res.status, 303, res.text.slice(0, 300));
  assert.equal(await app.prisma.criteriaGroup.count({ where: { campaignId: id } }), 7);
  assert.equal(await app.prisma.criterion.count({ where: { campaignId: id } }), 19);
  assert.equal(await app.prisma.criterion.count({ where: { campaignId: id, kind: 'PENALTY' } }), 2);
  assert.equal(await app.prisma.auditLog.count({ where: { campaignId: id, action: 'criterion.create' } }), 19);

  // step 4b: tie-breaks and a condition on Xuất sắc
  res = await admin.post(`/campaigns/${id}/rules`, { version: await version(id), 'tb[0]': 'group:B', 'tb[1]': 'fewerPenalty', 'tb[2]': 'latestPeriod', 'tb[3]': '', 'th[XUAT_SAC]': '90', 'th[TOT]': '80', 'th[KHA]': '65', 'th[TRUNG_BINH]': '50', 'cond[XUAT_SAC]': 'K' });
  assert.equal(res.status, 303, res.text.slice(0, 300));
  c = await app.prisma.campaign.findUniqueOrThrow({ where: { id } });
  assert.deepEqual(c.tieBreaks, [{ kind: 'group', groupCode: 'B' }, { kind: 'fewerPenalty' }, { kind: 'latestPeriod' }]);
  assert.deepEqual(c.classRules, { thresholds: { XUAT_SAC: 90, TOT: 80, KHA: 65, TRUNG_BINH: 50 }, conditions: [{ class: 'XUAT_SAC', noPenaltyInGroup: 'K' }] });

  // step 5: the catalogue (the 2024 army catalogue, in force from 2024) offers nothing for this 2021 peak campaign,
  // so its forms of commendation are typed in the table with their quotas
  const titlesPage = await admin.get(`/campaigns/${id}/titles`);
  assert.doesNotMatch(titlesPage.text, /data-catalogue="/);
  const titleForm: Form = { version: await version(id) };
  const typed = [['GK', 'Giấy khen', 'COLLECTIVE', '30'], ['BK', 'Bằng khen', 'COLLECTIVE', '20'], ['GKCN', 'Giấy khen (cá nhân)', 'INDIVIDUAL', '70']];
  typed.forEach(([code, name, scope, quota], i) => Object.assign(titleForm, { [`ti[${i}][id]`]: '', [`ti[${i}][code]`]: code, [`ti[${i}][name]`]: name, [`ti[${i}][scope]`]: scope, [`ti[${i}][kind]`]: 'COMMENDATION', [`ti[${i}][quotaPercent]`]: quota, [`ti[${i}][minClass]`]: '', [`ti[${i}][requiresRegistration]`]: 'on', [`ti[${i}][order]`]: i + 1 }));
  res = await admin.post(`/campaigns/${id}/titles`, titleForm);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const titles = await app.prisma.campaignTitle.findMany({ where: { campaignId: id }, orderBy: { order: 'asc' } });
  assert.deepEqual(titles.map((t) => [t.name, Number(t.quotaPercent), t.catalogId]), [['Giấy khen', 30, null], ['Bằng khen', 20, null], ['Giấy khen (cá nhân)', 70, null]]);

  // step 6: the checklist passes and shows the 100-point total, then launch
  const launchPage = await admin.get(`/campaigns/${id}/launch`);
  assert.match(launchPage.text, /Phong trào đã đủ điều kiện phát động/);
  assert.match(launchPage.text, /15 đơn vị tham gia/);
  assert.match(launchPage.text, /Tổng điểm tối đa của các tiêu chí \(có hệ số\): 100 điểm/);
  assert.doesNotMatch(launchPage.text, /không phải thang điểm 100/);
  res = await admin.post(`/campaigns/${id}/launch`);
  assert.equal(res.status, 303);
  c = await app.prisma.campaign.findUniqueOrThrow({ where: { id } });
  assert.equal(c.status, 'ACTIVE');
  const adminUser = await app.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
  const step = await app.prisma.campaignStatusChange.findFirstOrThrow({ where: { campaignId: id, toStatus: 'ACTIVE' } });
  assert.equal(step.fromStatus, 'DRAFT');
  assert.equal(step.byId, adminUser.id);
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'campaign.launch', entityId: String(id) } });
  assert.deepEqual([audit.before, audit.after], [{ status: 'DRAFT' }, { status: 'ACTIVE' }]);

  // the overview shows the history with who and when; a second launch is refused
  const show = await admin.get(`/campaigns/${id}`);
  assert.match(show.text, /Lịch sử trạng thái/);
  assert.match(show.text, /Dự thảo → Đang triển khai/);
  assert.match(show.text, /Quản trị hệ thống/);
  assert.equal((await admin.post(`/campaigns/${id}/launch`)).status, 422);

  // close: active → closed, recorded with the note; the setup is then settled
  res = await admin.post(`/campaigns/${id}/close`, { reason: 'Đã chấm xong 3 đợt' });
  assert.equal(res.status, 303);
  const closed = await app.prisma.campaignStatusChange.findFirstOrThrow({ where: { campaignId: id, toStatus: 'CLOSED' } });
  assert.equal(closed.reason, 'Đã chấm xong 3 đợt');
  assert.match((await admin.get(`/campaigns/${id}`)).text, /Đang triển khai → Đã kết thúc/);
  const late = await admin.post(`/campaigns/${id}/edit`, { version: await version(id), name: 'Đổi tên muộn', startDate: CAMPAIGN.startDate, endDate: CAMPAIGN.endDate, totalMode: 'SUM' });
  assert.equal(late.status, 422);
  assert.notEqual((await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).name, 'Đổi tên muộn');
  assert.equal((await admin.post(`/campaigns/${id}/close`)).status, 422, 'a closed campaign cannot be closed again');
});

test('launch is refused with the list of what is missing, and nothing changes', async () => {
  const id = await createDraft();
  // one empty group and one group with only a bonus criterion: no normal criterion, an empty group
  await admin.post(`/campaigns/${id}/criteria`, newSetForm(await version(id), [
    { code: 'A', title: 'Nhóm trống', criteria: [] },
    { code: 'T', title: 'Điểm thưởng', criteria: [{ code: 'T1', title: 'Thành tích đột xuất', max: 5, kind: 'BONUS' }] },
  ]));
  assert.equal(await app.prisma.criteriaGroup.count({ where: { campaignId: id } }), 2);
  const res = await admin.post(`/campaigns/${id}/launch`);
  assert.equal(res.status, 422);
  for (const missing of [/Chưa chọn đơn vị tham gia nào/, /Chưa có kỳ chấm điểm nào/, /Chưa có tiêu chí tính điểm nào/, /Nhóm tiêu chí chưa có tiêu chí nào: A/, /Tổng điểm tối đa của các tiêu chí phải lớn hơn 0/]) {
    assert.match(res.text, missing);
  }
  assert.match(res.text, /Chưa phát động được/);
  assert.match(res.text, new RegExp(`href="/campaigns/${id}/participants"`), 'each missing item links to the step that fixes it');
  assert.equal((await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).status, 'DRAFT');
  assert.equal(await app.prisma.campaignStatusChange.count({ where: { campaignId: id } }), 1);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'campaign.launch', entityId: String(id) } }), 0);
});

test('a criteria set that does not add up to 100 is a warning, not a blocker', async () => {
  // dated in the catalogue's years (in force from 2024), so its forms can be picked from it
  const id = await createDraft(unique('Phong trào thử'), { startDate: '2025-01-01', endDate: '2025-06-30' });
  const unit = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'COTO' } });
  await admin.post(`/campaigns/${id}/participants`, { version: await version(id), shown: [unit.id], unitIds: [unit.id] });
  await admin.post(`/campaigns/${id}/periods`, { version: await version(id), 'p[0][name]': 'Cả phong trào', 'p[0][startDate]': '2025-01-01', 'p[0][endDate]': '2025-06-30' });
  await admin.post(`/campaigns/${id}/criteria`, newSetForm(await version(id), [{ code: 'A', title: 'Huấn luyện', criteria: [{ code: 'A1', title: 'Kết quả huấn luyện', max: 40, weight: 1.5 }] }]));
  await setRules(id, { 'th[XUAT_SAC]': '90', 'th[TOT]': '80', 'th[KHA]': '65', 'th[TRUNG_BINH]': '50' });
  assert.equal((await admin.post(`/campaigns/${id}/titles/preset`, { preset: 'GK_DV' })).status, 303);
  const page = await admin.get(`/campaigns/${id}/launch`);
  assert.match(page.text, /Tổng điểm tối đa là 60, không phải thang điểm 100/);
  assert.match(page.text, /Chưa có tiêu chí phân định thứ hạng khi bằng điểm/);
  assert.equal((await admin.post(`/campaigns/${id}/launch`)).status, 303);
  assert.equal((await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).status, 'ACTIVE');
});

test('launch checks the ranking rules and the titles: thresholds missing or out of order, no title, a title whose class has no threshold', async () => {
  // dated in the catalogue's years (in force from 2024), so its forms can be picked from it
  const id = await createDraft(unique('Phong trào thử'), { startDate: '2025-01-01', endDate: '2025-06-30' });
  const unit = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'COTO' } });
  await admin.post(`/campaigns/${id}/participants`, { version: await version(id), shown: [unit.id], unitIds: [unit.id] });
  await admin.post(`/campaigns/${id}/periods`, { version: await version(id), 'p[0][name]': 'Kỳ 1', 'p[0][startDate]': '2025-01-01', 'p[0][endDate]': '2025-06-30' });
  await admin.post(`/campaigns/${id}/criteria`, newSetForm(await version(id), [{ code: 'A', title: 'Huấn luyện', criteria: [{ code: 'A1', title: 'Kết quả huấn luyện', max: 100 }] }]));
  // thresholds cleared (a new campaign starts with the usual ones) and no titles: refused, each line linking to its step
  await setRules(id, {});
  let res = await admin.post(`/campaigns/${id}/launch`);
  assert.equal(res.status, 422);
  assert.match(res.text, /Chưa đặt đủ ngưỡng xếp loại \(Xuất sắc –, Tốt –, Khá –, Trung bình –\)/);
  assert.match(res.text, /Chưa có danh hiệu, hình thức khen thưởng nào/);
  assert.match(res.text, new RegExp(`href="/campaigns/${id}/rules"`));
  assert.match(res.text, new RegExp(`href="/campaigns/${id}/titles"`));
  assert.equal((await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).status, 'DRAFT');
  // a title that needs "Tốt" while only "Xuất sắc" has a threshold
  await setRules(id, { 'th[XUAT_SAC]': '90' });
  assert.equal((await admin.post(`/campaigns/${id}/titles/preset`, { preset: 'GK_DV' })).status, 303);
  const title = await app.prisma.campaignTitle.findFirstOrThrow({ where: { campaignId: id } });
  await app.prisma.campaignTitle.update({ where: { id: title.id }, data: { minClass: 'TOT' } });
  res = await admin.post(`/campaigns/${id}/launch`);
  assert.equal(res.status, 422);
  assert.match(res.text, /Chưa đặt đủ ngưỡng xếp loại/);
  assert.match(res.text, new RegExp(`Danh hiệu đòi hỏi một loại chưa có ngưỡng xếp loại: ${title.code}`));
  assert.doesNotMatch(res.text, /Chưa có danh hiệu, hình thức khen thưởng nào/);
  // thresholds stored out of order (the form refuses them; older data may hold them)
  await app.prisma.campaign.update({ where: { id }, data: { classRules: { thresholds: { XUAT_SAC: 80, TOT: 85, KHA: 65, TRUNG_BINH: 50 } } } });
  res = await admin.post(`/campaigns/${id}/launch`);
  assert.equal(res.status, 422);
  assert.match(res.text, /Ngưỡng xếp loại phải giảm dần từ Xuất sắc đến Trung bình \(đang là 80, 85, 65, 50\)/);
  // complete rules: launched
  await setRules(id, { 'th[XUAT_SAC]': '90', 'th[TOT]': '80', 'th[KHA]': '65', 'th[TRUNG_BINH]': '50' });
  const page = await admin.get(`/campaigns/${id}/launch`);
  assert.match(page.text, /Ngưỡng xếp loại: Xuất sắc từ 90%, Tốt từ 80%, Khá từ 65%, Trung bình từ 50%/);
  assert.match(page.text, /1 danh hiệu, hình thức khen thưởng/);
  assert.equal((await admin.post(`/campaigns/${id}/launch`)).status, 303);
  assert.equal((await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).status, 'ACTIVE');
});

test('the criteria editor keeps one blank row: adding again does not pile up empty rows or groups', async () => {
  const id = await createDraft();
  const rowsIn = (html: string) => (html.match(/name="c\[\d+\]\[code\]"/g) ?? []).length;
  const groupsIn = (html: string) => (html.match(/name="g\[\d+\]\[code\]"/g) ?? []).length;
  // a new group comes with one blank row; pressing "add group" again replaces the blank group rather than adding a second
  let res = await admin.post(`/campaigns/${id}/criteria`, { version: await version(id), action: 'addGroup' });
  assert.equal(res.status, 200);
  assert.deepEqual([groupsIn(res.text), rowsIn(res.text)], [1, 1]);
  const blankGroup = { 'g[0][key]': 'n1', 'g[0][id]': '', 'g[0][code]': '', 'g[0][title]': '', 'g[0][order]': '1' };
  const blankRow = (j: number, group: string) => ({ [`c[${j}][id]`]: '', [`c[${j}][group]`]: group, [`c[${j}][code]`]: '', [`c[${j}][title]`]: '', [`c[${j}][description]`]: '', [`c[${j}][maxPoints]`]: '', [`c[${j}][weight]`]: '1', [`c[${j}][kind]`]: 'NORMAL', [`c[${j}][order]`]: String(j + 1) });
  res = await admin.post(`/campaigns/${id}/criteria`, { version: await version(id), action: 'addGroup', ...blankGroup, ...blankRow(0, 'n1') });
  assert.deepEqual([groupsIn(res.text), rowsIn(res.text)], [1, 1]);
  // a filled group with a filled row and a blank one: "add criterion" keeps the filled row and one blank row
  const filled = { 'g[0][key]': 'n1', 'g[0][id]': '', 'g[0][code]': 'A', 'g[0][title]': 'Huấn luyện', 'g[0][order]': '1', ...blankRow(0, 'n1'), 'c[0][code]': 'A1', 'c[0][title]': 'Kết quả', 'c[0][maxPoints]': '10' };
  res = await admin.post(`/campaigns/${id}/criteria`, { version: await version(id), action: 'addCriterion:n1', ...filled, ...blankRow(1, 'n1') });
  assert.equal(rowsIn(res.text), 2, 'the filled row and one blank row');
  assert.match(res.text, /value="A1"/);
  // nothing was written by these presses
  assert.equal(await app.prisma.criteriaGroup.count({ where: { campaignId: id } }), 0);
});

test('an admin copies the criteria set of the earlier (demo) campaign, and saves and reuses it as a template', async () => {
  const id = await createDraft();
  let res = await admin.post(`/campaigns/${id}/criteria/copy`, { version: await version(id), source: `c${demoId}` });
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const copied = await app.prisma.criterion.findMany({ where: { campaignId: id }, include: { group: true }, orderBy: { code: 'asc' } });
  const original = await app.prisma.criterion.findMany({ where: { campaignId: demoId }, include: { group: true }, orderBy: { code: 'asc' } });
  assert.equal(copied.length, 19);
  const shape = (cs: typeof copied) => cs.map((c) => [c.group.code, c.code, c.title, c.maxPoints.toString(), c.weight.toString(), c.kind]);
  assert.deepEqual(shape(copied), shape(original));
  assert.deepEqual((await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).tieBreaks, (await app.prisma.campaign.findUniqueOrThrow({ where: { id: demoId } })).tieBreaks, 'the ranking rules come with the set');
  assert.ok(await app.prisma.auditLog.findFirst({ where: { action: 'criteria.copy', entityId: String(id) } }));

  // a source id beyond a PostgreSQL integer is a wrong choice beside the field, and nothing is written
  for (const source of ['c2147483648', 't9999999999']) {
    res = await admin.post(`/campaigns/${id}/criteria/copy`, { version: await version(id), source });
    assert.equal(res.status, 400, source);
    assert.match(res.text, /aria-invalid="true"|class="field-error"/, source);
  }
  assert.equal(await app.prisma.criterion.count({ where: { campaignId: id } }), 19);

  // a second copy over an existing set needs the "replace" tick
  res = await admin.post(`/campaigns/${id}/criteria/copy`, { version: await version(id), source: `c${demoId}` });
  assert.equal(res.status, 400);
  assert.match(res.text, /Đánh dấu “Thay thế bộ tiêu chí hiện có”/);
  assert.equal(await app.prisma.criterion.count({ where: { campaignId: id } }), 19);

  // save as a template (a taken name is refused), then copy the template into another draft
  const name = unique('Mẫu tiêu chí Ban CHQS');
  assert.equal((await admin.post(`/campaigns/${id}/criteria/template`, { templateName: name })).status, 303);
  res = await admin.post(`/campaigns/${id}/criteria/template`, { templateName: name });
  assert.equal(res.status, 400);
  assert.match(res.text, /Đã có mẫu mang tên này/);
  const tpl = await app.prisma.criteriaTemplate.findUniqueOrThrow({ where: { name } });
  const other = await createDraft();
  res = await admin.post(`/campaigns/${other}/criteria/copy`, { version: await version(other), source: `t${tpl.id}` });
  assert.equal(res.status, 303);
  assert.equal(await app.prisma.criterion.count({ where: { campaignId: other } }), 19);
  assert.equal(await app.prisma.criteriaGroup.count({ where: { campaignId: other } }), 7);

  // a running campaign cannot take a copied set
  res = await admin.post(`/campaigns/${demoId}/criteria/copy`, { version: await version(demoId), source: `c${id}`, replace: 'on' });
  assert.equal(res.status, 422);
});

test('once active, a scored criterion cannot be removed, change kind or drop its max below a score, and the message names the score', async () => {
  const a1 = await app.prisma.criterion.findFirstOrThrow({ where: { campaignId: demoId, code: 'A1' } });
  const scores = await app.prisma.score.findMany({ where: { criterionId: a1.id }, include: { unit: true, period: true } });
  assert.ok(scores.length > 0, 'the demo campaign has scores for A1 in period 1');
  const top = scores.map((s) => ({ s, v: Math.max(Number(s.points ?? 0), Number(s.selfPoints ?? 0)) })).sort((x, y) => y.v - x.v)[0];
  const before = await app.prisma.auditLog.count();

  let res = await admin.post(`/campaigns/${demoId}/criteria`, await criteriaForm(demoId, (r) => { if (r.code === 'A1') r.remove = 'on'; }));
  assert.equal(res.status, 400);
  assert.match(res.text, new RegExp(`Tiêu chí đã được chấm ${scores.length} lượt nên không xóa được`));

  res = await admin.post(`/campaigns/${demoId}/criteria`, await criteriaForm(demoId, (r) => { if (r.code === 'A1') r.maxPoints = '1'; }));
  assert.equal(res.status, 400);
  const shown = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(top.v);
  assert.ok(res.text.includes(`Không thể đặt dưới ${shown}: ${top.s.unit.name} đã được chấm ${shown} điểm ở kỳ “${top.s.period.name}”.`), 'names the unit, the period and the points');
  assert.match(res.text, /name="c\[\d+\]\[maxPoints\]" type="text" value="1"/, 'keeps the typed max');

  res = await admin.post(`/campaigns/${demoId}/criteria`, await criteriaForm(demoId, (r) => { if (r.code === 'A1') r.kind = 'BONUS'; }));
  assert.equal(res.status, 400);
  assert.match(res.text, /Tiêu chí đã có điểm chấm nên không đổi loại được/);
  const after = await app.prisma.criterion.findUniqueOrThrow({ where: { id: a1.id } });
  assert.deepEqual([after.maxPoints.toString(), after.kind], [a1.maxPoints.toString(), a1.kind]);
  assert.equal(await app.prisma.auditLog.count(), before, 'refused saves write nothing');

  // raising the max is fine, and audited with before and after
  res = await admin.post(`/campaigns/${demoId}/criteria`, await criteriaForm(demoId, (r) => { if (r.code === 'A1') r.maxPoints = '12'; }));
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const log = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'criterion.update', entityId: String(a1.id) }, orderBy: { id: 'desc' } });
  assert.equal((log.before as { maxPoints: number }).maxPoints, 10);
  assert.equal((log.after as { maxPoints: number }).maxPoints, 12);
  await admin.post(`/campaigns/${demoId}/criteria`, await criteriaForm(demoId, (r) => { if (r.code === 'A1') r.maxPoints = '10'; }));

  // a scored period and a unit with scores cannot be removed either
  const p1 = await app.prisma.period.findFirstOrThrow({ where: { campaignId: demoId, seq: 1 } });
  const periods = await app.prisma.period.findMany({ where: { campaignId: demoId }, orderBy: { seq: 'asc' } });
  const periodForm: Form = { version: await version(demoId) };
  periods.forEach((p, i) => Object.assign(periodForm, { [`p[${i}][id]`]: p.id, [`p[${i}][name]`]: p.name, [`p[${i}][startDate]`]: p.startDate.toISOString().slice(0, 10), [`p[${i}][endDate]`]: p.endDate.toISOString().slice(0, 10), ...(p.id === p1.id ? { [`p[${i}][remove]`]: 'on' } : {}) }));
  res = await admin.post(`/campaigns/${demoId}/periods`, periodForm);
  assert.equal(res.status, 400);
  assert.match(res.text, /Kỳ đã có điểm chấm, tự đánh giá hoặc báo cáo nên không xóa được/);
  assert.ok(await app.prisma.period.findUnique({ where: { id: p1.id } }));
  const halong = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  res = await admin.post(`/campaigns/${demoId}/participants`, { version: await version(demoId), shown: [halong.id], unitIds: [] });
  assert.equal(res.status, 400);
  assert.match(res.text, /Không thể bỏ Hạ Long: đơn vị đã có bản đăng ký thi đua hoặc điểm chấm/);
  assert.ok(await app.prisma.campaignUnit.findUnique({ where: { campaignId_unitId: { campaignId: demoId, unitId: halong.id } } }));
});

test('the criteria page counts each criterion\'s scores up to a cap, and a lower max above every score is allowed', async () => {
  const a1 = await app.prisma.criterion.findFirstOrThrow({ where: { campaignId: demoId, code: 'A1' } });
  const n = await app.prisma.score.count({ where: { criterionId: a1.id } });
  assert.ok(n > 2, 'the demo campaign has several scores for A1');
  const page = await admin.get(`/campaigns/${demoId}/criteria`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(`đã chấm ${n} lượt`), 'the exact count below the cap');

  const unscored = await app.prisma.criterion.findMany({ where: { campaignId: demoId, scores: { none: {} } }, select: { id: true } });
  const exact = await scoreStats(app.prisma, demoId);
  assert.deepEqual(exact.get(a1.id), { count: n, more: false });
  for (const c of unscored) assert.equal(exact.has(c.id), false, 'a criterion without scores has no count');
  assert.deepEqual((await scoreStats(app.prisma, demoId, 2)).get(a1.id), { count: 2, more: true }, 'stops counting past the cap');
  assert.deepEqual((await scoreStats(app.prisma, demoId, n)).get(a1.id), { count: n, more: false }, 'exactly the cap is not more');

  // lowering the max to the highest score given is allowed (no score is cut); the lock only refuses below it
  const scored = await app.prisma.criterion.findMany({ where: { campaignId: demoId, scores: { some: {} } }, include: { scores: true }, orderBy: { id: 'asc' } });
  const roomy = scored.map((c) => ({ c, top: Math.max(...c.scores.map((s) => Math.max(Number(s.points ?? 0), Number(s.selfPoints ?? 0)))) })).find((x) => x.top > 0 && x.top < Number(x.c.maxPoints));
  assert.ok(roomy, 'the demo has a scored criterion whose scores stay under its max');
  const v = await version(demoId);
  let res = await admin.post(`/campaigns/${demoId}/criteria`, await criteriaForm(demoId, (r) => { if (r.code === roomy.c.code) r.maxPoints = String(roomy.top).replace('.', ','); }));
  assert.equal(res.status, 303, res.text.slice(0, 300));
  assert.equal(Number((await app.prisma.criterion.findUniqueOrThrow({ where: { id: roomy.c.id } })).maxPoints), roomy.top);
  assert.ok((await version(demoId)) > v);
  res = await admin.post(`/campaigns/${demoId}/criteria`, await criteriaForm(demoId, (r) => { if (r.code === roomy.c.code) r.maxPoints = roomy.c.maxPoints.toString(); }));
  assert.equal(res.status, 303);
});

test('a new criterion can still be added to a running campaign and removed while it has no scores', async () => {
  const groupB = await app.prisma.criteriaGroup.findFirstOrThrow({ where: { campaignId: demoId, code: 'B' } });
  const form = await criteriaForm(demoId);
  const j = await app.prisma.criterion.count({ where: { campaignId: demoId } });
  Object.assign(form, { [`c[${j}][id]`]: '', [`c[${j}][group]`]: `g${groupB.id}`, [`c[${j}][code]`]: 'B5', [`c[${j}][title]`]: 'Huấn luyện bơi vũ trang', [`c[${j}][description]`]: '', [`c[${j}][maxPoints]`]: '2,5', [`c[${j}][weight]`]: '1', [`c[${j}][kind]`]: 'NORMAL', [`c[${j}][order]`]: 5 });
  assert.equal((await admin.post(`/campaigns/${demoId}/criteria`, form)).status, 303);
  const b5 = await app.prisma.criterion.findUniqueOrThrow({ where: { campaignId_code: { campaignId: demoId, code: 'B5' } } });
  assert.equal(b5.maxPoints.toString(), '2.5', 'a comma is read as the decimal mark');
  const res = await admin.post(`/campaigns/${demoId}/criteria`, await criteriaForm(demoId, (r) => { if (r.code === 'B5') r.remove = 'on'; }));
  assert.equal(res.status, 303);
  assert.equal(await app.prisma.criterion.findUnique({ where: { id: b5.id } }), null);
  const log = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'criterion.delete', entityId: String(b5.id) } });
  assert.equal((log.before as { code: string }).code, 'B5');
});

test('validation errors keep what was typed, show beside the field and write nothing', async () => {
  const count = await app.prisma.campaign.count();
  let res = await admin.post('/campaigns', { name: 'Thi đua cao điểm chào mừng Đại hội', slogan: 'Đoàn kết', startDate: '2022-06-30', endDate: '2022-01-01', totalMode: 'SUM' });
  assert.equal(res.status, 400);
  assert.match(res.text, /value="Thi đua cao điểm chào mừng Đại hội"/);
  assert.match(res.text, /value="2022-06-30"/);
  assert.match(res.text, /Ngày kết thúc không được trước ngày bắt đầu/);
  res = await admin.post('/campaigns', { name: '', startDate: 'x', endDate: '2022-01-01', totalMode: 'WHATEVER' });
  assert.equal(res.status, 400);
  assert.match(res.text, /Vui lòng nhập mục này/);
  assert.equal(await app.prisma.campaign.count(), count);

  const id = await createDraft();
  // periods: overlapping and outside the campaign
  const v = await version(id);
  res = await admin.post(`/campaigns/${id}/periods`, {
    version: v,
    'p[0][name]': 'Quý I', 'p[0][startDate]': '2022-01-01', 'p[0][endDate]': '2022-03-31',
    'p[1][name]': 'Quý II chồng', 'p[1][startDate]': '2022-03-15', 'p[1][endDate]': '2022-07-15',
  });
  assert.equal(res.status, 400);
  assert.match(res.text, /Trùng thời gian với kỳ “Quý I” ở trên/);
  assert.match(res.text, /Kỳ kết thúc sau ngày kết thúc phong trào/);
  assert.match(res.text, /value="Quý II chồng"/);
  assert.equal(await app.prisma.period.count({ where: { campaignId: id } }), 0);
  assert.equal(await version(id), v, 'a refused save does not bump the version');

  // criteria: a duplicate code and a max that is not a number
  const form = newSetForm(v, [{ code: 'A', title: 'Nhóm A', criteria: [{ code: 'A1', title: 'Một', max: 10 }, { code: 'A1', title: 'Hai', max: 5 }] }]);
  form['c[1][maxPoints]'] = 'mười';
  res = await admin.post(`/campaigns/${id}/criteria`, form);
  assert.equal(res.status, 400);
  assert.match(res.text, /Nhập số bằng chữ số, tối đa một dấu thập phân/);
  assert.match(res.text, /value="mười"/);
  assert.equal(await app.prisma.criterion.count({ where: { campaignId: id } }), 0);
  form['c[1][maxPoints]'] = '5';
  res = await admin.post(`/campaigns/${id}/criteria`, form);
  assert.equal(res.status, 400);
  assert.match(res.text, /Mã này đã dùng ở dòng khác/);
  assert.equal(await app.prisma.criteriaGroup.count({ where: { campaignId: id } }), 0);

  // titles: a quota over 100
  res = await admin.post(`/campaigns/${id}/titles`, { version: v, 'ti[0][code]': 'DVQT', 'ti[0][name]': 'Đơn vị Quyết thắng', 'ti[0][scope]': 'COLLECTIVE', 'ti[0][kind]': 'TITLE', 'ti[0][quotaPercent]': '150', 'ti[0][minClass]': '', 'ti[0][order]': '1' });
  assert.equal(res.status, 400);
  assert.match(res.text, /Giá trị lớn nhất là 100/);
  assert.match(res.text, /value="150"/);
  assert.equal(await app.prisma.campaignTitle.count({ where: { campaignId: id } }), 0);

  // rules: thresholds out of order
  res = await admin.post(`/campaigns/${id}/rules`, { version: v, 'th[XUAT_SAC]': '80', 'th[TOT]': '85' });
  assert.equal(res.status, 400);
  assert.match(res.text, /Ngưỡng phải thấp hơn ngưỡng của loại cao hơn/);
});

test('two admins editing at once: the stale save is refused with 409, keeps what was typed and overwrites nothing', async () => {
  const id = await createDraft('Phong trào sửa đồng thời');
  const stale = await version(id);
  const other = await app.as('admin');
  assert.equal((await other.post(`/campaigns/${id}/edit`, { version: stale, name: 'Tên do người thứ hai sửa', startDate: '2022-01-01', endDate: '2022-06-30', totalMode: 'SUM' })).status, 303);
  const res = await admin.post(`/campaigns/${id}/edit`, { version: stale, name: 'Tên do người thứ nhất sửa', startDate: '2022-01-01', endDate: '2022-06-30', totalMode: 'SUM' });
  assert.equal(res.status, 409);
  assert.match(res.text, /người khác đã thay đổi phong trào này/);
  assert.match(res.text, /value="Tên do người thứ nhất sửa"/);
  assert.equal((await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).name, 'Tên do người thứ hai sửa');
  // the form now carries the current version, so saving again after checking applies it
  const fresh = /name="version" value="(\d+)"/.exec(res.text)?.[1];
  assert.equal(Number(fresh), await version(id));
});

test('officers, commanders and unit accounts get 403 on every setup page and write route, and nothing changes', async () => {
  const id = await createDraft('Phong trào kiểm tra quyền');
  const v = await version(id);
  const reads = ['/campaigns/new', ...['edit', 'participants', 'periods', 'criteria', 'rules', 'titles', 'launch'].map((s) => `/campaigns/${id}/${s}`)];
  const writes: [string, Form][] = [
    ['/campaigns', { name: 'Lén tạo', startDate: '2022-01-01', endDate: '2022-02-01', totalMode: 'SUM' }],
    [`/campaigns/${id}/edit`, { version: v, name: 'Lén sửa', startDate: '2022-01-01', endDate: '2022-02-01', totalMode: 'SUM' }],
    [`/campaigns/${id}/participants`, { version: v, unitIds: [1], shown: [1] }],
    [`/campaigns/${id}/periods`, { version: v, 'p[0][name]': 'Lén', 'p[0][startDate]': '2022-01-01', 'p[0][endDate]': '2022-01-31' }],
    [`/campaigns/${id}/criteria`, newSetForm(v, [{ code: 'X', title: 'Lén', criteria: [{ code: 'X1', title: 'Lén', max: 10 }] }])],
    [`/campaigns/${id}/criteria/copy`, { version: v, source: `c${demoId}` }],
    [`/campaigns/${id}/criteria/template`, { templateName: 'Lén lưu mẫu' }],
    [`/campaigns/${id}/rules`, { version: v, 'th[XUAT_SAC]': '10' }],
    [`/campaigns/${id}/titles`, { version: v, 'ti[0][code]': 'X', 'ti[0][name]': 'Lén', 'ti[0][scope]': 'COLLECTIVE', 'ti[0][kind]': 'TITLE', 'ti[0][order]': '1' }],
    [`/campaigns/${id}/titles/preset`, { preset: 'DVQT' }],
    [`/campaigns/${id}/launch`, {}],
    [`/campaigns/${demoId}/close`, {}],
  ];
  const audits = await app.prisma.auditLog.count();
  for (const who of ['officer', 'commander', 'halong']) {
    const c = await app.as(who);
    for (const path of reads) assert.equal((await c.get(path)).status, 403, `${who} GET ${path}`);
    for (const [path, form] of writes) assert.equal((await c.post(path, form)).status, 403, `${who} POST ${path}`);
  }
  assert.equal(await app.prisma.auditLog.count(), audits, 'no write got through');
  assert.equal((await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).version, v);
  assert.equal((await app.prisma.campaign.findUniqueOrThrow({ where: { id: demoId } })).status, 'ACTIVE');
  assert.equal(await app.prisma.criteriaTemplate.count({ where: { name: 'Lén lưu mẫu' } }), 0);

  // everyone else still reads the overview, without the admin panel
  const officer = await app.as('officer');
  const page = await officer.get(`/campaigns/${demoId}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Lịch sử trạng thái/);
  assert.doesNotMatch(page.text, /Thiết lập và phát động/);
  assert.doesNotMatch((await officer.get('/campaigns')).text, /href="\/campaigns\/new"/);
  assert.match((await admin.get(`/campaigns/${demoId}`)).text, /Thiết lập và phát động/);
});

test('bad ids are 404, not 500', async () => {
  for (const path of ['/campaigns/999999/edit', '/campaigns/abc/participants', '/campaigns/0/periods', '/campaigns/99999999999/criteria']) {
    assert.equal((await admin.get(path)).status, 404, path);
  }
  assert.equal((await admin.post('/campaigns/999999/launch')).status, 404);
});
