// Person yearly assessments, the sáng kiến registry and year registrations over HTTP: the unit enters and submits,
// the command verifies or returns; version checks; bad input kept beside its field; unit scoping; audit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

let app: TestApp;
let officer: Client;
let commander: Client;
let halong: Client;
let campha: Client;
const Y = 2032;
let halongId: number;
let camphaId: number;
let an: number;
let binh: number;
let other: number;

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const good = { taskLevel: 'GOOD', testsPassedPercent: '100', goodPercent: '62,5', discipline: 'NONE', disciplineNote: '' };
const version = async (personId: number) => (await app.prisma.personAssessment.findUnique({ where: { personId_year: { personId, year: Y } } }))?.version ?? 0;

before(async () => {
  app = await startTestApp();
  [officer, commander, halong, campha] = await Promise.all(['officer', 'commander', 'halong', 'campha'].map((u) => app.as(u)));
  halongId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } })).id;
  camphaId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'CAMPHA' } })).id;
  await app.prisma.movementYear.create({ data: { year: Y, name: `Phong trào thi đua Quyết thắng năm ${Y}` } });
  an = (await app.prisma.person.create({ data: { unitId: halongId, fullName: 'Nguyễn Thành An', rank: 'Thượng úy' } })).id;
  binh = (await app.prisma.person.create({ data: { unitId: halongId, fullName: 'Trần Đức Bình', rank: 'Trung sĩ' } })).id;
  other = (await app.prisma.person.create({ data: { unitId: camphaId, fullName: 'Lê Quang Khải' } })).id;
});
after(() => app.close());

test('assessment: bad input is kept beside its field and nothing is written', async () => {
  await halong.get(`/years/${Y}/assessments/${an}`);
  const res = await halong.post(`/years/${Y}/assessments/${an}`, { ...good, testsPassedPercent: '150', taskLevel: 'NOPE', version: 0 });
  assert.equal(res.status, 400);
  assert.match(res.text, /id="f-testsPassedPercent-error"[^>]*>Giá trị lớn nhất là 100\./);
  assert.match(res.text, /id="f-taskLevel-error"/);
  assert.match(res.text, /name="testsPassedPercent" type="text" value="150"/);
  assert.equal(await app.prisma.personAssessment.count({ where: { year: Y } }), 0);
});

test('assessment: the unit submits, the officer returns with a reason, the unit fixes it, the commander verifies; only then it counts', async () => {
  assert.equal((await halong.post(`/years/${Y}/assessments/${an}`, { ...good, version: 0, submit: '1' })).status, 303);
  const a = await app.prisma.personAssessment.findUniqueOrThrow({ where: { personId_year: { personId: an, year: Y } } });
  assert.equal(a.status, 'SUBMITTED');
  assert.equal(String(a.goodPercent), '62.5');
  // the unit cannot verify its own; a submitted one is no longer editable
  assert.equal((await halong.post(`/years/${Y}/assessments/${an}/verify`, { version: a.version })).status, 403);
  assert.equal((await halong.post(`/years/${Y}/assessments/${an}`, { ...good, version: a.version })).status, 409);
  // returning needs a reason
  await officer.get(`/years/${Y}/assessments/${an}`);
  assert.equal((await officer.post(`/years/${Y}/assessments/${an}/return`, { version: a.version, reason: '' })).status, 400);
  assert.equal((await officer.post(`/years/${Y}/assessments/${an}/return`, { version: a.version, reason: 'Thiếu kết quả kiểm tra bắn súng' })).status, 303);
  const page = text((await halong.get(`/years/${Y}/assessments/${an}`)).text);
  assert.match(page, /Lý do trả lại: Thiếu kết quả kiểm tra bắn súng/);
  // a stale form is refused (409), the current one goes through
  assert.equal((await halong.post(`/years/${Y}/assessments/${an}`, { ...good, version: a.version, submit: '1' })).status, 409);
  assert.equal((await halong.post(`/years/${Y}/assessments/${an}`, { ...good, goodPercent: '70', version: await version(an), submit: '1' })).status, 303);
  await commander.get(`/years/${Y}/assessments/${an}`);
  assert.equal((await commander.post(`/years/${Y}/assessments/${an}/verify`, { version: a.version })).status, 409, 'stale version');
  assert.equal((await commander.post(`/years/${Y}/assessments/${an}/verify`, { version: await version(an) })).status, 303);
  const done = await app.prisma.personAssessment.findUniqueOrThrow({ where: { personId_year: { personId: an, year: Y } } });
  assert.equal(done.status, 'VERIFIED');
  const actions = (await app.prisma.auditLog.findMany({ where: { entityType: 'PersonAssessment', entityId: String(done.id) }, orderBy: { id: 'asc' } })).map((l) => l.action);
  assert.deepEqual(actions, ['assessment.create', 'assessment.return', 'assessment.update', 'assessment.verify']);
  // the list, filtered by unit and status
  const list = text((await officer.get(`/years/${Y}/assessments?unit=${halongId}&status=VERIFIED`)).text);
  assert.match(list, /Nguyễn Thành An/);
  assert.doesNotMatch(list, /Trần Đức Bình/);
  assert.match(list, /Chỉ bản đánh giá đã được thẩm định mới được tính/);
});

