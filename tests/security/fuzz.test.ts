// Fuzzing bad input with fast-check. 1) Every form schema (src/**/schema.ts, *-schema.ts) and parse helper:
// parsing never throws and every error is a translation key that exists. 2) Over HTTP: a real form, read from
// its page, has some fields replaced by random or malformed values (huge numbers, arrays, nested keys,
// missing fields, JSON bodies) and is posted: never a 500 or a stack trace, a 400 shows its field messages,
// and a refused request leaves the tables exactly as they were (row counts and an md5 of every row).
// FUZZ_SEED=<n> replays a run; the seed is printed on failure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import { catalog } from '../../src/i18n/index.ts';
import { parseForm } from '../../src/lib/forms.ts';
import type { FieldErrors } from '../../src/errors.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { checksum, demoIds, encode, mutate, readForm } from './form-kit.ts';
import * as audit from '../../src/audit/schema.ts';
import * as auth from '../../src/auth/schema.ts';
import * as awards from '../../src/awards/schema.ts';
import * as campaigns from '../../src/campaigns/schema.ts';
import * as criteria from '../../src/campaigns/criteria-schema.ts';
import * as titles from '../../src/campaigns/titles-schema.ts';
import * as clusters from '../../src/clusters/schema.ts';
import * as dashboards from '../../src/dashboards/schema.ts';
import * as exemplars from '../../src/exemplars/schema.ts';
import * as pledges from '../../src/pledges/schema.ts';
import * as ranking from '../../src/ranking/schema.ts';
import * as scoring from '../../src/scoring/schema.ts';
import * as units from '../../src/units/schema.ts';
import * as users from '../../src/users/schema.ts';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const runs = (n: number) => ({ seed, numRuns: n, endOnFailure: true });
process.on('exit', (code) => {
  if (code !== 0) process.stderr.write(`fuzz seed: ${seed} (replay with FUZZ_SEED=${seed})\n`);
});

const vi = catalog('vi');
const badKeys = (errors: FieldErrors) => Object.values(errors).map((e) => e.key).filter((k) => !vi.has(k));

// values a browser, a script or an attacker might send
const nasty = fc.constantFrom('', ' ', '-1', '0', '1e308', '-1e308', '99999999999999999999', '2147483648', 'NaN', 'Infinity', '0x1F', '1,5', '٣', '2021-02-30', '9999-99-99', '0000-00-00', '<script>alert(1)</script>', "' OR 1=1--", '__proto__', 'constructor', 'on', 'true', '\u0000', '\u202E', 'x'.repeat(10_000));
const scalar = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), nasty, fc.integer().map(String), fc.double().map(String));
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('0', '1', 'x', '__proto__', 'id', 'content'), scalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, 12, -3.5, 1e300) },
);
const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'version', 'a[b][c]', 'targets[99999][content]', 'item[i1][reason]', '_csrf'));

// ---------------------------------------------------------------------------------- 1. schemas

