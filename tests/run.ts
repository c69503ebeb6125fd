// npm test: prepare one migrated, demo-seeded template database, then run every test file with
// node's test runner. With TEST_DATABASE_URL it uses that PostgreSQL server; otherwise embedded PGlite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../src/generated/prisma/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { createPgAdapter } from '../src/db/pg.ts';
import { seedDemo } from '../src/demo/seed.ts';
import crypto from 'node:crypto';
import { DEMO_PASSWORD, TEST_PGLITE_PARAMS, runId, serverUrlFor, templateName } from './helpers/db.ts';
import { compileTests, compiledTwin } from './helpers/compile-tests.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

function listTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

// TEST_SUITES picks folders of tests/ (default: all). TEST_E2E=0 leaves out the browser tests.
// CI runs the browser and security tests once, in the PostgreSQL pass: they exercise HTTP, not the database.
const ALL_SUITES = ['unit', 'integration', 'reliability', 'security', 'e2e'];
const suites = (process.env.TEST_SUITES ? process.env.TEST_SUITES.split(',') : ALL_SUITES).filter((s) => !(s === 'e2e' && process.env.TEST_E2E === '0'));
if (suites.length < ALL_SUITES.length) process.stdout.write(`suites: ${suites.join(', ')} (left out: ${ALL_SUITES.filter((s) => !suites.includes(s)).join(', ')})\n`);
// The folders whose files take longest start first, so that the short unit files fill the end rather than one long
// reliability file running alone after everything else (node --test starts files in the order given).
const LONGEST_FIRST = ['reliability', 'security', 'e2e', 'integration', 'unit'];
// The few files that take minutes alone start before everything else (the Prisma CLI file runs its commands one
// after another for about four minutes: started late, it ran alone at the end of the embedded pass).
const SLOWEST = ['integration/prisma-bridge.test.ts', 'integration/production.test.ts', 'reliability/backup.test.ts'];
const slowRank = (f: string) => {
  const i = SLOWEST.findIndex((s) => f.endsWith(path.join(...s.split('/'))));
  return i < 0 ? SLOWEST.length : i;
};
const sources = args.length
  ? args.map((a) => path.resolve(a))
  : [...suites]
      .sort((a, b) => LONGEST_FIRST.indexOf(a) - LONGEST_FIRST.indexOf(b))
      .flatMap((d) => listTests(path.join(root, 'tests', d)))
      .map((f, i) => ({ f, i }))
      .sort((a, b) => slowRank(a.f) - slowRank(b.f) || a.i - b.i)
      .map(({ f }) => f);
// The test files and the app run compiled (TEST_TSX=1: from the sources through tsx): a TypeScript loader costs about
// a CPU-second in each of the hundred-odd processes a run starts (tests/helpers/compile-tests.ts).
const compiled = process.env.TEST_TSX !== '1';
process.env.THIDUA_TEST_RUN = crypto.randomBytes(4).toString('hex');
const buildDir = path.join(root, `.build-${process.env.THIDUA_TEST_RUN}`);
const files = compiled ? sources.map((f) => compiledTwin(buildDir, root, f)) : sources;
const removeBuild = compiled ? compileTests(root, buildDir) : () => {};
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' };

/**
 * The folder every test process writes its files under (its TMPDIR): the embedded template and each file's copy of
 * it, the data folders, backups, PostgreSQL clusters and Prisma projects the tests make, Chromium's profiles. In
 * memory (/dev/shm) when the machine has one with room, as CI's machines do; else the system's temporary folder.
 * On this 2-core machine's ext4 disk, copying the 43 MB template cost 1.5 CPU-s of kernel time against 0.13 in
 * memory; eight integration files on the embedded default, four runs each way, used 18.6–23.9 CPU-s of kernel time
 * on the disk and 8.2–10.1 in memory (bench/notes/ci.md). TEST_TMPDIR names another folder.
 */
function scratchRoot(): string {
  if (process.env.TEST_TMPDIR) return process.env.TEST_TMPDIR;
  try {
    const shm = fs.statfsSync('/dev/shm');
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    if (shm.bavail * shm.bsize >= 1024 ** 3) return '/dev/shm';
  } catch {
    // no /dev/shm (not Linux), or not writable: the disk
  }
  return os.tmpdir();
}
const scratch = fs.mkdtempSync(path.join(scratchRoot(), 'thidua-test-'));
// open to be walked through, as /tmp is: a test's private PostgreSQL cluster runs as the postgres user inside it
fs.chmodSync(scratch, 0o755);
env.TMPDIR = scratch;
// interrupted (Ctrl-C), the run still gives the memory back and removes the compiled tests; the test processes get
// the signal too
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    fs.rmSync(scratch, { recursive: true, force: true });
    removeBuild();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
// each test process records its CPU seconds here at exit (tests/helpers/cpu-meter.mjs), for the timing report
const cpuLog = process.env.TEST_CPU ?? path.join(os.tmpdir(), `thidua-test-cpu-${process.env.THIDUA_TEST_RUN}.jsonl`);
env.TEST_CPU = cpuLog;
let cleanup = async () => {};
const started = Date.now();

