// Exemplars over HTTP on the demo campaign: recording with photos, validation, unit scoping, optimistic edits,
// publication by a commander and where published exemplars appear (honour board, unit page).
// Top-level tests run in order: Hạ Long's exemplar is created, edited, published, withdrawn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

let app: TestApp;
let campaignId: number;
let halongId: number;
let camphaId: number;
let halong: Client;
let campha: Client;
let officer: Client;
let commander: Client;
let exemplarId: number;
let officerExemplarId: number;
let photoId: number;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 1)]);
const FAKE_PNG = Buffer.from('GIF89a this is not a png at all');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** The exemplar form as multipart, like a browser sends it: fields first, files last. */
function form(c: Client, fields: Record<string, string>, files: { name: string; bytes: Buffer }[] = []): FormData {
  const fd = new FormData();
  fd.append('_csrf', c.csrf);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) fd.append('files', new Blob([new Uint8Array(f.bytes)], { type: 'application/octet-stream' }), f.name);
  return fd;
}

const good = {
  subject: 'PERSON',
  personName: 'Thượng úy Nguyễn Văn Dũng',
  kind: 'GOOD_DEED',
  title: 'Dũng cảm cứu người đuối nước trên sông Diễn Vọng',
  description: 'Trên đường đi công tác, đồng chí đã lao xuống sông cứu hai học sinh bị đuối nước.',
  occurredOn: '2021-06-12',
  evidence: 'Giấy xác nhận của UBND phường Hà Khánh',
};

const counts = async () => ({ exemplars: await app.prisma.exemplar.count(), files: await app.prisma.attachment.count({ where: { ownerType: 'exemplar' } }) });

before(async () => {
  app = await startTestApp();
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  halongId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } })).id;
  camphaId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'CAMPHA' } })).id;
  [halong, campha, officer, commander] = await Promise.all(['halong', 'campha', 'officer', 'commander'].map((u) => app.as(u)));
});
after(() => app.close());

test('bad input is refused with a message beside each field, typed values kept and nothing written', async () => {
  assert.equal((await halong.get(`/campaigns/${campaignId}/exemplars/new`)).status, 200);
  const before = await counts();
  const res = await halong.request('POST', `/campaigns/${campaignId}/exemplars`, form(halong, { subject: 'PERSON', personName: '', kind: 'NOPE', title: '', description: 'Đã làm được nhiều việc tốt', occurredOn: '2021-13-40' }, [{ name: 'anh.png', bytes: PNG }]));
  assert.equal(res.status, 400);
  assert.match(res.text, /id="f-title-error"[^>]*>Vui lòng nhập mục này\./);
  assert.match(res.text, /id="f-kind-error"/);
  assert.match(res.text, /id="f-occurredOn-error"[^>]*>Ngày không hợp lệ/);
  assert.match(res.text, />Đã làm được nhiều việc tốt<\/textarea>/, 'the description is kept');
  // a person exemplar without a name: the service's rule, also beside its field
  const res2 = await halong.request('POST', `/campaigns/${campaignId}/exemplars`, form(halong, { ...good, personName: '' }));
  assert.equal(res2.status, 400);
  assert.match(res2.text, /id="f-personName-error"[^>]*>Nhập họ tên hoặc chọn một người của đơn vị\./);
  assert.match(res2.text, /value="Dũng cảm cứu người đuối nước trên sông Diễn Vọng"/);
  assert.deepEqual(await counts(), before);
});

test('a file that only claims to be a PNG is refused and nothing is written', async () => {
  const before = await counts();
  const res = await halong.request('POST', `/campaigns/${campaignId}/exemplars`, form(halong, good, [{ name: 'anh.png', bytes: FAKE_PNG }]));
  assert.equal(res.status, 400);
  assert.match(res.text, /id="f-files-error"[^>]*>Tệp anh\.png không đúng định dạng/);
  assert.match(res.text, /value="Thượng úy Nguyễn Văn Dũng"/);
  assert.deepEqual(await counts(), before);
});

