// npm run bench [-- --quick | --duration 10 | --connections 50 | --sessions 10 | --rebuild | --only reference|national|embedded|cost|replica|instances]
// --only instances: the national grid save and end-of-period mix with 1 and 2 app instances behind nginx (bench/instances.ts).
// BENCH_REPLICA_URL (a streaming replica of the bench server): the national read scenarios again, primary alone
// against the app with DATABASE_REPLICA_URL (bench/replica.ts); --only replica runs just that, into results/replica.md.
// Builds the data sets on BENCH_DATABASE_URL, starts the real app and the ceiling app as child processes,
// loads them with autocannon, prints the tables with the targets and writes bench/results/latest.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { buildNational, buildReference, NATIONAL, REFERENCE_NAME, urlFor } from './datasets.ts';
import { getPage, login, ROOT, startApp, startNode, type Session } from './http.ts';
import { measure, measureNewVisitors, type Figures } from './load.ts';
import { gridClients, loadBlocks } from './grid.ts';
import { machine, report, type Fact } from './report.ts';
import { nationalScenarios } from './national.ts';
import { costOf, costTable, type CostRow } from './cost.ts';
import { replicaComparison, replicaTable } from './replica.ts';
import { instancesComparison, instancesTable } from './instances.ts';
import { DEFAULT_DEMO_PASSWORD, FOCAL_UNITS } from '../src/demo/data.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    connections: { type: 'string', default: '50' },
    sessions: { type: 'string', default: '10' },
    rebuild: { type: 'boolean', default: false },
    only: { type: 'string' },
    cost: { type: 'boolean', default: false },
    compiled: { type: 'boolean', default: false },
    // the report's file in bench/results/ (without .md): a run kept beside latest.md, e.g. on another Node
    out: { type: 'string' },
  },
});
if (args.out !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(args.out)) {
  console.error(`--out: a plain file name in bench/results/ (a-z, 0-9, -), not ${args.out}`);
  process.exit(2);
}
const duration = Number(args.duration ?? (args.quick ? 3 : 10));
const load = { connections: Number(args.connections), duration, warmup: Math.min(2, Math.ceil(duration / 3)) };
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/thidua_bench';
const refName = decodeURIComponent(new URL(base).pathname.slice(1)) || 'thidua_bench';
const say = (s: string) => process.stdout.write(s + '\n');
const facts: Fact[] = [];
let ceilingRps = NaN;

async function campaignId(url: string, name: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ id: number }>(`SELECT id FROM "Campaign" WHERE name = $1`, [name]);
  await c.end();
  return rows[0].id;
}

async function sessionsFor(baseUrl: string, usernames: string[]): Promise<Session[]> {
  const out: Session[] = [];
  for (const u of usernames) out.push(await login(baseUrl, u, DEFAULT_DEMO_PASSWORD));
  return out;
}
const times = (name: string, n: number) => Array.from({ length: n }, () => name);

