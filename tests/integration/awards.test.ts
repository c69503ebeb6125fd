// Award proposals, quotas, decisions, immutability and revocation over HTTP on the demo campaign, closed in setup.
// Top-level tests run in order and build on each other: proposal A goes draft → refused → fixed → submitted →
// returned → resubmitted → approved → decided; later tests read its decision.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { readyToDecide } from '../helpers/postings.ts';
import { campaignStandings } from '../../src/ranking/service.ts';
import type { UnitStanding } from '../../src/ranking/types.ts';
import { provinceDecidesAll } from '../helpers/chain.ts';

let app: TestApp;
let campaignId: number;
let standings: UnitStanding[];
const title: Record<string, { id: number; quotaPercent: number | null; minClass: string | null; requiresRegistration: boolean; name: string }> = {};
let people: { id: number; fullName: string }[] = [];
let officer: Client;
let commander: Client;

const CLASS_ORDER = ['XUAT_SAC', 'TOT', 'KHA', 'TRUNG_BINH', 'YEU'];
const reaches = (cls: string, min: string | null) => !min || CLASS_ORDER.indexOf(cls) <= CLASS_ORDER.indexOf(min);

/** Add a title to a unit's pledge (creating an approved pledge if the unit has none). */
async function register(unitId: number, code: string) {
  const pledge = await app.prisma.pledge.upsert({
    where: { campaignId_unitId: { campaignId, unitId } },
    create: { campaignId, unitId, status: 'APPROVED' },
    update: {},
  });
  await app.prisma.pledgeTitle.createMany({ data: [{ pledgeId: pledge.id, titleId: title[code].id }], skipDuplicates: true });
  return pledge;
}

before(async () => {
  app = await startTestApp();
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  campaignId = campaign.id;
  // period 1 must be complete: every participating unit verified
  const units = await app.prisma.campaignUnit.count({ where: { campaignId } });
  const verified = await app.prisma.assessment.count({ where: { status: 'VERIFIED', period: { campaignId, seq: 1 } } });
  assert.equal(units, 15);
  assert.equal(verified, units, 'period 1 is verified for every unit');
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  await provinceDecidesAll(app);

  for (const t of await app.prisma.campaignTitle.findMany({ where: { campaignId } })) {
    title[t.code] = { id: t.id, quotaPercent: t.quotaPercent === null ? null : Number(t.quotaPercent), minClass: t.minClass, requiresRegistration: t.requiresRegistration, name: t.name };
  }
  standings = (await campaignStandings(app.prisma, campaignId)).standings;
  // registrations: the top three and the fourth register for Bằng khen, units 4 to 8 for Giấy khen
  for (const u of standings.slice(0, 4)) await register(u.unitId, 'BK_BQP_DV');
  // Giấy khen for units other than the Bằng khen ones: one achievement, one award refuses both forms for one unit
  for (const u of standings.slice(3, 8)) await register(u.unitId, 'GK_DV');
  // three people of the first unit register individually for Giấy khen (cá nhân)
  const pledge = await register(standings[0].unitId, 'BK_BQP_DV');
  for (const name of ['Thiếu tá Nguyễn Văn An', 'Đại úy Trần Thị Bình', 'Trung úy Lê Văn Cường']) {
    const p = await app.prisma.person.create({ data: { unitId: standings[0].unitId, fullName: name, rank: name.split(' ').slice(0, 2).join(' '), position: 'Trợ lý' } });
    await app.prisma.individualRegistration.create({ data: { pledgeId: pledge.id, personId: p.id, titleId: title.GK_CN.id, commitment: 'Hoàn thành xuất sắc nhiệm vụ huấn luyện' } });
    people.push(p);
  }
  officer = await app.as('officer');
  commander = await app.as('commander');
});
after(() => app.close());

type Row = { code: string; unitId: number; rank: number; suggested: boolean; registered: boolean; checked: boolean; html: string };
/** The candidate rows of the suggestion tables. */
function candidateRows(html: string): Row[] {
  return [...html.matchAll(/<tr data-title="(\w+)" data-unit="(\d+)" data-rank="(\d+)" data-suggested="([01])" data-registered="([01])"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => ({
    code: m[1],
    unitId: Number(m[2]),
    rank: Number(m[3]),
    suggested: m[4] === '1',
    registered: m[5] === '1',
    checked: /id="pk-[^"]+" checked>/.test(m[6]),
    html: m[6],
  }));
}