test('a unit account records an exemplar of its own unit with a photo, audited', async () => {
  // a forged unit id is ignored: a unit account always records for itself
  await halong.get(`/campaigns/${campaignId}/exemplars/new`);
  const res = await halong.request('POST', `/campaigns/${campaignId}/exemplars`, form(halong, { ...good, unitId: String(camphaId) }, [{ name: '../../ảnh cứu người.png', bytes: PNG }]));
  assert.equal(res.status, 303);
  exemplarId = Number(res.location?.match(/^\/exemplars\/(\d+)$/)?.[1]);
  assert.ok(exemplarId);
  const e = await app.prisma.exemplar.findUniqueOrThrow({ where: { id: exemplarId } });
  assert.equal(e.unitId, halongId);
  assert.equal(e.campaignId, campaignId);
  assert.equal(e.personName, good.personName);
  assert.equal(e.kind, 'GOOD_DEED');
  assert.equal(e.published, false);
  const files = await app.prisma.attachment.findMany({ where: { ownerType: 'exemplar', ownerId: exemplarId } });
  assert.equal(files.length, 1);
  assert.equal(files[0].mimeType, 'image/png');
  assert.equal(files[0].fileName, 'ảnh cứu người.png');
  photoId = files[0].id;
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'exemplar.create', entityId: String(exemplarId) } }), 1);
  const page = await halong.get(`/exemplars/${exemplarId}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<img src="/attachments/${photoId}"`), 'the photo shows as an image');
  const img = await halong.get(`/attachments/${photoId}`);
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/png');
});

test('an officer records for any participating unit, picking a person of that unit', async () => {
  const person = await app.prisma.person.create({ data: { unitId: camphaId, fullName: 'Đại úy Phạm Thị Hoa', rank: 'Đại úy' } });
  await officer.get(`/campaigns/${campaignId}/exemplars/new`);
  // a person of another unit is refused
  const wrong = await officer.request('POST', `/campaigns/${campaignId}/exemplars`, form(officer, { ...good, unitId: String(halongId), personId: String(person.id), personName: '' }));
  assert.equal(wrong.status, 400);
  assert.match(wrong.text, /id="f-personId-error"[^>]*>Người này không thuộc đơn vị đã chọn\./);
  const res = await officer.request('POST', `/campaigns/${campaignId}/exemplars`, form(officer, { ...good, unitId: String(camphaId), personId: String(person.id), personName: '', kind: 'GOOD_PRACTICE', title: 'Mô hình dân vận khéo ở Cẩm Phả' }));
  assert.equal(res.status, 303);
  officerExemplarId = Number(res.location?.split('/').pop());
  const e = await app.prisma.exemplar.findUniqueOrThrow({ where: { id: officerExemplarId } });
  assert.equal(e.unitId, camphaId);
  assert.equal(e.personName, 'Đại úy Phạm Thị Hoa');
  assert.equal(e.createdById, (await app.prisma.user.findUniqueOrThrow({ where: { username: 'officer' } })).id);
});

test("a unit account cannot see, edit or delete another unit's unpublished exemplar", async () => {
  assert.equal((await campha.get(`/exemplars/${exemplarId}`)).status, 403);
  assert.equal((await campha.get(`/exemplars/${exemplarId}/edit`)).status, 403);
  assert.equal((await campha.get(`/attachments/${photoId}`)).status, 403);
  await campha.get('/');
  const res = await campha.request('POST', `/exemplars/${exemplarId}`, form(campha, { ...good, title: 'Sửa trộm' }));
  assert.equal(res.status, 403);
  assert.equal((await campha.post(`/exemplars/${exemplarId}/delete`)).status, 403);
  assert.equal((await app.prisma.exemplar.findUniqueOrThrow({ where: { id: exemplarId } })).title, good.title);
  // the list shows Cẩm Phả its own exemplar only; staff see both
  const list = await campha.get(`/campaigns/${campaignId}/exemplars`);
  assert.equal(list.status, 200);
  assert.match(list.text, /Mô hình dân vận khéo ở Cẩm Phả/);
  assert.doesNotMatch(list.text, /Dũng cảm cứu người/);
  const all = await officer.get(`/campaigns/${campaignId}/exemplars`);
  assert.match(all.text, /Mô hình dân vận khéo ở Cẩm Phả/);
  assert.match(all.text, /Dũng cảm cứu người/);
  // filters by kind and status
  const deeds = await officer.get(`/campaigns/${campaignId}/exemplars?kind=GOOD_DEED&status=unpublished`);
  assert.match(deeds.text, /Dũng cảm cứu người/);
  assert.doesNotMatch(deeds.text, /Mô hình dân vận khéo/);
  assert.doesNotMatch((await officer.get(`/campaigns/${campaignId}/exemplars?status=published`)).text, /Dũng cảm cứu người/);
});

