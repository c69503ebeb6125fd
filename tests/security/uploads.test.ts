// Upload attacks beyond tests/integration/self-assessment.test.ts and exemplars.test.ts (which cover a
// fake PDF, an .exe name, a PNG named .pdf, one oversize file, "../" names and another unit's download):
// HTML and SVG disguised as evidence, truncated magic bytes, a 1 MB limit at its edge, NUL / direction-mark /
// very long names, header-safe downloads, and exemplar files of another unit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

let app: TestApp;
let campaignId: number;
let halong: Client;
let campha: Client;

const MB = 1024 * 1024;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (size: number) => Buffer.concat([Buffer.from(PNG_MAGIC), Buffer.alloc(size - PNG_MAGIC.length, 1)]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300, 0x20), Buffer.from('\n%%EOF\n')]);

const good = { subject: 'UNIT', kind: 'GOOD_DEED', title: 'Giúp dân chống bão', description: 'Huy động 40 chiến sĩ giúp dân chằng chống nhà cửa.' };

/** POST the exemplar form as multipart (fields first, files last, as a browser sends it). */
async function record(c: Client, files: { name: string; bytes: Buffer; type?: string }[]) {
  await c.get(`/campaigns/${campaignId}/exemplars/new`);
  const fd = new FormData();
  fd.append('_csrf', c.csrf);
  for (const [k, v] of Object.entries(good)) fd.append(k, v);
  for (const f of files) fd.append('files', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/octet-stream' }), f.name);
  return c.request('POST', `/campaigns/${campaignId}/exemplars`, fd);
}

const counts = async () => ({ exemplars: await app.prisma.exemplar.count(), files: await app.prisma.attachment.count() });

before(async () => {
  app = await startTestApp({ UPLOAD_MAX_MB: '1' });
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  [halong, campha] = await Promise.all([app.as('halong'), app.as('campha')]);
});
after(() => app.close());

test('HTML, SVG with a script, a truncated PNG signature and an empty file are refused, and nothing is written', async () => {
  const before = await counts();
  const bad = [
    { name: 'bao-cao.pdf', bytes: Buffer.from('<!doctype html><script>alert(1)</script>'), type: 'application/pdf' },
    { name: 'anh.png', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'), type: 'image/png' },
    { name: 'anh.svg', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), type: 'image/svg+xml' },
    { name: 'cat.png', bytes: Buffer.from(PNG_MAGIC.slice(0, 5)) },
    { name: 'sai-chu-ky.png', bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x00]), Buffer.alloc(100, 1)]) },
    { name: 'rong.pdf', bytes: Buffer.alloc(0) },
    { name: 'chuong-trinh.exe.pdf', bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]) },
  ];
  for (const f of bad) {
    const res = await record(halong, [f]);
    assert.equal(res.status, 400, f.name);
    assert.match(res.text, /id="f-files-error"/, f.name);
    assert.match(res.text, /aria-invalid="true"|class="field-error"/);
    assert.match(res.text, /value="Giúp dân chống bão"/, 'what was typed is kept');
    assert.doesNotMatch(res.text, /<script>alert\(1\)<\/script>/);
  }
  assert.deepEqual(await counts(), before);
});

test('the size limit comes from UPLOAD_MAX_MB: exactly 1 MB is accepted, one byte more is refused with the limit shown', async () => {
  const before = await counts();
  const over = await record(halong, [{ name: 'lon.png', bytes: png(MB + 1) }]);
  assert.equal(over.status, 400);
  assert.match(over.text, /id="f-files-error"[^>]*>[^<]*lon\.png[^<]*1 MB/);
  assert.deepEqual(await counts(), before, 'a refused upload writes nothing, not even the exemplar');
  const atLimit = await record(halong, [{ name: 'vua.png', bytes: png(MB) }]);
  assert.equal(atLimit.status, 303, atLimit.text.match(/field-error[^<]*/)?.[0]);
  const stored = await app.prisma.attachment.findFirstOrThrow({ where: { fileName: 'vua.png' } });
  assert.equal(stored.size, MB);
});

