// In-app notifications over HTTP on the demo campaign: pledge review, the header badge, the inbox, ownership,
// "period about to close" (once per period), and award proposals decided. Tests run in order: the campaign is
// closed for the awards test at the end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readyToDecide } from '../helpers/postings.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { notify } from '../../src/notifications/service.ts';
import { CLOSING_KIND, closingLink, vnToday } from '../../src/notifications/closing.ts';
import { campaignStandings } from '../../src/ranking/service.ts';

let app: TestApp;
let campaignId: number;
let officer: Client;
const unitIds: Record<string, number> = {};
const userIds: Record<string, number> = {};

before(async () => {
  app = await startTestApp();
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  for (const u of await app.prisma.unit.findMany()) unitIds[u.code] = u.id;
  for (const u of await app.prisma.user.findMany()) userIds[u.username] = u.id;
  officer = await app.as('officer');
});
after(() => app.close());

const pledgeUrl = (code: string, suffix = '') => `/campaigns/${campaignId}/pledges/${unitIds[code]}${suffix}`;
const inboxOf = (username: string) => app.prisma.notification.findMany({ where: { userId: userIds[username] }, orderBy: { id: 'asc' } });
/** The header's notifications link, as rendered. */
const badge = (page: string | { text: string }) => (typeof page === 'string' ? page : page.text).match(/<a class="nt-badge[^"]*" href="\/notifications"[^>]*>[\s\S]*?<\/a>/)?.[0] ?? '';

/** Put a unit's pledge in SUBMITTED (as if the unit had just submitted it) and return its version. */
async function submitted(code: string): Promise<number> {
  const p = await app.prisma.pledge.upsert({
    where: { campaignId_unitId: { campaignId, unitId: unitIds[code] } },
    create: { campaignId, unitId: unitIds[code], status: 'SUBMITTED', submittedAt: new Date() },
    update: { status: 'SUBMITTED', version: { increment: 1 } },
  });
  return p.version;
}

