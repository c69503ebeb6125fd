// The Hội đồng Thi đua – Khen thưởng over HTTP: a command's staff see and keep only their own council; a meeting
// needs its quorum; a secret ballot stores counts only and is measured over ALL members (90% of 10: 9 passes, 8 fails,
// even when the 8 are every member present), and the refusal shows the numbers; written votes cannot exceed absences.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { ballotGate } from '../../src/council/gate.ts';
import { minutesData } from '../../src/council/service.ts';

let app: TestApp;
let admin: Client;
let officer: Client;
let commander: Client;
let provinceId: number;
const candidate = (p: { rank: string | null; fullName: string }) => [p.rank, p.fullName].filter(Boolean).join(' ');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

before(async () => {
  app = await startTestApp();
  [admin, officer, commander] = await Promise.all(['admin', 'officer', 'commander'].map((u) => app.as(u)));
  provinceId = (await app.prisma.unit.findFirstOrThrow({ where: { commandLevel: 'PROVINCE', demo: true } })).id;
});
after(() => app.close());

const councilForm = (over: Record<string, string> = {}) => ({
  name: 'Hội đồng TĐKT nhiệm kỳ 2026–2030', decisionNo: '01/QĐ-BCH ngày 02/01/2026', termFrom: '2026-01-02', termTo: '',
  quorumPercent: '66,66', quorumLegalBasis: 'Quy chế hoạt động của Hội đồng', postingDays: '5', postingLegalBasis: 'Quy chế công khai', ...over,
});

/** A proposal of the province on the 2020 regular campaign with two CSTĐCS lines, submitted (so on the agenda). */
async function proposalWithTwoLines() {
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { commandUnitId: provinceId, titles: { some: { code: 'CSTDCS' } } }, include: { titles: { where: { code: 'CSTDCS' } } } });
  const title = campaign.titles[0];
  const people = await app.prisma.person.findMany({ where: { unit: { code: 'HALONG' } }, take: 2, orderBy: { id: 'asc' } });
  return app.prisma.awardProposal.create({
    data: {
      campaignId: campaign.id, commandUnitId: provinceId, holderUnitId: provinceId, status: 'SUBMITTED',
      items: { create: people.map((p) => ({ titleId: title.id, catalogId: title.catalogId, personId: p.id })) },
    },
    include: { items: { orderBy: { id: 'asc' }, include: { person: true } } },
  });
}

test('the demo: the province council with its held meeting, quorum and a passing ballot on the flag proposal; the minutes read it', async () => {
  const list = await officer.get('/council');
  assert.equal(list.status, 200);
  assert.match(list.text, /Hội đồng Thi đua – Khen thưởng Bộ CHQS tỉnh Quảng Ninh/);
  assert.doesNotMatch(list.text, /Hội đồng Thi đua – Khen thưởng Quân khu 3/, 'the province staff do not see the region council');
  const meeting = await app.prisma.councilMeeting.findFirstOrThrow({ where: { council: { unitId: provinceId }, status: 'HELD' } });
  assert.deepEqual([meeting.memberCount, meeting.presentCount], [9, 8]);
  const page = text((await officer.get(`/meetings/${meeting.id}`)).text);
  assert.match(page, /có mặt 8\/9 thành viên = 88,9%, cần ít nhất 66,66% tổng số thành viên \(6 người\)/);
  assert.match(page, /Tất cả các trường hợp đã được Hội đồng bỏ phiếu đạt ngưỡng/);
  const minutes = await officer.get(`/meetings/${meeting.id}/minutes`);
  assert.equal(minutes.status, 200);
  const m = text(minutes.text);
  assert.match(m, /BIÊN BẢN/);
  assert.match(m, /Nguyễn Văn Hùng, Đại tá, Chỉ huy trưởng Chủ tịch Có mặt/);
  assert.match(m, /Vũ Thị Lan, Trung tá, Chủ nhiệm Hậu cần – Kỹ thuật Ủy viên Vắng mặt/);
  assert.match(m, /Trung đoàn 244 Cờ thi đua của Quân khu 8 0 1 0 9\/9 = 100% ≥ 90% \(9 phiếu\) Đạt/);
  assert.match(m, /Nghị định 91\/2017\/NĐ-CP/);
  const data = await minutesData(app.prisma, { id: 1, username: 'officer', fullName: 'x', role: 'OFFICER', unitId: provinceId, locale: 'vi' }, meeting.id);
  assert.deepEqual([data.attendees.length, data.quorum.present, data.ballots[0].totalAgree, data.ballots[0].passed], [9, 8, 9, true]);
  const chain = await app.prisma.awardProposal.findFirstOrThrow({ where: { items: { some: { catalog: { code: 'CO_QK' } } }, status: 'SUBMITTED' }, include: { items: true } });
  assert.deepEqual(await ballotGate(app.prisma, chain, { unitId: provinceId, today: new Date() }), []);
  assert.equal((await ballotGate(app.prisma, chain, { unitId: chain.items[0].unitId!, today: new Date() })).length, 1, 'another command has no ballot on it');
});