const pick = (code: string, unitId: number) => `${title[code].id}-u${unitId}`;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
async function latestProposal() {
  return app.prisma.awardProposal.findFirstOrThrow({ where: { campaignId }, orderBy: { id: 'desc' }, include: { items: true } });
}

test('suggestions follow the ranking: units reaching the minimum class in rank order, eligible ones ticked up to the quota', async () => {
  const res = await officer.get(`/campaigns/${campaignId}/awards/new`);
  assert.equal(res.status, 200);
  const rows = candidateRows(res.text);
  const registered = await app.prisma.pledgeTitle.findMany({ where: { pledge: { campaignId } }, select: { titleId: true, pledge: { select: { unitId: true } } } });
  const isRegistered = (code: string, unitId: number) => registered.some((r) => r.titleId === title[code].id && r.pledge.unitId === unitId);
  // one achievement, one title: each unit is pre-ticked once at most, for the highest title it is eligible for
  // while the quota (share of the 15 participating units, rounded down) leaves room. Highest first: titles before
  // commendations, then the stricter minimum class, then the rarer quota: Bằng khen before Giấy khen.
  const tickedFor = new Map<number, string>();
  for (const code of ['BK_BQP_DV', 'GK_DV']) {
    const tt = title[code];
    let room = Math.floor((15 * (tt.quotaPercent ?? 100)) / 100);
    for (const u of standings) {
      if (room > 0 && !tickedFor.has(u.unitId) && reaches(u.class, tt.minClass) && (isRegistered(code, u.unitId) || !tt.requiresRegistration)) {
        tickedFor.set(u.unitId, code);
        room -= 1;
      }
    }
  }
  for (const code of ['BK_BQP_DV', 'GK_DV']) {
    const tt = title[code];
    const expected = standings.filter((u) => reaches(u.class, tt.minClass));
    const got = rows.filter((r) => r.code === code);
    assert.deepEqual(got.map((r) => [r.unitId, r.rank]), expected.map((u) => [u.unitId, u.rank]), `${code}: the units reaching ${tt.minClass}, in rank order`);
    for (const [i, u] of expected.entries()) {
      const suggest = tickedFor.get(u.unitId) === code;
      assert.equal(got[i].registered, isRegistered(code, u.unitId), `${code} ${u.code} registered`);
      assert.equal(got[i].suggested, suggest, `${code} ${u.code} suggested`);
      assert.equal(got[i].checked, suggest, `${code} ${u.code} ticked`);
      if (!isRegistered(code, u.unitId)) assert.match(got[i].html, /Chưa đăng ký/, `${code} ${u.code} shown as not registered`);
      const other = tickedFor.get(u.unitId);
      if (other && other !== code) assert.match(got[i].html, new RegExp(`Đã được chọn hoặc đề nghị ${title[other].name.replace(/[()]/g, '\\$&')}`), `${code} ${u.code}: the title it is ticked for is named`);
    }
  }
  // never one unit pre-ticked twice
  const ticked = rows.filter((r) => r.checked).map((r) => r.unitId);
  assert.equal(new Set(ticked).size, ticked.length, 'no unit is pre-ticked for two titles');
  assert.ok(ticked.length > 3, 'the lower titles still get pre-ticked units');
  // Bằng khen: the three Xuất sắc units registered, the fourth (Tốt) is below the minimum and not listed
  assert.deepEqual(rows.filter((r) => r.code === 'BK_BQP_DV' && r.checked).map((r) => r.unitId), standings.filter((u) => u.class === 'XUAT_SAC').map((u) => u.unitId).slice(0, 3));
  // the registered people are offered for the individual title, not ticked
  for (const p of people) assert.match(res.text, new RegExp(`data-title="GK_CN" data-person="${p.id}"`));
  assert.doesNotMatch(res.text, /name="pick" value="\d+-p\d+" id="[^"]+" checked/);
  // the page says how quotas are rounded
  assert.match(res.text, /làm tròn xuống/);
  assert.match(res.text, /20% của 15 đơn vị = 3: tối đa 3/);
  assert.match(res.text, /30% của 15 đơn vị = 4,5, làm tròn xuống: tối đa 4/);
});

