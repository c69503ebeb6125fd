// XSS over HTTP: hostile strings saved through the real forms in every text field we can reach, then every
// page (and export) that shows them is read back: nothing raw, the escaped text where it belongs, CSV defused.
// Top-level tests run in order: the first saves everything, the rest read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { demoIds, payload, readForm, shortPayload, submit, unescapedHits, type Fields } from './form-kit.ts';

let app: TestApp;
let c: number; // the demo campaign
let p1: number;
let p2: number;
let hid: number; // Hạ Long
let mid: number; // Móng Cái (its pledge is a draft)
let newCampaign: number;
let exemplarId: number;
const users: Record<string, Client> = {};

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
/** The escaped start of a full payload, as EJS writes it. */
const escaped = (tag: string) => `${tag} &lt;script&gt;alert(1)&lt;/script&gt; &#34;&gt;&lt;img src=x onerror=alert(1)&gt;`;
const escapedShort = (tag: string) => `${tag}&#34;&gt;&lt;svg onload=alert(1)&gt;`;
/** The first field whose name matches, e.g. the first target row's "targets[0][content]". */
function first(fields: Fields, re: RegExp): string {
  const name = fields.find(([k]) => re.test(k))?.[0];
  if (!name) throw new Error(`no field ${re} in the form`);
  return name;
}

type Save = { what: string; as: string; page: () => string; action: RegExp; changes: (f: Fields) => Record<string, string>; files?: { name: string; bytes: Buffer }[]; then?: (location: string | null) => void };

// field → form → the values typed; tags (U1, C1, …) say where each payload came from
const SAVES: Save[] = [
  { what: 'unit name and short name', as: 'admin', page: () => `/units/${hid}/edit`, action: /^\/units\/\d+$/, changes: () => ({ name: payload('=U1', 200), shortName: shortPayload('U2') }) },
  { what: 'cluster name', as: 'admin', page: () => '/clusters/new', action: /^\/clusters$/, changes: () => ({ name: payload('C1', 200), leadUnitId: String(hid), memberIds: String(hid) }) },
  {
    what: 'campaign details', as: 'admin', page: () => '/campaigns/new', action: /^\/campaigns$/,
    changes: () => ({ name: payload('K1', 300), slogan: payload('K2'), movements: payload('K3'), themes: payload('K4'), decisionNo: shortPayload('K5'), issuingAuthority: payload('K6', 300), startDate: '2022-01-01', endDate: '2022-12-31', totalMode: 'SUM' }),
    then: (loc) => { newCampaign = Number(loc?.match(/\/campaigns\/(\d+)/)?.[1]); },
  },
  { what: 'criteria group and criterion titles', as: 'admin', page: () => `/campaigns/${c}/criteria`, action: /\/criteria$/, changes: (f) => {
    const crit = first(f, /\[description\]$/).replace(/\[description\]$/, '');
    const group = first(f, /^g\[\d+\]\[title\]$/);
    return { [group]: payload('R0', 300), [`${crit}[title]`]: payload('R1', 300), [`${crit}[description]`]: payload('R2') };
  } },
  { what: 'title names', as: 'admin', page: () => `/campaigns/${c}/titles`, action: /\/titles$/, changes: (f) => ({ [first(f, /\]\[name\]$/)]: payload('T1', 200) }) },
  { what: 'user full name', as: 'admin', page: () => '/admin/users/new', action: /^\/admin\/users$/, changes: () => ({ username: 'xss.probe', fullName: payload('N1', 200), role: 'OFFICER', unitId: '', password: 'MotHaiBa@2026' }) },
  { what: 'pledge targets, measures, signatory', as: 'mongcai', page: () => `/campaigns/${c}/pledges/${mid}/edit`, action: /\/edit$/, changes: (f) => ({
    [first(f, /^targets\[\d+\]\[content\]$/)]: payload('G1'),
    [first(f, /^targets\[\d+\]\[indicator\]$/)]: payload('G2', 300),
    [first(f, /^targets\[\d+\]\[unitOfMeasure\]$/)]: shortPayload('G3'),
    [first(f, /^measures\[\d+\]\[content\]$/)]: payload('G4'),
    signatoryName: payload('G5', 200), signatoryRank: shortPayload('G6'), signatoryPosition: payload('G7', 200),
  }) },
  { what: 'individual registration', as: 'mongcai', page: () => `/campaigns/${c}/pledges/${mid}/registrations`, action: /\/registrations$/, changes: () => ({ personId: '', fullName: payload('H1', 200), rank: shortPayload('H2'), position: payload('H3', 200), commitment: payload('H4') }) },
  { what: 'inspection notes', as: 'officer', page: () => `/campaigns/${c}/units/${hid}/inspections`, action: /\/inspections$/, changes: () => ({ kind: 'INSPECTION', date: '2021-03-15', inspectors: payload('I1', 300), findings: payload('I2'), periodId: '' }) },
  { what: 'self-assessment comments, note and file name', as: 'halong', page: () => `/campaigns/${c}/periods/${p2}/self`, action: /\/self$/, changes: (f) => {
    const out: Record<string, string> = { [first(f, /^sc_\d+$/)]: payload('J1', 1000), note: payload('J2'), action: 'submit' };
    for (const [k] of f) if (/^s_\d+$/.test(k)) out[k] = '0';
    return out;
  }, files: [{ name: '..\\"><svg onload=alert(1)>J3.png', bytes: PNG }] },
  { what: 'self-assessment return reason', as: 'officer', page: () => `/campaigns/${c}/periods/${p2}/verify/${hid}`, action: /\/return$/, changes: () => ({ returnReason: payload('J4') }) },
  { what: 'score comment and change reason', as: 'officer', page: () => `/campaigns/${c}/periods/${p1}/scores?unit=${hid}`, action: /\/scores(\?unit=\d+)?$/, changes: (f) => ({ [first(f, new RegExp(`^c_${hid}_\\d+$`))]: payload('L1', 1000), reason: payload('=L2', 500) }) },
  {
    what: 'exemplar title, description, evidence, person and photo name', as: 'halong', page: () => `/campaigns/${c}/exemplars/new`, action: /\/exemplars$/,
    changes: () => ({ subject: 'PERSON', personId: '', personName: payload('M1', 200), kind: 'GOOD_DEED', title: payload('M2', 300), description: payload('M3'), evidence: payload('M4'), occurredOn: '' }),
    files: [{ name: '"><img src=x onerror=alert(1)>M5.png', bytes: PNG }],
    then: (loc) => { exemplarId = Number(loc?.match(/\/exemplars\/(\d+)/)?.[1]); },
  },
  { what: 'exemplar published', as: 'commander', page: () => `/exemplars/${exemplarId}`, action: /\/publish$/, changes: () => ({}) },
];

