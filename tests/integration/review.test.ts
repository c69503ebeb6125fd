// The year-end review over HTTP on a year of its own (2031, with 2029–2030 history): every rule kind met and refused
// with its numbers and version, quotas from headcount and from holders, a rule switched off, the proposal it builds,
// one achievement / one award, and who may see and verify what. Top-level tests run in order on one database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { hashPassword } from '../../src/auth/password.ts';

let app: TestApp;
let officer: Client;
let commander: Client;
let halong: Client;
let campha: Client;
const Y = 2031;
const unit: Record<string, number> = {};
const P: Record<string, number> = {};
let regularId: number;
const cat: Record<string, number> = {};

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
/** The text of one candidate's card on the review page. */
function card(html: string, kind: 'person' | 'unit', id: number): string {
  const m = html.match(new RegExp(`<article class="rv-card" data-${kind}="${id}">([\\s\\S]*?)</article>`));
  assert.ok(m, `no card for ${kind} ${id}`);
  return text(m[1]);
}
/** One title's part of a card. */
function verdict(html: string, kind: 'person' | 'unit', id: number, code: string): { state: string; text: string } {
  const m = html.match(new RegExp(`<article class="rv-card" data-${kind}="${id}">[\\s\\S]*?<li class="rv-verdict" data-title="${code}" data-verdict="(\\w+)">([\\s\\S]*?)</ul>\\s*</li>`));
  assert.ok(m, `no ${code} verdict for ${kind} ${id}`);
  return { state: m[1], text: text(m[2]) };
}

type A = { taskLevel: 'EXCELLENT' | 'GOOD' | 'COMPLETED' | 'NOT_COMPLETED'; testsPassedPercent: number; goodPercent: number; discipline: 'NONE' | 'REPRIMAND' | 'WARNING' };
const ok: A = { taskLevel: 'GOOD', testsPassedPercent: 100, goodPercent: 60, discipline: 'NONE' };

async function person(code: string, name: string, a: A | null, titles: string[]): Promise<number> {
  const p = await app.prisma.person.create({ data: { unitId: unit[code], fullName: name, rank: 'Trung úy' } });
  if (a) await app.prisma.personAssessment.create({ data: { personId: p.id, year: Y, ...a, status: 'VERIFIED' } });
  const y = await app.prisma.movementYear.findUniqueOrThrow({ where: { year: Y } });
  for (const t of titles) await app.prisma.yearRegistration.create({ data: { yearId: y.id, unitId: unit[code], personId: p.id, catalogId: cat[t] } });
  return p.id;
}

/** A published regular campaign of an earlier year whose decision awarded `code` to these people. */
async function history(year: number, code: string, people: number[]): Promise<void> {
  const y = await app.prisma.movementYear.create({ data: { year, name: `Phong trào thi đua Quyết thắng năm ${year} (kiểm thử)` } });
  const c = await app.prisma.campaign.create({ data: { name: `Thi đua thường xuyên ${year} (kiểm thử)`, startDate: new Date(`${year}-01-01`), endDate: new Date(`${year}-12-31`), status: 'PUBLISHED', kind: 'REGULAR', yearId: y.id } });
  const t = await app.prisma.campaignTitle.create({ data: { campaignId: c.id, code, name: code, scope: 'INDIVIDUAL', catalogId: cat[code] } });
  const prop = await app.prisma.awardProposal.create({ data: { campaignId: c.id, status: 'DECIDED' } });
  const d = await app.prisma.awardDecision.create({ data: { campaignId: c.id, proposalId: prop.id, number: `${year}/QĐ-KT`, date: new Date(`${year}-12-20`), signingAuthority: 'Bộ CHQS tỉnh' } });
  await app.prisma.award.createMany({ data: people.map((personId) => ({ decisionId: d.id, campaignId: c.id, titleId: t.id, personId })) });
}