test('over quota is refused on submit with the rule and the numbers; nothing changes until the officer fixes it', async () => {
  // the top four for Bằng khen: one over the 20% quota, and the fourth is only Tốt
  const four = standings.slice(0, 4);
  const created = await officer.post(`/campaigns/${campaignId}/awards`, { pick: four.map((u) => pick('BK_BQP_DV', u.unitId)), note: 'Đề nghị đợt tổng kết' });
  assert.equal(created.status, 303);
  const a = await latestProposal();
  assert.equal(created.location, `/proposals/${a.id}`);
  assert.equal(a.status, 'DRAFT');
  assert.equal(a.items.length, 4);
  assert.match(a.items[0].reason ?? '', /^Xếp hạng 1\/15, xếp loại Xuất sắc/);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'proposal.create', entityId: String(a.id) } }), 1);

  await officer.get(`/proposals/${a.id}`);
  const refused = await officer.post(`/proposals/${a.id}/submit`, { version: a.version });
  assert.equal(refused.status, 422);
  const words = text(refused.text);
  assert.match(words, /Bằng khen của Bộ trưởng Bộ Quốc phòng \(tập thể\) \(BK_BQP_DV\): 4 đề nghị vượt tỷ lệ 20% của 15 đơn vị \(tối đa 3\)\./);
  assert.match(words, new RegExp(`${four[3].name} xếp loại ${four[3].class === 'TOT' ? 'Tốt' : 'Khá'}, chưa đạt mức tối thiểu Xuất sắc`));
  const still = await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: a.id } });
  assert.deepEqual([still.status, still.version], ['DRAFT', a.version], 'a refused submit writes nothing');

  // the officer removes the fourth line, adds a registered person, and submits
  await officer.get(`/proposals/${a.id}/edit`);
  const fourth = a.items.find((i) => i.unitId === four[3].unitId)!;
  const form: Record<string, string | string[] | number> = { version: a.version, note: 'Đề nghị đợt tổng kết', pick: [`${title.GK_CN.id}-p${people[0].id}`] };
  for (const i of a.items) {
    form[`item[i${i.id}][reason]`] = i.reason ?? '';
    form[`item[i${i.id}][achievements]`] = 'Hoàn thành xuất sắc nhiệm vụ';
    if (i.id === fourth.id) form[`item[i${i.id}][remove]`] = 'on';
  }
  // a line without a reason is kept on the form with its message, and nothing is written
  const blank = await officer.post(`/proposals/${a.id}`, { ...form, [`item[i${a.items[0].id}][reason]`]: '' });
  assert.equal(blank.status, 400);
  assert.match(blank.text, /Vui lòng nhập mục này/);
  assert.equal((await app.prisma.proposalItem.count({ where: { proposalId: a.id } })), 4);

  const saved = await officer.post(`/proposals/${a.id}`, form);
  assert.equal(saved.status, 303);
  const edited = await latestProposal();
  assert.equal(edited.items.length, 4, 'three units and one person');
  assert.ok(edited.items.some((i) => i.personId === people[0].id));
  assert.ok(!edited.items.some((i) => i.unitId === four[3].unitId));
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'proposal.update', entityId: String(a.id) } });
  assert.equal((audit.before as { items: unknown[] }).items.length, 4);
  assert.equal((audit.after as { items: unknown[] }).items.length, 4);

  await officer.get(`/proposals/${a.id}`);
  const ok = await officer.post(`/proposals/${a.id}/submit`, { version: edited.version });
  assert.equal(ok.status, 303);
  assert.equal((await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: a.id } })).status, 'SUBMITTED');
});

