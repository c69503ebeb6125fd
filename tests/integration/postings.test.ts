// Công khai over HTTP on the demo's "Cờ thi đua của Quân khu" proposal (SUBMITTED, province command): the officer
// posts it for the council's days, accounts of the command read and comment, a unit of another command cannot, the
// command answers; the posting gate blocks the decision while the window is open and while a complaint is unanswered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { postingGate, postingStatus } from '../../src/postings/gate.ts';
import { councilPassed } from '../helpers/postings.ts';
import { provinceDecidesAll } from '../helpers/chain.ts';

let app: TestApp;
let officer: Client;
let commander: Client;
let halong: Client;
let stranger: Client;
let provinceId: number;
let proposalId: number;
let itemId: number;
let postingId: number;
const DAYS = 7;
const today = () => new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

before(async () => {
  app = await startTestApp();
  const province = await app.prisma.unit.findFirstOrThrow({ where: { commandLevel: 'PROVINCE', demo: true } });
  provinceId = province.id;
  const p = await app.prisma.awardProposal.findFirstOrThrow({ where: { status: 'SUBMITTED', note: { contains: 'Cờ thi đua của Quân khu' } }, include: { items: true } });
  proposalId = p.id;
  itemId = p.items[0].id;
  // the demo posted this list already (2020); start from a proposal that was never posted
  await app.prisma.proposalPosting.deleteMany({ where: { proposalId } });
  // the command's council is set up in the posting test (without it, the number of days is unknown)
  await app.prisma.councilMeeting.deleteMany({ where: { council: { unitId: provinceId } } }); // the demo's meeting (src/demo/council.ts)
  await app.prisma.council.deleteMany({ where: { unitId: provinceId } });
  // another provincial command under the same military region, with one district and its unit account
  const region = await app.prisma.unit.findFirstOrThrow({ where: { code: 'QK3' } });
  const other = await app.prisma.unit.create({ data: { code: 'HD_T', name: 'Bộ CHQS tỉnh Hải Dương', type: 'PROVINCIAL_COMMAND', parentId: region.id, commandLevel: 'PROVINCE' } });
  const otherDistrict = await app.prisma.unit.create({ data: { code: 'HD_CL', name: 'Ban CHQS thành phố Chí Linh', type: 'DISTRICT_COMMAND', parentId: other.id } });
  await app.prisma.user.create({ data: { username: 'chilinh', fullName: 'Ban CHQS thành phố Chí Linh', role: 'UNIT', unitId: otherDistrict.id, passwordHash: await hashPassword(DEMO_PASSWORD) } });
  officer = await app.as('officer');
  commander = await app.as('commander');
  halong = await app.as('halong');
  stranger = await app.as('chilinh');
});
after(() => app.close());

test('the gate blocks a proposal that was never posted', async () => {
  const p = await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: proposalId }, include: { items: true } });
  const blockers = await postingGate(app.prisma, p, { unitId: provinceId, today: today() });
  assert.deepEqual(blockers, [{ key: 'postings.gate.notPosted', params: { id: proposalId } }]);
});

