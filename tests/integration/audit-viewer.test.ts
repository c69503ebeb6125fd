// The admin's audit trail viewer and its CSV export, over HTTP against the demo database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, statementRecorder, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { CSV_COLUMNS } from '../../src/audit/export.ts';
import { COUNT_AHEAD } from '../../src/lib/paging.ts';
import { formFields } from '../helpers/forms.ts';
import { CHANGES_SHOWN } from '../../src/audit/viewer.ts';

let app: TestApp;
let admin: Client;
const userIds: Record<string, number> = {};

const recorder = statementRecorder();

before(async () => {
  app = await startTestApp({}, { onQuery: recorder.onQuery });
  for (const u of await app.prisma.user.findMany()) userIds[u.username] = u.id;
  admin = await app.as('admin');
});
after(() => app.close());

/** The audit ids listed on a page, in order. */
const listed = (html: string) => [...html.matchAll(/<tr data-audit-id="(\d+)">/g)].map((m) => m[1]);
const rowOf = (html: string, id: string) => html.match(new RegExp(`<tr data-audit-id="${id}">[\\s\\S]*?</tr>`))?.[0] ?? '';

test('an admin sees an account change made over HTTP: who, what, which entity, and before → after', async () => {
  await admin.get('/admin/users/new');
  const created = await admin.post('/admin/users', { username: 'audit.probe', fullName: 'Trung úy Phạm Thị Hoa', role: 'OFFICER', unitId: '', password: 'MotHaiBa@2026' });
  assert.equal(created.status, 303);
  const probe = await app.prisma.user.findUniqueOrThrow({ where: { username: 'audit.probe' } });
  await admin.get('/admin/users');
  assert.equal((await admin.post(`/admin/users/${probe.id}/active`, { active: '0' })).status, 303);

  const res = await admin.get('/admin/audit');
  assert.equal(res.status, 200);
  const [newest, previous] = await app.prisma.auditLog.findMany({ orderBy: { id: 'desc' }, take: 2 });
  assert.equal(newest.action, 'user.deactivate');
  assert.deepEqual(listed(res.text).slice(0, 2), [String(newest.id), String(previous.id)], 'newest first');
  const row = rowOf(res.text, String(newest.id));
  assert.match(row, /Quản trị hệ thống|admin/);
  assert.match(row, /<code>user\.deactivate<\/code>/);
  assert.match(row, new RegExp(`User #${probe.id}`));
  assert.match(row, /<code>active<\/code>: <del>true<\/del> .*<ins>false<\/ins>/);
  const createdRow = rowOf(res.text, String(previous.id));
  assert.match(createdRow, /<code>username<\/code>: <span class="muted">\(trống\)<\/span> .*<ins>audit\.probe<\/ins>/);
  assert.match(res.text, /href="\/admin\/audit" aria-current="page"/, 'the admin menu links here');
});