test('30% of 15 units allows 4: a fifth Giấy khen is refused with its numbers', async () => {
  const five = standings.slice(3, 8);
  const created = await officer.post(`/campaigns/${campaignId}/awards`, { pick: five.map((u) => pick('GK_DV', u.unitId)) });
  assert.equal(created.status, 303);
  const b = await latestProposal();
  await officer.get(`/proposals/${b.id}`);
  const refused = await officer.post(`/proposals/${b.id}/submit`, { version: b.version });
  assert.equal(refused.status, 422);
  assert.match(text(refused.text), /Giấy khen \(tập thể\) \(GK_DV\): 5 đề nghị vượt tỷ lệ 30% của 15 đơn vị \(tối đa 4\)\./);
  assert.equal((await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: b.id } })).status, 'DRAFT');
});

test('the commander returns a proposal only with a reason; the officer resubmits and the commander approves', async () => {
  const a = await app.prisma.awardProposal.findFirstOrThrow({ where: { status: 'SUBMITTED', campaignId } });
  await commander.get(`/proposals/${a.id}`);
  const noReason = await commander.post(`/proposals/${a.id}/return`, { version: a.version, reason: '  ' });
  assert.equal(noReason.status, 400);
  assert.match(noReason.text, /Vui lòng nhập mục này/);
  assert.equal((await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: a.id } })).status, 'SUBMITTED');

  const returned = await commander.post(`/proposals/${a.id}/return`, { version: a.version, reason: 'Bổ sung thành tích cụ thể cho từng đơn vị.' });
  assert.equal(returned.status, 303);
  const r = await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: a.id } });
  assert.deepEqual([r.status, r.returnReason], ['RETURNED', 'Bổ sung thành tích cụ thể cho từng đơn vị.']);
  const page = await officer.get(`/proposals/${a.id}`);
  assert.match(page.text, /Bổ sung thành tích cụ thể cho từng đơn vị\./);

  // a stale version is a conflict, not a silent overwrite
  assert.equal((await officer.post(`/proposals/${a.id}/submit`, { version: a.version })).status, 409);
  assert.equal((await officer.post(`/proposals/${a.id}/submit`, { version: r.version })).status, 303);
  const s = await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: a.id } });
  await commander.get(`/proposals/${a.id}`);
  assert.equal((await commander.post(`/proposals/${a.id}/approve`, { version: s.version })).status, 303);
  assert.equal((await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: a.id } })).status, 'APPROVED');
  const actions = (await app.prisma.auditLog.findMany({ where: { entityType: 'AwardProposal', entityId: String(a.id) }, orderBy: { id: 'asc' } })).map((x) => x.action);
  assert.deepEqual(actions, ['proposal.create', 'proposal.update', 'proposal.submit', 'proposal.return', 'proposal.submit', 'proposal.approve']);
});

test('an approved proposal becomes a decision with one award per line, in one act', async () => {
  const a = await app.prisma.awardProposal.findFirstOrThrow({ where: { status: 'APPROVED', campaignId }, include: { items: true } });
  const page = await commander.get(`/proposals/${a.id}`);
  assert.match(page.text, /Ban hành quyết định/);
  const missing = await commander.post(`/proposals/${a.id}/decision`, { version: a.version, number: '', date: '2021-07-15', signingAuthority: 'Bộ CHQS tỉnh Quảng Ninh' });
  assert.equal(missing.status, 400);
  assert.equal(await app.prisma.awardDecision.count({ where: { campaignId } }), 0);
  // công khai is a gate of the decision (tests/integration/postings.test.ts): the list was posted and its window is over
  await readyToDecide(app.prisma, a.id);

  const res = await commander.post(`/proposals/${a.id}/decision`, { version: a.version, number: '125/QĐ-BCH', date: '2021-07-15', signingAuthority: 'Bộ Chỉ huy Quân sự tỉnh Quảng Ninh', signerName: 'Đại tá Phạm Văn Dũng' });
  assert.equal(res.status, 303);
  const decision = await app.prisma.awardDecision.findUniqueOrThrow({ where: { number: '125/QĐ-BCH' }, include: { awards: true } });
  assert.equal(res.location, `/decisions/${decision.id}`);
  assert.equal(decision.awards.length, a.items.length);
  assert.deepEqual(
    decision.awards.map((w) => [w.titleId, w.unitId, w.personId]).sort(),
    a.items.map((i) => [i.titleId, i.unitId, i.personId]).sort(),
  );
  const p = await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: a.id } });
  assert.equal(p.status, 'DECIDED');
  assert.ok(p.decidedById);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'decision.issue', entityId: String(decision.id) } }), 1);

  const show = await commander.get(`/decisions/${decision.id}`);
  assert.equal(show.status, 200);
  for (const w of decision.awards.filter((x) => x.unitId)) assert.ok(show.text.includes(standings.find((u) => u.unitId === w.unitId)!.name));
  assert.ok(show.text.includes(people[0].fullName));

  // the decision number is unique
  const b = await app.prisma.awardProposal.findFirstOrThrow({ where: { status: 'DRAFT', campaignId } });
  await app.prisma.awardProposal.update({ where: { id: b.id }, data: { status: 'APPROVED' } });
  const again = await commander.post(`/proposals/${b.id}/decision`, { version: b.version, number: '125/QĐ-BCH', date: '2021-07-16', signingAuthority: 'Bộ CHQS tỉnh' });
  assert.equal(again.status, 400);
  assert.match(again.text, /Số quyết định này đã được dùng/);
  await app.prisma.awardProposal.update({ where: { id: b.id }, data: { status: 'DRAFT' } });
});