before(async () => {
  app = await startTestApp();
  for (const c of await app.prisma.titleCatalog.findMany()) cat[c.code] = c.id;
  // five units of its own (the demo's units have people of their own, who would count as members)
  const parentId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } })).parentId;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const code of ['HALONG', 'CAMPHA', 'UONGBI', 'DONGTRIEU', 'QUANGYEN']) {
    const u = await app.prisma.unit.create({ data: { code: `KT31-${code}`, name: `Ban CHQS kiểm thử ${code}`, type: 'DISTRICT_COMMAND', parentId } });
    unit[code] = u.id;
    await app.prisma.user.create({ data: { username: `kt31-${code.toLowerCase()}`, fullName: u.name, role: 'UNIT', unitId: u.id, passwordHash } });
  }
  [officer, commander, halong, campha] = await Promise.all(['officer', 'commander', 'kt31-halong', 'kt31-campha'].map((u) => app.as(u)));
  const y = await app.prisma.movementYear.create({ data: { year: Y, name: `Phong trào thi đua Quyết thắng năm ${Y}` } });
  regularId = (await app.prisma.campaign.create({
    data: { name: `Thi đua thường xuyên năm ${Y}`, startDate: new Date(`${Y}-01-01`), endDate: new Date(`${Y}-12-31`), status: 'ACTIVE', kind: 'REGULAR', yearId: y.id, units: { create: Object.values(unit).map((unitId) => ({ unitId })) } },
  })).id;
  await app.prisma.unitHeadcount.createMany({ data: Object.values(unit).map((unitId) => ({ unitId, year: Y, headcount: 10 })) });
  // Hạ Long: a mix of people who meet and fail each individual rule
  P.an = await person('HALONG', 'Nguyễn Văn An', { ...ok, taskLevel: 'EXCELLENT', goodPercent: 90 }, ['CSTT', 'CSTDCS', 'CSTD_TQUAN']);
  P.binh = await person('HALONG', 'Trần Văn Bình', ok, ['CSTT', 'CSTDCS']);
  P.cuong = await person('HALONG', 'Lê Văn Cường', { ...ok, taskLevel: 'COMPLETED' }, ['CSTT', 'CSTDCS']);
  P.dung = await person('HALONG', 'Phạm Văn Dũng', { ...ok, testsPassedPercent: 90 }, ['CSTT']);
  P.hai = await person('HALONG', 'Hoàng Văn Hải', { ...ok, discipline: 'WARNING' }, ['CSTT']);
  P.khoa = await person('HALONG', 'Vũ Văn Khoa', { ...ok, taskLevel: 'EXCELLENT', goodPercent: 80 }, ['CSTT', 'CSTDCS', 'CSTD_TQUAN']);
  // Cẩm Phả: four who all pass, one of them with a recognised sáng kiến
  P.q1 = await person('CAMPHA', 'Đỗ Văn Quang', { ...ok, taskLevel: 'EXCELLENT', goodPercent: 85 }, ['CSTT', 'CSTDCS']);
  for (const n of ['Quý', 'Quyết', 'Quân']) await person('CAMPHA', `Ngô Văn ${n}`, ok, ['CSTT']);
  // Uông Bí: thirteen more, so 20 CSTT holders make a CSTĐCS quota of 15% × 20 = 3
  for (let i = 1; i <= 13; i++) await person('UONGBI', `Bùi Văn Minh ${i}`, ok, ['CSTT']);
  for (const [code, t] of [['HALONG', 'DVTT'], ['CAMPHA', 'DVTT'], ['CAMPHA', 'DVQT'], ['UONGBI', 'DVQT']]) {
    await app.prisma.yearRegistration.create({ data: { yearId: y.id, unitId: unit[code], personId: null, catalogId: cat[t] } });
  }
  for (const [who, level] of [[P.an, 'PROVINCE'], [P.q1, 'REGIMENT'], [P.khoa, 'REGIMENT']] as const) {
    await app.prisma.initiative.create({ data: { kind: 'INITIATIVE', title: `Sáng kiến cải tiến ${who}`, unitId: (await app.prisma.person.findUniqueOrThrow({ where: { id: who } })).unitId, year: Y, recognisingLevel: level, decisionNo: `${who}/QĐ-SK`, decisionDate: new Date(`${Y}-10-01`), authors: { create: [{ personId: who }] } } });
  }
  // An: CSTĐCS in 2029 and 2030 (a chain of three with 2031); Khoa: only 2030
  await history(Y - 2, 'CSTDCS', [P.an]);
  await history(Y - 1, 'CSTDCS', [P.an, P.khoa]);
});
after(() => app.close());

const review = async (c: Client = officer, q = '') => {
  const res = await c.get(`/years/${Y}/review${q}`);
  assert.equal(res.status, 200);
  return res.text;
};