async function reference(): Promise<Figures[]> {
  const built = await buildReference(base, refName);
  say(`reference data set "${refName}" built in ${(built.ms / 1000).toFixed(1)} s`);
  const id = await campaignId(built.url, REFERENCE_NAME);
  const app = await startApp(built.url);
  const rows: Figures[] = [];
  try {
    const n = Number(args.sessions);
    const commanders = await sessionsFor(app.base, times('commander', n));
    const officers = await sessionsFor(app.base, times('officer', n));
    const units = await sessionsFor(app.base, FOCAL_UNITS.map((u) => u.code.toLowerCase()));
    // the ceiling serves the bytes of the command dashboard as the commander sees it
    const page = await getPage(app.base, `/campaigns/${id}/dashboard`, commanders[0]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-')), 'page.html');
    fs.writeFileSync(file, page);
    const ceiling = await startNode('bench/ceiling.ts', { PORT: '0', CEILING_HTML: file, LOG_LEVEL: 'warn' }, /"port":(\d+)/);
    const top = await measure({ name: `ceiling (${(Buffer.byteLength(page) / 1024).toFixed(0)} kB page)`, url: `${ceiling.base}/page` }, ceiling.pid, load);
    await ceiling.stop();
    rows.push(top);
    say(`  ${top.name}: ${top.rps.toFixed(0)} req/s`);
    const pages = [
      { name: 'command dashboard', url: `${app.base}/campaigns/${id}/dashboard`, sessions: commanders },
      { name: 'unit dashboard', url: `${app.base}/campaigns/${id}/my-unit`, sessions: units },
      { name: 'ranking page', url: `${app.base}/campaigns/${id}/ranking`, sessions: commanders },
    ];
    for (const p of pages) {
      const f = await measure(p, app.pid, load);
      f.ratio = f.rps / top.rps;
      rows.push(f);
      say(`  ${f.name}: ${f.rps.toFixed(0)} req/s, p95 ${f.p95.toFixed(0)} ms (${f.note})`);
    }
    const blocks = await loadBlocks(built.url, id, { units: 15, criteria: 20, blocks: 12, periodSeqs: Array.from({ length: 12 }, (_, i) => i + 1) });
    const save = await gridScenario('grid save 15×19 (12 periods)', app, blocks, officers);
    save.ratio = save.rps / top.rps;
    rows.push(save);
    ceilingRps = top.rps;
  } finally {
    await app.stop();
  }
  return rows;
}

/** The embedded default: the app on PGlite (no DATABASE_URL) with the demo data, against the same ceiling. */
async function embedded(): Promise<Figures[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-pglite-'));
  const app = await startApp('', { DATA_DIR: dir, DEMO_DATA: 'true' });
  const rows: Figures[] = [];
  try {
    const commanders = await sessionsFor(app.base, times('commander', Number(args.sessions)));
    const units = await sessionsFor(app.base, FOCAL_UNITS.map((u) => u.code.toLowerCase()));
    const c = new URL(app.base);
    const id = Number((await getPage(app.base, '/campaigns', commanders[0])).match(/\/campaigns\/(\d+)\/dashboard/)?.[1] ?? 1);
    if (!Number.isFinite(ceilingRps)) {
      // run alone (--only embedded): a ceiling of its own, serving this app's command dashboard
      const file = path.join(dir, 'page.html');
      fs.writeFileSync(file, await getPage(app.base, `/campaigns/${id}/dashboard`, commanders[0]));
      const ceiling = await startNode('bench/ceiling.ts', { PORT: '0', CEILING_HTML: file, LOG_LEVEL: 'warn' }, /"port":(\d+)/);
      const top = await measure({ name: 'ceiling (embedded run)', url: `${ceiling.base}/page` }, ceiling.pid, load);
      await ceiling.stop();
      rows.push(top);
      ceilingRps = top.rps;
      say(`  ${top.name}: ${top.rps.toFixed(0)} req/s`);
    }
    const pages = [
      { name: 'embedded (PGlite, demo data): home page', url: `${c.origin}/`, sessions: commanders },
      { name: 'embedded (PGlite, demo data): command dashboard', url: `${app.base}/campaigns/${id}/dashboard`, sessions: commanders },
      { name: 'embedded (PGlite, demo data): unit dashboard', url: `${app.base}/campaigns/${id}/my-unit`, sessions: units },
    ];
    for (const p of pages) {
      const f = await measure(p, app.pid, load);
      f.ratio = f.rps / ceilingRps;
      rows.push(f);
      say(`  ${f.name}: ${f.rps.toFixed(0)} req/s, p95 ${f.p95.toFixed(0)} ms (${f.note})`);
    }
    // PGlite runs queries on the event loop, and Node accepts one new connection per loop iteration: a user who
    // arrives while others keep the app busy waits for the loop (src/db/pglite-turns.ts)
    const visitors = await measureNewVisitors({ ...pages[0], name: `embedded (PGlite, demo data): a new visitor's home page while ${load.connections} connections load it` }, app.pid, load);
    rows.push(visitors);
    say(`  ${visitors.name}: p50 ${visitors.p50.toFixed(0)} ms, p99 ${visitors.p99.toFixed(0)} ms (${visitors.note})`);
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

async function gridScenario(name: string, app: { base: string; pid: number }, blocks: Awaited<ReturnType<typeof loadBlocks>>, officers: Session[]) {
  const g = gridClients(blocks, officers);
  const f = await measure({ name, url: `${app.base}/`, method: 'POST', setupClient: g.setupClient as never, apart: [409] }, app.pid, load);
  say(`  ${f.name}: ${f.rps.toFixed(0)} req/s, p95 ${f.p95.toFixed(0)} ms (${f.note})`);
  for (const x of g.failures) say(`    failed: ${x}`);
  return f;
}

async function national(): Promise<Figures[]> {
  const name = `${refName}_national`;
  const built = await buildNational(base, name, args.rebuild);
  say(`national data set "${name}" ${built.cached ? 'reused' : 'built'} in ${(built.ms / 1000).toFixed(1)} s`);
  const id = await campaignId(built.url, NATIONAL.name);
  const app = await startApp(built.url);
  try {
    const n = Number(args.sessions);
    const sessions = {
      commanders: await sessionsFor(app.base, times('commander', n)),
      officers: await sessionsFor(app.base, times('officer', n)),
      admin: await login(app.base, 'admin', DEFAULT_DEMO_PASSWORD),
    };
    const out = await nationalScenarios({ app, url: built.url, campaignId: id, duration, sessions, say });
    facts.push(...out.facts);
    return out.rows;
  } finally {
    await app.stop();
  }
}

/** Primary alone against the app reading from BENCH_REPLICA_URL, on the national data set. */
async function replica(): Promise<string> {
  const server = process.env.BENCH_REPLICA_URL;
  if (!server) throw new Error('--only replica needs BENCH_REPLICA_URL (a streaming replica of the bench server; bash .ci/replica.sh start makes one)');
  const name = `${refName}_national`;
  const built = await buildNational(base, name, false);
  say(`read replica comparison on "${name}" (${built.cached ? 'reused' : 'built'}), replica ${new URL(server).host}`);
  const id = await campaignId(built.url, NATIONAL.name);
  const n = Number(args.sessions);
  const result = await replicaComparison({
    url: built.url, replicaServer: server, campaignId: id, duration, say,
    sessionsFor: async (b) => ({ commanders: await sessionsFor(b, times('commander', n)), officers: await sessionsFor(b, times('officer', n)) }),
  });
  return `## Read replica (national data set, ${duration} s per scenario, 10 connections)\n\n${replicaTable(result)}`;
}

/** The national grid save and end-of-period mix through nginx with 1 app instance, then 2 (bench/instances.ts). */
async function instances(): Promise<string> {
  const name = `${refName}_national`;
  const built = await buildNational(base, name, false);
  say(`app instances comparison on "${name}" (${built.cached ? 'reused' : 'built'})`);
  const n = Number(args.sessions);
  const result = await instancesComparison({
    url: built.url, campaignId: await campaignId(built.url, NATIONAL.name), duration, say,
    sessionsFor: async (b) => ({ commanders: await sessionsFor(b, times('commander', n)), officers: await sessionsFor(b, times('officer', n)) }),
  });
  return `## One app instance against two, behind nginx (national data set, ${duration} s per scenario, 10 connections)\n\n${instancesTable(result)}`;
}

if (args.compiled) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
  process.env.BENCH_COMPILED = '1';
}
const info = machine();
info.summary += args.compiled ? '; app: compiled dist/server.js' : '; app: src/server.ts through tsx';
// the comparisons run alone, each into its own file
const alone = { replica: { what: 'read replica', run: replica }, instances: { what: 'app instances', run: instances } };
if (args.only === 'replica' || args.only === 'instances') {
  const { what, run } = alone[args.only];
  const text = `# thidua bench — ${what} — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\nMachine: ${info.summary}.\n\n${await run()}`;
  say('\n' + text);
  const file = path.join(ROOT, 'bench', 'results', `${args.only}.md`);
  fs.writeFileSync(file, text + '\n');
  say(`written to ${path.relative(ROOT, file)}`);
  process.exit(0);
}

say(`thidua bench · ${load.connections} connections · ${duration} s per scenario · ${info.summary}`);
// --only cost: the data sets and the cost table, no load scenarios
const costOnly = args.only === 'cost';
if (costOnly) {
  args.cost = true;
  say(`reference data set built in ${((await buildReference(base, refName)).ms / 1000).toFixed(1)} s`);
  const n = await buildNational(base, `${refName}_national`, args.rebuild);
  say(`national data set ${n.cached ? 'reused' : 'built'} in ${(n.ms / 1000).toFixed(1)} s`);
}
const ref = args.only === 'national' || costOnly ? [] : args.only === 'embedded' ? await embedded() : [...(await reference()), ...(await embedded())];
const skipNational = args.only === 'reference' || args.only === 'embedded' || costOnly;
const nat = skipNational ? [] : await national();
let text = report(ref, nat, { ...load, info, facts });
if (process.env.BENCH_REPLICA_URL && !skipNational) text += `\n\n${await replica()}`;
if (args.cost) {
  // the reference database of this (or an earlier) run, a 500-unit copy of the synthetic campaign, and the national one
  const mid = await buildNational(base, `${refName}_500`, false, 500);
  say(`500-unit data set ${mid.cached ? 'reused' : 'built'} in ${(mid.ms / 1000).toFixed(1)} s`);
  const rows: CostRow[] = [
    ...(await costOf(urlFor(base, refName), REFERENCE_NAME)),
    ...(await costOf(mid.url, NATIONAL.name)),
    ...(await costOf(urlFor(base, `${refName}_national`), NATIONAL.name)),
  ];
  text += `\n\n## Cost as the work grows (one request at a time, warm, median of 3; statements counted in the app's Prisma client)\n\n${costTable(rows)}`;
}
say('\n' + text);
const out = path.join(ROOT, 'bench', 'results', `${args.out ?? (costOnly ? 'cost' : 'latest')}.md`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, text + '\n');
say(`written to ${path.relative(ROOT, out)}`);