test('the same award is refused twice: in a new proposal, across proposals, and by the database', async () => {
  const decision = await app.prisma.awardDecision.findFirstOrThrow({ where: { campaignId }, include: { awards: true } });
  const unitAward = decision.awards.find((w) => w.unitId)!;
  const name = standings.find((u) => u.unitId === unitAward.unitId)!.name;
  await officer.get(`/campaigns/${campaignId}/awards/new`);
  const before = await app.prisma.awardProposal.count();
  const res = await officer.post(`/campaigns/${campaignId}/awards`, { pick: [`${unitAward.titleId}-u${unitAward.unitId}`] });
  assert.equal(res.status, 422);
  assert.match(text(res.text), new RegExp(`${name} đã được khen thưởng theo quyết định số 125/QĐ-BCH; mỗi thành tích chỉ được khen thưởng một lần`));
  // a unit still held by another (draft) proposal
  const draft = await app.prisma.awardProposal.findFirstOrThrow({ where: { status: 'DRAFT', campaignId }, include: { items: true } });
  const held = draft.items[0];
  const res2 = await officer.post(`/campaigns/${campaignId}/awards`, { pick: [`${held.titleId}-u${held.unitId}`] });
  assert.equal(res2.status, 422);
  assert.match(text(res2.text), new RegExp(`đã có trong đề nghị số ${draft.id}`));
  // the same line twice in one form
  const res3 = await officer.post(`/campaigns/${campaignId}/awards`, { pick: [pick('GK_DV', standings[5].unitId), pick('GK_DV', standings[5].unitId)] });
  assert.equal(res3.status, 422);
  assert.equal(await app.prisma.awardProposal.count(), before, 'no proposal written');
  // the unique keys on Award hold even if the application is bypassed
  await assert.rejects(
    app.prisma.award.create({ data: { decisionId: decision.id, campaignId, titleId: unitAward.titleId, unitId: unitAward.unitId } }),
    (e: { code?: string }) => e.code === 'P2002',
  );
});

test('a decision stays immutable: no route changes it and the database rejects UPDATE and DELETE', async () => {
  const decision = await app.prisma.awardDecision.findFirstOrThrow({ where: { campaignId }, include: { awards: true } });
  for (const path of [`/decisions/${decision.id}`, `/decisions/${decision.id}/edit`, `/decisions/${decision.id}/delete`, `/awards/${decision.awards[0].id}`, `/awards/${decision.awards[0].id}/delete`]) {
    const res = await commander.post(path, { number: 'HACKED', date: '2020-01-01', signingAuthority: 'X' });
    assert.equal(res.status, 404, `POST ${path}`);
  }
  for (const method of ['PUT', 'PATCH', 'DELETE']) {
    const res = await commander.request(method, `/decisions/${decision.id}`);
    assert.ok(res.status === 404 || res.status === 403, `${method} /decisions/:id → ${res.status}`);
  }
  await assert.rejects(app.prisma.$executeRawUnsafe(`UPDATE "AwardDecision" SET "number" = 'HACKED' WHERE "id" = ${decision.id}`), /immutable/);
  await assert.rejects(app.prisma.$executeRawUnsafe(`DELETE FROM "AwardDecision" WHERE "id" = ${decision.id}`), /immutable/);
  await assert.rejects(app.prisma.$executeRawUnsafe(`UPDATE "Award" SET "reason" = 'x' WHERE "decisionId" = ${decision.id}`), /immutable/);
  await assert.rejects(app.prisma.$executeRawUnsafe(`DELETE FROM "Award" WHERE "decisionId" = ${decision.id}`), /immutable/);
  const after = await app.prisma.awardDecision.findUniqueOrThrow({ where: { id: decision.id }, include: { awards: true } });
  assert.equal(after.number, '125/QĐ-BCH');
  assert.deepEqual(after.awards, decision.awards);
});

