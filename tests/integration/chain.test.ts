// The chain of command over HTTP (issue 11, item 5): the demo's 2020 "Cờ thi đua của Quân khu" proposal for
// Regiment 244 cannot be decided by the province; it goes up to Quân khu 3, is returned with a reason, sent again,
// decided there and seen below. A sibling province sees none of it. Tests run in order and build on each other.
//
// The ballot and công khai gates (src/council/gate.ts, src/postings/gate.ts) are implemented by their own features;
// this file writes what they read directly (a HELD meeting of the acting command's council with a passing ballot for
// each line, and a posting closed by today with no unanswered complaint), so it holds once they land.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

let app: TestApp;
let ids: { province: number; region: number; sibling: number; e244: number; flag: number; regular2020: number; siblingProposal: number; siblingCampaign: number; demoDecision: number };
let commander: Client;
let officer: Client;
let qk3: Client;
let qk3Officer: Client;

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
const proposal = () => app.prisma.awardProposal.findUniqueOrThrow({ where: { id: ids.flag }, include: { items: true } });

/** What the council and công khai gates read, written as their features will: held meeting, passing ballots, closed posting. */
async function gatesPass(unitId: number, proposalId: number) {
  const council = await app.prisma.council.create({ data: { unitId, name: `Hội đồng TĐKT ${unitId}-${proposalId}`, termFrom: new Date('2020-01-01'), members: { create: [1, 2, 3].map((n) => ({ fullName: `Thành viên ${n}`, role: n === 1 ? 'CHAIR' : 'MEMBER', fromDate: new Date('2020-01-01') })) } } });
  const meeting = await app.prisma.councilMeeting.create({ data: { councilId: council.id, heldOn: new Date('2021-01-05'), status: 'HELD', memberCount: 3, presentCount: 3, agenda: { create: [{ proposalId }] } } });
  const items = await app.prisma.proposalItem.findMany({ where: { proposalId } });
  await app.prisma.ballotResult.createMany({ data: items.map((i) => ({ meetingId: meeting.id, proposalItemId: i.id, agree: 3, disagree: 0, thresholdPercent: 90, memberCount: 3, passed: true })) });
  await app.prisma.proposalPosting.create({ data: { proposalId, unitId, postedOn: new Date('2021-01-01'), closesOn: new Date('2021-01-06') } });
}

before(async () => {
  app = await startTestApp();
  const unit = (code: string) => app.prisma.unit.findUniqueOrThrow({ where: { code } });
  const [province, region, sibling, e244] = await Promise.all([unit('BCHQS-QN'), unit('QK3'), unit('BCHQS-HD'), unit('E244')]);
  const flag = await app.prisma.awardProposal.findFirstOrThrow({ where: { status: 'SUBMITTED', commandUnitId: province.id, items: { some: { title: { code: 'CO_QK' } } } } });
  const siblingProposal = await app.prisma.awardProposal.findFirstOrThrow({ where: { commandUnitId: sibling.id } });
  const demoDecision = await app.prisma.awardDecision.findUniqueOrThrow({ where: { number: '45/QĐ-BTL' } });
  ids = { province: province.id, region: region.id, sibling: sibling.id, e244: e244.id, flag: flag.id, regular2020: flag.campaignId!, siblingProposal: siblingProposal.id, siblingCampaign: siblingProposal.campaignId!, demoDecision: demoDecision.id };
  [commander, officer, qk3, qk3Officer] = await Promise.all([app.as('commander'), app.as('officer'), app.as('qk3'), app.as('qk3.officer')]);
});
after(() => app.close());

test('the province cannot decide a title above its level: the refusal names both levels, nothing is written', async () => {
  await commander.get(`/proposals/${ids.flag}`);
  const approved = await commander.post(`/proposals/${ids.flag}/approve`, { version: (await proposal()).version });
  assert.equal(approved.status, 303);
  const p = await proposal();
  assert.equal(p.status, 'APPROVED');
  const page = await commander.get(`/proposals/${ids.flag}`);
  assert.match(page.text, /action="\/proposals\/\d+\/forward"/, 'the commander is offered to forward it');
  assert.match(page.text, /href="\/proposals\/\d+\/documents"/, 'the dossier is linked');
  const res = await commander.post(`/proposals/${ids.flag}/decision`, { version: p.version, number: '99/QĐ-BCH', date: '2021-01-10', signingAuthority: 'Bộ CHQS tỉnh Quảng Ninh' });
  assert.equal(res.status, 422);
  assert.match(text(res.text), /Cờ thi đua của Quân khu cho Trung đoàn 244 thuộc thẩm quyền Quân khu và tương đương; Bộ Chỉ huy Quân sự tỉnh Quảng Ninh chỉ được quyết định đến cấp Bộ CHQS tỉnh/);
  assert.equal(await app.prisma.awardDecision.count({ where: { proposalId: ids.flag } }), 0);
  assert.equal((await proposal()).status, 'APPROVED');
});