test('individual rules: task level, training, discipline, CSTĐCS without CSTT and without a recognised sáng kiến, a chain of years', async () => {
  const html = await review();
  assert.equal(verdict(html, 'person', P.an, 'CSTT').state, 'proposed');
  assert.match(verdict(html, 'person', P.an, 'CSTT').text, /CSTT_TRAINING v1: huấn luyện: 100% nội dung đạt yêu cầu \(cần 100%\), 90% khá, giỏi \(cần 50%\)/);
  const cuong = verdict(html, 'person', P.cuong, 'CSTT');
  assert.equal(cuong.state, 'refused');
  assert.match(cuong.text, /CSTT_TASK v1: mức hoàn thành nhiệm vụ: Hoàn thành nhiệm vụ, cần từ Hoàn thành tốt nhiệm vụ trở lên/);
  assert.match(verdict(html, 'person', P.cuong, 'CSTDCS').text, /CSTDCS_CSTT v1: không đạt Chiến sĩ tiên tiến năm 2031/);
  assert.equal(verdict(html, 'person', P.cuong, 'CSTDCS').state, 'refused');
  assert.match(verdict(html, 'person', P.dung, 'CSTT').text, /CSTT_TRAINING v1: huấn luyện: 90% nội dung đạt yêu cầu \(cần 100%\)/);
  assert.equal(verdict(html, 'person', P.dung, 'CSTT').state, 'refused');
  assert.match(verdict(html, 'person', P.hai, 'CSTT').text, /CSTT_DISCIPLINE v1: kỷ luật: Cảnh cáo, loại trừ từ mức Cảnh cáo/);
  const binh = verdict(html, 'person', P.binh, 'CSTDCS');
  assert.equal(binh.state, 'refused');
  assert.match(binh.text, /CSTDCS_CSTT v1: đạt Chiến sĩ tiên tiến năm 2031 trong lần bình xét này, trong chỉ tiêu/);
  assert.match(binh.text, /CSTDCS_INITIATIVE v1: 0 sáng kiến, đề tài năm 2031 được công nhận từ cấp trung đoàn và tương đương trở lên, cần ít nhất 1/);
  assert.equal(verdict(html, 'person', P.an, 'CSTDCS').state, 'proposed');
  const chainOk = verdict(html, 'person', P.an, 'CSTD_TQUAN');
  assert.equal(chainOk.state, 'proposed');
  assert.match(chainOk.text, /CSTD_TQUAN_CHAIN v1: 3 năm liên tục đạt Chiến sĩ thi đua cơ sở tính đến 2031, cần 3 năm \(2029–2031\)/);
  // Khoa: CSTĐCS in 2030 and (within the quota) 2031, not 2029
  assert.equal(verdict(html, 'person', P.khoa, 'CSTDCS').state, 'proposed');
  const chainNo = verdict(html, 'person', P.khoa, 'CSTD_TQUAN');
  assert.equal(chainNo.state, 'refused');
  assert.match(chainNo.text, /CSTD_TQUAN_CHAIN v1: 2 năm liên tục đạt Chiến sĩ thi đua cơ sở tính đến 2031, cần 3 năm \(2029–2031\)/);
  assert.match(card(html, 'person', P.an), /Nguyễn Văn An/);
});

test('unit rules: member share and member discipline for ĐVTT, ĐVQT only among ĐVTT holders and with a CSTĐCS member', async () => {
  const html = await review();
  const halongDvtt = verdict(html, 'unit', unit.HALONG, 'DVTT');
  assert.equal(halongDvtt.state, 'refused');
  assert.match(halongDvtt.text, /DVTT_MEMBERS_CSTT v1: 3\/6 quân nhân đạt Chiến sĩ tiên tiến = 50%, cần trên 50%/);
  assert.match(halongDvtt.text, /DVTT_DISCIPLINE v1: 1 quân nhân bị kỷ luật từ mức Cảnh cáo trở lên, cần không có ai/);
  const camphaDvtt = verdict(html, 'unit', unit.CAMPHA, 'DVTT');
  assert.equal(camphaDvtt.state, 'proposed');
  assert.match(camphaDvtt.text, /4\/4 quân nhân đạt Chiến sĩ tiên tiến = 100%/);
  const camphaDvqt = verdict(html, 'unit', unit.CAMPHA, 'DVQT');
  assert.equal(camphaDvqt.state, 'proposed');
  assert.match(camphaDvqt.text, /DVQT_MEMBERS_CSTDCS v1: 1 quân nhân đạt Chiến sĩ thi đua cơ sở, cần ít nhất 1/);
  const uongbi = verdict(html, 'unit', unit.UONGBI, 'DVQT');
  assert.equal(uongbi.state, 'refused');
  assert.match(uongbi.text, /DVQT_DVTT v1: không đạt Đơn vị tiên tiến năm 2031/);
  assert.match(uongbi.text, /DVQT_MEMBERS_CSTDCS v1: 0 quân nhân đạt Chiến sĩ thi đua cơ sở, cần ít nhất 1/);
});