test('the threshold is counted over all ten members: 9 in favour passes, 8 fails even when all 8 present agree; the refusal shows the numbers', async () => {
  const demo = await app.prisma.council.findFirstOrThrow({ where: { unitId: provinceId } });
  // a new term: the old one must end first (overlapping terms are refused beside the field)
  await commander.get('/council/new');
  const overlap = await commander.post('/council', councilForm());
  assert.equal(overlap.status, 400);
  assert.match(overlap.text, /id="f-termFrom-error">Nhiệm kỳ này trùng/);
  await commander.get(`/council/${demo.id}/edit`);
  const ended = await commander.post(`/council/${demo.id}`, { ...councilForm({ name: demo.name, termFrom: '2020-01-06', termTo: '2025-12-31' }), version: String(demo.version) });
  assert.equal(ended.status, 303);
  const created = await commander.post('/council', councilForm());
  assert.equal(created.status, 303);
  const councilId = Number(created.location!.split('/').pop());
  for (let i = 1; i <= 10; i++) {
    const res = await commander.post(`/council/${councilId}/members`, { fullName: `Thành viên số ${i}`, position: 'Thượng tá', role: i === 1 ? 'CHAIR' : 'MEMBER', fromDate: '2026-01-02', toDate: '' });
    assert.equal(res.status, 303);
  }
  const proposal = await proposalWithTwoLines();
  await officer.get(`/council/${councilId}/meetings/new`);
  const made = await officer.post(`/council/${councilId}/meetings`, { heldOn: '2026-06-15', place: 'Hội trường', secretary: 'Trợ lý thi đua', agenda: String(proposal.id) });
  assert.equal(made.status, 303);
  const meetingId = Number(made.location!.split('/').pop());
  const members = await app.prisma.councilMember.findMany({ where: { councilId }, orderBy: { id: 'asc' } });
  let meeting = await app.prisma.councilMeeting.findUniqueOrThrow({ where: { id: meetingId } });

  // quorum: 6 of 10 is below 66.66%: the meeting cannot be marked held, and the numbers say why
  await officer.get(`/meetings/${meetingId}`);
  assert.equal((await officer.post(`/meetings/${meetingId}`, { version: meeting.version, heldOn: '2026-06-15', place: 'Hội trường', secretary: 'Trợ lý thi đua', agenda: String(proposal.id), present: members.slice(0, 6).map((m) => m.id) })).status, 303);
  meeting = await app.prisma.councilMeeting.findUniqueOrThrow({ where: { id: meetingId } });
  const noQuorum = await officer.post(`/meetings/${meetingId}/held`, { version: meeting.version });
  assert.equal(noQuorum.status, 422);
  assert.match(text(noQuorum.text), /Không đủ số thành viên dự họp: có mặt 6\/10 = 60%, cần ít nhất 66,66% \(7 người\)/);
  assert.equal((await app.prisma.councilMeeting.findUniqueOrThrow({ where: { id: meetingId } })).status, 'PLANNED');
  // ballots wait for the meeting to be held
  assert.equal((await officer.post(`/meetings/${meetingId}/ballots`, { [`agree-${proposal.items[0].id}`]: '6', [`disagree-${proposal.items[0].id}`]: '0' })).status, 422);

  // 8 present, 2 absent: quorum reached; held fixes the counts
  assert.equal((await officer.post(`/meetings/${meetingId}`, { version: meeting.version, heldOn: '2026-06-15', place: 'Hội trường', secretary: 'Trợ lý thi đua', agenda: String(proposal.id), present: members.slice(0, 8).map((m) => m.id) })).status, 303);
  meeting = await app.prisma.councilMeeting.findUniqueOrThrow({ where: { id: meetingId } });
  assert.equal((await officer.post(`/meetings/${meetingId}/held`, { version: meeting.version })).status, 303);
  meeting = await app.prisma.councilMeeting.findUniqueOrThrow({ where: { id: meetingId } });
  assert.deepEqual([meeting.status, meeting.memberCount, meeting.presentCount], ['HELD', 10, 8]);

  const [a, b] = proposal.items;
  await officer.get(`/meetings/${meetingId}/ballots`);
  const saved = await officer.post(`/meetings/${meetingId}/ballots`, {
    [`agree-${a.id}`]: '8', [`disagree-${a.id}`]: '0', [`writtenAgree-${a.id}`]: '1', [`writtenDisagree-${a.id}`]: '1', [`version-${a.id}`]: '0',
    [`agree-${b.id}`]: '8', [`disagree-${b.id}`]: '0', [`writtenAgree-${b.id}`]: '0', [`writtenDisagree-${b.id}`]: '2', [`version-${b.id}`]: '0',
  });
  assert.equal(saved.status, 303);
  const ballots = await app.prisma.ballotResult.findMany({ where: { meetingId }, orderBy: { proposalItemId: 'asc' } });
  assert.deepEqual(ballots.map((x) => [x.agree + x.writtenAgree, x.memberCount, Number(x.thresholdPercent), x.passed]), [[9, 10, 90, true], [8, 10, 90, false]]);

  const page = text((await officer.get(`/meetings/${meetingId}/ballots`)).text);
  assert.match(page, /Đạt: 9\/10 thành viên đồng ý = 90% \(cần 90%\)/);
  assert.match(page, new RegExp(`Không đạt: ${candidate(b.person!)} — Chiến sĩ thi đua cơ sở: 8/10 thành viên đồng ý = 80%, cần 90% tổng số thành viên \\(Nghị định 91/2017/NĐ-CP`));
  // the gate refuses the failing line only, with its numbers; the meeting page shows the same refusal
  const blockers = await ballotGate(app.prisma, { ...proposal, items: proposal.items }, { unitId: provinceId, today: new Date() });
  assert.deepEqual(blockers.map((x) => [x.key, x.params.candidate, x.params.agree, x.params.members, x.params.share, x.params.percent]), [['council.gate.failed', candidate(b.person!), 8, 10, 80, 90]]);
  assert.match(text((await officer.get(`/meetings/${meetingId}`)).text), /Chưa thể trình hoặc quyết định: .*8\/10 thành viên đồng ý = 80%, cần 90% tổng số thành viên/);
  const en = await app.as('officer');
  await en.post('/lang', { locale: 'en' });
  assert.match(text((await en.get(`/meetings/${meetingId}/ballots`)).text), /Not passed: .* 8 of 10 members in favour = 80%, 90% of all members needed/);
  await en.post('/lang', { locale: 'vi' }); // the choice is saved on the account: back to Vietnamese for the others

  // written votes cannot exceed the 2 absent members, ballots at the meeting cannot exceed the 8 present: messages
  // beside the fields, the typed values kept, nothing written
  const version = String(ballots[1].version);
  const bad = await officer.post(`/meetings/${meetingId}/ballots`, { [`agree-${b.id}`]: '9', [`disagree-${b.id}`]: '0', [`writtenAgree-${b.id}`]: '2', [`writtenDisagree-${b.id}`]: '1', [`version-${b.id}`]: version });
  assert.equal(bad.status, 400);
  assert.match(bad.text, new RegExp(`id="f-agree-${b.id}-error">Số phiếu tại phiên họp \\(9\\) vượt quá số thành viên có mặt \\(8\\)`));
  assert.match(bad.text, new RegExp(`id="f-writtenDisagree-${b.id}-error">Số ý kiến bằng văn bản \\(3\\) vượt quá số thành viên vắng mặt \\(2\\)`));
  assert.match(bad.text, new RegExp(`name="agree-${b.id}" type="text" value="9"`));
  const letters = await officer.post(`/meetings/${meetingId}/ballots`, { [`agree-${b.id}`]: 'tám', [`disagree-${b.id}`]: '0', [`version-${b.id}`]: version });
  assert.equal(letters.status, 400);
  assert.match(letters.text, new RegExp(`id="f-agree-${b.id}-error">Vui lòng nhập số nguyên`));
  assert.deepEqual((await app.prisma.ballotResult.findUniqueOrThrow({ where: { id: ballots[1].id } })).agree, 8);

  // a recount of the failing line by one more vote in writing passes it: the gate lets the proposal through
  const recount = await officer.post(`/meetings/${meetingId}/ballots`, { [`agree-${b.id}`]: '8', [`disagree-${b.id}`]: '0', [`writtenAgree-${b.id}`]: '1', [`writtenDisagree-${b.id}`]: '1', [`version-${b.id}`]: version });
  assert.equal(recount.status, 303);
  assert.deepEqual(await ballotGate(app.prisma, proposal, { unitId: provinceId, today: new Date() }), []);
  // the same stale version again is a conflict, nothing overwritten
  const stale = await officer.post(`/meetings/${meetingId}/ballots`, { [`agree-${b.id}`]: '5', [`disagree-${b.id}`]: '3', [`version-${b.id}`]: version });
  assert.equal(stale.status, 409, stale.text.match(/field-error[^<]*/g)?.join(' | '));
  assert.equal((await app.prisma.ballotResult.findUniqueOrThrow({ where: { id: ballots[1].id } })).agree, 8);

  // audited: the council's changes, the members, the meeting held, each ballot (counts, no names)
  const actions = (await app.prisma.auditLog.findMany({ where: { action: { startsWith: 'council.' } }, select: { action: true } })).map((x) => x.action);
  for (const a of ['council.update', 'council.create', 'council.member.create', 'council.meeting.create', 'council.meeting.update', 'council.meeting.held', 'council.ballot.record']) assert.ok(actions.includes(a), a);
  assert.equal(actions.filter((x) => x === 'council.member.create').length, 10);
  const ballotAudit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'council.ballot.record', entityId: `${meetingId}:${b.id}` }, orderBy: { id: 'desc' } });
  assert.deepEqual(ballotAudit.after, { agree: 8, disagree: 0, writtenAgree: 1, writtenDisagree: 1, thresholdPercent: 90, memberCount: 10, totalAgree: 9, passed: true });
});

