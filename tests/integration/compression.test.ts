import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

// Responses are compressed for requests from the app's own pages or the user (Sec-Fetch-Site same-origin or none),
// never for requests another site starts or clients that do not say (src/web/compression.ts: BREACH).

let app: TestApp;
let commander: Client;
let campaignId: number;

before(async () => {
  app = await startTestApp();
  commander = await app.as('commander');
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
});
after(() => app.close());

const ALL = 'gzip, deflate, br';
const decode = (encoding: string | undefined, body: Buffer): Buffer =>
  encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body;

test('a page asked for from the app itself comes compressed, and reads back as the whole page with its CSRF token', async () => {
  const path = `/campaigns/${campaignId}/dashboard`;
  for (const [accept, expected] of [[ALL, 'br'], ['gzip', 'gzip']] as const) {
    const res = await commander.raw(path, { 'accept-encoding': accept, 'sec-fetch-site': 'same-origin' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], expected);
    assert.match(String(res.headers.vary), /Accept-Encoding/i);
    const html = decode(expected, res.body).toString('utf8');
    assert.match(html, /<\/html>\s*$/);
    assert.match(html, /Lập công dâng Đảng/);
    assert.match(html, /name="_csrf" value="[^"]+"/);
    assert.ok(res.body.length * 3 < Buffer.byteLength(html), `${res.body.length} bytes compressed for ${Buffer.byteLength(html)}`);
  }
  // typed or bookmarked (none) counts as the user's own
  const typed = await commander.raw(path, { 'accept-encoding': 'gzip', 'sec-fetch-site': 'none' });
  assert.equal(typed.headers['content-encoding'], 'gzip');
});

test('a page another site asks for, or a client that does not say where it comes from, gets it uncompressed', async () => {
  const path = `/campaigns/${campaignId}/dashboard?q=${encodeURIComponent('guess')}`;
  for (const headers of <Record<string, string>[]>[
    { 'accept-encoding': ALL, 'sec-fetch-site': 'cross-site' },
    { 'accept-encoding': ALL, 'sec-fetch-site': 'same-site' },
    { 'accept-encoding': ALL },
  ]) {
    const res = await commander.raw(path, headers);
    assert.equal(res.status, 200, JSON.stringify(headers));
    assert.equal(res.headers['content-encoding'], undefined, JSON.stringify(headers));
    assert.match(res.body.toString('utf8'), /name="_csrf" value="[^"]+"/);
  }
});

test('the CSV export streams compressed with its BOM and the same bytes; the XLSX (already a zip) and small answers are sent as they are', async () => {
  const own = { 'accept-encoding': 'gzip', 'sec-fetch-site': 'same-origin' };
  const csvPath = `/campaigns/${campaignId}/ranking.csv`;
  const plain = await commander.raw(csvPath);
  const packed = await commander.raw(csvPath, own);
  assert.equal(packed.status, 200);
  assert.equal(packed.headers['content-encoding'], 'gzip');
  assert.equal(plain.headers['content-encoding'], undefined);
  const csv = zlib.gunzipSync(packed.body);
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.ok(csv.equals(plain.body), 'the compressed export reads back as the plain one, byte for byte');

  const xlsx = await commander.raw(`/campaigns/${campaignId}/ranking.xlsx`, own);
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.headers['content-encoding'], undefined);
  assert.equal(xlsx.body.subarray(0, 2).toString('latin1'), 'PK');

  const health = await commander.raw('/healthz', own);
  assert.equal(health.headers['content-encoding'], undefined, 'under 1 kB: not worth compressing');
});

test('the stylesheet and scripts of a page come compressed to its own requests', async () => {
  const page = await commander.get(`/campaigns/${campaignId}/dashboard`);
  const css = page.text.match(/<link rel="stylesheet" href="([^"]+)"/)?.[1];
  assert.ok(css, 'the page links a stylesheet');
  const res = await commander.raw(css, { 'accept-encoding': 'gzip', 'sec-fetch-site': 'same-origin' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], 'gzip');
  assert.match(zlib.gunzipSync(res.body).toString('utf8'), /[{}]/);
});