test('quotas: CSTT from the headcount, CSTĐCS from the CSTT holders, ĐVQT from the units; each line says base × percent = places', async () => {
  let html = text(await review());
  assert.match(html, /Chiến sĩ tiên tiến \(CSTT\) 40% của quân số 50 = 20: tối đa 20/);
  // An, Bình, Khoa + 4 Cẩm Phả + 13 Uông Bí = 20 holders; 15% × 20 = 3 (An, Quang, Khoa)
  assert.match(html, /Chiến sĩ thi đua cơ sở \(CSTDCS\) 15% của 20 người đạt Chiến sĩ tiên tiến trong năm = 3: tối đa 3/);
  assert.match(html, /Đơn vị Quyết thắng \(DVQT\) 20% của 5 đơn vị = 1: tối đa 1/);
  // a smaller headcount: 5 × 2 = 10, 40% = 4 places; the others are eligible but outside the quota
  await app.prisma.unitHeadcount.updateMany({ where: { year: Y }, data: { headcount: 2 } });
  const raw = await review();
  html = text(raw);
  assert.match(html, /Chiến sĩ tiên tiến \(CSTT\) 40% của quân số 10 = 4: tối đa 4/);
  assert.equal((raw.match(/data-title="CSTT" data-verdict="proposed"/g) ?? []).length, 4);
  assert.equal((raw.match(/data-title="CSTT" data-verdict="over"/g) ?? []).length, 16);
  // fewer CSTT within the quota: fewer holders, so CSTĐCS shrinks too (15% of 4 = 0)
  assert.match(html, /15% của 4 người đạt Chiến sĩ tiên tiến trong năm = 0,6, làm tròn xuống: tối đa 0 \(không có suất nào\)/);
  await app.prisma.unitHeadcount.updateMany({ where: { year: Y }, data: { headcount: 1 } });
  assert.match(text(await review()), /Chiến sĩ tiên tiến \(CSTT\) 40% của quân số 5 = 2: tối đa 2/);
  await app.prisma.unitHeadcount.updateMany({ where: { unitId: unit.HALONG, year: Y }, data: { headcount: 0 } });
  assert.match(text(await review()), /40% của quân số 4 = 1,6, làm tròn xuống: tối đa 1/);
  await app.prisma.unitHeadcount.updateMany({ where: { year: Y }, data: { headcount: 0 } });
  assert.match(text(await review()), /40% của quân số 0 = 0: tối đa 0 \(không có suất nào\)/);
  await app.prisma.unitHeadcount.updateMany({ where: { year: Y }, data: { headcount: 10 } });
});

test('a rule switched off no longer refuses, and the page shows the version in force', async () => {
  await app.prisma.eligibilityRule.update({ where: { code: 'CSTT_TRAINING' }, data: { enabled: false, version: { increment: 1 } } });
  await app.prisma.unitHeadcount.updateMany({ where: { year: Y }, data: { headcount: 20 } }); // room for one more CSTT
  const html = await review();
  assert.equal(verdict(html, 'person', P.dung, 'CSTT').state, 'proposed');
  assert.doesNotMatch(verdict(html, 'person', P.dung, 'CSTT').text, /CSTT_TRAINING/);
  assert.match(text(html.match(/<tr data-rule="CSTT_TRAINING">[\s\S]*?<\/tr>/)![0]), /CSTT_TRAINING v2 Đã tắt/);
  await app.prisma.eligibilityRule.update({ where: { code: 'CSTT_TRAINING' }, data: { enabled: true, version: { increment: 1 } } });
  await app.prisma.unitHeadcount.updateMany({ where: { year: Y }, data: { headcount: 10 } });
  const back = await review();
  assert.equal(verdict(back, 'person', P.dung, 'CSTT').state, 'refused');
  assert.match(verdict(back, 'person', P.dung, 'CSTT').text, /CSTT_TRAINING v3:/);
});

test('English words and numbers', async () => {
  await officer.post('/lang', { locale: 'en' });
  const html = await review();
  assert.match(verdict(html, 'person', P.cuong, 'CSTDCS').text, /CSTDCS_CSTT v1: not Advanced Soldier in 2031/);
  assert.match(text(html), /15% of 20 holders of Advanced Soldier that year = 3: at most 3/);
  await officer.post('/lang', { locale: 'vi' });
});

