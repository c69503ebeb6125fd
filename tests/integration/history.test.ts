// Records across campaigns over HTTP: the unit page shows rank and class of published campaigns, registered titles
// and awards (revoked ones marked); the person page shows individual registrations and awards. The demo campaign is
// closed and then published through the commander's HTTP flow; the decision and awards are written to the database
// in setup (the awards flow itself is covered by awards.test.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

let app: TestApp;
let campaignId: number;
let halongId: number;
let camphaId: number;
let personId: number;
let otherPersonId: number;
let decisionId: number;
let officer: Client;
let halong: Client;
let campha: Client;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The history row of one campaign on a unit or person page. */
const row = (html: string, id: number) => text(html.match(new RegExp(`<tr data-campaign="${id}">([\\s\\S]*?)</tr>`))?.[1] ?? '');

before(async () => {
  app = await startTestApp();
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  halongId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } })).id;
  camphaId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'CAMPHA' } })).id;
  const titles = Object.fromEntries((await app.prisma.campaignTitle.findMany({ where: { campaignId } })).map((t) => [t.code, t]));
  // Hạ Long registers for Bằng khen and Giấy khen; one of its officers for Giấy khen (cá nhân)
  const pledge = await app.prisma.pledge.upsert({ where: { campaignId_unitId: { campaignId, unitId: halongId } }, create: { campaignId, unitId: halongId, status: 'APPROVED' }, update: {} });
  await app.prisma.pledgeTitle.createMany({ data: [{ pledgeId: pledge.id, titleId: titles.BK_BQP_DV.id }, { pledgeId: pledge.id, titleId: titles.GK_DV.id }], skipDuplicates: true });
  const person = await app.prisma.person.create({ data: { unitId: halongId, fullName: 'Thiếu tá Vũ Minh Khôi', rank: 'Thiếu tá', position: 'Trợ lý tác chiến' } });
  personId = person.id;
  await app.prisma.individualRegistration.create({ data: { pledgeId: pledge.id, personId, titleId: titles.GK_CN.id, commitment: 'Huấn luyện đạt giỏi 100% nội dung' } });
  otherPersonId = (await app.prisma.person.create({ data: { unitId: camphaId, fullName: 'Trung úy Đỗ Văn Long' } })).id;
  // a decided proposal with three awards: Giấy khen to Hạ Long, Giấy khen to its officer, Bằng khen to Hạ Long (revoked)
  const proposal = await app.prisma.awardProposal.create({ data: { campaignId, status: 'DECIDED' } });
  const decision = await app.prisma.awardDecision.create({ data: { campaignId, proposalId: proposal.id, number: '123/QĐ-BCH', date: new Date('2022-01-15T00:00:00Z'), signingAuthority: 'Bộ CHQS tỉnh Quảng Ninh' } });
  decisionId = decision.id;
  await app.prisma.award.create({ data: { decisionId, campaignId, titleId: titles.GK_DV.id, unitId: halongId } });
  await app.prisma.award.create({ data: { decisionId, campaignId, titleId: titles.GK_CN.id, personId } });
  const revoked = await app.prisma.award.create({ data: { decisionId, campaignId, titleId: titles.BK_BQP_DV.id, unitId: halongId } });
  await app.prisma.awardRevocation.create({ data: { awardId: revoked.id, reason: 'Kê khai thành tích không trung thực' } });
  [officer, halong, campha] = await Promise.all(['officer', 'halong', 'campha'].map((u) => app.as(u)));
});
after(() => app.close());

test('before publication the unit page shows the campaign with its registered titles and awards, no rank', async () => {
  const page = await halong.get(`/units/${halongId}`);
  assert.equal(page.status, 200);
  const r = row(page.text, campaignId);
  assert.match(r, /Lập công dâng Đảng/);
  assert.match(r, /Chưa công bố kết quả/);
  assert.doesNotMatch(r, /Hạng \d+\/\d+/);
  assert.match(r, /Bằng khen của Bộ trưởng Bộ Quốc phòng \(tập thể\)/);
  assert.match(r, /Giấy khen/);
  assert.match(text(page.text), /Năm 2021/);
});