test('a sibling command cannot see the other province: 404 on its pages, absent from its lists', async () => {
  const haiduong = await app.as('haiduong');
  for (const path of [`/proposals/${ids.flag}`, `/campaigns/${ids.regular2020}`, `/campaigns/${ids.regular2020}/awards`, `/decisions/${ids.demoDecision}`]) {
    assert.equal((await haiduong.get(path)).status, 404, `haiduong ${path}`);
  }
  const list = await haiduong.get('/campaigns');
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, /Quyết thắng năm 2020/);
  assert.match(list.text, /Thi đua huấn luyện giỏi năm 2020 \(Hải Dương\)/, 'its own campaign is listed');
  assert.equal((await haiduong.get(`/proposals/${ids.siblingProposal}`)).status, 200);
  assert.doesNotMatch((await haiduong.get('/proposals/inbox')).text, new RegExp(`data-proposal="${ids.flag}"`));
  // and the other way round: Quảng Ninh does not see Hải Dương
  for (const path of [`/proposals/${ids.siblingProposal}`, `/campaigns/${ids.siblingCampaign}`]) assert.equal((await commander.get(path)).status, 404, `commander ${path}`);
  assert.doesNotMatch((await commander.get('/campaigns')).text, /Hải Dương/);
  assert.doesNotMatch((await commander.get('/')).text, /Hải Dương/);
  // the command above both sees both
  for (const path of [`/proposals/${ids.flag}`, `/proposals/${ids.siblingProposal}`, `/decisions/${ids.demoDecision}`]) assert.equal((await qk3.get(path)).status, 200, `qk3 ${path}`);
  assert.equal((await (await app.as('bqp')).get(`/campaigns/${ids.siblingCampaign}`)).status, 200);
});