test('a unit account sees only its own unit and people, read-only', async () => {
  const html = await review(halong);
  assert.ok(html.includes(`data-person="${P.an}"`));
  assert.ok(!html.includes(`data-person="${P.q1}"`), 'another unit’s person');
  assert.ok(!html.includes(`data-unit="${unit.CAMPHA}"`));
  assert.ok(!html.includes('rv-list'), 'no proposal list for a unit');
  const asked = await review(halong, `?unit=${unit.CAMPHA}`);
  assert.ok(!asked.includes(`data-person="${P.q1}"`), 'the unit filter cannot widen a unit account’s view');
  assert.equal((await halong.post(`/years/${Y}/review/proposal`)).status, 403);
  // filter and paging for staff
  const filtered = await review(officer, `?unit=${unit.UONGBI}`);
  assert.ok(!filtered.includes(`data-person="${P.an}"`));
  assert.equal((filtered.match(/<article class="rv-card" data-person=/g) ?? []).length, 13);
  assert.equal((await officer.get(`/years/1999/review`)).status, 404);
  assert.equal((await officer.get(`/years/abc/review`)).status, 404);
});

test('the review builds a proposal on the regular campaign: a combining pair (CSTT + CSTĐCS) passes; a second form that does not combine is refused', async () => {
  await officer.get(`/years/${Y}/review`);
  const early = await officer.post(`/years/${Y}/review/proposal`);
  assert.equal(early.status, 303);
  assert.match(text((await officer.get(early.location!)).text), /Chỉ lập và xử lý đề nghị khen thưởng khi phong trào thi đua đã kết thúc/);
  await app.prisma.campaign.update({ where: { id: regularId }, data: { status: 'CLOSED' } });
  const made = await officer.post(`/years/${Y}/review/proposal`);
  assert.equal(made.status, 303);
  assert.match(made.location ?? '', /^\/proposals\/\d+$/);
  const id = Number(made.location!.split('/').pop());
  const proposal = await app.prisma.awardProposal.findUniqueOrThrow({ where: { id }, include: { items: { include: { title: true } } } });
  const lines = proposal.items.map((i) => ({ ...i, title: i.title! }));
  const an = lines.filter((i) => i.personId === P.an).map((i) => i.title.code).sort();
  assert.deepEqual(an, ['CSTDCS', 'CSTD_TQUAN', 'CSTT']);
  assert.ok(lines.every((i) => i.reason && i.title.catalogId), 'each line has a reason and a catalogue title');
  assert.ok(lines.some((i) => i.unitId === unit.CAMPHA && i.title.code === 'DVQT'));
  assert.ok(!lines.some((i) => i.personId === P.binh && i.title.code === 'CSTDCS'));
  // submitting checks quotas with the same bases: CSTĐCS against the CSTT lines of this proposal
  await officer.get(`/proposals/${id}`);
  const submitted = await officer.post(`/proposals/${id}/submit`, { version: proposal.version });
  assert.equal(submitted.status, 303, text((await officer.get(`/proposals/${id}`)).text).slice(0, 600));

  // Giấy khen for An, who already has CSTT in that proposal: one achievement, one award
  const gk = await app.prisma.campaignTitle.create({ data: { campaignId: regularId, code: 'GK_CN', name: 'Giấy khen (cá nhân)', scope: 'INDIVIDUAL', kind: 'COMMENDATION', catalogId: cat.GK_CN, quotaBase: 'NONE', requiresRegistration: false } });
  await officer.get(`/campaigns/${regularId}/awards/new`);
  const before = await app.prisma.awardProposal.count();
  const refused = await officer.post(`/campaigns/${regularId}/awards`, { pick: [`${gk.id}-p${P.an}`] });
  assert.equal(refused.status, 422);
  assert.match(text(refused.text), new RegExp(`Giấy khen \\(cá nhân\\) \\(GK_CN\\): Nguyễn Văn An đã được đề nghị “Chiến sĩ [^”]+” ở đề nghị số ${id}; một thành tích chỉ khen một hình thức`));
  // and two forms that do not combine in one new proposal
  const cstt = lines.find((i) => i.title.code === 'CSTT')!.titleId;
  const both = await officer.post(`/campaigns/${regularId}/awards`, { pick: [`${gk.id}-p${P.dung}`, `${cstt}-p${P.dung}`] });
  assert.equal(both.status, 422);
  assert.match(text(both.text), /Phạm Văn Dũng đã có hình thức “Giấy khen \(cá nhân\)” trong đề nghị này/);
  assert.equal(await app.prisma.awardProposal.count(), before, 'nothing written');
  // a second review proposal finds nothing new
  const again = await officer.post(`/years/${Y}/review/proposal`);
  assert.equal(again.status, 303);
  assert.match(text((await officer.get(again.location!)).text), /đều đã có trong một đề nghị hoặc quyết định khác/);
});