test('after the commander publishes, the unit page shows the frozen rank and class, awards with the decision, the revoked one marked', async () => {
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  const commander = await app.as('commander');
  await commander.get(`/campaigns/${campaignId}/ranking`);
  const res = await commander.post(`/campaigns/${campaignId}/publish`, { confirm: 'on' });
  assert.equal(res.status, 303);
  const result = await app.prisma.campaignResult.findUniqueOrThrow({ where: { campaignId_unitId: { campaignId, unitId: halongId } } });
  const classLabel = { XUAT_SAC: 'Xuất sắc', TOT: 'Tốt', KHA: 'Khá', TRUNG_BINH: 'Trung bình', YEU: 'Yếu' }[result.class];
  assert.ok(classLabel);

  const page = await halong.get(`/units/${halongId}`);
  assert.equal(page.status, 200);
  const r = row(page.text, campaignId);
  assert.match(r, new RegExp(`Hạng ${result.rank}/15`));
  assert.match(r, new RegExp(classLabel));
  assert.match(r, /Giấy khen \(tập thể\) QĐ số 123\/QĐ-BCH ngày 15\/01\/2022/);
  assert.match(r, /Bằng khen của Bộ trưởng Bộ Quốc phòng \(tập thể\) QĐ số 123\/QĐ-BCH ngày 15\/01\/2022 Đã thu hồi Lý do: Kê khai thành tích không trung thực/);
  assert.doesNotMatch(r, /Chưa công bố kết quả/);
  // the unit account does not get a link to the staff-only decision page; staff do
  assert.doesNotMatch(page.text, new RegExp(`href="/decisions/${decisionId}"`));
  assert.match((await officer.get(`/units/${halongId}`)).text, new RegExp(`href="/decisions/${decisionId}"`));
  // English
  await halong.post('/lang', { locale: 'en' });
  const en = await halong.get(`/units/${halongId}`);
  assert.match(row(en.text, campaignId), new RegExp(`Rank ${result.rank} of 15`));
  assert.match(row(en.text, campaignId), /Revoked/);
  await halong.post('/lang', { locale: 'vi' });
});

test("the unit page lists its people, each linking to their record; another unit's people are not listed", async () => {
  const page = await halong.get(`/units/${halongId}`);
  assert.match(page.text, new RegExp(`<a href="/people/${personId}">Thiếu tá Vũ Minh Khôi</a>`));
  assert.doesNotMatch(page.text, /Đỗ Văn Long/);
});

test('the person page shows their registration and award across campaigns', async () => {
  const page = await halong.get(`/people/${personId}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Thiếu tá Vũ Minh Khôi<\/h1>/);
  const r = row(page.text, campaignId);
  assert.match(r, /Lập công dâng Đảng/);
  assert.match(r, /Giấy khen \(cá nhân\) Huấn luyện đạt giỏi 100% nội dung/);
  assert.match(r, /Giấy khen \(cá nhân\) QĐ số 123\/QĐ-BCH/);
  assert.doesNotMatch(r, /Đã thu hồi/);
  // a person with nothing yet
  const empty = await officer.get(`/people/${otherPersonId}`);
  assert.equal(empty.status, 200);
  assert.match(empty.text, /Chưa có đăng ký hay khen thưởng nào\./);
});

test('a unit account sees only its own people and unit record; staff see all; bad ids are 404', async () => {
  assert.equal((await campha.get(`/people/${personId}`)).status, 403);
  assert.equal((await campha.get(`/units/${halongId}`)).status, 403);
  assert.equal((await halong.get(`/people/${otherPersonId}`)).status, 403);
  assert.equal((await officer.get(`/people/${personId}`)).status, 200);
  assert.equal((await (await app.as('commander')).get(`/people/${personId}`)).status, 200);
  assert.equal((await officer.get('/people/999999')).status, 404);
  assert.equal((await officer.get('/people/x1')).status, 404);
  assert.equal((await app.client().get(`/people/${personId}`)).status, 303);
});

test("the decision page links each person's name to their record", async () => {
  const page = await officer.get(`/decisions/${decisionId}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<a href="/people/${personId}">Thiếu tá Vũ Minh Khôi</a>`));
});
