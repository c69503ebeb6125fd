// In-process figures of the ranking engine on the national data set (issue 12): a cold ranking, then the first
// ranking after each of a few saves (a catch-up), with wall and process CPU time and the heap after each.
//   node --import tsx [--cpu-prof --cpu-prof-dir=/tmp/prof] bench/engine-profile.ts [saves] [--check]
// BENCH_DATABASE_URL as for the bench; the national database must exist (npm run bench -- --only national).
// --check compares each caught-up ranking with a full recomputation (same rules, different path).
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/index.ts';
import { cachedCampaignStandings, campaignStandings } from '../src/ranking/service.ts';
import { NATIONAL, urlFor } from './datasets.ts';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/thidua_bench';
const refName = decodeURIComponent(new URL(base).pathname.slice(1)) || 'thidua_bench';
const url = urlFor(base, `${refName}_national`);
const saves = Number(process.argv[2] ?? 3);
const check = process.argv.includes('--check');

const db = await openDatabase({ databaseUrl: url, dataDir: '/tmp' });
const pgc = new pg.Client({ connectionString: url });
await pgc.connect();
const { rows } = await pgc.query<{ id: number }>(`SELECT id FROM "Campaign" WHERE name = $1`, [NATIONAL.name]);
const id = rows[0].id;

async function timed(label: string, f: () => Promise<unknown>) {
  const c0 = process.cpuUsage(), f0 = process.resourceUsage().minorPageFault, t0 = performance.now();
  const out = await f();
  const t = performance.now() - t0, c = process.cpuUsage(c0), faults = process.resourceUsage().minorPageFault - f0;
  const heap = process.memoryUsage();
  process.stdout.write(`${label}: ${t.toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms CPU (system ${(c.system / 1000).toFixed(0)}), ${faults} minor page faults, heap ${(heap.heapUsed / 1e6).toFixed(0)} MB, rss ${(heap.rss / 1e6).toFixed(0)} MB\n`);
  return out;
}

/** One officer's save: 15 random units of the last period get new points (in steps of 0.5) in 20 criteria, through SQL. */
async function randomSave() {
  await pgc.query(
    `WITH u AS (SELECT "unitId" FROM "CampaignUnit" WHERE "campaignId" = $1 ORDER BY random() LIMIT 15),
          p AS (SELECT id FROM "Period" WHERE "campaignId" = $1 ORDER BY seq DESC LIMIT 1),
          c AS (SELECT id FROM "Criterion" WHERE "campaignId" = $1 ORDER BY id LIMIT 20)
     UPDATE "Score" s SET points = least(round((random() * 10)::numeric) / 2, k."maxPoints"), version = version + 1
     FROM u, p, c, "Criterion" k WHERE k.id = c.id AND s."periodId" = p.id AND s."unitId" = u."unitId" AND s."criterionId" = c.id`,
    [id],
  );
}

await timed('cold ranking (first call)', () => cachedCampaignStandings(db.prisma, id));
await timed('warm ranking (cache hit)', () => cachedCampaignStandings(db.prisma, id));
for (let i = 1; i <= saves; i++) {
  await randomSave();
  const s = await timed(`ranking after save ${i}`, () => cachedCampaignStandings(db.prisma, id));
  if (check) {
    const full = await campaignStandings(db.prisma, id);
    const same = isDeepStrictEqual(JSON.parse(JSON.stringify(s)), JSON.parse(JSON.stringify(full)));
    process.stdout.write(`  equal to a full recomputation: ${same}\n`);
  }
}
await timed('full recomputation (uncached path)', () => campaignStandings(db.prisma, id));
await pgc.end();
await db.close();