if (process.env.TEST_DATABASE_URL) {
  const base = process.env.TEST_DATABASE_URL;
  const tpl = templateName(base);
  const admin = new pg.Client({ connectionString: serverUrlFor(base, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${tpl}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${tpl}"`);
  const adapter = createPgAdapter(serverUrlFor(base, tpl));
  await applyMigrations(adapter);
  const prisma = new PrismaClient({ adapter });
  await seedDemo(prisma, DEMO_PASSWORD);
  await prisma.$disconnect();
  process.stdout.write(`test database: PostgreSQL template "${tpl}" ready in ${Date.now() - started} ms\n`);
  cleanup = async () => {
    // drop clones left behind by crashed test files, then the template
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`thidua_t_${runId()}_%`]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS "${tpl}" WITH (FORCE)`);
    await admin.end();
  };
} else {
  // The template is a PGlite data folder in the run's scratch folder: each test file copies it (cp: 0.1 CPU-s in
  // memory, 1.5 on this machine's disk) and opens the copy in place. Loading a tarball of it into memory instead
  // (dumpDataDir/loadDataDir) cost each file about 3 CPU-seconds more: untarring 45 MB through a Blob stream.
  const template = path.join(scratch, 'template');
  const pglite = await PGlite.create(template, { startParams: [...PGlite.defaultStartParams, ...TEST_PGLITE_PARAMS] });
  const factory = new PrismaPGlite(pglite);
  await applyMigrations(factory);
  const prisma = new PrismaClient({ adapter: factory });
  await seedDemo(prisma, DEMO_PASSWORD);
  await prisma.$disconnect();
  // a checkpoint first, so that each test file's copy starts without replaying the migrations' and seed's WAL
  await pglite.query('CHECKPOINT');
  await pglite.close();
  env.THIDUA_TEST_TEMPLATE_DIR = template;
  process.stdout.write(`test database: embedded PGlite template folder ready in ${Date.now() - started} ms (in ${scratch})\n`);
}

// Test files spend most of their time waiting on HTTP and the database, so run twice as many as there are cores.
const concurrency = process.env.TEST_CONCURRENCY ?? String(Math.max(2, Math.min(6, 2 * os.availableParallelism())));
const e2eConcurrency = process.env.TEST_E2E_CONCURRENCY ?? '2';
// --liftoff-only: each test file's process compiles WebAssembly (PGlite's PostgreSQL, Prisma's query compiler, undici's
// HTTP parser) with V8's baseline compiler only. A test process lives seconds, not long enough to earn back the
// optimizing compiler's work on the functions it finds hot: on twelve integration files run one at a time, their
// processes took 133–138 CPU-s on the embedded database and 94–96 with the flag, 65–68 and 47 on PostgreSQL, with
// the same results. The app keeps V8's default: a server runs for weeks.
const testArgs = (list: string[], parallel: string) => ['--liftoff-only', ...(compiled ? [] : ['--import', 'tsx']), '--import', './tests/helpers/cpu-meter.mjs', '--test', `--test-concurrency=${parallel}`, '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=./tests/helpers/timing-reporter.mjs', '--test-reporter-destination=stdout', ...list];
/** Run `list` with node's test runner; its output streams live, or is held and returned when `hold`. */
function runTests(list: string[], parallel: string, hold = false): Promise<{ status: number; output: string }> {
  if (list.length === 0) return Promise.resolve({ status: 0, output: '' });
  const child = spawn(process.execPath, testArgs(list, parallel), { cwd: root, env, stdio: ['ignore', hold ? 'pipe' : 'inherit', 'inherit'] });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ status: code ?? 1, output })));
}
// Browser tests drive one Chromium each, two files at a time. They run after the others, or, with
// TEST_E2E_ALONGSIDE=1 (CI, where the machine is otherwise idle at the end of a pass), at the same time, their
// output printed when the others are done. Alongside, the security files (HTTP only, about 90 s one at a time in
// CI) run in the browser stream too, so that the two streams end together: in a CI run on an idle machine the
// browser files took 724 s and the others 866 s.
const inSuite = (f: string, suite: string) => f.includes(`${path.sep}${suite}${path.sep}`);
const alongside = process.env.TEST_E2E_ALONGSIDE === '1';
const inBrowserStream = (f: string) => inSuite(f, 'e2e') || (alongside && inSuite(f, 'security'));
const [others, browser] = [files.filter((f) => !inBrowserStream(f)), files.filter(inBrowserStream)];
let status: number;
if (alongside) {
  const held = runTests(browser, e2eConcurrency, true);
  const first = await runTests(others, concurrency);
  const second = await held;
  process.stdout.write(second.output);
  status = Math.max(first.status, second.status);
} else {
  status = Math.max((await runTests(others, concurrency)).status, (await runTests(browser, e2eConcurrency)).status);
}
await cleanup();
removeBuild();
// with the template, the copies and whatever a crashed test file left behind
fs.rmSync(scratch, { recursive: true, force: true });
if (!process.env.TEST_CPU) fs.rmSync(cpuLog, { force: true });
process.exit(status);
