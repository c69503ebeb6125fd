// The reference command dashboard (or another page) under load, alone: the compiled app on the reference database,
// N connections for D seconds, with the app's statements counted per request. For profiling the fixed cost of a
// kept page: BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" node --import tsx bench/ref-profile.ts [dashboard|my-unit|ranking] [seconds]
import pg from 'pg';
import { DEFAULT_DEMO_PASSWORD } from '../src/demo/data.ts';
import { cpuMs, startApp, login } from './http.ts';
import { measure } from './load.ts';
import { REFERENCE_NAME } from './datasets.ts';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/thidua_bench';
const page = process.argv[2] ?? 'dashboard';
const seconds = Number(process.argv[3] ?? 5);
const c = new pg.Client({ connectionString: url });
await c.connect();
const id = (await c.query<{ id: number }>(`SELECT id FROM "Campaign" WHERE name = $1`, [REFERENCE_NAME])).rows[0].id;

await c.end();
process.env.BENCH_COMPILED = '1';
const app = await startApp(url);
try {
  const who = await login(app.base, page === 'my-unit' ? 'hcqs' : 'commander', DEFAULT_DEMO_PASSWORD);
  const scenario = { name: page, url: `${app.base}/campaigns/${id}/${page}`, sessions: [who] };
  await measure(scenario, app.pid, { connections: 10, duration: 2, warmup: 0 });
  const cpu0 = cpuMs(app.pid);
  const f = await measure(scenario, app.pid, { connections: 50, duration: seconds, warmup: 0 });
  const cpu = (cpuMs(app.pid) - cpu0) / f.requests;
  console.log(`${page}: ${f.rps.toFixed(0)} req/s, p50 ${f.p50.toFixed(0)} p95 ${f.p95.toFixed(0)}, app CPU ${cpu.toFixed(2)} ms a request (${f.note})`);

} finally {
  await app.stop();
}
