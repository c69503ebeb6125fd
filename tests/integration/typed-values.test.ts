// Issue 13 items 7 and 10: impossible dates are refused, and numbers typed with the Vietnamese decimal comma
// keep their meaning (1,5 is one and a half, never 15); ambiguous input is refused beside its field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { formFields } from '../helpers/forms.ts';

let app: TestApp;
let admin: Client;
let officer: Client;

before(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  officer = await app.as('officer');
});
after(() => app.close());

/** An active campaign of its own with two criteria (20 and 40 points) and two units. */
async function smallCampaign() {
  const tag = Math.random().toString(36).slice(2, 8);
  const units = await app.prisma.unit.findMany({ where: { code: { in: ['KCQ', 'E244'] } }, orderBy: { code: 'asc' } });
  const campaign = await app.prisma.campaign.create({
    data: {
      name: `Phong trào số thập phân ${tag}`, startDate: new Date('2024-01-01'), endDate: new Date('2024-12-31'), status: 'ACTIVE',
      units: { create: units.map((u) => ({ unitId: u.id })) },
      periods: { create: [{ seq: 1, name: `Kỳ ${tag}`, startDate: new Date('2024-01-01'), endDate: new Date('2024-06-30') }] },
    },
    include: { periods: true },
  });
  const group = await app.prisma.criteriaGroup.create({ data: { campaignId: campaign.id, code: 'G', title: 'Nhóm' } });
  const c20 = await app.prisma.criterion.create({ data: { campaignId: campaign.id, groupId: group.id, code: 'T20', title: 'Hai mươi điểm', maxPoints: 20, order: 1 } });
  const c40 = await app.prisma.criterion.create({ data: { campaignId: campaign.id, groupId: group.id, code: 'T40', title: 'Bốn mươi điểm', maxPoints: 40, order: 2 } });
  const periodId = campaign.periods[0].id;
  return { campaignId: campaign.id, periodId, units, c20, c40, url: `/campaigns/${campaign.id}/periods/${periodId}/scores` };
}

