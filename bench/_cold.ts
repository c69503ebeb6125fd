import { openDatabase } from '../src/db/index.ts';
import { campaignStandings } from '../src/ranking/service.ts';
const db = await openDatabase({ databaseUrl: process.argv[2], dataDir: '/tmp' });
const id = Number(process.argv[3]);
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const s = await campaignStandings(db.prisma, id);
  console.log('cpu', (process.cpuUsage().user/1000).toFixed(0), 'standings', (performance.now() - t0).toFixed(0), 'ms', s.standings.length, s.standings[0].total, 'rss', (process.memoryUsage().rss / 1e6).toFixed(0));
}
const t1 = performance.now();
const rows = await db.prisma.$queryRaw`SELECT a."unitId", s."criterionIds", s."points" FROM "Assessment" a JOIN "Period" p ON p.id = a."periodId" LEFT JOIN "ScoreSheet" s ON s."periodId" = a."periodId" AND s."unitId" = a."unitId" WHERE p."campaignId" = ${id} AND a.status = 'VERIFIED'`;
console.log('query only', (performance.now() - t1).toFixed(0), 'ms');
await db.close();
