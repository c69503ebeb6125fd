import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client, Res } from '../helpers/http.ts';
import { sampleCsv } from '../../src/units/import-rows.ts';

let app: TestApp;
let admin: Client;
before(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
});
after(() => app.close());

const tag = () => crypto.randomBytes(3).toString('hex').toUpperCase();

/** Upload a file to the import form the way a browser does (multipart, CSRF token as a field). */
async function upload(c: Client, content: string | Uint8Array, opts: { name?: string; csrf?: boolean } = {}): Promise<Res> {
  await c.get('/units/import');
  const body = new FormData();
  if (opts.csrf !== false) body.set('_csrf', c.csrf);
  body.set('file', new Blob([typeof content === 'string' ? content : Uint8Array.from(content)], { type: 'text/csv' }), opts.name ?? 'don-vi.csv');
  return c.request('POST', '/units/import', body);
}

/** The error report as [line, column, message, cell content] rows. */
function issues(html: string): [number, string, string, string][] {
  const table = html.match(/<table class="table issue-table">([\s\S]*?)<\/table>/);
  if (!table) return [];
  const cell = (s: string) => s.replace(/<[^>]+>/g, '').trim();
  return [...table[1].matchAll(/<tr><td class="num"[^>]*>(\d+)<\/td><td[^>]*>([\s\S]*?)<\/td><td class="issue-value"[^>]*>([\s\S]*?)<\/td><td class="issue-problem">([^<]*)<\/td><\/tr>/g)].map(
    (m) => [Number(m[1]), cell(m[2]), m[4], cell(m[3])],
  );
}

async function snapshot() {
  return { units: await app.prisma.unit.findMany({ orderBy: { id: 'asc' } }), audit: await app.prisma.auditLog.count() };
}

test('a clean file imports: new units (parents earlier, later or already registered), existing codes updated, one summary', async () => {
  const t = tag();
  const kcq = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'KCQ' } });
  const csv = [
    'code,name,short_name,type,parent_code',
    // parent defined on a later line of the same file
    `C1-${t},Đại đội Trinh sát ${t},ĐĐ Trinh sát,Phân đội trực thuộc,B-${t}`,
    `B-${t},Tiểu đoàn Huấn luyện ${t},TĐ HL,DETACHMENT,KCQ`,
    // type written as the Vietnamese label without accents, code in lower case
    `c2-${t},Đại đội Công binh ${t},,phan doi truc thuoc,b-${t}`,
    // an existing unit: its short name changes
    'KCQ,Khối cơ quan và các phân đội trực thuộc,Khối CQ,AGENCIES_BLOC,BCHQS-QN',
    // an existing unit that stays as it is
    'HALONG,Ban CHQS thành phố Hạ Long,Hạ Long,Ban CHQS cấp huyện,BCHQS-QN',
  ].join('\n');
  const res = await upload(admin, csv, { name: 'đơn vị mới.csv' });
  assert.equal(res.status, 303, res.text.slice(0, 500));
  assert.equal(res.location, '/units/import/result');

  const b = await app.prisma.unit.findUniqueOrThrow({ where: { code: `B-${t}` } });
  const c1 = await app.prisma.unit.findUniqueOrThrow({ where: { code: `C1-${t}` } });
  const c2 = await app.prisma.unit.findUniqueOrThrow({ where: { code: `C2-${t}` } });
  assert.equal(b.parentId, kcq.id);
  assert.equal(c1.parentId, b.id);
  assert.equal(c2.parentId, b.id);
  assert.equal(c1.type, 'DETACHMENT');
  assert.equal(c2.shortName, null);
  assert.match(c1.searchText, /dai doi trinh sat/);
  const kcqAfter = await app.prisma.unit.findUniqueOrThrow({ where: { id: kcq.id } });
  assert.equal(kcqAfter.shortName, 'Khối CQ');
  assert.equal(kcqAfter.version, kcq.version + 1);

  const audits = await app.prisma.auditLog.findMany({ where: { entityType: 'Unit', entityId: { in: [b, c1, c2, kcq].map((u) => String(u.id)) } } });
  assert.equal(audits.filter((a) => a.action === 'unit.create').length, 3);
  const upd = audits.find((a) => a.action === 'unit.update' && a.entityId === String(kcq.id));
  assert.ok(upd, 'the update is audited');
  assert.equal((upd.before as { shortName: string }).shortName, 'Khối cơ quan');
  assert.match(upd.reason ?? '', /đơn vị mới\.csv/, 'the audit names the file (UTF-8 file name kept)');

  const result = await admin.get('/units/import/result');
  assert.equal(result.status, 200);
  assert.match(result.text, /đơn vị mới\.csv/);
  assert.match(result.text, /<span class="stat-value">3<\/span><span class="stat-label">Thêm mới/);
  assert.match(result.text, /<span class="stat-value">1<\/span><span class="stat-label">Cập nhật/);
  assert.match(result.text, /<span class="stat-value">1<\/span><span class="stat-label">Không thay đổi/);
  assert.match(result.text, new RegExp(`href="/units/${c1.id}"`));
});

