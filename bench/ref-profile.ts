// The reference command dashboard (or another page) under load, alone: the compiled app on the reference database,
// N connections for D seconds, with the app's statements counted per request. For profiling the fixed cost of a
// kept page: BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" node --import tsx bench/ref-profile.ts [dashboard|my-unit|ranking] [seconds]
// `ceiling` measures bench/ceiling.ts serving the command dashboard's bytes the same way (BENCH_NODE_ARGS apply to it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_DEMO_PASSWORD } from '../src/demo/data.ts';
import { cpuMs, getPage, startApp, startNode, login } from './http.ts';
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
  const who = await login(app.base, page === 'my-unit' ? 'halong' : 'commander', DEFAULT_DEMO_PASSWORD);
  let server = app;
  let scenario = { name: page, url: `${app.base}/campaigns/${id}/${page}`, sessions: [who] };
  if (page === 'ceiling') {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-ceiling-')), 'page.html');
    fs.writeFileSync(file, await getPage(app.base, `/campaigns/${id}/dashboard`, who));
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    server = await startNode('bench/ceiling.ts', { PORT: '0', CEILING_HTML: file, LOG_LEVEL: 'warn' }, /"port":(\d+)/, nodeArgs);
    scenario = { name: page, url: `${server.base}/page`, sessions: [] };
  }
  try {
    await measure(scenario, server.pid, { connections: 10, duration: 2, warmup: 0 });
    const cpu0 = cpuMs(server.pid);
    const f = await measure(scenario, server.pid, { connections: 50, duration: seconds, warmup: 0 });
    const cpu = (cpuMs(server.pid) - cpu0) / f.requests;
    console.log(`${page}: ${f.rps.toFixed(0)} req/s, p50 ${f.p50.toFixed(0)} p95 ${f.p95.toFixed(0)}, CPU ${cpu.toFixed(2)} ms a request (${f.note})`);
  } finally {
    if (server !== app) await server.stop();
  }

} finally {
  await app.stop();
}