test('the officer posts the list: refused without a council, a future day refused beside the field with the values kept; closesOn follows the council', async () => {
  const none = await officer.get(`/proposals/${proposalId}/postings/new`);
  assert.match(text(none.text), /chưa có Hội đồng Thi đua – Khen thưởng/);
  const refused = await officer.post(`/proposals/${proposalId}/postings`, { postedOn: iso(today()), place: 'Bảng tin Bộ CHQS tỉnh' });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /id="f-postedOn"[^>]*aria-invalid="true"/);
  assert.equal(await app.prisma.proposalPosting.count({ where: { proposalId } }), 0);
  await app.prisma.council.create({ data: { unitId: provinceId, name: 'Hội đồng Thi đua – Khen thưởng Bộ CHQS tỉnh', termFrom: new Date('2019-01-01T00:00:00Z'), postingDays: DAYS } });
  const form = await officer.get(`/proposals/${proposalId}/postings/new`);
  assert.equal(form.status, 200);
  assert.match(text(form.text), new RegExp(`công khai ${DAYS} ngày`));
  const future = await officer.post(`/proposals/${proposalId}/postings`, { postedOn: iso(addDays(today(), 1)), place: 'Bảng tin Bộ CHQS tỉnh' });
  assert.equal(future.status, 400);
  assert.match(future.text, /Ngày niêm yết không được là ngày tương lai/);
  assert.match(future.text, /value="Bảng tin Bộ CHQS tỉnh"/);
  const blank = await officer.post(`/proposals/${proposalId}/postings`, { postedOn: iso(today()), place: '' });
  assert.equal(blank.status, 400);
  assert.equal(await app.prisma.proposalPosting.count({ where: { proposalId } }), 0, 'nothing written');
  // a unit account cannot post
  assert.equal((await halong.post(`/proposals/${proposalId}/postings`, { postedOn: iso(today()), place: 'x' })).status, 403);

  const posted = iso(addDays(today(), -2)); // recorded two days after the paper list went up
  const res = await officer.post(`/proposals/${proposalId}/postings`, { postedOn: posted, place: 'Bảng tin Bộ CHQS tỉnh' });
  assert.equal(res.status, 303);
  const row = await app.prisma.proposalPosting.findFirstOrThrow({ where: { proposalId } });
  postingId = row.id;
  assert.equal(res.location, `/postings/${postingId}`);
  assert.equal(iso(row.postedOn), posted);
  assert.equal(iso(row.closesOn), iso(addDays(new Date(posted + 'T00:00:00Z'), DAYS)));
  assert.equal(row.unitId, provinceId);
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'posting.create', entityId: String(postingId) } });
  assert.equal((audit.after as { postingDays: number }).postingDays, DAYS);
  // a second posting while the first is open is a conflict
  assert.equal((await officer.post(`/proposals/${proposalId}/postings`, { postedOn: iso(today()), place: 'x' })).status, 409);
});

test('a unit account of the command reads the list with candidates, reasons and days left; a unit of another command cannot', async () => {
  const list = await halong.get('/postings');
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`href="/postings/${postingId}"`));
  const page = await halong.get(`/postings/${postingId}`);
  assert.equal(page.status, 200);
  const t = text(page.text);
  assert.match(t, /Trung đoàn 244/);
  assert.match(t, /Cờ thi đua/);
  assert.match(t, /Dẫn đầu phong trào thi đua Quyết thắng năm 2020/);
  assert.match(t, new RegExp(`Còn ${DAYS - 2} ngày`));

  const other = await stranger.get('/postings');
  assert.equal(other.status, 200);
  assert.doesNotMatch(other.text, new RegExp(`href="/postings/${postingId}"`));
  assert.equal((await stranger.get(`/postings/${postingId}`)).status, 404);
  assert.equal((await stranger.post(`/postings/${postingId}/comments`, { kind: 'COMPLAINT', item: '', body: 'x' })).status, 404);
  assert.equal(await app.prisma.postingComment.count({ where: { postingId } }), 0);
});

test('a unit account comments under its name; bad input keeps what was typed and writes nothing', async () => {
  await halong.get(`/postings/${postingId}`);
  const blank = await halong.post(`/postings/${postingId}/comments`, { kind: 'COMPLAINT', item: String(itemId), body: '  ' });
  assert.equal(blank.status, 400);
  assert.match(blank.text, /<option value="COMPLAINT" selected>/);
  assert.match(blank.text, new RegExp(`<option value="${itemId}" selected>`));
  const badItem = await halong.post(`/postings/${postingId}/comments`, { kind: 'OPINION', item: '999999', body: 'Nội dung giữ lại' });
  assert.equal(badItem.status, 400);
  assert.match(badItem.text, /Nội dung giữ lại<\/textarea>/);
  assert.equal(await app.prisma.postingComment.count({ where: { postingId } }), 0);

  const res = await halong.post(`/postings/${postingId}/comments`, { kind: 'COMPLAINT', item: String(itemId), body: 'Thành tích huấn luyện năm 2020 của Trung đoàn chưa được đối chiếu.' });
  assert.equal(res.status, 303);
  const c = await app.prisma.postingComment.findFirstOrThrow({ where: { postingId } });
  const user = await app.prisma.user.findUniqueOrThrow({ where: { username: 'halong' } });
  assert.deepEqual([c.kind, c.authorId, c.proposalItemId, c.answer], ['COMPLAINT', user.id, itemId, null]);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'posting.comment', entityId: String(c.id) } }), 1);
  const page = await officer.get(`/postings/${postingId}`);
  assert.match(text(page.text), /Khiếu nại Ban CHQS thành phố Hạ Long/);
  assert.match(page.text, new RegExp(`action="/postings/comments/${c.id}/answer"`), 'staff of the command see the answer form');
  assert.doesNotMatch((await halong.get(`/postings/${postingId}`)).text, /\/answer"/, 'a unit account does not');
});