test('a date that does not exist (30 February) is refused beside its field and nothing is created', async () => {
  const before = await app.prisma.campaign.count();
  const res = await admin.post('/campaigns', { name: 'Phong trào ngày sai', startDate: '2021-02-30', endDate: '2021-06-30', totalMode: 'SUM' });
  assert.equal(res.status, 400);
  assert.match(res.text, /Ngày không hợp lệ/);
  assert.match(res.text, /value="2021-02-30"/, 'the typed date is kept');
  assert.equal(await app.prisma.campaign.count(), before);

  const unit = await app.prisma.unit.findFirstOrThrow({ where: { code: 'KCQ' } });
  const demo = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  const url = `/campaigns/${demo.id}/units/${unit.id}/inspections`;
  const inspections = await app.prisma.inspection.count();
  const bad = await officer.post(url, { kind: 'INSPECTION', date: '2021-04-31', inspectors: 'Tổ kiểm tra', findings: 'Tốt', periodId: '' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Ngày không hợp lệ/);
  assert.equal(await app.prisma.inspection.count(), inspections);
});

test('on the officer grid 1,5 and 37,5 are saved as 1.5 and 37.5, and shown back with the comma in Vietnamese', async () => {
  const camp = await smallCampaign();
  const [kcq, e244] = camp.units;
  const form = formFields((await officer.get(camp.url)).text);
  form[`p_${kcq.id}_${camp.c20.id}`] = '1,5';
  form[`p_${kcq.id}_${camp.c40.id}`] = '37,5';
  form[`p_${e244.id}_${camp.c20.id}`] = '12.5';
  form[`p_${e244.id}_${camp.c40.id}`] = '40';
  const res = await officer.post(camp.url, form);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const points = async (unitId: number, criterionId: number) =>
    Number((await app.prisma.score.findFirstOrThrow({ where: { periodId: camp.periodId, unitId, criterionId } })).points);
  assert.equal(await points(kcq.id, camp.c20.id), 1.5);
  assert.equal(await points(kcq.id, camp.c40.id), 37.5);
  assert.equal(await points(e244.id, camp.c20.id), 12.5);

  const vi = await officer.get(camp.url);
  assert.match(vi.text, new RegExp(`name="p_${kcq.id}_${camp.c40.id}" value="37,5"`));
  assert.match(vi.text, /type="text" inputmode="decimal"/);
  assert.doesNotMatch(vi.text, /type="number"/, 'no number input: a vi browser turned 37,5 into 375 there');
  const en = await app.as('officer');
  await en.post('/lang', { locale: 'en' });
  assert.match((await en.get(camp.url)).text, new RegExp(`name="p_${kcq.id}_${camp.c40.id}" value="37.5"`));
  await en.post('/lang', { locale: 'vi' }); // the choice is saved on the account: give it back
});

test('ambiguous numbers (1.234,5 and 1,2,3) are refused with a field message, typed text kept, nothing saved', async () => {
  const camp = await smallCampaign();
  const [kcq, e244] = camp.units;
  const form = formFields((await officer.get(camp.url)).text);
  form[`p_${kcq.id}_${camp.c20.id}`] = '1,2,3';
  form[`p_${kcq.id}_${camp.c40.id}`] = '1.234,5';
  form[`p_${e244.id}_${camp.c20.id}`] = '2';
  const res = await officer.post(camp.url, form);
  assert.equal(res.status, 400);
  assert.match(res.text, new RegExp(`name="p_${kcq.id}_${camp.c20.id}" value="1,2,3"[^>]*aria-invalid="true"`));
  assert.match(res.text, new RegExp(`name="p_${kcq.id}_${camp.c40.id}" value="1.234,5"[^>]*aria-invalid="true"`));
  assert.match(res.text, /tối đa một dấu thập phân, không dùng dấu phân cách hàng nghìn/);
  assert.equal(await app.prisma.score.count({ where: { periodId: camp.periodId } }), 0);
});

test('weights, thresholds and quotas read the decimal comma too, and refuse ambiguous input', async () => {
  const created = await admin.post('/campaigns', { name: `Phong trào ngưỡng ${Date.now() % 100000}`, startDate: '2022-01-01', endDate: '2022-06-30', totalMode: 'SUM' });
  assert.equal(created.status, 303);
  const id = Number(/\/campaigns\/(\d+)\//.exec(created.location ?? '')![1]);
  const version = async () => (await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).version;

  let res = await admin.post(`/campaigns/${id}/rules`, { version: await version(), 'th[XUAT_SAC]': '92,5', 'th[TOT]': '80', 'th[KHA]': '65,25', 'th[TRUNG_BINH]': '50' });
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const rules = (await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).classRules as Record<string, unknown>;
  assert.equal(JSON.stringify(rules).includes('92.5'), true, JSON.stringify(rules));
  assert.equal(JSON.stringify(rules).includes('65.25'), true);

  res = await admin.post(`/campaigns/${id}/rules`, { version: await version(), 'th[XUAT_SAC]': '9.2,5', 'th[TOT]': '80' });
  assert.equal(res.status, 400);
  assert.match(res.text, /không dùng dấu phân cách hàng nghìn/);
  assert.match(res.text, /value="9.2,5"/);

  const title = { version: await version(), 'ti[0][code]': 'THU', 'ti[0][name]': 'Danh hiệu thử', 'ti[0][scope]': 'COLLECTIVE', 'ti[0][kind]': 'TITLE', 'ti[0][minClass]': '', 'ti[0][order]': '1' };
  res = await admin.post(`/campaigns/${id}/titles`, { ...title, 'ti[0][quotaPercent]': '1,2,3' });
  assert.equal(res.status, 400);
  assert.match(res.text, /không dùng dấu phân cách hàng nghìn/);
  assert.equal(await app.prisma.campaignTitle.count({ where: { campaignId: id } }), 0);
  res = await admin.post(`/campaigns/${id}/titles`, { ...title, 'ti[0][quotaPercent]': '12,5' });
  assert.equal(res.status, 303, res.text.slice(0, 300));
  assert.equal(Number((await app.prisma.campaignTitle.findFirstOrThrow({ where: { campaignId: id } })).quotaPercent), 12.5);
});
