// Ad-hoc awards (khen thưởng đột xuất) over HTTP: an officer proposes an exemplar's deed from its page, the proposal
// is submitted, approved, passes the council's ballot and công khai, is decided, and the award shows on the unit's
// record and on the exemplar's page. Top-level tests run in order on one exemplar of Hạ Long.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { readyToDecide } from '../helpers/postings.ts';

let app: TestApp;
let halongId: number;
let exemplarId: number;
let gkDv: number;
let gkCn: number;
let officer: Client;
let commander: Client;
let halong: Client;
let proposalId: number;

const DEED = 'Đơn vị đã kịp thời ứng cứu, sơ tán 120 hộ dân khỏi vùng ngập lụt trong cơn bão số 3.';
const proposalCount = () => app.prisma.awardProposal.count({ where: { kind: 'ADHOC' } });
const version = async () => (await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: proposalId } })).version;

before(async () => {
  app = await startTestApp();
  halongId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } })).id;
  gkDv = (await app.prisma.titleCatalog.findUniqueOrThrow({ where: { code: 'GK_DV' } })).id;
  gkCn = (await app.prisma.titleCatalog.findUniqueOrThrow({ where: { code: 'GK_CN' } })).id;
  exemplarId = (await app.prisma.exemplar.create({ data: { unitId: halongId, kind: 'GOOD_DEED', title: 'Ứng cứu dân trong bão số 3', description: DEED, published: true, publishedAt: new Date() } })).id;
  [officer, commander, halong] = await Promise.all(['officer', 'commander', 'halong'].map((u) => app.as(u)));
});
after(() => app.close());

test('a unit account may not propose an ad-hoc award (403) and sees no button', async () => {
  const page = await halong.get(`/exemplars/${exemplarId}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /Đề nghị khen thưởng đột xuất/);
  assert.equal((await halong.get(`/exemplars/${exemplarId}/propose`)).status, 403);
  assert.equal((await halong.post(`/exemplars/${exemplarId}/propose`, { catalogId: gkDv, awardee: 'unit', reason: 'x' })).status, 403);
  assert.equal(await proposalCount(), 0);
});

test('bad input is refused beside the fields, typed values kept, nothing written; a bad id is 404', async () => {
  const page = await officer.get(`/exemplars/${exemplarId}`);
  assert.match(page.text, new RegExp(`href="/exemplars/${exemplarId}/propose"`));
  const form = await officer.get(`/exemplars/${exemplarId}/propose`);
  assert.equal(form.status, 200);
  assert.ok(form.text.includes(DEED), 'the reason starts from the deed');
  assert.match(form.text, /Giấy khen \(tập thể\)/);

  const blank = await officer.post(`/exemplars/${exemplarId}/propose`, { catalogId: '', awardee: 'unit', reason: '  ' });
  assert.equal(blank.status, 400);
  assert.match(blank.text, /id="f-catalogId-error"/);
  assert.match(blank.text, /id="f-reason-error"/);

  // an individual form for the unit itself: refused beside the form field, the typed reason kept
  const wrong = await officer.post(`/exemplars/${exemplarId}/propose`, { catalogId: gkCn, awardee: 'unit', reason: 'Lý do đã gõ' });
  assert.equal(wrong.status, 400);
  assert.match(wrong.text, /id="f-catalogId-error"[^>]*>Hình thức này dành cho cá nhân/);
  assert.ok(wrong.text.includes('Lý do đã gõ'));
  // a person of another unit
  const other = await app.prisma.person.findFirstOrThrow({ where: { unitId: { not: halongId } } });
  const stranger = await officer.post(`/exemplars/${exemplarId}/propose`, { catalogId: gkCn, awardee: `p${other.id}`, reason: 'Lý do' });
  assert.equal(stranger.status, 400);
  assert.match(stranger.text, /id="f-awardee-error"/);
  assert.equal(await proposalCount(), 0);
  assert.equal((await officer.get('/exemplars/999999/propose')).status, 404);
});

test('the officer proposes the unit for a collective Giấy khen: an ADHOC draft held by its command, audited', async () => {
  const res = await officer.post(`/exemplars/${exemplarId}/propose`, { catalogId: gkDv, awardee: 'unit', reason: DEED });
  assert.equal(res.status, 303);
  const p = await app.prisma.awardProposal.findFirstOrThrow({ where: { kind: 'ADHOC', exemplarId }, include: { items: true, steps: true } });
  proposalId = p.id;
  assert.equal(res.location, `/proposals/${p.id}`);
  const command = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'BCHQS-QN' } });
  assert.equal(p.campaignId, null);
  assert.equal(p.status, 'DRAFT');
  assert.equal(p.commandUnitId, command.id);
  assert.equal(p.holderUnitId, command.id);
  assert.deepEqual(p.items.map((i) => [i.catalogId, i.titleId, i.unitId, i.personId, i.reason]), [[gkDv, null, halongId, null, DEED]]);
  assert.deepEqual(p.steps.map((s) => s.action), ['CREATE']);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'proposal.create', entityId: String(p.id) } }), 1);

  const page = await officer.get(`/proposals/${p.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Giấy khen \(tập thể\)/);
  assert.match(page.text, /Ứng cứu dân trong bão số 3/);
  // no campaign edit page for an ad-hoc proposal: the officer submits it as drafted
  assert.doesNotMatch(page.text, new RegExp(`/proposals/${p.id}/edit`));
  assert.match(page.text, new RegExp(`action="/proposals/${p.id}/submit"`));
});

test('submit and approve without quota checks; the decision waits for the council and công khai', async () => {
  assert.equal((await officer.post(`/proposals/${proposalId}/submit`, { version: await version() })).status, 303);
  assert.equal((await commander.post(`/proposals/${proposalId}/approve`, { version: await version() })).status, 303);
  assert.equal((await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: proposalId } })).status, 'APPROVED');
  const form = { number: '7/QĐ-ĐX', date: '2021-08-02', signingAuthority: 'Bộ Chỉ huy Quân sự tỉnh Quảng Ninh', signerName: 'Đại tá Phạm Văn Dũng' };
  const blocked = await commander.post(`/proposals/${proposalId}/decision`, { version: await version(), ...form });
  assert.equal(blocked.status, 422);
  assert.equal(await app.prisma.awardDecision.count({ where: { proposalId } }), 0);

  await readyToDecide(app.prisma, proposalId);
  const res = await commander.post(`/proposals/${proposalId}/decision`, { version: await version(), ...form });
  assert.equal(res.status, 303);
  const decision = await app.prisma.awardDecision.findUniqueOrThrow({ where: { number: '7/QĐ-ĐX' }, include: { awards: true } });
  assert.equal(decision.campaignId, null);
  assert.deepEqual(decision.awards.map((a) => [a.campaignId, a.titleId, a.catalogId, a.unitId, a.personId]), [[null, null, gkDv, halongId, null]]);
  assert.equal((await app.prisma.awardProposal.findUniqueOrThrow({ where: { id: proposalId } })).status, 'DECIDED');
  const page = await commander.get(res.location!);
  assert.equal(page.status, 200);
  assert.match(page.text, /7\/QĐ-ĐX/);
  assert.match(page.text, /Giấy khen \(tập thể\)/);
  // its printout, the certificate and the revoke form do not need a campaign either
  assert.equal((await commander.get(`/decisions/${decision.id}/print`)).status, 200);
  const cert = await commander.get(`/awards/${decision.awards[0].id}/certificate`);
  assert.equal(cert.status, 200);
  assert.match(cert.text, /Giấy khen \(tập thể\)/);
  assert.equal((await commander.get(`/awards/${decision.awards[0].id}/revoke`)).status, 200);
});