test('filters by action, user, entity and days narrow the list to exactly the matching entries', async () => {
  // an entry at 20:00 UTC on 15 March 2021, which is already 16 March in Vietnam
  const old = await app.prisma.auditLog.create({ data: { at: new Date('2021-03-15T20:00:00Z'), userId: userIds.officer, action: 'score.save', entityType: 'Score', entityId: '4242', after: { points: 9 } } });
  const byAction = await admin.get('/admin/audit?action=user.create');
  const want = await app.prisma.auditLog.findMany({ where: { action: 'user.create' }, orderBy: { id: 'desc' }, take: 25 });
  assert.ok(want.length >= 1);
  assert.deepEqual(listed(byAction.text), want.map((w) => String(w.id)));
  assert.match(byAction.text, new RegExp(`Số bản ghi: ${await app.prisma.auditLog.count({ where: { action: 'user.create' } })}<`));

  const byUser = await admin.get(`/admin/audit?user=${userIds.officer}`);
  const officerRows = await app.prisma.auditLog.findMany({ where: { userId: userIds.officer }, orderBy: { id: 'desc' }, take: 25 });
  assert.deepEqual(listed(byUser.text), officerRows.map((w) => String(w.id)));
  assert.ok(listed(byUser.text).includes(String(old.id)));
  assert.doesNotMatch(byUser.text, /<code>user\.deactivate<\/code>/);

  const day = async (q: string) => listed((await admin.get(`/admin/audit?${q}`)).text);
  assert.deepEqual(await day('from=2021-03-16&to=2021-03-16'), [String(old.id)], 'a day in Vietnam time');
  assert.deepEqual(await day('from=2021-03-01&to=2021-03-15'), [], 'the day before, in Vietnam, holds nothing');
  assert.deepEqual(await day('entityType=Score&entityId=4242'), [String(old.id)]);
  assert.deepEqual(await day(`to=2021-12-31&user=${userIds.officer}`), [String(old.id)]);
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  assert.ok((await day(`from=${today}&action=user.deactivate`)).length === 1, 'today’s deactivation');
  // the chosen filters stay in the form and in the export link
  const page = await admin.get(`/admin/audit?action=user.create&from=${today}`);
  assert.match(page.text, /<option value="user\.create" selected>/);
  assert.match(page.text, new RegExp(`name="from" type="date" value="${today}"`));
  assert.match(page.text, new RegExp(`href="/admin/audit\\.csv\\?action=user\\.create&amp;from=${today}"`));
});

test('bad filter values give a message beside the field (400), never a 500', async () => {
  const bad = await admin.get('/admin/audit?from=2021-02-30&to=hôm-nay');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Bộ lọc có giá trị không hợp lệ/);
  assert.equal([...bad.text.matchAll(/Ngày không hợp lệ: dùng dạng năm-tháng-ngày/g)].length, 2);
  assert.match(bad.text, /value="hôm-nay"/, 'what was typed stays');
  assert.deepEqual(listed(bad.text), []);
  const order = await admin.get('/admin/audit?from=2021-05-01&to=2021-04-01');
  assert.equal(order.status, 400);
  assert.match(order.text, /&#34;Đến ngày&#34; không được trước &#34;Từ ngày&#34;/);
  for (const q of ['user=abc', 'campaign=-1', 'action=%3Cscript%3E', 'entityId=' + 'x'.repeat(41), 'from=2021-01-01&from=2021-01-02']) {
    const r = await admin.get(`/admin/audit?${q}`);
    assert.equal(r.status, 400, q);
    assert.match(r.text, /class="field-error"/, q);
  }
  const csv = await admin.get('/admin/audit.csv?from=yesterday');
  assert.equal(csv.status, 400);
  assert.match(csv.text, /Ngày không hợp lệ/);
  // English
  await admin.post('/lang', { locale: 'en', next: '/admin/audit' });
  assert.match((await admin.get('/admin/audit?to=2021-13-01')).text, /Not a valid date: use year-month-day/);
  await admin.post('/lang', { locale: 'vi', next: '/' });
});