test('a file with one bad row reports its line number and writes nothing at all', async () => {
  const t = tag();
  const before = await snapshot();
  const csv = [
    'code,name,short_name,type,parent_code',
    `GOOD1-${t},Đơn vị tốt 1,,DETACHMENT,KCQ`,
    'KCQ,Tên mới không được ghi,,AGENCIES_BLOC,BCHQS-QN',
    '',
    `GOOD2-${t},Đơn vị tốt 2,,Trung đoàn,`,
    `BAD-${t},Đơn vị sai loại,,TIEU_DOAN,KCQ`,
  ].join('\r\n');
  const res = await upload(admin, csv);
  assert.equal(res.status, 400);
  assert.match(res.text, /Tệp có 1 lỗi cần sửa/);
  assert.match(res.text, /Chưa có dữ liệu nào từ tệp don-vi\.csv được ghi/);
  const rows = issues(res.text);
  assert.equal(rows.length, 1);
  // line 6 of the file: the blank line 4 still counts
  assert.deepEqual(rows[0].slice(0, 2), [6, 'type']);
  assert.match(rows[0][2], /Loại đơn vị không hợp lệ/);
  assert.match(rows[0][2], /DISTRICT_COMMAND/, 'the message lists the accepted types');
  assert.equal(rows[0][3], 'TIEU_DOAN', 'the report shows what the cell held');
  assert.deepEqual(await snapshot(), before, 'no unit and no audit record was written');
});

test('every kind of row problem is reported at once, by line as in the file', async () => {
  const t = tag();
  const before = await snapshot();
  const csv = [
    'code,name,type,parent_code', // 1
    `A-${t},"Tên có dấu phẩy, và xuống dòng`, // 2 (the quoted name runs onto line 3)
    `tiếp theo",DETACHMENT,NOPE-${t}`, // 3
    `A-${t},Trùng mã,DETACHMENT,`, // 4
    `X-${t},Vòng lặp X,DETACHMENT,Y-${t}`, // 5
    `Y-${t},Vòng lặp Y,DETACHMENT,X-${t}`, // 6
    `Z-${t},Tự làm cấp trên,DETACHMENT,Z-${t}`, // 7
    `mã sai,Mã có dấu,DETACHMENT,`, // 8
    `W-${t},,DETACHMENT,,thừa`, // 9
    `HALONG,Hạ Long,DISTRICT_COMMAND,${'HALONG'}`, // 10
  ].join('\n');
  const res = await upload(admin, csv);
  assert.equal(res.status, 400);
  const got = issues(res.text).map(([line, col]) => `${line}:${col}`);
  assert.deepEqual(got, ['2:parent_code', '4:code', '5:parent_code', '6:parent_code', '7:parent_code', '8:code', '9:—', '9:name', '10:parent_code']);
  assert.deepEqual(issues(res.text).map((r) => r[3]), [`NOPE-${t}`, `A-${t}`, `Y-${t}`, `X-${t}`, `Z-${t}`, 'mã sai', '—', '(trống)', 'HALONG']);
  const text = issues(res.text).map((r) => r[2]).join('\n');
  assert.match(text, new RegExp(`Không tìm thấy đơn vị cấp trên có mã NOPE-${t}`));
  assert.match(text, /Mã này đã xuất hiện ở dòng 2/);
  assert.match(text, /vòng lặp/);
  assert.match(text, /không thể là cấp trên của chính nó/);
  assert.deepEqual(await snapshot(), before);
});

test('moving an existing unit under its own descendant is a cycle, caught against the registry', async () => {
  const t = tag();
  const parent = await app.prisma.unit.create({ data: { code: `P-${t}`, name: 'Cha', type: 'OTHER' } });
  await app.prisma.unit.create({ data: { code: `K-${t}`, name: 'Con', type: 'OTHER', parentId: parent.id } });
  const res = await upload(admin, `code,name,type,parent_code\nP-${t},Cha,OTHER,K-${t}\n`);
  assert.equal(res.status, 400);
  assert.deepEqual(issues(res.text).map(([l, c]) => `${l}:${c}`), ['2:parent_code']);
  assert.equal((await app.prisma.unit.findUniqueOrThrow({ where: { id: parent.id } })).parentId, null);
});