test('assessment: a unit sees and edits only its own people', async () => {
  assert.equal((await campha.get(`/years/${Y}/assessments/${an}`)).status, 403);
  assert.equal((await campha.post(`/years/${Y}/assessments/${an}`, { ...good, version: 0 })).status, 403);
  const list = text((await campha.get(`/years/${Y}/assessments?unit=${halongId}`)).text);
  assert.doesNotMatch(list, /Nguyễn Thành An/);
  assert.match(list, /Lê Quang Khải/);
  assert.equal((await officer.post(`/years/${Y}/assessments/${binh}`, { ...good, version: 0 })).status, 403, 'staff do not enter');
  assert.equal((await halong.get(`/years/1990/assessments`)).status, 404);
});

test('sáng kiến: a unit records one for its own people; authors must be of the unit; recognised needs number and date; edits are version-checked', async () => {
  await halong.get('/initiatives/new');
  const base = { kind: 'INITIATIVE', title: 'Cải tiến bia bắn di động', year: String(Y), recognisingLevel: 'REGIMENT', scopeOfEffect: 'Áp dụng toàn đơn vị', version: '0' };
  const bad = await halong.post('/initiatives', { ...base, decisionNo: '12/QĐ', decisionDate: '', authors: [String(other)] });
  assert.equal(bad.status, 400);
  assert.match(text(bad.text), /Có số quyết định thì cần ngày quyết định\./);
  const bad2 = await halong.post('/initiatives', { ...base, decisionNo: '12/QĐ', decisionDate: `${Y}-09-01`, authors: [String(other)] });
  assert.equal(bad2.status, 400);
  assert.match(text(bad2.text), /Tác giả phải là cán bộ, chiến sĩ của đơn vị\./);
  assert.equal(await app.prisma.initiative.count({ where: { year: Y } }), 0);
  const made = await halong.post('/initiatives', { ...base, decisionNo: '12/QĐ', decisionDate: `${Y}-09-01`, authors: [String(an), String(binh)] });
  assert.equal(made.status, 303);
  const id = Number(made.location!.split('/').pop());
  const show = text((await halong.get(`/initiatives/${id}`)).text);
  assert.match(show, /Đã công nhận cấp trung đoàn và tương đương, quyết định số 12\/QĐ ngày 01\/09\/2032/);
  // the person page lists it
  assert.match(text((await officer.get(`/people/${an}`)).text), /Cải tiến bia bắn di động/);
  // another unit cannot see or edit it; the list is scoped
  assert.equal((await campha.get(`/initiatives/${id}`)).status, 403);
  assert.equal((await campha.post(`/initiatives/${id}`, { ...base, authors: [String(other)] })).status, 403);
  assert.doesNotMatch(text((await campha.get('/initiatives')).text), /Cải tiến bia bắn di động/);
  // officer edits (drops the decision: no longer recognised); a stale version is 409
  await officer.get(`/initiatives/${id}/edit`);
  assert.equal((await officer.post(`/initiatives/${id}`, { ...base, title: 'Cải tiến bia bắn di động (bản 2)', authors: [String(an)], version: '1' })).status, 303);
  assert.equal((await officer.post(`/initiatives/${id}`, { ...base, authors: [String(an)], version: '1' })).status, 409);
  const listed = text((await officer.get(`/initiatives?year=${Y}&unit=${halongId}&kind=INITIATIVE`)).text);
  assert.match(listed, /Cải tiến bia bắn di động \(bản 2\)/);
  assert.match(listed, /Chưa công nhận/);
  assert.equal(await app.prisma.auditLog.count({ where: { entityType: 'Initiative', entityId: String(id) } }), 2);
});