test('revocation is its own act: the award stays visible, marked revoked with reason, who and when', async () => {
  const decision = await app.prisma.awardDecision.findFirstOrThrow({ where: { campaignId }, include: { awards: true } });
  const award = decision.awards.find((w) => w.personId)!;
  await commander.get(`/awards/${award.id}/revoke`);
  const blank = await commander.post(`/awards/${award.id}/revoke`, { reason: '', decisionNo: '' });
  assert.equal(blank.status, 400);
  assert.equal(await app.prisma.awardRevocation.count(), 0);

  const res = await commander.post(`/awards/${award.id}/revoke`, { groundCode: 'FALSE_CLAIM', reason: 'Kê khai thành tích không đúng sự thật.', decisionNo: '130/QĐ-BCH' });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/decisions/${decision.id}`);
  const rev = await app.prisma.awardRevocation.findUniqueOrThrow({ where: { awardId: award.id } });
  const cmd = await app.prisma.user.findUniqueOrThrow({ where: { username: 'commander' } });
  assert.deepEqual([rev.reason, rev.decisionNo, rev.byId], ['Kê khai thành tích không đúng sự thật.', '130/QĐ-BCH', cmd.id]);
  assert.ok(await app.prisma.award.findUnique({ where: { id: award.id } }), 'the award itself is kept');
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'award.revoke', entityId: String(award.id) } });
  assert.deepEqual(audit.after, { revoked: true, reason: 'Kê khai thành tích không đúng sự thật.', decisionNo: '130/QĐ-BCH', groundCode: 'FALSE_CLAIM', certificateRecovered: false, moneyRecovered: null, recoveryNote: null, flagged: [] });

  const page = await commander.get(`/decisions/${decision.id}`);
  const row = new RegExp(`<tr data-award="${award.id}" class="aw-revoked">([\\s\\S]*?)</tr>`).exec(page.text);
  assert.ok(row, 'the revoked award is still listed');
  assert.ok(row[1].includes(people[0].fullName));
  assert.match(row[1], /Đã thu hồi/);
  assert.ok(row[1].includes(`Thu hồi bởi ${cmd.fullName} lúc`), 'who revoked it, and when');
  assert.match(row[1], /Lý do: Kê khai thành tích không đúng sự thật\./);
  assert.match(row[1], /130\/QĐ-BCH/);
  const cert = await commander.get(`/awards/${award.id}/certificate`);
  assert.match(cert.text, /cert-revoked/);
  // a second revocation is a conflict; the record is immutable in the database too
  assert.equal((await commander.post(`/awards/${award.id}/revoke`, { groundCode: 'FALSE_CLAIM', reason: 'Lần nữa', decisionNo: '131/QĐ-BCH' })).status, 409);
  await assert.rejects(app.prisma.$executeRawUnsafe(`DELETE FROM "AwardRevocation" WHERE "awardId" = ${award.id}`), /immutable/);
});

test('the certificate and the decision list print with their own shell, in Vietnamese and English', async () => {
  const decision = await app.prisma.awardDecision.findFirstOrThrow({ where: { campaignId }, include: { awards: true } });
  const award = decision.awards.find((w) => w.unitId)!;
  const unitName = standings.find((u) => u.unitId === award.unitId)!.name;
  const cert = await commander.get(`/awards/${award.id}/certificate`);
  assert.equal(cert.status, 200);
  assert.match(cert.text, /\/public\/css\/certificate\.css/);
  assert.doesNotMatch(cert.text, /class="topbar"/, 'no app layout');
  for (const s of ['Cộng hòa xã hội chủ nghĩa Việt Nam', 'Độc lập - Tự do - Hạnh phúc', 'Bằng khen của Bộ trưởng Bộ Quốc phòng (tập thể)', unitName, 'Lập công dâng Đảng', 'Quyết định số 125/QĐ-BCH ngày 15/07/2021', 'Bộ Chỉ huy Quân sự tỉnh Quảng Ninh', 'Đại tá Phạm Văn Dũng']) {
    assert.ok(cert.text.includes(s), `certificate shows ${s}`);
  }
  const list = await commander.get(`/decisions/${decision.id}/print`);
  assert.equal(list.status, 200);
  assert.match(list.text, /Điều 1\./);
  assert.ok(list.text.includes(unitName));
  assert.match(list.text, /Đã thu hồi ngày/);

  await commander.post('/lang', { locale: 'en', next: '/' });
  const en = await commander.get(`/awards/${award.id}/certificate`);
  assert.match(en.text, /<html lang="en">/);
  assert.match(en.text, /Socialist Republic of Viet Nam/);
  assert.match(en.text, /Independence - Freedom - Happiness/);
  assert.match(en.text, /Decision no\. 125\/QĐ-BCH of 15\/07\/2021/);
  const enList = await commander.get(`/decisions/${decision.id}/print`);
  assert.match(enList.text, /Article 1\./);
  await commander.post('/lang', { locale: 'vi', next: '/' });
});

test('permissions: unit accounts get 403 everywhere; officers cannot approve or decide; commanders cannot edit lines', async () => {
  const decision = await app.prisma.awardDecision.findFirstOrThrow({ where: { campaignId }, include: { awards: true } });
  const draft = await app.prisma.awardProposal.findFirstOrThrow({ where: { status: 'DRAFT', campaignId }, include: { items: true } });
  const award = decision.awards.find((w) => w.unitId)!;
  const unit = await app.as('halong');
  for (const path of [`/campaigns/${campaignId}/awards`, `/campaigns/${campaignId}/awards/new`, `/proposals/${draft.id}`, `/proposals/${draft.id}/edit`, `/decisions/${decision.id}`, `/decisions/${decision.id}/print`, `/awards/${award.id}/certificate`, `/awards/${award.id}/revoke`]) {
    assert.equal((await unit.get(path)).status, 403, `unit GET ${path}`);
  }
  for (const path of [`/campaigns/${campaignId}/awards`, `/proposals/${draft.id}`, `/proposals/${draft.id}/submit`, `/proposals/${draft.id}/approve`, `/proposals/${draft.id}/return`, `/proposals/${draft.id}/decision`, `/awards/${award.id}/revoke`]) {
    assert.equal((await unit.post(path, { version: draft.version, reason: 'x', pick: pick('GK_DV', standings[0].unitId) })).status, 403, `unit POST ${path}`);
  }
  const campaignPage = await unit.get(`/campaigns/${campaignId}`);
  assert.doesNotMatch(campaignPage.text, /\/awards"/, 'no awards tab for a unit');
  assert.match((await officer.get(`/campaigns/${campaignId}`)).text, new RegExp(`href="/campaigns/${campaignId}/awards"`));

  // officers draft and submit but never approve, return, decide or revoke
  await app.prisma.awardProposal.update({ where: { id: draft.id }, data: { status: 'SUBMITTED' } });
  await officer.get(`/proposals/${draft.id}`);
  assert.equal((await officer.post(`/proposals/${draft.id}/approve`, { version: draft.version })).status, 403);
  assert.equal((await officer.post(`/proposals/${draft.id}/return`, { version: draft.version, reason: 'x' })).status, 403);
  assert.equal((await officer.post(`/proposals/${draft.id}/decision`, { version: draft.version, number: 'X-1', date: '2021-07-20', signingAuthority: 'X' })).status, 403);
  assert.equal((await officer.post(`/awards/${award.id}/revoke`, { reason: 'x' })).status, 403);
  assert.equal((await officer.get(`/awards/${award.id}/revoke`)).status, 403);
  await app.prisma.awardProposal.update({ where: { id: draft.id }, data: { status: 'DRAFT' } });

  // commanders approve and decide but never edit lines or create proposals
  await commander.get(`/proposals/${draft.id}`);
  assert.equal((await commander.get(`/proposals/${draft.id}/edit`)).status, 403);
  const form: Record<string, string | number> = { version: draft.version };
  for (const i of draft.items) form[`item[i${i.id}][reason]`] = 'sửa bởi chỉ huy';
  assert.equal((await commander.post(`/proposals/${draft.id}`, form)).status, 403);
  assert.equal((await commander.post(`/proposals/${draft.id}/submit`, { version: draft.version })).status, 403);
  assert.equal((await commander.post(`/campaigns/${campaignId}/awards`, { pick: pick('GK_DV', standings[5].unitId) })).status, 403);
  assert.equal((await commander.get(`/campaigns/${campaignId}/awards/new`)).status, 403);
  const items = await app.prisma.proposalItem.findMany({ where: { proposalId: draft.id } });
  assert.ok(items.every((i) => i.reason !== 'sửa bởi chỉ huy'));
  assert.equal(await app.prisma.awardDecision.count({ where: { campaignId } }), 1, 'no decision written by anyone but the commander');
});

test('proposals are made only from a closed campaign; the page says so', async () => {
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'ACTIVE' } });
  try {
    const page = await officer.get(`/campaigns/${campaignId}/awards`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Phong trào chưa kết thúc/);
    assert.doesNotMatch(page.text, /awards\/new"/);
    const before = await app.prisma.awardProposal.count();
    const res = await officer.post(`/campaigns/${campaignId}/awards`, { pick: pick('GK_DV', standings[6].unitId) });
    assert.equal(res.status, 422);
    assert.match(res.text, /đã kết thúc hoặc đã công bố kết quả/);
    assert.equal(await app.prisma.awardProposal.count(), before);
  } finally {
    await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  }
});

test('bad ids are 404, never 500', async () => {
  for (const path of ['/proposals/abc', '/proposals/999999', '/decisions/0', '/decisions/999999/print', '/awards/999999/certificate', '/campaigns/999999/awards']) {
    assert.equal((await commander.get(path)).status, 404, path);
  }
});

test('a quota that rounds down to 0 places says so where the title is set up and where it is proposed', async () => {
  // 5% of 15 units = 0.75 → 0 places
  const zero = await app.prisma.campaignTitle.create({ data: { campaignId, code: 'ZERO5', name: 'Danh hiệu thử 5%', scope: 'COLLECTIVE', kind: 'TITLE', quotaPercent: 5, minClass: null, requiresRegistration: false, order: 99 } });
  try {
    const proposing = await officer.get(`/campaigns/${campaignId}/awards/new`);
    assert.equal(proposing.status, 200);
    assert.match(text(proposing.text), /5% × 15 đơn vị = 0,75 → 0 suất: không đơn vị nào được đề nghị danh hiệu này/);
    assert.ok(!candidateRows(proposing.text).some((r) => r.code === 'ZERO5' && r.checked), 'nobody is pre-ticked for a title with no place');
    const admin = await app.as('admin');
    const setup = await admin.get(`/campaigns/${campaignId}/titles`);
    assert.equal(setup.status, 200);
    assert.match(setup.text, /<li class="cs-quota-zero" data-title="ZERO5">/);
    assert.match(text(setup.text), /Danh hiệu thử 5% \(ZERO5\): 5% × 15 đơn vị = 0,75 → 0 suất/);
    assert.match(text(setup.text), /Bằng khen của Bộ trưởng Bộ Quốc phòng \(tập thể\) \(BK_BQP_DV\): 20% của 15 đơn vị = 3: tối đa 3/);
    await admin.post('/lang', { locale: 'en' });
    const en = await admin.get(`/campaigns/${campaignId}/titles`);
    assert.match(text(en.text), /5% × 15 units = 0\.75 → 0 places/);
    await admin.post('/lang', { locale: 'vi' });
  } finally {
    await app.prisma.campaignTitle.delete({ where: { id: zero.id } });
  }
});