test('UTF-8 with BOM, semicolons, quotes and CRLF import correctly; columns may come in any order', async () => {
  const t = tag();
  const csv = '\uFEFF' + [
    'parent_code;type;name;code',
    `KCQ;Phân đội trực thuộc;"Đại đội Thông tin; Kho ""K1""";TT-${t}`,
    `TT-${t};OTHER;Trạm sửa chữa;SC-${t}`,
  ].join('\r\n') + '\r\n';
  const res = await upload(admin, Buffer.from(csv, 'utf8'));
  assert.equal(res.status, 303, res.text.slice(0, 800));
  const tt = await app.prisma.unit.findUniqueOrThrow({ where: { code: `TT-${t}` } });
  assert.equal(tt.name, 'Đại đội Thông tin; Kho "K1"');
  assert.equal(tt.type, 'DETACHMENT');
  const sc = await app.prisma.unit.findUniqueOrThrow({ where: { code: `SC-${t}` } });
  assert.equal(sc.parentId, tt.id);
});

test('a file without the optional columns keeps existing short names and parents', async () => {
  const halong = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const res = await upload(admin, 'code,name,type\nHALONG,Ban CHQS thành phố Hạ Long (cập nhật),DISTRICT_COMMAND\n');
  assert.equal(res.status, 303);
  const after = await app.prisma.unit.findUniqueOrThrow({ where: { id: halong.id } });
  assert.equal(after.name, 'Ban CHQS thành phố Hạ Long (cập nhật)');
  assert.equal(after.shortName, halong.shortName);
  assert.equal(after.parentId, halong.parentId);
});

test('header problems are reported on line 1', async () => {
  const res = await upload(admin, 'ma,name,loai\nX,Y,OTHER\n');
  assert.equal(res.status, 400);
  assert.deepEqual(issues(res.text).map(([l, c]) => `${l}:${c}`), ['1:ma', '1:loai', '1:code', '1:type']);
  const empty = await upload(admin, 'code,name,type\n\n');
  assert.match(empty.text, /không có dòng dữ liệu nào/);
  const unclosed = await upload(admin, 'code,name,type\nX,"chưa đóng,OTHER\n');
  assert.deepEqual(issues(unclosed.text).map(([l]) => l), [2]);
});

test('a file that is not UTF-8, a missing file, or a missing CSRF token is refused and nothing is written', async () => {
  const before = await snapshot();
  // "Hạ Long" in Windows-1258 is not valid UTF-8
  const ansi = new Uint8Array([...Buffer.from('code,name,type\nANSI1,H'), 0xf2, 0x20, 0x4c, ...Buffer.from(',OTHER\n')]);
  const notUtf8 = await upload(admin, ansi);
  assert.equal(notUtf8.status, 400);
  assert.match(notUtf8.text, /không được mã hóa UTF-8/);

  await admin.get('/units/import');
  const noFile = new FormData();
  noFile.set('_csrf', admin.csrf);
  const missing = await admin.request('POST', '/units/import', noFile);
  assert.equal(missing.status, 400);
  assert.match(missing.text, /Vui lòng chọn một tệp CSV/);

  const noToken = await upload(admin, 'code,name,type\nNOCSRF,X,OTHER\n', { csrf: false });
  assert.equal(noToken.status, 403);
  assert.deepEqual(await snapshot(), before);
});

test('a file over the size limit is refused with a clear message', async () => {
  const big = 'code,name,type\n' + `X,${'a'.repeat(100)},OTHER\n`.repeat(11000);
  const res = await upload(admin, big);
  assert.equal(res.status, 413);
  assert.match(res.text, /Tệp quá lớn \(tối đa 1024 KB\)/);
});

test('the sample file downloads as UTF-8 with BOM, and imports cleanly as it is', async () => {
  const res = await fetch(app.url + '/units/import/sample.csv', { redirect: 'manual' });
  assert.equal(res.status, 303, 'signed-out visitors are sent to log in');
  const sample = await admin.get('/units/import/sample.csv');
  assert.equal(sample.status, 200);
  assert.match(sample.headers.get('content-type') ?? '', /text\/csv; charset=utf-8/);
  assert.match(sample.headers.get('content-disposition') ?? '', /attachment/);
  // fetch's text() drops a BOM when decoding, so check the bytes sent against the file with its BOM
  assert.ok(sampleCsv().startsWith('\uFEFF'));
  assert.equal(Number(sample.headers.get('content-length')), Buffer.byteLength(sampleCsv(), 'utf8'));
  assert.match(sample.text, /^code,name,short_name,type,parent_code\r\n/);
  const imported = await upload(admin, sampleCsv());
  assert.equal(imported.status, 303, imported.text.slice(0, 500));
  const trinhsat = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'DD-TRINHSAT' }, include: { parent: true } });
  assert.equal(trinhsat.parent?.code, 'KCQ');
});

test('the import page documents the columns and links the sample', async () => {
  const page = await admin.get('/units/import');
  assert.equal(page.status, 200);
  for (const col of ['code', 'name', 'short_name', 'type', 'parent_code']) assert.match(page.text, new RegExp(`<code>${col}</code>`));
  assert.match(page.text, /href="\/units\/import\/sample.csv"/);
  assert.match(page.text, /enctype="multipart\/form-data"/);
});