test('year registrations: a unit registers itself and its people, whatever its campaign pledge; wrong pairs are refused', async () => {
  const cstt = await app.prisma.titleCatalog.findUniqueOrThrow({ where: { code: 'CSTT' } });
  const dvtt = await app.prisma.titleCatalog.findUniqueOrThrow({ where: { code: 'DVTT' } });
  await halong.get(`/years/${Y}/registrations`);
  const noPerson = await halong.post(`/years/${Y}/registrations`, { catalogId: cstt.id, personId: '' });
  assert.equal(noPerson.status, 400);
  assert.match(text(noPerson.text), /Danh hiệu cá nhân: hãy chọn người đăng ký\./);
  assert.equal((await halong.post(`/years/${Y}/registrations`, { catalogId: cstt.id, personId: other })).status, 400, 'another unit’s person');
  assert.equal((await halong.post(`/years/${Y}/registrations`, { catalogId: cstt.id, personId: an, commitment: 'Hoàn thành xuất sắc nhiệm vụ' })).status, 303);
  assert.equal((await halong.post(`/years/${Y}/registrations`, { catalogId: dvtt.id, personId: '' })).status, 303);
  assert.equal((await halong.post(`/years/${Y}/registrations`, { catalogId: cstt.id, personId: an })).status, 409);
  const page = text((await officer.get(`/years/${Y}/registrations?unit=${halongId}`)).text);
  assert.match(page, /Nguyễn Thành An .*Chiến sĩ tiên tiến .*Hoàn thành xuất sắc nhiệm vụ/);
  const reg = await app.prisma.yearRegistration.findFirstOrThrow({ where: { personId: an, catalogId: cstt.id } });
  assert.equal((await campha.post(`/years/${Y}/registrations/${reg.id}/delete`)).status, 403);
  assert.equal((await halong.post(`/years/${Y}/registrations/${reg.id}/delete`)).status, 303);
  assert.equal(await app.prisma.yearRegistration.count({ where: { id: reg.id } }), 0);
  assert.equal(await app.prisma.auditLog.count({ where: { entityType: 'YearRegistration' } }), 3);
});

test('a unit account finds its year-end work from the home page; staff find it from the year page', async () => {
  const home = await halong.get('/');
  assert.equal(home.status, 200);
  for (const path of ['registrations', 'assessments', 'review']) assert.match(home.text, new RegExp(`href="/years/${Y}/${path}"`), `home links ${path}`);
  const yearId = (await app.prisma.movementYear.findUniqueOrThrow({ where: { year: Y } })).id;
  const page = await officer.get(`/years/${yearId}`);
  assert.equal(page.status, 200);
  for (const path of ['review', 'registrations', 'assessments']) assert.match(page.text, new RegExp(`href="/years/${Y}/${path}"`), `year page links ${path}`);
  assert.match(page.text, new RegExp(`href="/initiatives\\?year=${Y}"`));
  // staff's home page has no such block
  assert.doesNotMatch((await officer.get('/')).text, /id="home-years"/);
});