test('a body far over the limit is cut off by the parser, not read into memory, and answers 400 not 500', async () => {
  const before = await counts();
  const res = await record(halong, [{ name: 'rat-lon.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(6 * MB, 0x20)]) }]);
  assert.equal(res.status, 400);
  assert.match(res.text, /id="f-files-error"/);
  assert.deepEqual(await counts(), before);
});

test('hostile file names are cleaned before they are stored: no folders, NUL, direction marks or reserved characters; long names cut', async () => {
  const names: [string, RegExp][] = [
    ['../../etc/passwd.pdf', /^passwd\.pdf$/],
    ['..\\..\\windows\\win.ini.png', /^win\.ini\.png$/],
    ['C:\\Users\\x\\..\\anh.PNG', /^anh\.png$/],
    ['anh\u202Egnp.pdf', /^anhgnp\.pdf$/],
    ['a\u200Db\u200B<c>"|?*:.pdf', /^abc\.pdf$/],
    [`${'Báo cáo thành tích '.repeat(30)}.pdf`, /^Báo cáo thành tích .{80,110}\.pdf$/],
    ['ảnh hiện trường; filename="x.html".png', /^ảnh hiện trường; filename=x\.html\.png$/],
    ["Báo cáo (quý I) 'mới'.pdf", /^Báo cáo \(quý I\) 'mới'\.pdf$/],
  ];
  for (const [raw, expected] of names) {
    const isPng = raw.toLowerCase().endsWith('.png');
    const res = await record(halong, [{ name: raw, bytes: isPng ? png(300) : PDF }]);
    assert.equal(res.status, 303, `${JSON.stringify(raw)}: ${res.text.match(/field-error[^<]*/)?.[0]}`);
    const id = Number(res.location?.split('/').pop());
    const file = await app.prisma.attachment.findFirstOrThrow({ where: { ownerType: 'exemplar', ownerId: id } });
    assert.match(file.fileName, expected, JSON.stringify(raw));
    assert.ok(file.fileName.length <= 131, 'at most 120 characters plus the extension');
    assert.doesNotMatch(file.fileName, /[\u0000-\u001f/\\<>"\u202e\u200b-\u200f]/);

    const dl = await halong.getBytes(`/attachments/${file.id}`);
    assert.equal(dl.status, 200);
    const cd = dl.headers.get('content-disposition') ?? '';
    // RFC 8187 attr-chars only: ' ( ) * are percent-encoded too (encodeURIComponent left them raw, issue 13 item 9)
    // a plain name is a token or a quoted string (RFC 6266), and cannot break out of its quotes
    const m = /^attachment; filename=(?:([!#$%&'*+.^_`|~0-9A-Za-z-]+)|"([\x20-\x7e]*)")(?:; filename\*=UTF-8''([A-Za-z0-9%!._~-]*))?$/.exec(cd);
    assert.ok(m, cd);
    assert.doesNotMatch(m[2] ?? '', /["\\;]/, 'the plain name cannot break out of its quotes');
    assert.equal(m[3] === undefined ? (m[1] ?? m[2]) : decodeURIComponent(m[3]), file.fileName);
    if (raw.includes('(')) assert.match(cd, /%28qu%C3%BD%20I%29%20%27m%E1%BB%9Bi%27\.pdf$/, cd);
    assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(dl.headers.get('content-type'), isPng ? 'image/png' : 'application/pdf');
    assert.match(dl.headers.get('content-security-policy') ?? '', /sandbox/);
  }
});

test("another unit's exemplar files are refused; signed-out users are sent to sign in; bad ids are 404", async () => {
  const res = await record(halong, [{ name: 'rieng.pdf', bytes: PDF }]);
  assert.equal(res.status, 303);
  const id = Number(res.location?.split('/').pop());
  const file = await app.prisma.attachment.findFirstOrThrow({ where: { ownerType: 'exemplar', ownerId: id } });
  assert.equal((await halong.get(`/attachments/${file.id}`)).status, 200);
  assert.equal((await campha.get(`/attachments/${file.id}`)).status, 403, 'an unpublished exemplar of another unit');
  const anon = await app.client().get(`/attachments/${file.id}`);
  assert.equal(anon.status, 303);
  assert.match(anon.location ?? '', /^\/login/);
  for (const bad of ['0', '-1', 'abc', '1e3', '99999999999', '%00', '..%2F..%2Fetc%2Fpasswd']) {
    assert.equal((await halong.get(`/attachments/${bad}`)).status, 404, bad);
  }
});

test('a NUL byte in a multipart part header is a malformed body: 400 (or 403 before the token is read), never a 500', async () => {
  const before = await counts();
  const res = await record(halong, [{ name: 'bao\u0000cao.pdf', bytes: PDF }]);
  assert.ok(res.status === 400 || res.status === 403, String(res.status));
  assert.deepEqual(await counts(), before);
});

test('the upload form refuses more files than allowed and a multipart post without a CSRF token', async () => {
  const before = await counts();
  const many = Array.from({ length: 11 }, (_, i) => ({ name: `anh-${i}.png`, bytes: png(200) }));
  const res = await record(halong, many);
  assert.equal(res.status, 400);
  assert.match(res.text, /id="f-files-error"/);
  const fd = new FormData();
  for (const [k, v] of Object.entries(good)) fd.append(k, v);
  fd.append('files', new Blob([new Uint8Array(PDF)]), 'x.pdf');
  assert.equal((await halong.request('POST', `/campaigns/${campaignId}/exemplars`, fd)).status, 403);
  assert.deepEqual(await counts(), before);
});