test('no table links a council member to a vote: the tables that name a member hold no vote column, and the ballots name no member', async () => {
  const refs = await app.prisma.$queryRawUnsafe<{ table_name: string }[]>(`
    SELECT DISTINCT kcu.table_name FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
    JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
    WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'CouncilMember' AND tc.table_schema = current_schema()`);
  const memberTables = refs.map((r) => r.table_name);
  assert.deepEqual(memberTables, ['MeetingAttendance'], 'only attendance names a member');
  const columns = await app.prisma.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  const voteColumn = /vote|agree|ballot|choice|passed|approve|favou?r/i;
  const memberColumn = /member(?!count)|voter/i;
  const tables = new Map<string, string[]>();
  for (const c of columns) tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), c.column_name]);
  const offenders = [...tables].filter(([name, cols]) => (memberTables.includes(name) || cols.some((c) => memberColumn.test(c))) && cols.some((c) => voteColumn.test(c)));
  assert.deepEqual(offenders, []);
  assert.ok(tables.get('BallotResult')!.includes('agree'), 'the ballot table exists and holds counts');
});

test('a sibling command\'s staff cannot see or edit this council, its meetings or ballots; a unit account is refused', async () => {
  const region = await app.prisma.unit.findFirstOrThrow({ where: { commandLevel: 'MILITARY_REGION' } });
  const sibling = await app.prisma.unit.create({ data: { code: 'HAIPHONG_T', name: 'Bộ CHQS thành phố Hải Phòng', type: 'PROVINCIAL_COMMAND', parentId: region.id, commandLevel: 'PROVINCE' } });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await app.prisma.user.create({ data: { username: 'hp_commander', fullName: 'Chỉ huy Hải Phòng', role: 'COMMANDER', unitId: sibling.id, passwordHash } });
  const other = await app.as('hp_commander');
  const council = await app.prisma.council.findFirstOrThrow({ where: { unitId: provinceId }, orderBy: { id: 'asc' } });
  const meeting = await app.prisma.councilMeeting.findFirstOrThrow({ where: { councilId: council.id } });
  const list = await other.get('/council');
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, /Quảng Ninh/);
  for (const path of [`/council/${council.id}`, `/council/${council.id}/edit`, `/meetings/${meeting.id}`, `/meetings/${meeting.id}/ballots`, `/meetings/${meeting.id}/minutes`, `/council/${council.id}/members/new`]) {
    assert.equal((await other.get(path)).status, 404, path);
  }
  const before = await app.prisma.council.findUniqueOrThrow({ where: { id: council.id } });
  assert.equal((await other.post(`/council/${council.id}`, { ...councilForm({ name: 'Đổi tên' }), version: String(before.version) })).status, 404);
  assert.equal((await other.post(`/council/${council.id}/members`, { fullName: 'Người ngoài', role: 'MEMBER', fromDate: '2020-02-01' })).status, 404);
  assert.equal((await other.post(`/meetings/${meeting.id}/conclusions`, { version: String(meeting.version), conclusions: 'x' })).status, 404);
  assert.equal((await app.prisma.council.findUniqueOrThrow({ where: { id: council.id } })).name, before.name);
  // the officer reads but does not keep the council; a unit account gets nothing
  assert.equal((await officer.get(`/council/${council.id}`)).status, 200);
  assert.equal((await officer.get(`/council/${council.id}/edit`)).status, 403);
  assert.equal((await (await app.as('halong')).get('/council')).status, 403);
  // an administrator without a unit sees every command's council
  const admins = await app.prisma.user.create({ data: { username: 'hq_admin', fullName: 'Quản trị', role: 'ADMIN', unitId: null, passwordHash } });
  const all = await (await app.as(admins.username)).get('/council');
  assert.match(all.text, /Quân khu 3/);
  assert.match(all.text, /Quảng Ninh/);
});