test('forwarded up, returned with a reason, sent again, decided above and seen below; every step audited', async () => {
  // the province's council voted and the list was posted: forward to Quân khu 3
  await gatesPass(ids.province, ids.flag);
  let p = await proposal();
  await commander.get(`/proposals/${ids.flag}`);
  const fwd = await commander.post(`/proposals/${ids.flag}/forward`, { version: p.version, note: 'Kính trình Bộ Tư lệnh Quân khu 3.' });
  assert.equal(fwd.status, 303);
  p = await proposal();
  assert.deepEqual([p.status, p.holderUnitId, p.commandUnitId], ['FORWARDED', ids.region, ids.province]);
  // held above: the province may no longer act on it
  assert.equal((await commander.post(`/proposals/${ids.flag}/decision`, { version: p.version, number: '100/QĐ-BCH', date: '2021-01-10', signingAuthority: 'X' })).status, 403);
  const qk3Ids = (await app.prisma.user.findMany({ where: { username: { in: ['qk3', 'qk3.officer'] } } })).map((u) => u.id);
  assert.equal(await app.prisma.notification.count({ where: { kind: 'notifications.kind.proposalForwarded', userId: { in: qk3Ids } } }), 2, 'the staff of Quân khu 3 hear of it');

  // Quân khu 3's inbox lists it; its officer receives it, then returns it with a reason
  const inbox = await qk3Officer.get('/proposals/inbox');
  assert.equal(inbox.status, 200);
  assert.match(inbox.text, new RegExp(`<tr data-proposal="${ids.flag}">`));
  assert.equal((await qk3Officer.post(`/proposals/${ids.flag}/receive`, { version: p.version })).status, 303);
  p = await proposal();
  assert.equal(p.status, 'RECEIVED');
  const blank = await qk3Officer.post(`/proposals/${ids.flag}/send-back`, { version: p.version, reason: ' ' });
  assert.equal(blank.status, 400);
  assert.equal((await proposal()).status, 'RECEIVED');
  const reason = 'Bổ sung báo cáo thành tích có xác nhận của cấp ủy.';
  assert.equal((await qk3Officer.post(`/proposals/${ids.flag}/send-back`, { version: p.version, reason })).status, 303);
  p = await proposal();
  assert.deepEqual([p.status, p.holderUnitId, p.returnReason], ['RETURNED', ids.province, reason]);
  const back = await officer.get(`/proposals/${ids.flag}`);
  assert.match(back.text, /Bổ sung báo cáo thành tích có xác nhận của cấp ủy\./, 'the reason is shown to the sender');
  const officerId = (await app.prisma.user.findUniqueOrThrow({ where: { username: 'officer' } })).id;
  assert.equal(await app.prisma.notification.count({ where: { kind: 'notifications.kind.proposalSentBack', userId: officerId } }), 1);

  // the sender fixes it and sends it again: submit, approve, forward
  assert.equal((await officer.post(`/proposals/${ids.flag}/submit`, { version: p.version })).status, 303);
  assert.equal((await commander.post(`/proposals/${ids.flag}/approve`, { version: p.version + 1 })).status, 303);
  assert.equal((await commander.post(`/proposals/${ids.flag}/forward`, { version: p.version + 2 })).status, 303);
  p = await proposal();
  assert.equal(p.status, 'FORWARDED');
  assert.equal((await qk3Officer.post(`/proposals/${ids.flag}/receive`, { version: p.version })).status, 303);
  p = await proposal();

  // Quân khu 3's council and posting, then its commander decides within its level
  await gatesPass(ids.region, ids.flag);
  const page = await qk3.get(`/proposals/${ids.flag}`);
  assert.match(page.text, /action="\/proposals\/\d+\/decision"/);
  assert.match(page.text, /Căn cứ Thông tư 118\/2023\/TT-BQP/, 'the basis lines start from the catalogue');
  const decided = await qk3.post(`/proposals/${ids.flag}/decision`, {
    version: p.version, number: '12/QĐ-BTL', date: '2021-01-20', signingAuthority: 'Bộ Tư lệnh Quân khu 3', signerName: 'Thiếu tướng Đỗ Văn Hòa',
    legalBasis: 'Căn cứ Luật Thi đua, khen thưởng 2022;\nXét đề nghị của Hội đồng Thi đua – Khen thưởng Quân khu 3.',
  });
  assert.equal(decided.status, 303);
  const decision = await app.prisma.awardDecision.findUniqueOrThrow({ where: { number: '12/QĐ-BTL' }, include: { awards: true } });
  assert.equal(decision.unitId, ids.region, 'recorded where it was decided');
  assert.match(decision.legalBasis ?? '', /Luật Thi đua, khen thưởng 2022/);
  assert.deepEqual(decision.awards.map((a) => a.unitId), [ids.e244]);
  assert.equal((await proposal()).status, 'DECIDED');

  // seen below: the province's staff, the unit's record, the notifications
  const seen = await commander.get(`/decisions/${decision.id}`);
  assert.equal(seen.status, 200);
  assert.match(text(seen.text), /Bộ Tư lệnh Quân khu 3/);
  assert.equal(await app.prisma.notification.count({ where: { kind: 'notifications.kind.decisionIssued', userId: officerId, link: `/decisions/${decision.id}` } }), 1);
  const e244User = await app.prisma.user.findUniqueOrThrow({ where: { username: 'e244' } });
  assert.equal(await app.prisma.notification.count({ where: { kind: 'notifications.kind.awardReceived', userId: e244User.id } }), 1);
  const record = await (await app.as('e244')).get(`/units/${ids.e244}`);
  assert.equal(record.status, 200);
  assert.match(text(record.text), /Cờ thi đua của Quân khu/);
  assert.match(record.text, /12\/QĐ-BTL/);

  // the path: each step with its status, commands and reason; each step has its audit entry
  const path = await app.prisma.proposalStep.findMany({ where: { proposalId: ids.flag }, orderBy: { id: 'asc' } });
  assert.deepEqual(path.map((s) => s.action), ['CREATE', 'SUBMIT', 'APPROVE', 'FORWARD', 'RECEIVE', 'SEND_BACK', 'SUBMIT', 'APPROVE', 'FORWARD', 'RECEIVE', 'DECIDE']);
  const sendBack = path.find((s) => s.action === 'SEND_BACK')!;
  assert.deepEqual([sendBack.fromUnitId, sendBack.toUnitId, sendBack.status, sendBack.reason], [ids.region, ids.province, 'RETURNED', reason]);
  const audits = (await app.prisma.auditLog.findMany({ where: { entityType: 'AwardProposal', entityId: String(ids.flag) }, orderBy: { id: 'asc' } })).map((a) => a.action);
  assert.deepEqual(audits, ['proposal.approve', 'proposal.forward', 'proposal.receive', 'proposal.sendBack', 'proposal.submit', 'proposal.approve', 'proposal.forward', 'proposal.receive', 'proposal.decide'], 'every step taken in the app is audited (the demo seeded the first two)');
  const shown = await commander.get(`/proposals/${ids.flag}`);
  assert.equal((shown.text.match(/<tr data-action="/g) ?? []).length, path.length, 'the path table shows every step');
  assert.match(text(shown.text), /Cấp trên trả lại .*Bổ sung báo cáo thành tích/);
});

test('the inbox of the command above lists what waits for it; the province sees what it sent up', async () => {
  const waiting = await app.prisma.awardProposal.findFirstOrThrow({ where: { status: 'FORWARDED', holderUnitId: ids.region } });
  const inbox = await qk3.get('/proposals/inbox');
  assert.match(inbox.text, new RegExp(`<tr data-proposal="${waiting.id}">`));
  const mine = await commander.get('/proposals/inbox');
  assert.equal(mine.status, 200);
  assert.match(mine.text, new RegExp(`<tr data-proposal="${waiting.id}">`), 'sent up by the province, now with Quân khu 3');
  assert.equal((await (await app.as('halong')).get('/proposals/inbox')).status, 403);
});

test('the scoring pages follow the chain, whether or not the campaign is kept: a sibling province’s officer gets 404, the command above sees it', async () => {
  const period = await app.prisma.period.create({ data: { campaignId: ids.siblingCampaign, seq: 99, name: 'Kỳ thử chuỗi', startDate: new Date('2020-03-01'), endDate: new Date('2020-10-31') } });
  const grid = `/campaigns/${ids.siblingCampaign}/periods/${period.id}/scores`;
  // first read by the province's officer (nothing kept yet), then by Quân khu 3 (kept), then the officer again
  assert.equal((await officer.get(grid)).status, 404);
  const above = await qk3Officer.get(grid);
  assert.equal(above.status, 200);
  assert.match(above.text, /Thi đua huấn luyện giỏi năm 2020 \(Hải Dương\)/);
  assert.equal((await officer.get(grid)).status, 404);
  assert.equal((await officer.get(`/campaigns/${ids.siblingCampaign}/periods/${period.id}/status`)).status, 404);
  const unit = await app.prisma.campaignUnit.findFirstOrThrow({ where: { campaignId: ids.siblingCampaign } });
  const criterion = await app.prisma.criterion.findFirst({ where: { campaignId: ids.siblingCampaign } });
  const before = await app.prisma.auditLog.count();
  const save = await officer.post(grid, { [`p_${unit.unitId}_${criterion?.id ?? 1}`]: '1', reason: 'x' });
  assert.equal(save.status, 404);
  assert.equal(await app.prisma.auditLog.count(), before, 'nothing written');
});

test('a unit moved to another command changes what that command sees on its very next request, and back', async () => {
  // chain scopes are kept across requests under the unit tree's version (src/chain/scope.ts): a move must not wait
  const haiduong = await app.as('haiduong');
  const page = `/campaigns/${ids.regular2020}`;
  assert.equal((await haiduong.get(page)).status, 404, 'Quảng Ninh’s campaign is not in Hải Dương’s subtree');
  assert.equal((await haiduong.get(page)).status, 404, 'nor on a second look (the scope now kept)');
  const before = await app.prisma.unit.findUniqueOrThrow({ where: { id: ids.province }, select: { parentId: true } });
  await app.prisma.unit.update({ where: { id: ids.province }, data: { parentId: ids.sibling } });
  try {
    assert.equal((await haiduong.get(page)).status, 200, 'moved under Hải Dương: seen at once');
    assert.equal((await haiduong.get(page)).status, 200);
  } finally {
    await app.prisma.unit.update({ where: { id: ids.province }, data: { parentId: before.parentId } });
  }
  assert.equal((await haiduong.get(page)).status, 404, 'moved back: hidden at once');
  // a rename is part of what a scope holds (the command's name) and moves the version too
  const tree = async () => (await app.prisma.unitTree.findUniqueOrThrow({ where: { id: 1 } })).n;
  const n0 = await tree();
  await app.prisma.unit.update({ where: { id: ids.sibling }, data: { shortName: 'BCHQS Hải Dương' } });
  assert.equal(await tree(), n0 + 1n, 'a command renamed moves the unit tree version');
  await app.prisma.$transaction([
    app.prisma.unit.update({ where: { id: ids.sibling }, data: { name: 'Bộ CHQS tỉnh Hải Dương (tên mới)' } }),
    app.prisma.unit.update({ where: { id: ids.province }, data: { shortName: 'BCHQS Quảng Ninh' } }),
  ]);
  assert.equal(await tree(), n0 + 2n, 'once per transaction, however many units it writes');
});
