// One officer's grid save on the national data set, in process, statement by statement (issue 12): the app runs
// here like in bench/cost.ts; each save of 15 units × 20 criteria (every cell changed, with a reason) is posted
// over HTTP (bench/mixed.ts saveOnce), and every SQL statement Prisma sends is listed with the time since the
// previous one ended (Prisma reports a statement when it is done).
//   node --import tsx bench/save-profile.ts [saves]     (BENCH_DATABASE_URL as for the bench)
import pg from 'pg';
import { DEFAULT_DEMO_PASSWORD } from '../src/demo/data.ts';
import { startInProcess } from './in-process.ts';
import { login } from './http.ts';
import { loadBlocks } from './grid.ts';
import { saveOnce } from './mixed.ts';
import { NATIONAL, urlFor } from './datasets.ts';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/thidua_bench';
const refName = decodeURIComponent(new URL(base).pathname.slice(1)) || 'thidua_bench';
const url = urlFor(base, `${refName}_national`);
const saves = Number(process.argv[2] ?? 3);

let log: { at: number; sql: string }[] | null = null;
const { site: site, server, database } = await startInProcess(url, (sql) => log?.push({ at: performance.now(), sql }));
const c = new pg.Client({ connectionString: url });
await c.connect();
const id = (await c.query<{ id: number }>(`SELECT id FROM "Campaign" WHERE name = $1`, [NATIONAL.name])).rows[0].id;
const last = (await c.query<{ seq: number }>(`SELECT max(seq) AS seq FROM "Period" WHERE "campaignId" = $1`, [id])).rows[0].seq;
await c.end();
const officer = await login(site, 'officer', DEFAULT_DEMO_PASSWORD);
const [block] = await loadBlocks(url, id, { units: 15, criteria: 20, blocks: 1, periodSeqs: [last] });

for (let i = 0; i < saves; i++) {
  log = [];
  const c0 = process.cpuUsage(), t0 = performance.now();
  const ms = await saveOnce(site, block, officer);
  const cpu = process.cpuUsage(c0);
  process.stdout.write(`save ${i + 1}: ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (app and client), ${log.length} statements\n`);
  let prev = t0;
  for (const q of log) {
    process.stdout.write(`  +${(q.at - prev).toFixed(1).padStart(6)} ms  ${q.sql.replace(/\s+/g, ' ').slice(0, 150)}\n`);
    prev = q.at;
  }
  log = null;
}
server.close();
await database.close();
