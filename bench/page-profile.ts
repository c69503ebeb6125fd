// One page of the national data set, in process, timed over N requests (issue 12): the app runs here like in
// bench/cost.ts, so `node --cpu-prof --import tsx bench/page-profile.ts grid 30` profiles the rendering alone.
//   node --import tsx bench/page-profile.ts grid|pledges|dashboard|ranking [requests] [--after-save]
// (BENCH_DATABASE_URL as for the bench); --after-save changes one verified score through SQL before each request,
// as an officer's save would, so the page is rendered again after its ranking catches up.
import pg from 'pg';
import { DEFAULT_DEMO_PASSWORD } from '../src/demo/data.ts';
import { startInProcess } from './in-process.ts';
import { login } from './http.ts';
import { NATIONAL, urlFor } from './datasets.ts';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/thidua_bench';
const refName = decodeURIComponent(new URL(base).pathname.slice(1)) || 'thidua_bench';
const url = urlFor(base, `${refName}_national`);
const which = process.argv[2] ?? 'grid';
const n = Number(process.argv.slice(3).find((a) => /^\d+$/.test(a)) ?? 20);
const afterSave = process.argv.includes('--after-save');

let statements = 0;
const { site: site, server, database } = await startInProcess(url, () => void statements++);
const c = new pg.Client({ connectionString: url });
await c.connect();
const id = (await c.query<{ id: number }>(`SELECT id FROM "Campaign" WHERE name = $1`, [NATIONAL.name])).rows[0].id;
const period = (await c.query<{ id: number }>(`SELECT id FROM "Period" WHERE "campaignId" = $1 ORDER BY seq DESC LIMIT 1`, [id])).rows[0].id;
const paths: Record<string, [string, string]> = {
  grid: [`/campaigns/${id}/periods/${period}/scores`, 'officer'],
  pledges: [`/campaigns/${id}/pledges`, 'commander'],
  dashboard: [`/campaigns/${id}/dashboard`, 'commander'],
  ranking: [`/campaigns/${id}/ranking`, 'commander'],
};
/** One verified score of the last period a little different (the ranking's signal moves at commit). */
const save = () =>
  c.query(
    `UPDATE "Score" SET points = CASE WHEN points >= 1 THEN points - 0.5 ELSE points + 0.5 END, version = version + 1
     WHERE id = (SELECT id FROM "Score" WHERE "periodId" = $1 ORDER BY random() LIMIT 1)`,
    [period],
  );
const [path, user] = paths[which];
const who = await login(site, user, DEFAULT_DEMO_PASSWORD);
const get = async () => {
  const res = await fetch(site + path, { headers: { cookie: who.cookie } });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return body.byteLength;
};
await get();
const times: number[] = [];
const cpus: number[] = [];
let bytes = 0;
statements = 0;
let saveMs = 0;
for (let i = 0; i < n; i++) {
  if (afterSave) {
    const s0 = performance.now();
    await save();
    saveMs += performance.now() - s0;
  }
  const c0 = process.cpuUsage(), t0 = performance.now();
  bytes = await get();
  times.push(performance.now() - t0);
  const cpu = process.cpuUsage(c0);
  cpus.push((cpu.user + cpu.system) / 1000);
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
await c.end();
process.stdout.write(`${which}${afterSave ? ' after a save' : ''} ${path}: ${n} requests, median ${med(times).toFixed(1)} ms wall, ${med(cpus).toFixed(1)} ms CPU (app and client), ${statements / n} statements, ${(bytes / 1024).toFixed(0)} kB\n`);
server.close();
await database.close();
