import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { scoreTrail } from '../helpers/audit.ts';

// Evidence files up to 64 KB in this file, so "too large" needs only a small buffer.
const MAX_MB = '0.0625';
let app: TestApp;
let campaignId: number;
let periodId: number;
let criteria: { id: number; code: string; max: number; kind: string }[];
let halongId: number;
let selfUrl: string;

before(async () => {
  app = await startTestApp({ UPLOAD_MAX_MB: MAX_MB });
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  campaignId = campaign.id;
  periodId = (await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 2 } })).id;
  criteria = (await app.prisma.criterion.findMany({ where: { campaignId }, orderBy: { id: 'asc' } })).map((c) => ({ id: c.id, code: c.code, max: Number(c.maxPoints), kind: c.kind }));
  halongId = (await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } })).id;
  selfUrl = `/campaigns/${campaignId}/periods/${periodId}/self`;
});
after(() => app.close());

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 1)]);

/** The self-assessment form as multipart, like a browser sends it: fields first, files last. */
function selfForm(c: Client, fields: Record<string, string>, files: { name: string; bytes: Buffer; type?: string }[] = []): FormData {
  const fd = new FormData();
  fd.append('_csrf', c.csrf);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) fd.append('files', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/octet-stream' }), f.name);
  return fd;
}

function selfPoints(value: (c: (typeof criteria)[number]) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of criteria) {
    out[`s_${c.id}`] = value(c);
    out[`sc_${c.id}`] = c.code === 'B1' ? 'Huấn luyện đạt 97% khá, giỏi' : '';
  }
  return out;
}

async function versionOf(c: Client): Promise<string> {
  const page = await c.get(selfUrl);
  assert.equal(page.status, 200);
  return page.text.match(/name="version" value="(\d*)"/)?.[1] ?? '';
}

const counts = async () => ({
  scores: await app.prisma.score.count({ where: { periodId, unitId: halongId } }),
  files: await app.prisma.attachment.count({ where: { ownerType: 'assessment' } }),
  assessments: await app.prisma.assessment.count({ where: { periodId, unitId: halongId } }),
});

test('a file that is not really a PDF, PNG or JPEG is refused and nothing is written', async () => {
  const c = await app.as('halong');
  const v = await versionOf(c);
  const before = await counts();
  const fields = { version: v, ...selfPoints((cr) => (cr.kind === 'NORMAL' ? '1.5' : '0')), note: 'Báo cáo thử', action: 'submit' };
  for (const bad of [
    { name: 'baocao.pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf at all') },
    { name: 'anh.exe', bytes: PDF },
    { name: 'anh.pdf', bytes: PNG },
  ]) {
    const res = await c.request('POST', selfUrl, selfForm(c, fields, [bad]));
    assert.equal(res.status, 400, bad.name);
    assert.match(res.text, /không đúng định dạng/);
    assert.match(res.text, />Báo cáo thử<\/textarea>/, 'the note is kept');
    assert.match(res.text, new RegExp(`name="s_${criteria[0].id}" value="1.5"`), 'the points are kept');
  }
  assert.deepEqual(await counts(), before);
});

test('a file over the configured size is refused beside the file field, with everything typed kept', async () => {
  const c = await app.as('halong');
  const v = await versionOf(c);
  const before = await counts();
  const big = Buffer.concat([PDF, Buffer.alloc(70 * 1024, 0x20)]);
  const res = await c.request('POST', selfUrl, selfForm(c, { version: v, ...selfPoints(() => '0.5'), note: 'Có tệp lớn' }, [{ name: 'lon.pdf', bytes: big }]));
  assert.equal(res.status, 400);
  assert.match(res.text, /quá lớn \(tối đa 0\.1 MB\)|quá lớn \(tối đa 0,1 MB\)/);
  assert.match(res.text, /id="f-files-error"/);
  assert.match(res.text, />Có tệp lớn<\/textarea>/);
  assert.deepEqual(await counts(), before);
});

test('a form without the CSRF token is refused even as multipart', async () => {
  const c = await app.as('halong');
  await c.get(selfUrl);
  const fd = new FormData();
  fd.append('note', 'x');
  const res = await c.request('POST', selfUrl, fd);
  assert.equal(res.status, 403);
});