const MODULES = { audit, auth, awards, campaigns, criteria, titles, clusters, dashboards, exemplars, pledges, ranking, scoring, units, users };
const schemas = Object.entries(MODULES).flatMap(([mod, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter(([, v]) => v instanceof z.ZodType)
    .map(([name, schema]) => ({ name: `${mod}.${name}`, schema: schema as z.ZodType, keys: shapeKeys(schema as z.ZodType) })),
);

function shapeKeys(s: z.ZodType): string[] {
  const shape = (s as unknown as { shape?: Record<string, unknown> }).shape ?? (s as unknown as { def?: { in?: { shape?: Record<string, unknown> } } }).def?.in?.shape;
  return shape ? Object.keys(shape) : [];
}

/** An object with the schema's own keys (some missing) and a few strangers. */
const formFor = (keys: string[]) =>
  fc.tuple(fc.subarray(keys), fc.array(value, { minLength: keys.length, maxLength: keys.length }), fc.dictionary(key, value, { maxKeys: 2 })).map(([picked, vals, extra]) => {
    const o: Record<string, unknown> = { ...extra };
    picked.forEach((k, i) => (o[k] = vals[i]));
    return o;
  });

test('every exported form schema parses any input without throwing, with known translation keys', () => {
  assert.ok(schemas.length >= 30, `found ${schemas.length} schemas`);
  for (const { name, schema, keys } of schemas) {
    fc.assert(
      fc.property(fc.oneof(formFor(keys), value), (input) => {
        const r = parseForm(schema, input);
        if (!r.ok) assert.deepEqual(badKeys(r.errors), [], name);
      }),
      runs(60),
    );
  }
});

test('the hand-written parsers (pledge rows, score cells, self-assessment, audit filter, exemplar rules) never throw', () => {
  const crit = [
    { id: 1, code: 'A1', title: 'A1', kind: 'NORMAL' as const, max: 10, groupId: 1 },
    { id: 2, code: 'P1', title: 'P1', kind: 'PENALTY' as const, max: 5, groupId: 1 },
  ];
  const cellKeys = ['p_7_1', 'v_7_1', 'c_7_1', 'p_7_2', 'v_7_2', 'c_7_2', 's_1', 'sc_1', 's_2', 'note', 'version', 'action', 'reason'];
  const pledgeKeys = ['version', 'targets', 'measures', 'titleIds', 'signatoryName', 'signedDate', 'targets[0][content]'];
  const check = (r: { ok: true } | { ok: false; errors: FieldErrors }, what: string) => {
    if (!r.ok) assert.deepEqual(badKeys(r.errors), [], what);
  };
  fc.assert(
    fc.property(formFor([...cellKeys, ...pledgeKeys, ...audit.FILTER_KEYS, 'subject', 'personId', 'personName', 'kind', 'status']), (body) => {
      check(scoring.parseOfficialCells(body, [7], crit), 'parseOfficialCells');
      check(scoring.parseSelfForm(body, crit), 'parseSelfForm');
      check(pledges.parsePledgeForm(body), 'parsePledgeForm');
      check(audit.parseFilter(body), 'parseFilter');
      assert.deepEqual(badKeys(exemplars.subjectErrors(body)), []);
      exemplars.listFilter(body);
      pledges.rowsOf(body.targets);
    }),
    runs(300),
  );
});

// ---------------------------------------------------------------------------------- 2. over HTTP

let app: TestApp;
let c: number;
let p1: number;
let p2: number;
let hid: number;
let mid: number;
const as: Record<string, Client> = {};

before(async () => {
  app = await startTestApp();
  ({ c, p1, p2, hid, mid } = await demoIds(app));
  for (const u of ['admin', 'officer', 'mongcai', 'halong']) as[u] = await app.as(u);
});
after(() => app.close());

type Route = { name: string; who: string; page: () => string; action: RegExp; tables: string[] };
const ALWAYS = ['AuditLog', 'Notification', 'Attachment'];
const ROUTES: Route[] = [
  { name: 'unit create', who: 'admin', page: () => '/units/new', action: /^\/units$/, tables: ['Unit'] },
  { name: 'unit edit', who: 'admin', page: () => `/units/${hid}/edit`, action: /^\/units\/\d+$/, tables: ['Unit'] },
  { name: 'cluster create', who: 'admin', page: () => '/clusters/new', action: /^\/clusters$/, tables: ['Cluster', 'ClusterMember'] },
  { name: 'campaign create', who: 'admin', page: () => '/campaigns/new', action: /^\/campaigns$/, tables: ['Campaign'] },
  { name: 'campaign details', who: 'admin', page: () => `/campaigns/${c}/edit`, action: /\/edit$/, tables: ['Campaign'] },
  { name: 'criteria', who: 'admin', page: () => `/campaigns/${c}/criteria`, action: /\/criteria$/, tables: ['Criterion', 'CriteriaGroup', 'Campaign'] },
  { name: 'titles', who: 'admin', page: () => `/campaigns/${c}/titles`, action: /\/titles$/, tables: ['CampaignTitle', 'Campaign'] },
  { name: 'pledge edit', who: 'mongcai', page: () => `/campaigns/${c}/pledges/${mid}/edit`, action: /\/edit$/, tables: ['Pledge', 'PledgeTarget', 'PledgeMeasure', 'PledgeTitle', 'PledgeRevision'] },
  { name: 'grid save', who: 'officer', page: () => `/campaigns/${c}/periods/${p1}/scores`, action: /\/scores$/, tables: ['Score', 'Assessment', 'RankingChange'] },
  { name: 'self-assessment', who: 'halong', page: () => `/campaigns/${c}/periods/${p2}/self`, action: /\/self$/, tables: ['Score', 'Assessment'] },
  { name: 'exemplar', who: 'halong', page: () => `/campaigns/${c}/exemplars/new`, action: /\/exemplars$/, tables: ['Exemplar'] },
  { name: 'inspection', who: 'officer', page: () => `/campaigns/${c}/units/${hid}/inspections`, action: /\/inspections$/, tables: ['Inspection'] },
];

/** A change to a real form: replace some fields, drop some, add strangers, send urlencoded or JSON. */
const mutation = fc.record({
  replace: fc.array(fc.tuple(fc.nat(), value), { minLength: 1, maxLength: 4 }),
  drop: fc.array(fc.nat(), { maxLength: 2 }),
  extra: fc.array(fc.tuple(key, value), { maxLength: 2 }),
  json: fc.boolean(),
});

for (const route of ROUTES) {
  test(`fuzzed ${route.name}: never a 500, field messages on a 400, nothing written when refused`, async () => {
    const client = as[route.who];
    const tables = [...route.tables, ...ALWAYS];
    // after a long pause the client's kept-alive socket may have just been closed by the server: open a fresh one
    await client.get('/').catch(() => client.get('/'));
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const page = await client.get(route.page());
        assert.equal(page.status, 200, `GET ${route.page()}`);
        const form = readForm(page.text, route.action);
        const { body, type } = encode(mutate(form.fields, m), m.json, client.csrf);
        const before = await checksum(app, tables);
        const res = await client.request('POST', form.action, body, { 'content-type': type, 'x-csrf-token': client.csrf });
        assert.ok(res.status < 500, `${route.name}: ${res.status} for ${body.slice(0, 300)}`);
        assert.doesNotMatch(res.text, /\n\s+at [\w.<>]+ \(|node_modules\//, 'no stack trace');
        if (res.status === 400) assert.match(res.text, /aria-invalid="true"|class="field-error"|class="flash flash-error[^"]*" role="alert"/, `${route.name}: a 400 without field messages`);
        if (res.status !== 303) assert.deepEqual(await checksum(app, tables), before, `${route.name}: ${res.status} changed the database`);
      }),
      runs(Number(process.env.FUZZ_RUNS ?? 30)),
    );
  });
}

test('fuzzed audit filters and list queries: never a 500', async () => {
  const q = fc.array(fc.tuple(fc.constantFrom(...audit.FILTER_KEYS, 'page', 'q', 'kind', 'status', 'inactive', 'unit', 'period'), scalar), { maxLength: 5 });
  await fc.assert(
    fc.asyncProperty(q, fc.constantFrom('/admin/audit', '/admin/audit.csv', '/units', `/campaigns/${c}/exemplars`, `/campaigns/${c}/dashboard`, `/campaigns/${c}/units/${hid}`, `/campaigns/${c}/pledges`), async (pairs, path) => {
      const res = await as.admin.get(`${path}?${new URLSearchParams(pairs.map(([k, v]) => [k, v.slice(0, 500)])).toString()}`);
      assert.ok(res.status < 500, `${path}: ${res.status}`);
      if (res.status === 400) assert.match(res.text, /aria-invalid="true"|class="field-error"/);
    }),
    runs(60),
  );
});