test('an edit from a stale form is refused with 409 and the typed text kept; a fresh one saves', async () => {
  const page = await halong.get(`/exemplars/${exemplarId}/edit`);
  assert.equal(page.status, 200);
  const version = page.text.match(/name="version" value="([^"]+)"/)?.[1] ?? '';
  assert.ok(version);
  // someone else saves in between
  await app.prisma.exemplar.update({ where: { id: exemplarId }, data: { evidence: 'Bản tin của Báo Quảng Ninh' } });
  const stale = await halong.request('POST', `/exemplars/${exemplarId}`, form(halong, { ...good, version, title: 'Tiêu đề mới của tôi' }));
  assert.equal(stale.status, 409);
  assert.match(stale.text, /vừa được người khác cập nhật/);
  assert.match(stale.text, /value="Tiêu đề mới của tôi"/);
  assert.equal((await app.prisma.exemplar.findUniqueOrThrow({ where: { id: exemplarId } })).title, good.title);
  const fresh = stale.text.match(/name="version" value="([^"]+)"/)?.[1] ?? '';
  assert.notEqual(fresh, version);
  const ok = await halong.request('POST', `/exemplars/${exemplarId}`, form(halong, { ...good, version: fresh, kind: 'ADVANCED_EXEMPLAR', title: 'Cứu hai học sinh đuối nước' }, [{ name: 'xac-nhan.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') }]));
  assert.equal(ok.status, 303);
  const saved = await app.prisma.exemplar.findUniqueOrThrow({ where: { id: exemplarId } });
  assert.equal(saved.title, 'Cứu hai học sinh đuối nước');
  assert.equal(saved.kind, 'ADVANCED_EXEMPLAR');
  assert.equal(await app.prisma.attachment.count({ where: { ownerType: 'exemplar', ownerId: exemplarId } }), 2);
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'exemplar.update', entityId: String(exemplarId) } });
  assert.equal((audit.before as { title: string }).title, good.title);
  assert.equal((audit.after as { title: string }).title, 'Cứu hai học sinh đuối nước');
});

test('only a commander publishes; the published exemplar shows on the honour board and the unit page, the unpublished one does not', async () => {
  // before anything is published the honour board of an unpublished campaign does not exist
  assert.equal((await halong.get(`/campaigns/${campaignId}/honour-board`)).status, 404);
  assert.equal((await halong.post(`/exemplars/${exemplarId}/publish`)).status, 403);
  assert.equal((await officer.post(`/exemplars/${exemplarId}/publish`)).status, 403);
  await commander.get(`/exemplars/${exemplarId}`);
  const res = await commander.post(`/exemplars/${exemplarId}/publish`);
  assert.equal(res.status, 303);
  const e = await app.prisma.exemplar.findUniqueOrThrow({ where: { id: exemplarId } });
  assert.equal(e.published, true);
  assert.ok(e.publishedAt);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'exemplar.publish', entityId: String(exemplarId) } }), 1);
  // a second publish is a conflict, not a second audit record
  assert.equal((await commander.post(`/exemplars/${exemplarId}/publish`)).status, 409);

  const board = await campha.get(`/campaigns/${campaignId}/honour-board`);
  assert.equal(board.status, 200);
  assert.match(board.text, /Cứu hai học sinh đuối nước/);
  assert.match(board.text, new RegExp(`class="ex-thumb" src="/attachments/${photoId}"`));
  assert.doesNotMatch(board.text, /Mô hình dân vận khéo/, 'the unpublished exemplar is not on the board');
  assert.doesNotMatch(board.text, /class="honour-list"/, 'no ranking before the results are published');
  assert.match(text(board.text), /Kết quả xếp hạng của phong trào chưa được công bố/);

  const unitPage = await officer.get(`/units/${halongId}`);
  assert.match(unitPage.text, /Cứu hai học sinh đuối nước/);
  const other = await officer.get(`/units/${camphaId}`);
  assert.doesNotMatch(other.text, /Mô hình dân vận khéo/, "Cẩm Phả's unpublished exemplar is not on its page");

  // now every unit sees it, with its photo
  assert.equal((await campha.get(`/exemplars/${exemplarId}`)).status, 200);
  assert.equal((await campha.get(`/attachments/${photoId}`)).status, 200);
  assert.match((await campha.get(`/campaigns/${campaignId}/exemplars`)).text, /Cứu hai học sinh đuối nước/);
});