test('the unit submits its self-assessment with an evidence PDF whose path-like name is cleaned; only its unit and officers can download it', async () => {
  const c = await app.as('halong');
  const v = await versionOf(c);
  const res = await c.request('POST', selfUrl, selfForm(c, { version: v, ...selfPoints((cr) => (cr.kind === 'NORMAL' ? String(cr.max - 0.5) : '0')), note: 'Hoàn thành tốt các chỉ tiêu quý I.', action: 'submit' }, [
    { name: '../../../etc/Báo cáo quý I.pdf', bytes: PDF, type: 'application/pdf' },
    { name: '..\\..\\anh-hien-truong.PNG', bytes: PNG, type: 'image/png' },
  ]));
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const a = await app.prisma.assessment.findUniqueOrThrow({ where: { periodId_unitId: { periodId, unitId: halongId } } });
  assert.equal(a.status, 'SUBMITTED');
  assert.equal(a.selfNote, 'Hoàn thành tốt các chỉ tiêu quý I.');
  const files = await app.prisma.attachment.findMany({ where: { ownerType: 'assessment', ownerId: a.id }, orderBy: { id: 'asc' } });
  assert.deepEqual(files.map((f) => [f.fileName, f.mimeType]), [['Báo cáo quý I.pdf', 'application/pdf'], ['anh-hien-truong.png', 'image/png']]);
  const b1 = criteria.find((x) => x.code === 'B1')!;
  const cell = await app.prisma.score.findFirstOrThrow({ where: { periodId, unitId: halongId, criterionId: b1.id } });
  assert.equal(Number(cell.selfPoints), 11.5);
  assert.equal(cell.points, null, 'self points never become official points by themselves');
  assert.equal(cell.selfComment, 'Huấn luyện đạt 97% khá, giỏi');

  const dl = await c.get(`/attachments/${files[0].id}`);
  assert.equal(dl.status, 200);
  assert.match(dl.headers.get('content-disposition') ?? '', /^attachment; filename="Bao cao quy I\.pdf"; filename\*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20I\.pdf$/);
  assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(dl.headers.get('content-type'), 'application/pdf');
  assert.equal((await (await app.as('officer')).get(`/attachments/${files[0].id}`)).status, 200);
  assert.equal((await (await app.as('mongcai')).get(`/attachments/${files[0].id}`)).status, 403, 'another unit cannot download it');
  assert.equal((await c.get('/attachments/999999')).status, 404);

  // submitted: the unit can no longer change it
  const page = await c.get(selfUrl);
  assert.match(page.text, /đang chờ thẩm định nên không sửa được/);
  const again = await c.request('POST', selfUrl, selfForm(c, { version: String(a.version), ...selfPoints(() => '0'), action: 'save' }));
  assert.equal(again.status, 409);
  assert.equal(Number((await app.prisma.score.findUniqueOrThrow({ where: { id: cell.id } })).selfPoints), 11.5);
});