test('bad input keeps what was typed with a message beside each field, and writes nothing', async () => {
  const council = await app.prisma.council.findFirstOrThrow({ where: { unitId: provinceId }, orderBy: { id: 'asc' } });
  const count = await app.prisma.auditLog.count();
  await commander.get(`/council/${council.id}/edit`);
  const res = await commander.post(`/council/${council.id}`, { ...councilForm({ name: 'Tên mới của Hội đồng', quorumPercent: '150', postingDays: 'năm', termFrom: '2026-03-01', termTo: '2026-02-01' }), version: String(council.version) });
  assert.equal(res.status, 400);
  assert.match(res.text, /id="f-quorumPercent-error">Nhập tỷ lệ lớn hơn 0 và không quá 100/);
  assert.match(res.text, /id="f-postingDays-error">Vui lòng nhập số nguyên/);
  assert.match(res.text, /value="Tên mới của Hội đồng"/);
  const dates = await commander.post(`/council/${council.id}`, { ...councilForm({ termFrom: '2026-03-01', termTo: '2026-02-01' }), version: String(council.version) });
  assert.match(dates.text, /id="f-termTo-error">Ngày kết thúc không được trước ngày bắt đầu/);
  const member = await commander.post(`/council/${council.id}/members`, { fullName: 'Trần Văn Mới', role: 'MEMBER', fromDate: '2019-02-30' });
  assert.equal(member.status, 400);
  assert.match(member.text, /id="f-fromDate-error">Ngày không hợp lệ/);
  assert.match(member.text, /value="Trần Văn Mới"/);
  const early = await commander.post(`/council/${council.id}/members`, { fullName: 'Trần Văn Mới', role: 'MEMBER', fromDate: '2019-01-01' });
  assert.match(early.text, /id="f-fromDate-error">Ngày bắt đầu phải nằm trong nhiệm kỳ/);
  const noAgenda = await officer.post(`/council/${council.id}/meetings`, { heldOn: '2021-01-10', place: 'Phòng họp số 2' });
  assert.equal(noAgenda.status, 400);
  assert.match(noAgenda.text, /id="f-agenda-error">Chọn ít nhất một danh sách đề nghị/);
  assert.match(noAgenda.text, /value="Phòng họp số 2"/);
  assert.equal(await app.prisma.auditLog.count(), count);
  assert.equal((await app.prisma.council.findUniqueOrThrow({ where: { id: council.id } })).version, council.version);
});