test('a returned pledge notifies the unit’s account with the reason; the header badge counts it and drops after reading', async () => {
  const halong = await app.as('halong');
  const before = await halong.get('/');
  assert.match(badge(before), /aria-label="Thông báo: không có thông báo chưa đọc"/);
  assert.doesNotMatch(badge(before), /\(\d+\)/);

  const version = await submitted('HALONG');
  await officer.get(pledgeUrl('HALONG'));
  const res = await officer.post(pledgeUrl('HALONG', '/return'), { version, reason: 'Bổ sung chỉ tiêu huấn luyện cụ thể.' });
  assert.equal(res.status, 303);

  const rows = await inboxOf('halong');
  assert.equal(rows.length, 1);
  assert.equal(rows[0].kind, 'notifications.kind.pledgeReturned');
  assert.equal(rows[0].link, pledgeUrl('HALONG'));
  assert.equal((await inboxOf('campha')).length, 0, 'another unit hears nothing');

  const home = await halong.get('/');
  assert.match(badge(home), /<span class="nt-word">Thông báo<\/span> <span class="nt-count">\(1\)<\/span>/);
  assert.match(badge(home), /aria-label="Thông báo: 1 chưa đọc"/);
  const inbox = await halong.get('/notifications');
  assert.equal(inbox.status, 200);
  assert.match(inbox.text, /Bản đăng ký thi đua của [^<]+ trong phong trào &#34;Lập công dâng Đảng&#34; bị trả lại: Bổ sung chỉ tiêu huấn luyện cụ thể\./);
  assert.match(inbox.text, /class="nt-item nt-unread"/);

  // English: the same row, in the reader's language
  await halong.post('/lang', { locale: 'en', next: '/notifications' });
  const en = await halong.get('/notifications');
  assert.match(en.text, /The pledge of [^<]+ in the campaign &#34;Lập công dâng Đảng&#34; was returned: Bổ sung/);
  assert.match(badge(en), /aria-label="Notifications: 1 unread"/);
  await halong.post('/lang', { locale: 'vi', next: '/' });

  // following it marks it read and leads to the pledge
  const open = await halong.post(`/notifications/${rows[0].id}/open`);
  assert.equal(open.status, 303);
  assert.equal(open.location, pledgeUrl('HALONG'));
  assert.ok((await app.prisma.notification.findUniqueOrThrow({ where: { id: rows[0].id } })).readAt);
  const after = await halong.get('/');
  assert.doesNotMatch(badge(after), /\(\d+\)/);
  assert.doesNotMatch((await halong.get('/notifications')).text, /nt-unread/);
});

test('an approved pledge notifies the unit; "mark all read" clears every unread notification of that user only', async () => {
  const version = await submitted('HALONG');
  await officer.get(pledgeUrl('HALONG'));
  assert.equal((await officer.post(pledgeUrl('HALONG', '/approve'), { version })).status, 303);
  // two more, written by the service as other features do, one of them for another unit
  await notify(app.prisma, { toUnit: unitIds.HALONG, kind: 'scoring.notify.returned', params: { period: 'Quý II', campaign: 'Lập công dâng Đảng' }, link: '/' });
  await notify(app.prisma, { toUnit: unitIds.CAMPHA, kind: 'scoring.notify.returned', params: { period: 'Quý II', campaign: 'Lập công dâng Đảng' }, link: '/' });

  const halong = await app.as('halong');
  const rows = await inboxOf('halong');
  assert.deepEqual(rows.map((r) => r.kind), ['notifications.kind.pledgeReturned', 'notifications.kind.pledgeApproved', 'scoring.notify.returned']);
  assert.match(badge(await halong.get('/')), /\(2\)/);
  const inbox = await halong.get('/notifications');
  assert.match(inbox.text, /đã được phê duyệt/);
  assert.match(inbox.text, /Bản tự chấm Quý II của phong trào/);
  // newest first
  assert.ok(inbox.text.indexOf('Bản tự chấm Quý II') < inbox.text.indexOf('đã được phê duyệt'));

  const res = await halong.post('/notifications/read-all');
  assert.equal(res.status, 303);
  assert.equal(await app.prisma.notification.count({ where: { userId: userIds.halong, readAt: null } }), 0);
  assert.equal(await app.prisma.notification.count({ where: { userId: userIds.campha, readAt: null } }), 1, 'another user’s stay unread');
  const page = await halong.get('/notifications');
  assert.match(page.text, /Đã đánh dấu 2 thông báo là đã đọc/);
  assert.doesNotMatch(badge(page.text), /\(\d+\)/);
});

test('nobody can read or mark someone else’s notification: 404, and it stays unread', async () => {
  const [mine] = await app.prisma.notification.findMany({ where: { userId: userIds.campha, readAt: null } });
  assert.ok(mine);
  for (const who of ['halong', 'officer', 'admin']) {
    const c = await app.as(who);
    const res = await c.post(`/notifications/${mine.id}/open`);
    assert.equal(res.status, 404, `${who} opening campha’s notification`);
    assert.doesNotMatch((await c.get('/notifications')).text, new RegExp(`/notifications/${mine.id}/open`));
  }
  assert.equal((await app.prisma.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt, null);
  const campha = await app.as('campha');
  assert.equal((await campha.post('/notifications/99999999/open')).status, 404);
  assert.equal((await campha.post('/notifications/abc/open')).status, 404);
  assert.equal((await campha.post(`/notifications/${mine.id}/open`, {}, { csrf: 'wrong' })).status, 403, 'CSRF is checked');
  const res = await campha.post(`/notifications/${mine.id}/open`);
  assert.equal(res.status, 303);
  assert.equal(res.location, '/');
  assert.equal((await app.client().get('/notifications')).status, 303, 'signed out: to the login page');
});

test('a period about to close with unscored units notifies the officers once, not twice', async () => {
  const [p1, p2] = await app.prisma.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' } });
  const today = vnToday(new Date());
  const inDays = (n: number) => new Date(today.getTime() + n * 86_400_000);
  // period 1 is fully verified: ending tomorrow, it needs no reminder; period 2 ends in two days with nothing verified
  await app.prisma.period.update({ where: { id: p1.id }, data: { status: 'OPEN', endDate: inDays(1) } });
  await app.prisma.period.update({ where: { id: p2.id }, data: { status: 'OPEN', endDate: inDays(2) } });
  const second = await app.prisma.user.create({ data: { username: 'officer2', fullName: 'Thượng úy Lê Văn Bình', role: 'OFFICER', passwordHash: 'x' } });
  const commander = await app.as('commander');
  const halong = await app.as('halong');

  // several staff open the home page at the same moment, then again
  await Promise.all([officer.get('/'), commander.get('/'), (await app.as('admin')).get('/')]);
  await officer.get('/');
  await halong.get('/');
  const rows = await app.prisma.notification.findMany({ where: { kind: CLOSING_KIND } });
  assert.deepEqual(rows.map((r) => r.userId).sort(), [userIds.officer, second.id].sort(), 'one for each officer, nobody else');
  assert.ok(rows.every((r) => r.link === closingLink(campaignId, p2.id)), 'only period 2');
  const params = rows[0].params as Record<string, unknown>;
  assert.equal(params.count, 15);
  assert.equal(params.total, 15);

  const page = await officer.get('/notifications');
  const name = p2.name.replace(/[()]/g, '\\$&');
  assert.match(page.text, new RegExp(`${name} của phong trào &#34;Lập công dâng Đảng&#34; kết thúc ngày \\d{2}/\\d{2}/\\d{4}; còn 15/15 đơn vị chưa được chấm điểm`));

  // read or not, it is not created again
  await officer.post('/notifications/read-all');
  await officer.get('/');
  await commander.get('/');
  assert.equal(await app.prisma.notification.count({ where: { kind: CLOSING_KIND } }), 2);

  // a period ending in five days is not yet "about to close"
  await app.prisma.period.update({ where: { id: p2.id }, data: { endDate: inDays(30) } });
  const p3 = await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 3 } });
  await app.prisma.period.update({ where: { id: p3.id }, data: { endDate: inDays(5) } });
  await officer.get('/');
  assert.equal(await app.prisma.notification.count({ where: { kind: CLOSING_KIND } }), 2);
});