test('the CSV export has a BOM, stable headers, and exactly the filtered entries, across several batches', async () => {
  const many = Array.from({ length: 1234 }, (_, i) => ({ userId: userIds.commander, action: 'bulk.probe', entityType: 'Probe', entityId: String(i), reason: i === 7 ? 'Lý do có "ngoặc", dấu phẩy\nvà xuống dòng' : null, before: { n: i }, after: { n: i + 1 } }));
  await app.prisma.auditLog.createMany({ data: many });
  const res = await admin.get('/admin/audit.csv?action=bulk.probe');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename=("?)audit-\d{4}-\d{2}-\d{2}\.csv\1$/);
  const raw = await admin.bytes('/admin/audit.csv?action=bulk.probe');
  assert.deepEqual([...raw.bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const parsed = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw.bytes), ',');
  assert.ok(parsed.ok);
  const [head, ...rows] = parsed.records.map((r) => r.fields);
  assert.deepEqual(head, [...CSV_COLUMNS]);
  const columns: string[] = head;
  assert.equal(rows.length, 1234);
  const col = (name: string) => columns.indexOf(name);
  assert.ok(rows.every((r) => r[col('action')] === 'bulk.probe' && r[col('username')] === 'commander'));
  const ids = rows.map((r) => Number(r[col('id')]));
  assert.equal(new Set(ids).size, 1234, 'no entry twice at batch boundaries');
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
  const seven = rows.find((r) => r[col('entity_id')] === '7')!;
  assert.equal(seven[col('reason')], 'Lý do có "ngoặc", dấu phẩy\nvà xuống dòng');
  assert.equal(seven[col('changes')], 'n: 7 → 8');
  assert.deepEqual(JSON.parse(seven[col('after')]), { n: 8 });

  // the same filters as the page: user and day narrow the file too
  const mine = parseCsv((await admin.get(`/admin/audit.csv?user=${userIds.admin}&entityType=User`)).text, ',');
  assert.ok(mine.ok);
  const expected = await app.prisma.auditLog.count({ where: { userId: userIds.admin, entityType: 'User' } });
  assert.equal(mine.records.length - 1, expected);
  const none = parseCsv((await admin.get('/admin/audit.csv?from=2000-01-01&to=2000-01-02')).text, ',');
  assert.ok(none.ok);
  assert.equal(none.records.length, 1, 'headers only');

  // the page pages, keeping the filter in the pager
  const page = await admin.get('/admin/audit?action=bulk.probe');
  assert.equal(listed(page.text).length, 25);
  assert.match(page.text, /href="\?action=bulk\.probe&amp;page=2"/);
  const p2 = await admin.get('/admin/audit?action=bulk.probe&page=2');
  assert.equal(listed(p2.text)[0], String(ids[25]));
});

test('officers, commanders and unit accounts get 403 on the viewer and the export; signed out goes to login', async () => {
  for (const who of ['officer', 'commander', 'halong']) {
    const c = await app.as(who);
    assert.equal((await c.get('/admin/audit')).status, 403, who);
    assert.equal((await c.get('/admin/audit.csv')).status, 403, who);
    assert.doesNotMatch((await c.get('/')).text, /href="\/admin\/audit"/, `${who} has no menu link`);
  }
  assert.equal((await app.client().get('/admin/audit.csv')).status, 303);
});

test('a long trail is counted only up to COUNT_AHEAD rows past the page ("more than"), and exactly where it ends', async () => {
  const exact = await app.prisma.auditLog.count();
  const first = await admin.get('/admin/audit');
  assert.match(first.text, new RegExp(`Số bản ghi: ${exact}<`), 'a short trail shows its exact count');
  assert.doesNotMatch(first.text, /hơn/);

  // a trail longer than the cap: COUNT_AHEAD + 100 rows of one action
  await app.prisma.$executeRaw`
    INSERT INTO "AuditLog" ("userId", "action", "entityType", "entityId")
    SELECT ${userIds.admin}, 'filler.probe', 'Filler', g::text FROM generate_series(1, ${COUNT_AHEAD + 100}) g`;
  const total = exact + COUNT_AHEAD + 100;
  const page1 = await admin.get('/admin/audit');
  assert.equal(page1.status, 200);
  const shown = 25 + COUNT_AHEAD;
  assert.match(page1.text, new RegExp(`Số bản ghi: hơn ${shown}<`));
  assert.match(page1.text, new RegExp(`Trang 1 · hơn ${shown} mục`));
  assert.match(page1.text, /href="\?page=2" rel="next"/);
  assert.match(page1.text, /<option value="filler\.probe"/, 'the filter lists the new action');
  assert.match(page1.text, /<option value="Filler"/, 'and the new entity type');

  // far enough that the rest of the trail is under the cap: the exact count and the last page again
  const deep = Math.floor(COUNT_AHEAD / 25);
  const far = await admin.get(`/admin/audit?page=${deep}`);
  assert.match(far.text, new RegExp(`Số bản ghi: ${total}<`));
  const pages = Math.ceil(total / 25);
  assert.match(far.text, new RegExp(`Trang ${deep}/${pages} · ${total} mục`));

  // a filter narrow enough is counted exactly
  const users = await admin.get('/admin/audit?entityType=User');
  const n = await app.prisma.auditLog.count({ where: { entityType: 'User' } });
  assert.match(users.text, new RegExp(`Số bản ghi: ${n}<`));
});

test('a grid save is one record listing every cell it changed: its first cells in the list, all on its own page, in the CSV, and in a score’s trail', async () => {
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  const period = await app.prisma.period.findFirstOrThrow({ where: { campaignId: campaign.id, seq: 2 } });
  const criteria = await app.prisma.criterion.findMany({ where: { campaignId: campaign.id }, orderBy: { order: 'asc' } });
  const units = (await app.prisma.campaignUnit.findMany({ where: { campaignId: campaign.id }, include: { unit: true }, orderBy: { unitId: 'asc' } })).map((x) => x.unit);
  const officer = await app.as('officer');
  const url = `/campaigns/${campaign.id}/periods/${period.id}/scores`;
  const form = formFields((await officer.get(url)).text);
  for (const u of units) for (const c of criteria) form[`p_${u.id}_${c.id}`] = c.kind === 'NORMAL' ? String(Number(c.maxPoints) - 1) : '0';
  assert.equal((await officer.post(url, form)).status, 303);
  // then 12 cells of two units again, one with a comment
  const [a, b] = units;
  const normal = criteria.filter((c) => c.kind === 'NORMAL');
  const again = formFields((await officer.get(url)).text);
  const changed = [...normal.slice(0, 6).map((c) => [a, c] as const), ...normal.slice(0, 6).map((c) => [b, c] as const)];
  for (const [u, c] of changed) again[`p_${u.id}_${c.id}`] = String(Number(c.maxPoints) - 0.5);
  again[`c_${a.id}_${normal[0].id}`] = 'Đã phúc tra';
  again.reason = 'Phúc tra tháng 2';
  assert.equal((await officer.post(url, again)).status, 303);
  const [created, updated] = await app.prisma.auditLog.findMany({ where: { action: { in: ['scores.create', 'scores.update'] } }, orderBy: { id: 'asc' } });
  assert.deepEqual([created.action, updated.action], ['scores.create', 'scores.update']);

  // the list: the record, its period, its first cells as "unit · criterion: before → after", and a link to the rest
  const list = await admin.get('/admin/audit?action=scores.update');
  assert.deepEqual(listed(list.text), [String(updated.id)]);
  const row = rowOf(list.text, String(updated.id));
  assert.match(row, new RegExp(`Period #${period.id}`));
  assert.equal([...row.matchAll(/<li>/g)].length, CHANGES_SHOWN);
  const name = (u: typeof a) => u.shortName || u.name;
  const first = normal[0];
  assert.match(row, new RegExp(`<a href="/admin/audit/${updated.id}">…và ${12 - CHANGES_SHOWN} thay đổi khác: xem đủ 12</a>`));
  assert.match(row, /Phúc tra tháng 2/);

  // its own page: all twelve
  const page = await admin.get(`/admin/audit/${updated.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`Bản ghi nhật ký #${updated.id}`));
  const keys = [...page.text.matchAll(/<li><code>([^<]+)<\/code>/g)].map((m) => m[1]);
  assert.deepEqual(keys.sort(), changed.map(([u, c]) => `${name(u)} · ${c.code}`).sort());
  const withComment = `<li><code>${name(a)} · ${first.code}</code>: <del>${Number(first.maxPoints) - 1}</del> <span aria-hidden="true">→</span><span class="sr-only">thành</span> <ins>${Number(first.maxPoints) - 0.5} · “Đã phúc tra”</ins></li>`;
  assert.ok(page.text.includes(withComment), 'points and comment, before and after');
  await admin.post('/lang', { locale: 'en', next: '/' });
  assert.match((await admin.get(`/admin/audit/${updated.id}`)).text, /Audit record #\d+[\s\S]*12 changes recorded\./);
  await admin.post('/lang', { locale: 'vi', next: '/' });

  // the CSV: one line for the save, every cell in its changes
  const csv = parseCsv((await admin.get('/admin/audit.csv?action=scores.update')).text.replace(/^\uFEFF/, ''), ',');
  assert.ok(csv.ok);
  const [head, line] = csv.records.map((r) => r.fields);
  assert.equal(csv.records.length, 2);
  const changes = line[head.indexOf('changes')].split('; ');
  assert.equal(changes.length, 12);
  assert.ok(changes.includes(`${name(a)} · ${first.code}: ${Number(first.maxPoints) - 1} → ${Number(first.maxPoints) - 0.5} · “Đã phúc tra”`), changes.join('\n'));

  // one score's trail: the saves that list it, newest first
  const score = (u: typeof a, c: typeof first) => app.prisma.score.findFirstOrThrow({ where: { periodId: period.id, unitId: u.id, criterionId: c.id } });
  const trail = async (id: number) => listed((await admin.get(`/admin/audit?entityType=Score&entityId=${id}`)).text);
  assert.deepEqual(await trail((await score(b, normal[5])).id), [String(updated.id), String(created.id)]);
  assert.deepEqual(await trail((await score(b, normal[6])).id), [String(created.id)], 'a cell the second save left alone');
  assert.deepEqual(await trail(2147483647), [], 'no such score');

  // bad ids are 404; only admins read a record
  for (const bad of ['0', 'abc', '99999999999', '1e3', '123456789012345678901']) assert.equal((await admin.get(`/admin/audit/${bad}`)).status, 404, bad);
  assert.equal((await officer.get(`/admin/audit/${updated.id}`)).status, 403);
});

test('the trail is append-only: the database refuses to change or delete a record, and lets only a deleted user’s link go', async () => {
  const officer = await app.prisma.user.findUniqueOrThrow({ where: { username: 'officer' } });
  const record = await app.prisma.auditLog.create({ data: { userId: officer.id, action: 'probe.append', entityType: 'Probe', entityId: '1', after: { x: 1 } } });
  const where = { where: { id: record.id } };
  for (const data of [{ action: 'probe.changed' }, { after: { x: 2 } }, { reason: 'sửa lại' }, { userId: null, reason: 'kèm sửa' }, { at: new Date('2000-01-01') }]) {
    await assert.rejects(app.prisma.auditLog.update({ ...where, data }), /append-only/, JSON.stringify(data));
  }
  await assert.rejects(app.prisma.auditLog.delete(where), /append-only/);
  await assert.rejects(app.prisma.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE "id" = $1`, record.id), /append-only/);
  const still = await app.prisma.auditLog.findUniqueOrThrow(where);
  assert.deepEqual([still.action, still.after, still.reason, still.userId], ['probe.append', { x: 1 }, null, officer.id]);
  // what deleting the user account does through the foreign key (ON DELETE SET NULL)
  await app.prisma.auditLog.update({ ...where, data: { userId: null } });
  assert.equal((await app.prisma.auditLog.findUniqueOrThrow(where)).userId, null);
});

test('the list reads what it shows of a record once: a second view reads no record’s values, a new record is read on the next', async () => {
  const view = async (path: string) => {
    const { value: res, sql } = await recorder.during(() => admin.get(path));
    assert.equal(res.status, 200, path);
    return { html: res.text, reads: sql.filter((q) => q.includes('jsonb_path_query_array')).length };
  };
  const first = await view('/admin/audit');
  const again = await view('/admin/audit');
  assert.equal(again.reads, 0, 'the second view reads none');
  assert.equal(again.html.replace(/name="_csrf" value="[^"]+"/g, ''), first.html.replace(/name="_csrf" value="[^"]+"/g, ''), 'and shows the same');
  // a new record on top: read (once), and shown with its values
  await admin.get('/admin/users/new');
  assert.equal((await admin.post('/admin/users', { username: 'audit.kept', fullName: 'Thiếu úy Lê Văn Giữ', role: 'OFFICER', unitId: '', password: 'MotHaiBa@2026' })).status, 303);
  const newest = await app.prisma.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } });
  const next = await view('/admin/audit');
  assert.equal(next.reads, 1);
  assert.equal(listed(next.html)[0], String(newest.id));
  assert.match(rowOf(next.html, String(newest.id)), /<ins>audit.kept<\/ins>/);
  assert.equal((await view('/admin/audit')).reads, 0);
});
