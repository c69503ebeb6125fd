import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app.ts';

const PUBLIC = path.resolve(import.meta.dirname, '../../public');
let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(() => app.close());

test('/healthz answers liveness and /readyz checks the database', async () => {
  const h = await fetch(app.url + '/healthz');
  assert.equal(h.status, 200);
  assert.deepEqual(await h.json(), { status: 'ok' });
  const r = await fetch(app.url + '/readyz');
  assert.equal(r.status, 200);
  assert.equal(((await r.json()) as { database: string }).database, 'up');
});

test('every page sends a strict CSP with no inline scripts, and other security headers', async () => {
  for (const path of ['/login', '/does-not-exist']) {
    const res = await fetch(app.url + path);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-powered-by'), null);
  }
  const html = await (await fetch(app.url + '/login')).text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script> blocks');
  assert.doesNotMatch(html, /\son[a-z]+="/i, 'no inline event handlers');
  assert.doesNotMatch(html, /(src|href)="https?:\/\//, 'nothing loaded from another host');
});

test('unknown pages and ids give a friendly 404', async () => {
  const c = await app.as('admin');
  for (const path of ['/nope', '/campaigns/999999', '/campaigns/abc', '/campaigns/1e3', '/campaigns/99999999999999']) {
    const res = await c.get(path);
    assert.equal(res.status, 404, path);
    assert.match(res.text, /Không tìm thấy/);
  }
});

test('malformed bodies give 400, never a 500 or a stack trace', async () => {
  const c = await app.as('admin');
  const res = await fetch(app.url + '/lang', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"bad json' });
  assert.equal(res.status, 400);
  const text = await res.text();
  assert.doesNotMatch(text, /at \w+ \(|node_modules|SyntaxError/);
  void c;
});

test('static assets come from /public with no CDN', async () => {
  const css = await fetch(app.url + '/public/css/app.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  const js = await fetch(app.url + '/public/js/app.js');
  assert.equal(js.status, 200);
});

test('every /public link carries the fingerprint of the file: kept a year as linked, revalidated otherwise', async () => {
  const digest = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(path.join(PUBLIC, file))).digest('hex').slice(0, 10);
  const c = await app.as('officer');
  const pages = [(await app.client().get('/login')).text, (await c.get('/')).text];
  const links = pages.flatMap((html) => [...html.matchAll(/(?:href|src)="(\/public\/[^"]*)"/g)].map((m) => m[1]));
  for (const file of ['css/app.css', 'js/app.js', 'img/favicon.svg']) assert.ok(links.some((l) => l.startsWith(`/public/${file}?`)), `${file} is linked`);
  for (const link of links) {
    const [file, query] = link.slice('/public/'.length).split('?');
    assert.equal(query, `v=${digest(file)}`, `${link}: the fingerprint of ${file}'s content`);
    const res = await fetch(app.url + link);
    assert.equal(res.status, 200, link);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', link);
  }
  // the file without its fingerprint, or with another one (a page from before an upgrade): asked afresh each time
  for (const url of ['/public/css/app.css', '/public/css/app.css?v=0123456789', '/public/css/app.css?v=']) {
    const res = await fetch(app.url + url);
    assert.equal(res.status, 200, url);
    assert.equal(res.headers.get('cache-control'), 'no-cache', url);
    const etag = res.headers.get('etag');
    assert.ok(etag, `${url}: an ETag to revalidate with`);
    // through node:http: fetch adds `Cache-Control: no-cache` to a conditional request, which asks for the whole file
    const again = await new Promise<number>((resolve, reject) => http.get(app.url + url, { headers: { 'if-none-match': etag } }, (r) => (r.resume(), resolve(r.statusCode ?? 0))).on('error', reject));
    assert.equal(again, 304, `${url}: unchanged, so 304`);
  }
  assert.equal((await fetch(app.url + '/public/css/missing.css?v=0123456789')).status, 404);
});

test('the demo admin sees the 15 participating units and the campaign', async () => {
  const c = await app.as('admin');
  const home = await c.get('/');
  assert.match(home.text, /Lập công dâng Đảng/);
  const units = await c.get('/units');
  // the province, its 15 units and the commands above it (the demo's chain of command)
  assert.match(units.text, new RegExp(`${await app.prisma.unit.count({ where: { active: true } })} đơn vị`));
  assert.ok((await app.prisma.unit.count({ where: { active: true } })) >= 16);
  for (const name of ['Khối cơ quan', 'Hạ Long', 'Móng Cái', 'Cẩm Phả', 'Uông Bí', 'Đông Triều', 'Quảng Yên', 'Ba Chẽ', 'Bình Liêu', 'Cô Tô', 'Đầm Hà', 'Hải Hà', 'Tiên Yên', 'Vân Đồn', 'Trung đoàn 244']) {
    assert.ok(units.text.includes(name), name);
  }
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  const page = await c.get(`/campaigns/${campaign.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /15 đơn vị/);
});

test('unit search works with or without diacritics', async () => {
  const c = await app.as('officer');
  for (const q of ['cam pha', 'Cẩm Phả', 'CAM PHA']) {
    const res = await c.get('/units?q=' + encodeURIComponent(q));
    assert.match(res.text, /Ban CHQS thành phố Cẩm Phả/, q);
    assert.doesNotMatch(res.text, /Móng Cái/, q);
  }
});
