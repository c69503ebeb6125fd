// A refused form always says why. Each case here came back as a 400 that showed no message at all, found by fuzzing
// every form the four roles reach: the value at fault had no field of its own on the page (a stale or missing
// version, a year with no row), or the route had no page to show the form on again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

let app: TestApp;
let admin: Client;
let officer: Client;
before(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  officer = await app.as('officer');
});
after(() => app.close());

/** The text of every element marked role="alert" in the page's main part, tags removed. */
function alerts(html: string): string[] {
  const main = html.replace(/^[\s\S]*?<main\b[^>]*>/, '').replace(/<\/main>[\s\S]*$/, '');
  return [...main.matchAll(/<(p|div)\b[^>]*role="alert"[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => m[2].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

test('headcount: a year with no row of its own is refused with a message at the top of the section', async () => {
  const hc = await app.prisma.unitHeadcount.findFirstOrThrow();
  const before = await app.prisma.unitHeadcount.count();
  await admin.get(`/units/${hc.unitId}`);
  const res = await admin.post(`/units/${hc.unitId}/headcount`, { version: '3', year: '1999', headcount: '120' });
  assert.equal(res.status, 400);
  assert.match(alerts(res.text).join(' | '), /2000/, 'the year rule, in words');
  assert.equal(await app.prisma.unitHeadcount.count(), before);
});

test("a held meeting's conclusions sent without their version: the notice says so", async () => {
  const m = await app.prisma.councilMeeting.findFirstOrThrow({ where: { status: 'HELD' } });
  await admin.get(`/meetings/${m.id}`);
  const res = await admin.post(`/meetings/${m.id}/conclusions`, { conclusions: 'Kết luận thử' });
  assert.equal(res.status, 400);
  assert.ok(alerts(res.text).some((a) => a.includes('Dữ liệu nhập chưa hợp lệ.') && a.length > 'Dữ liệu nhập chưa hợp lệ.'.length), alerts(res.text).join(' | '));
  assert.equal((await app.prisma.councilMeeting.findUniqueOrThrow({ where: { id: m.id } })).conclusions, m.conclusions);
});

test('an initiative: an author id beyond a PostgreSQL integer shows beside the authors, a missing version at the top', async () => {
  const i = await app.prisma.initiative.findFirstOrThrow();
  const form = { title: 'Sáng kiến thử', kind: i.kind, year: String(i.year), recognisingLevel: i.recognisingLevel };
  await admin.get(`/initiatives/${i.id}/edit`);
  const huge = await admin.post(`/initiatives/${i.id}`, { ...form, version: String(i.version), authors: '99999999999999999999' });
  assert.equal(huge.status, 400);
  assert.match(huge.text, /id="authors-error">Vui lòng chọn một giá trị trong danh sách\./);
  const stale = await admin.post(`/initiatives/${i.id}`, { ...form, authors: '1' });
  assert.equal(stale.status, 400);
  assert.equal(alerts(stale.text).length, 1, 'the version problem, at the top of the form');
  assert.equal((await app.prisma.initiative.findUniqueOrThrow({ where: { id: i.id } })).title, i.title);
});

test('answering a posted comment without its version: the message shows on that comment', async () => {
  const posting = await app.prisma.proposalPosting.findFirstOrThrow();
  const author = await app.prisma.user.findUniqueOrThrow({ where: { username: 'halong' } });
  const c = await app.prisma.postingComment.create({ data: { postingId: posting.id, kind: 'OPINION', authorId: author.id, body: 'Ý kiến thử' } });
  const commander = await app.as('commander');
  await commander.get(`/postings/${c.postingId}`);
  const res = await commander.post(`/postings/comments/${c.id}/answer`, { answer: 'Trả lời thử' });
  assert.equal(res.status, 400);
  assert.equal(alerts(res.text).length, 1);
  assert.equal((await app.prisma.postingComment.findUniqueOrThrow({ where: { id: c.id } })).answer, null);
});

test('returning a pledge without its version: the message shows on the return form', async () => {
  const p = await app.prisma.pledge.findFirstOrThrow({ where: { status: 'SUBMITTED' } });
  await officer.get(`/campaigns/${p.campaignId}/pledges/${p.unitId}`);
  const res = await officer.post(`/campaigns/${p.campaignId}/pledges/${p.unitId}/return`, { reason: 'Thiếu chỉ tiêu' });
  assert.equal(res.status, 400);
  assert.equal(alerts(res.text).length, 1);
  assert.equal((await app.prisma.pledge.findUniqueOrThrow({ where: { id: p.id } })).status, 'SUBMITTED');
});

test('a pledge step (approve) sent without its version: the error page says the form is out of date', async () => {
  const p = await app.prisma.pledge.findFirstOrThrow({ where: { status: 'SUBMITTED' } });
  await officer.get(`/campaigns/${p.campaignId}/pledges/${p.unitId}`);
  const res = await officer.post(`/campaigns/${p.campaignId}/pledges/${p.unitId}/approve`, {});
  assert.equal(res.status, 400);
  assert.equal(alerts(res.text).length, 1);
  assert.equal((await app.prisma.pledge.findUniqueOrThrow({ where: { id: p.id } })).status, 'SUBMITTED');
});

test('a form refused by a route with no page of its own (closing a campaign): the error page lists what was wrong', async () => {
  const c = await app.prisma.campaign.findFirstOrThrow({ where: { status: 'ACTIVE' } });
  await admin.get(`/campaigns/${c.id}`);
  const res = await admin.post(`/campaigns/${c.id}/close`, { reason: 'x'.repeat(501) });
  assert.equal(res.status, 400);
  assert.deepEqual(alerts(res.text), ['Tối đa 500 ký tự.']);
  assert.equal((await app.prisma.campaign.findUniqueOrThrow({ where: { id: c.id } })).status, 'ACTIVE');
  // in English too
  const en = await app.as('admin');
  await en.post('/lang', { locale: 'en', next: '/' });
  await en.get(`/campaigns/${c.id}`);
  assert.deepEqual(alerts((await en.post(`/campaigns/${c.id}/close`, { reason: 'x'.repeat(501) })).text), ['Use at most 500 characters.']);
});