test('the catalogue form edits the ballot threshold and its legal basis (version-checked, audited)', async () => {
  const e = await app.prisma.titleCatalog.findUniqueOrThrow({ where: { code: 'GK_DV' } });
  const page = await admin.get(`/admin/catalogue/${e.id}/edit`);
  assert.match(page.text, /name="ballotPercent" type="text" value="50"/);
  const form: Record<string, string | string[]> = {
    version: String(e.version), name: e.name, nameEn: e.nameEn ?? '', scope: e.scope, kind: e.kind, issuingLevel: e.issuingLevel, legalBasis: e.legalBasis,
    validFrom: e.validFrom.toISOString().slice(0, 10), validTo: '', rank: String(e.rank), defaultQuotaBase: e.defaultQuotaBase, defaultQuotaPercent: '',
    quotaBaseCode: '', quotaLegalBasis: '', combinesWith: e.combinesWith, forRegular: 'on', active: 'on', ballotPercent: '0', ballotLegalBasis: 'Quy chế của Hội đồng',
  };
  const bad = await admin.post(`/admin/catalogue/${e.id}`, form);
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="f-ballotPercent-error">Giá trị nhỏ nhất là 0,01/);
  assert.equal((await admin.post(`/admin/catalogue/${e.id}`, { ...form, ballotPercent: '75,5' })).status, 303);
  const after = await app.prisma.titleCatalog.findUniqueOrThrow({ where: { id: e.id } });
  assert.deepEqual([Number(after.ballotPercent), after.ballotLegalBasis, after.version], [75.5, 'Quy chế của Hội đồng', e.version + 1]);
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'catalogue.update', entityId: String(e.id) }, orderBy: { id: 'desc' } });
  assert.deepEqual([(audit.before as { ballotPercent: number }).ballotPercent, (audit.after as { ballotPercent: number }).ballotPercent], [50, 75.5]);
  assert.match(text((await officer.get('/admin/catalogue')).text), /Từ 75,5% tổng số thành viên Hội đồng đồng ý/);
});