test('a published exemplar is frozen: no edit or delete until a commander withdraws it', async () => {
  await halong.get('/');
  const edit = await halong.request('POST', `/exemplars/${exemplarId}`, form(halong, { ...good, version: new Date().toISOString() }));
  assert.equal(edit.status, 422);
  assert.equal((await halong.post(`/exemplars/${exemplarId}/delete`)).status, 422);
  const res = await commander.post(`/exemplars/${exemplarId}/unpublish`);
  assert.equal(res.status, 303);
  assert.equal((await app.prisma.exemplar.findUniqueOrThrow({ where: { id: exemplarId } })).published, false);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'exemplar.unpublish', entityId: String(exemplarId) } }), 1);
  assert.equal((await campha.get(`/campaigns/${campaignId}/honour-board`)).status, 404);
  assert.doesNotMatch((await officer.get(`/units/${halongId}`)).text, /Cứu hai học sinh đuối nước/);
});

test('one evidence file of an unpublished exemplar can be removed by its unit only, audited', async () => {
  const pdf = await app.prisma.attachment.findFirstOrThrow({ where: { ownerType: 'exemplar', ownerId: exemplarId, mimeType: 'application/pdf' } });
  await campha.get('/');
  assert.equal((await campha.post(`/exemplars/${exemplarId}/files/${pdf.id}/delete`)).status, 403);
  await halong.get(`/exemplars/${exemplarId}/edit`);
  // a file of another owner cannot be removed through this exemplar
  const foreign = await app.prisma.attachment.create({ data: { ownerType: 'exemplar', ownerId: officerExemplarId, fileName: 'x.png', mimeType: 'image/png', size: PNG.length, data: new Uint8Array(PNG) } });
  assert.equal((await halong.post(`/exemplars/${exemplarId}/files/${foreign.id}/delete`)).status, 404);
  const res = await halong.post(`/exemplars/${exemplarId}/files/${pdf.id}/delete`);
  assert.equal(res.status, 303);
  assert.equal(await app.prisma.attachment.count({ where: { id: pdf.id } }), 0);
  assert.equal(await app.prisma.attachment.count({ where: { id: foreign.id } }), 1);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'exemplar.file.delete', entityId: String(exemplarId) } }), 1);
});

test('an unpublished exemplar can be deleted with its files by its unit, audited', async () => {
  await halong.get(`/exemplars/${exemplarId}`);
  const res = await halong.post(`/exemplars/${exemplarId}/delete`);
  assert.equal(res.status, 303);
  assert.equal(res.location, `/campaigns/${campaignId}/exemplars`);
  assert.equal(await app.prisma.exemplar.count({ where: { id: exemplarId } }), 0);
  assert.equal(await app.prisma.attachment.count({ where: { ownerType: 'exemplar', ownerId: exemplarId } }), 0);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'exemplar.delete', entityId: String(exemplarId) } }), 1);
  assert.equal((await halong.get(`/exemplars/${exemplarId}`)).status, 404);
  assert.equal((await halong.get('/exemplars/abc')).status, 404);
});

test('a commander cannot record exemplars; the form and the post are forbidden', async () => {
  assert.equal((await commander.get(`/campaigns/${campaignId}/exemplars/new`)).status, 403);
  const res = await commander.request('POST', `/campaigns/${campaignId}/exemplars`, form(commander, good));
  assert.equal(res.status, 403);
});