before(async () => {
  app = await startTestApp();
  ({ c, p1, p2, hid, mid } = await demoIds(app));
  for (const u of ['admin', 'officer', 'commander', 'halong', 'mongcai']) users[u] = await app.as(u);
});
after(() => app.close());

test('hostile strings are saved through every form without a server error', async () => {
  for (const s of SAVES) {
    const page = await users[s.as].get(s.page());
    assert.equal(page.status, 200, `${s.what}: GET ${s.page()}`);
    const fields = readForm(page.text, s.action).fields;
    const saved = await submit(users[s.as], s.page(), s.action, s.changes(fields), s.files);
    assert.equal(saved.status, 303, `${s.what}: ${saved.status} ${(saved.text.match(/class="field-error"[^>]*>[^<]*/g) ?? []).join(' | ') || saved.text.slice(0, 400)}`);
    s.then?.(saved.location);
    if (process.env.XSS_DEBUG) console.log(s.what, JSON.stringify(s.changes(fields)).slice(0, 300));
  }
  assert.ok(newCampaign > 0 && exemplarId > 0);
  // the payloads really were stored (minus the NUL byte, which PostgreSQL text cannot hold)
  const comment = await app.prisma.score.findFirst({ where: { periodId: p1, unitId: hid, comment: { startsWith: 'L1 ' } } });
  assert.ok(comment?.comment?.includes('<script>alert(1)</script>'), 'the score comment is stored as typed');
  assert.ok(!comment?.comment?.includes('\u0000'));
  assert.ok(await app.prisma.auditLog.findFirst({ where: { reason: { startsWith: '=L2 ' } } }), 'the change reason is in the audit trail');
});