test('the officer returns it with a required reason; the unit sees the reason, corrects and resubmits', async () => {
  const o = await app.as('officer');
  const verifyUrl = `/campaigns/${campaignId}/periods/${periodId}/verify/${halongId}`;
  const page = await o.get(verifyUrl);
  assert.equal(page.status, 200);
  assert.match(page.text, /Hoàn thành tốt các chỉ tiêu quý I\./, 'the officer sees the unit note');
  assert.match(page.text, /Báo cáo quý I\.pdf/, 'and its evidence');
  const noReason = await o.post(`${verifyUrl}/return`, { returnReason: ' ' });
  assert.equal(noReason.status, 400);
  assert.match(noReason.text, /Vui lòng nhập mục này/);
  assert.equal((await app.prisma.assessment.findUniqueOrThrow({ where: { periodId_unitId: { periodId, unitId: halongId } } })).status, 'SUBMITTED');
  assert.equal((await o.post(`${verifyUrl}/return`, { returnReason: 'Thiếu minh chứng cho tiêu chí B3 (diễn tập).' })).status, 303);
  const a = await app.prisma.assessment.findUniqueOrThrow({ where: { periodId_unitId: { periodId, unitId: halongId } } });
  assert.equal(a.status, 'RETURNED');
  assert.ok(await app.prisma.auditLog.findFirst({ where: { action: 'assessment.return', entityId: String(a.id), reason: 'Thiếu minh chứng cho tiêu chí B3 (diễn tập).' } }));

  const c = await app.as('halong');
  const selfPage = await c.get(selfUrl);
  assert.match(selfPage.text, /Bản tự chấm bị trả lại/);
  assert.match(selfPage.text, /Thiếu minh chứng cho tiêu chí B3 \(diễn tập\)\./);
  const v = selfPage.text.match(/name="version" value="(\d*)"/)![1];
  const b3 = criteria.find((x) => x.code === 'B3')!;
  const fields: Record<string, string> = { version: v, ...selfPoints((cr) => (cr.kind === 'NORMAL' ? String(cr.max - 0.5) : '0')), note: 'Bổ sung biên bản diễn tập.', action: 'submit' };
  fields[`s_${b3.id}`] = '6';
  const res = await c.request('POST', selfUrl, selfForm(c, fields, [{ name: 'bien-ban-dien-tap.jpg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7)]), type: 'image/jpeg' }]));
  assert.equal(res.status, 303);
  const after = await app.prisma.assessment.findUniqueOrThrow({ where: { periodId_unitId: { periodId, unitId: halongId } } });
  assert.equal(after.status, 'SUBMITTED');
  assert.equal(await app.prisma.attachment.count({ where: { ownerType: 'assessment', ownerId: after.id } }), 3);
});

test('the officer verifies with one changed cell: official points written and audited, status VERIFIED, self points still shown beside them', async () => {
  const o = await app.as('officer');
  const verifyUrl = `/campaigns/${campaignId}/periods/${periodId}/verify/${halongId}`;
  const page = await o.get(verifyUrl);
  const a1 = criteria.find((x) => x.code === 'A1')!;
  const b3 = criteria.find((x) => x.code === 'B3')!;
  // prefilled with the self points
  assert.match(page.text, new RegExp(`name="p_${halongId}_${a1.id}" value="9,5"`));
  const form: Record<string, string> = {};
  for (const m of page.text.matchAll(/<input type="(?:text" inputmode="decimal" autocomplete="off|hidden)" (?:id="[^"]*" )?name="([pv]_\d+_\d+)" value="([^"]*)"/g)) form[m[1]] = m[2];
  assert.equal(Object.keys(form).length, criteria.length * 2);
  form[`p_${halongId}_${b3.id}`] = '5';
  form[`c_${halongId}_${b3.id}`] = 'Biên bản diễn tập chưa đủ chữ ký.';
  const res = await o.post(verifyUrl, form);
  assert.equal(res.status, 303, res.text.slice(0, 500));
  const a = await app.prisma.assessment.findUniqueOrThrow({ where: { periodId_unitId: { periodId, unitId: halongId } } });
  assert.equal(a.status, 'VERIFIED');
  assert.ok(a.verifiedById && a.verifiedAt);
  const cells = await app.prisma.score.findMany({ where: { periodId, unitId: halongId } });
  assert.equal(cells.length, criteria.length);
  assert.ok(cells.every((s) => s.points !== null));
  const b3cell = cells.find((s) => s.criterionId === b3.id)!;
  assert.equal(Number(b3cell.points), 5);
  assert.equal(Number(b3cell.selfPoints), 6);
  assert.equal(Number(cells.find((s) => s.criterionId === a1.id)!.points), 9.5, 'accepted cells take the self points');
  const [audit, ...later] = await scoreTrail(app, b3cell.id);
  assert.equal(later.length, 0);
  assert.deepEqual(audit.cell, { score: b3cell.id, unit: halongId, criterion: b3.id, points: 5, comment: 'Biên bản diễn tập chưa đủ chữ ký.' });
  assert.equal((audit.after as { periodId: number }).periodId, periodId);

  const c = await app.as('halong');
  const selfPage = await c.get(selfUrl);
  assert.match(selfPage.text, /Điểm chính thức/);
  assert.match(selfPage.text, /Biên bản diễn tập chưa đủ chữ ký\./, 'the unit sees the officer comment once verified');
  assert.match(selfPage.text, /đã được thẩm định/);
});

test('verifying needs official points for every criterion; an empty cell is marked and nothing is saved', async () => {
  const o = await app.as('officer');
  const unit = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'MONGCAI' } });
  const url = `/campaigns/${campaignId}/periods/${periodId}/verify/${unit.id}`;
  await o.get(url);
  const res = await o.post(url, { [`p_${unit.id}_${criteria[0].id}`]: '5', [`v_${unit.id}_${criteria[0].id}`]: '' });
  assert.equal(res.status, 400);
  assert.match(res.text, /Cần có điểm chính thức để thẩm định/);
  assert.equal(await app.prisma.score.count({ where: { periodId, unitId: unit.id } }), 0);
});