test('the award shows on the exemplar page and on the unit record under the decision year', async () => {
  const ex = await officer.get(`/exemplars/${exemplarId}`);
  assert.match(ex.text, /7\/QĐ-ĐX/);
  const unit = await commander.get(`/units/${halongId}`);
  assert.equal(unit.status, 200);
  // under the decision's year (2021), named by its catalogue form, with its decision
  const start = unit.text.indexOf('data-adhoc="2021"');
  assert.ok(start > 0, 'the ad-hoc award is on the unit record under 2021');
  const block = unit.text.slice(start, unit.text.indexOf('</div>', start));
  assert.match(block, /Giấy khen \(tập thể\)/);
  assert.match(block, /7\/QĐ-ĐX/);
  // and counted among the titles held that year
  const year = unit.text.slice(unit.text.indexOf('data-year="2021"'), start);
  assert.match(year, /Đạt được trong năm:<\/strong> Giấy khen \(tập thể\)/);
});

test('a person of the exemplar\'s unit may be proposed for an individual form', async () => {
  const person = await app.prisma.person.findFirstOrThrow({ where: { unitId: halongId }, orderBy: { id: 'asc' } });
  const form = await officer.get(`/exemplars/${exemplarId}/propose`);
  assert.ok(form.text.includes(`value="p${person.id}"`), 'the unit\'s people are offered');
  const res = await officer.post(`/exemplars/${exemplarId}/propose`, { catalogId: gkCn, awardee: `p${person.id}`, reason: 'Trực tiếp chỉ huy sơ tán dân.' });
  assert.equal(res.status, 303);
  const p = await app.prisma.awardProposal.findFirstOrThrow({ where: { kind: 'ADHOC', exemplarId, status: 'DRAFT' }, include: { items: true } });
  assert.deepEqual(p.items.map((i) => [i.catalogId, i.unitId, i.personId]), [[gkCn, null, person.id]]);
  const ex = await officer.get(`/exemplars/${exemplarId}`);
  assert.ok(ex.text.includes(`href="/proposals/${p.id}"`) && ex.text.includes(`href="/proposals/${proposalId}"`), 'the exemplar page lists both proposals');
});
