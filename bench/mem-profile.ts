// What the app's resident memory is made of on the national data set, phase by phase, with a fixed number of
// requests in flight (so the figures do not depend on how loaded the machine is):
//   BENCH_COMPILED=1 [BENCH_NODE_ARGS=…] [MEM_ENV="MALLOC_ARENA_MAX=2 …"] node --import tsx bench/mem-profile.ts [inflight]
// After each phase: VmRSS now, VmHWM (peak of the phase), the anonymous part of the RSS, and the app's own
// process.memoryUsage() at its peak RSS (heap, external, array buffers) from bench/mem-probe.mjs, which this
// script preloads into the app. BENCH_DATABASE_URL as for the bench; the national database must exist.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { getPage, login, peakRssMb, resetPeakRss, startApp, ROOT, cpuMs } from './http.ts';
import { NATIONAL, urlFor } from './datasets.ts';
import { DEFAULT_DEMO_PASSWORD } from '../src/demo/data.ts';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/thidua_bench';
const refName = decodeURIComponent(new URL(base).pathname.slice(1)) || 'thidua_bench';
const url = urlFor(base, `${refName}_national`);
const inflight = Number(process.argv[2] ?? 10);
const extraEnv = Object.fromEntries((process.env.MEM_ENV ?? '').split(' ').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
process.env.BENCH_NODE_ARGS = `--import ${path.join(ROOT, 'bench', 'mem-probe.mjs')} ${process.env.BENCH_NODE_ARGS ?? ''}`;

const c = new pg.Client({ connectionString: url });
await c.connect();
const id = (await c.query<{ id: number }>(`SELECT id FROM "Campaign" WHERE name = $1`, [NATIONAL.name])).rows[0].id;
const lastPeriod = (await c.query<{ id: number }>(`SELECT id FROM "Period" WHERE "campaignId" = $1 ORDER BY seq DESC LIMIT 1`, [id])).rows[0].id;
const unit = (await c.query<{ id: number }>(`SELECT "unitId" AS id FROM "CampaignUnit" WHERE "campaignId" = $1 ORDER BY "unitId" DESC LIMIT 1`, [id])).rows[0].id;
await c.end();

const app = await startApp(url, extraEnv);
const status = () => fs.readFileSync(`/proc/${app.pid}/status`, 'utf8');
const kb = (s: string, k: string) => Number(s.match(new RegExp(`${k}:\\s+(\\d+) kB`))?.[1] ?? NaN) / 1024;
const probe = () => {
  process.kill(app.pid, 'SIGUSR2');
  return new Promise<Record<string, number>>((r) => setTimeout(() => r(JSON.parse(fs.readFileSync(`/tmp/thidua-mem-${app.pid}.json`, 'utf8'))), 300));
};
const rows: string[] = [];
async function phase(name: string, f: () => Promise<unknown>) {
  resetPeakRss(app.pid);
  await probe(); // resets the probe's peak too
  const c0 = cpuMs(app.pid), t0 = performance.now();
  await f();
  const wall = performance.now() - t0, cpu = cpuMs(app.pid) - c0;
  const p = await probe();
  const s = status();
  const line = `| ${name} | ${kb(s, 'VmRSS').toFixed(0)} | ${peakRssMb(app.pid).toFixed(0)} | ${kb(s, 'RssAnon').toFixed(0)} | ${p.rss} | ${p.heapTotal} | ${p.heapUsed} | ${p.new_space}/${p.old_space}/${p.code_space}/${p.large_object_space} | ${p.external} | ${p.arrayBuffers} | ${wall.toFixed(0)} | ${cpu} |`;
  rows.push(line);
  process.stdout.write(line + '\n');
}
const fire = (path: string, s: { cookie: string; csrf: string }, n = inflight) => Promise.all(Array.from({ length: n }, () => getPage(app.base, path, s)));
try {
  process.stdout.write(`| phase (${inflight} in flight) | RSS now | peak RSS | anon now | RSS at peak* | heap total* | heap used* | new/old/code/large* | external* | array buffers* | wall ms | app CPU ms |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n`);
  await phase('idle after start', () => new Promise((r) => setTimeout(r, 1000)));
  let commander!: Awaited<ReturnType<typeof login>>, officer!: typeof commander;
  await phase('sign in (3 users)', async () => {
    commander = await login(app.base, 'commander', DEFAULT_DEMO_PASSWORD);
    officer = await login(app.base, 'officer', DEFAULT_DEMO_PASSWORD);
    await login(app.base, 'admin', DEFAULT_DEMO_PASSWORD);
  });
  await phase('cold ranking page', () => getPage(app.base, `/campaigns/${id}/ranking`, commander));
  const pages: [string, string, typeof commander][] = [
    ['ranking page', `/campaigns/${id}/ranking`, commander],
    ['command dashboard', `/campaigns/${id}/dashboard`, commander],
    ['a unit dashboard', `/campaigns/${id}/units/${unit}`, commander],
    ["officer's grid", `/campaigns/${id}/periods/${lastPeriod}/scores`, officer],
    ['pledge list', `/campaigns/${id}/pledges`, commander],
    ['ranking.csv', `/campaigns/${id}/ranking.csv`, commander],
    ['ranking.xlsx', `/campaigns/${id}/ranking.xlsx`, commander],
  ];
  for (const [name, p, s] of pages) await phase(`${name} ×${inflight}`, () => fire(p, s));
  await phase('idle 3 s after', () => new Promise((r) => setTimeout(r, 3000)));
} finally {
  await app.stop();
}
process.stdout.write(`\n* from process.memoryUsage() inside the app, at the highest RSS it sampled (every 50 ms) in the phase (MB)\n`);