test('a proposal returned or approved notifies the officer who submitted it; an issued decision notifies the officers', async () => {
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  const { standings } = await campaignStandings(app.prisma, campaignId);
  const top = standings[0];
  const gk = await app.prisma.campaignTitle.findFirstOrThrow({ where: { campaignId, code: 'GK_DV' } });
  const pledge = await app.prisma.pledge.upsert({ where: { campaignId_unitId: { campaignId, unitId: top.unitId } }, create: { campaignId, unitId: top.unitId, status: 'APPROVED' }, update: {} });
  await app.prisma.pledgeTitle.createMany({ data: [{ pledgeId: pledge.id, titleId: gk.id }], skipDuplicates: true });
  const proposal = await app.prisma.awardProposal.create({
    data: { campaignId, status: 'SUBMITTED', createdById: userIds.officer, submittedById: userIds.officer, submittedAt: new Date(), items: { create: [{ titleId: gk.id, unitId: top.unitId, reason: 'Hoàn thành xuất sắc nhiệm vụ' }] } },
  });
  const before = await app.prisma.notification.count({ where: { userId: userIds.officer } });
  const commander = await app.as('commander');
  await commander.get(`/proposals/${proposal.id}`);

  assert.equal((await commander.post(`/proposals/${proposal.id}/return`, { version: 1, reason: 'Ghi rõ thành tích.' })).status, 303);
  let mine = await app.prisma.notification.findMany({ where: { userId: userIds.officer }, orderBy: { id: 'asc' }, skip: before });
  assert.deepEqual(mine.map((n) => [n.kind, n.link]), [['notifications.kind.proposalReturned', `/proposals/${proposal.id}`]]);
  assert.equal(await app.prisma.notification.count({ where: { kind: 'notifications.kind.proposalReturned' } }), 1, 'only the submitter');

  await officer.get(`/proposals/${proposal.id}`);
  assert.equal((await officer.post(`/proposals/${proposal.id}/submit`, { version: 2 })).status, 303);
  assert.equal((await commander.post(`/proposals/${proposal.id}/approve`, { version: 3 })).status, 303);
  await readyToDecide(app.prisma, proposal.id);
  const decided = await commander.post(`/proposals/${proposal.id}/decision`, { version: 4, number: '77/QĐ-BCH', date: '2021-07-20', signingAuthority: 'Bộ CHQS tỉnh Quảng Ninh' });
  assert.equal(decided.status, 303);
  const decision = await app.prisma.awardDecision.findFirstOrThrow({ where: { proposalId: proposal.id } });

  mine = await app.prisma.notification.findMany({ where: { userId: userIds.officer }, orderBy: { id: 'asc' }, skip: before });
  assert.deepEqual(mine.map((n) => n.kind), ['notifications.kind.proposalReturned', 'notifications.kind.proposalApproved', 'notifications.kind.decisionIssued']);
  const officers = await app.prisma.notification.findMany({ where: { kind: 'notifications.kind.decisionIssued' } });
  assert.equal(officers.length, 2, 'every active officer hears of the decision');
  assert.ok(officers.every((n) => n.link === `/decisions/${decision.id}`));
  const page = await officer.get('/notifications');
  assert.match(page.text, /Đã ban hành quyết định khen thưởng 77\/QĐ-BCH của phong trào &#34;Lập công dâng Đảng&#34; \(1 khen thưởng\)/);
  assert.match(page.text, new RegExp(`Đề nghị khen thưởng số ${proposal.id} của phong trào &#34;Lập công dâng Đảng&#34; bị trả lại: Ghi rõ thành tích\\.`));
});

test('the inbox pages newest first', async () => {
  const ids = [];
  for (let i = 1; i <= 30; i++) ids.push(i);
  await app.prisma.notification.createMany({ data: ids.map((i) => ({ userId: userIds.kcq, kind: 'scoring.notify.returned', params: { period: `Kỳ ${i}`, campaign: 'X' }, link: '/' })) });
  const kcq = await app.as('kcq');
  const p1 = await kcq.get('/notifications');
  assert.match(p1.text, /Bản tự chấm Kỳ 30 /);
  assert.doesNotMatch(p1.text, /Bản tự chấm Kỳ 5 /);
  assert.match(p1.text, /Trang 1\/2/);
  const p2 = await kcq.get('/notifications?page=2');
  assert.match(p2.text, /Bản tự chấm Kỳ 5 /);
  assert.match(badge(p2.text), /\(30\)/);
});