test('the gate, called directly: the open window and the unanswered complaint each block, with dates and names', async () => {
  const p = await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: proposalId }, include: { items: true } });
  const row = await app.prisma.proposalPosting.findUniqueOrThrow({ where: { id: postingId } });
  const blockers = await postingGate(app.prisma, p, { unitId: provinceId, today: today() });
  assert.deepEqual(blockers.map((b) => b.key), ['postings.gate.windowOpen', 'postings.gate.complaint']);
  assert.equal(blockers[0].params.closesOn, iso(row.closesOn).split('-').reverse().join('/'));
  assert.equal(blockers[0].params.n, DAYS - 2);
  assert.equal(blockers[1].params.author, 'Ban CHQS thành phố Hạ Long');
  assert.equal(blockers[1].params.candidate, 'Trung đoàn 244');
  // on the closing day the window no longer blocks; the complaint still does
  const later = await postingGate(app.prisma, p, { unitId: provinceId, today: row.closesOn });
  assert.deepEqual(later.map((b) => b.key), ['postings.gate.complaint']);
  const s = await postingStatus(app.prisma, proposalId, today());
  assert.equal(s.windowOpen, true);
  assert.equal(s.openComplaints.length, 1);
});

test('over HTTP: no decision while the window is open, nor while the complaint is unanswered; then it goes through', async () => {
  await app.prisma.awardProposal.update({ where: { id: proposalId }, data: { status: 'APPROVED' } });
  // the other gates hold, so only công khai is in the way: the council passed the line, the province may decide the flag
  await councilPassed(app.prisma, proposalId);
  await provinceDecidesAll(app);
  const decide = async () => {
    const p = await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: proposalId } });
    await commander.get(`/proposals/${proposalId}`);
    return commander.post(`/proposals/${proposalId}/decision`, { version: p.version, number: '15/QĐ-BCH-CK', date: iso(today()), signingAuthority: 'Bộ CHQS tỉnh Quảng Ninh' });
  };
  const open = await decide();
  assert.equal(open.status, 422);
  assert.match(text(open.text), /chỉ được quyết định từ ngày/);
  assert.equal(await app.prisma.awardDecision.count({ where: { proposalId } }), 0);

  // the window is over (moved back in time), the complaint is not answered yet
  await app.prisma.proposalPosting.update({ where: { id: postingId }, data: { postedOn: addDays(today(), -DAYS - 1), closesOn: addDays(today(), -1) } });
  const complaint = await decide();
  assert.equal(complaint.status, 422);
  assert.match(text(complaint.text), /Khiếu nại của Ban CHQS thành phố Hạ Long ngày \d\d\/\d\d\/\d{4} về Trung đoàn 244 chưa được trả lời/);
  assert.equal(await app.prisma.awardDecision.count({ where: { proposalId } }), 0);

  // the answer: a unit account may not give it, a blank one is refused, the officer of the command records it
  const c = await app.prisma.postingComment.findFirstOrThrow({ where: { postingId } });
  assert.equal((await halong.post(`/postings/comments/${c.id}/answer`, { version: c.version, answer: 'x' })).status, 403);
  await officer.get(`/postings/${postingId}`);
  const blank = await officer.post(`/postings/comments/${c.id}/answer`, { version: c.version, answer: '' });
  assert.equal(blank.status, 400);
  const ok = await officer.post(`/postings/comments/${c.id}/answer`, { version: c.version, answer: 'Đã đối chiếu kết quả kiểm tra huấn luyện; thành tích đúng như báo cáo.' });
  assert.equal(ok.status, 303);
  const answered = await app.prisma.postingComment.findUniqueOrThrow({ where: { id: c.id } });
  const off = await app.prisma.user.findUniqueOrThrow({ where: { username: 'officer' } });
  assert.equal(answered.answeredById, off.id);
  assert.ok(answered.answeredAt);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'posting.answer', entityId: String(c.id) } }), 1);
  assert.equal((await officer.post(`/postings/comments/${c.id}/answer`, { version: answered.version, answer: 'lần nữa' })).status, 409);
  assert.match(text((await halong.get(`/postings/${postingId}`)).text), /Trả lời của Đại úy Nguyễn Văn An/);

  const done = await decide();
  assert.equal(done.status, 303, text(done.text).slice(0, 400));
  assert.equal(await app.prisma.awardDecision.count({ where: { proposalId } }), 1);
});