// page → who reads it → the tags whose escaped text must be on it
const PAGES: [string, () => string, string[], string[]][] = [
  ['admin', () => '/units', ['=U1'], []],
  ['admin', () => `/units/${hid}`, ['=U1'], ['U2']],
  ['admin', () => '/units?q=U1', ['=U1'], []],
  ['admin', () => '/clusters', ['C1'], []],
  ['admin', () => '/campaigns', ['K1'], []],
  ['admin', () => `/campaigns/${newCampaign}`, ['K1', 'K2'], []],
  ['admin', () => `/campaigns/${newCampaign}/edit`, ['K1', 'K2', 'K3', 'K4', 'K6'], ['K5']],
  ['admin', () => `/campaigns/${c}/criteria`, ['R0', 'R1', 'R2'], []],
  ['admin', () => `/campaigns/${c}/titles`, ['T1'], []],
  ['admin', () => '/admin/users', ['N1'], []],
  ['mongcai', () => `/campaigns/${c}/pledges/${mid}`, ['G1', 'G2', 'G4', 'G5', 'G7'], ['G3', 'G6']],
  ['mongcai', () => `/campaigns/${c}/pledges/${mid}/edit`, ['G1', 'G2', 'G4', 'G5', 'G7'], ['G3', 'G6']],
  ['officer', () => `/campaigns/${c}/pledges/${mid}/print`, ['G1', 'G4', 'G5'], []],
  ['mongcai', () => `/campaigns/${c}/pledges/${mid}/registrations`, ['H1', 'H4'], ['H2']],
  ['officer', () => `/campaigns/${c}/pledges`, ['=U1'], []],
  ['officer', () => `/campaigns/${c}/units/${hid}/inspections`, ['I1', 'I2'], []],
  ['officer', () => `/campaigns/${c}/units/${hid}`, ['=U1'], []],
  ['halong', () => `/campaigns/${c}/periods/${p2}/self`, ['J1', 'J2', 'J4', 'R1'], []],
  ['officer', () => `/campaigns/${c}/periods/${p2}/verify/${hid}`, ['J1', 'J2'], []],
  ['officer', () => `/campaigns/${c}/periods/${p2}/status`, ['=U1'], []],
  ['halong', () => '/notifications', [], []],
  ['officer', () => `/campaigns/${c}/periods/${p1}/scores`, ['R1'], []],
  ['officer', () => `/campaigns/${c}/periods/${p1}/scores?unit=${hid}`, ['L1', 'R1'], []],
  ['officer', () => `/campaigns/${c}/scores`, [], []],
  ['commander', () => `/campaigns/${c}/dashboard`, [], []],
  ['halong', () => `/campaigns/${c}/my-unit`, [], []],
  ['commander', () => `/campaigns/${c}/ranking`, ['=U1'], []],
  ['commander', () => `/campaigns/${c}/ranking/${hid}`, [], []],
  ['commander', () => `/campaigns/${c}/report`, ['=U1'], []],
  ['halong', () => `/exemplars/${exemplarId}`, ['M1', 'M2', 'M3', 'M4'], []],
  ['officer', () => `/campaigns/${c}/exemplars`, ['M2'], []],
  ['commander', () => `/campaigns/${c}/honour-board`, ['M2'], []],
  ['commander', () => `/units/${hid}`, ['=U1'], []],
  ['admin', () => '/admin/audit', ['=L2'], []],
  ['admin', () => `/admin/audit?entityType=Unit`, ['=U1'], []],
  ['admin', () => '/', [], []],
  ['halong', () => '/', [], []],
];

test('every page showing the hostile strings escapes them (no raw tag, handler or javascript: link)', async () => {
  const problems: string[] = [];
  for (const [who, url, full, short] of PAGES) {
    const res = await users[who].get(url());
    if (res.status !== 200) {
      problems.push(`${who} ${url()}: status ${res.status}`);
      continue;
    }
    const hits = unescapedHits(res.text);
    if (hits.length) problems.push(`${who} ${url()}: raw markup ${hits.slice(0, 3).join(' ')}`);
    for (const tag of full) if (!res.text.includes(escaped(tag))) problems.push(`${who} ${url()}: escaped ${tag} not found`);
    for (const tag of short) if (!res.text.includes(escapedShort(tag))) problems.push(`${who} ${url()}: escaped ${tag} not found`);
  }
  assert.deepEqual(problems, []);
});

test('the notification of the returned self-assessment shows the reason escaped', async () => {
  const res = await users.halong.get('/notifications');
  assert.equal(res.status, 200);
  assert.deepEqual(unescapedHits(res.text), []);
});

test('the uploaded file names are cleaned and shown escaped', async () => {
  const files = await app.prisma.attachment.findMany({ where: { OR: [{ fileName: { contains: 'J3' } }, { fileName: { contains: 'M5' } }] } });
  assert.equal(files.length, 2);
  for (const f of files) assert.doesNotMatch(f.fileName, /[<>"\\/]/, f.fileName);
  const page = await users.officer.get(`/campaigns/${c}/periods/${p2}/verify/${hid}`);
  assert.match(page.text, /img src=x onerror=alert\(1\)M5|svg onload=alert\(1\)J3/);
  assert.deepEqual(unescapedHits(page.text), []);
});

test('CSV exports defuse formulas: a cell starting with = gets a leading apostrophe', async () => {
  for (const url of [`/campaigns/${c}/ranking.csv`, `/campaigns/${c}/pledges.csv`, `/campaigns/${c}/periods/${p1}/scores.csv`, '/admin/audit.csv']) {
    const res = await users.admin.get(url);
    assert.equal(res.status, 200, url);
    assert.match(res.text, /(^|,)"?'=(U1|L2) /m, `${url}: a defused formula cell`);
    assert.doesNotMatch(res.text, /(^|,)"?=(U1|L2) /m, `${url}: a live formula cell`);
  }
  // the audit trail's reason column, typed by an officer
  assert.match((await users.admin.get('/admin/audit.csv')).text, /,"'=L2 /);
});
