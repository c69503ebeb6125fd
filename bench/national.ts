// The national scenarios of issue 12 (5,000 units × 30 criteria × 12 periods): the cold ranking after a restart
// and after a save, each page at 10 connections, the grid save at 10 connections, the end-of-period mix, and
// the app's peak RSS through the whole run.
import { cpuMs, getPage, peakRssMb, type Server, type Session } from './http.ts';
import { measure, type Figures } from './load.ts';
import { gridClients, loadBlocks } from './grid.ts';
import { endOfPeriod, saveOnce } from './mixed.ts';
import { NATIONAL } from './datasets.ts';
import type { Fact } from './report.ts';
import pg from 'pg';

const CONNECTIONS = 10;

type Ctx = {
  app: Server;
  url: string;
  campaignId: number;
  duration: number;
  sessions: { commanders: Session[]; officers: Session[]; admin: Session };
  say: (s: string) => void;
};

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

async function lookup(url: string, campaignId: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (sql: string) => (await c.query<{ id: number; code?: string }>(sql, [campaignId])).rows[0];
    const lastPeriod = await q(`SELECT id FROM "Period" WHERE "campaignId" = $1 ORDER BY seq DESC LIMIT 1`);
    const unit = await q(`SELECT u.id, u.code FROM "CampaignUnit" cu JOIN "Unit" u ON u.id = cu."unitId" WHERE cu."campaignId" = $1 ORDER BY u.code DESC LIMIT 1`);
    return { lastPeriod: lastPeriod.id, unit: { id: unit.id, code: unit.code! } };
  } finally {
    await c.end();
  }
}

export async function nationalScenarios(ctx: Ctx): Promise<{ rows: Figures[]; facts: Fact[] }> {
  const { app, campaignId: id, sessions, say } = ctx;
  const rows: Figures[] = [];
  const facts: Fact[] = [];
  const commander = sessions.commanders[0];
  const ranking = `/campaigns/${id}/ranking`;

  // cold ranking: the first page after the start, then the first page after each of three saves
  // wall time, and the app's CPU time (what a shared machine does not inflate as much)
  let c0 = cpuMs(app.pid);
  const cold = await timed(() => getPage(app.base, ranking, commander));
  const coldCpu = cpuMs(app.pid) - c0;
  say(`  cold ranking page after a restart: ${cold.toFixed(0)} ms (app CPU ${coldCpu} ms)`);
  const blocks = await loadBlocks(ctx.url, id, { units: 15, criteria: 20, blocks: 3 * CONNECTIONS + 2, periodSeqs: [NATIONAL.periods] });
  const probeBlock = { ...blocks[blocks.length - 1], cells: blocks[blocks.length - 1].cells.filter((c) => c.unitId === blocks[blocks.length - 1].cells[0].unitId) };
  const coldBlock = blocks[blocks.length - 2];
  const afterSave: number[] = [];
  const afterCpu: number[] = [];
  for (let i = 0; i < 3; i++) {
    await saveOnce(app.base, coldBlock, sessions.officers[0]);
    c0 = cpuMs(app.pid);
    afterSave.push(await timed(() => getPage(app.base, ranking, commander)));
    afterCpu.push(cpuMs(app.pid) - c0);
  }
  say(`  ranking page right after a save: ${afterSave.map((t) => t.toFixed(0)).join(', ')} ms (app CPU ${afterCpu.join(', ')} ms)`);
  const coldRss = peakRssMb(app.pid);
  facts.push({ name: 'ranking recomputed from cold after a restart (one ranking page, whole request)', ok: cold < 1000, got: `${cold.toFixed(0)} ms (app CPU ${coldCpu} ms)` });
  facts.push({ name: 'ranking recomputed after a save (first ranking page after each of 3 saves)', ok: Math.max(...afterSave) < 1000, got: afterSave.map((t, i) => `${t.toFixed(0)} ms (CPU ${afterCpu[i]})`).join(', ') });

  // each page at 10 connections; a page that alone takes over 2 s is timed 3 times one after the other instead
  const { lastPeriod, unit } = await lookup(ctx.url, id);
  const pages = [
    { name: 'command dashboard', path: `/campaigns/${id}/dashboard`, s: sessions.commanders },
    { name: 'a unit dashboard', path: `/campaigns/${id}/units/${unit.id}`, s: sessions.commanders },
    { name: 'ranking page', path: ranking, s: sessions.commanders },
    { name: "officer's grid of 15 units (last period)", path: `/campaigns/${id}/periods/${lastPeriod}/scores?size=15`, s: sessions.officers },
    { name: 'pledge list', path: `/campaigns/${id}/pledges`, s: sessions.commanders },
    { name: 'award proposals', path: `/campaigns/${id}/awards`, s: sessions.commanders },
    { name: 'audit viewer', path: `/admin/audit`, s: [sessions.admin] },
    { name: 'ranking.csv', path: `/campaigns/${id}/ranking.csv`, s: sessions.commanders },
    { name: 'ranking.xlsx', path: `/campaigns/${id}/ranking.xlsx`, s: sessions.commanders },
  ];
  const load = { connections: CONNECTIONS, duration: ctx.duration, warmup: 1 };
  for (const p of pages) {
    let one = NaN;
    let bytes = 0;
    try {
      one = await timed(async () => (bytes = Buffer.byteLength(await getPage(app.base, p.path, p.s[0]))));
    } catch (e) {
      say(`  ${p.name}: ${(e as Error).message}`);
    }
    const label = `${p.name} (${(bytes / 1024).toFixed(0)} kB)`;
    if (!(one <= 2000)) {
      // (a page over 10 s is timed once: three would take minutes of a shared machine)
      const tries = [one];
      for (let i = 0; i < 2 && one < 10_000; i++) tries.push(await timed(() => getPage(app.base, p.path, p.s[0]).catch(() => '')));
      tries.sort((a, b) => a - b);
      const rss = peakRssMb(app.pid);
      const worst = tries[tries.length - 1];
      rows.push({ name: `${label}, one request at a time`, requests: tries.length, rps: (1000 * tries.length) / tries.reduce((a, b) => a + b, 0), p50: tries[Math.floor(tries.length / 2)], p95: worst, p99: worst, errors: Number.isNaN(one) ? 1 : 0, conflicts: 0, rssMb: rss, note: `${tries.length} request(s) one after the other: too slow for 10 connections` });
    } else {
      rows.push(await measure({ name: `${label}, ${CONNECTIONS} connections`, url: app.base + p.path, sessions: p.s }, app.pid, load));
    }
    const f = rows[rows.length - 1];
    say(`  ${f.name}: ${f.rps.toFixed(1)} req/s, p95 ${f.p95.toFixed(0)} ms (${f.note})`);
  }

  // grid save at 10 connections, each its own 15 units × 20 criteria of the last period
  const g = gridClients(blocks.slice(0, CONNECTIONS), sessions.officers);
  const save = await measure({ name: `grid save 15×20, ${CONNECTIONS} connections`, url: `${app.base}/`, method: 'POST', setupClient: g.setupClient as never, apart: [409] }, app.pid, load);
  rows.push(save);
  say(`  ${save.name}: ${save.rps.toFixed(1)} req/s, p95 ${save.p95.toFixed(0)} ms (${save.note})`);
  for (const x of g.failures) say(`    failed: ${x}`);

  // the end of a period
  const mixed = await endOfPeriod({
    base: app.base, pid: app.pid, dbUrl: ctx.url, campaignId: id, duration: Math.max(ctx.duration, 10), savers: CONNECTIONS, readers: CONNECTIONS,
    blocks: blocks.slice(CONNECTIONS, 2 * CONNECTIONS), probeBlock, probeCode: await unitCode(ctx.url, probeBlock.cells[0].unitId),
    officers: sessions.officers, commanders: sessions.commanders,
  });
  // the same with the readers on the ranking page only: the ranking engine's half, apart from the dashboard's page
  const rankOnly = await endOfPeriod({
    base: app.base, pid: app.pid, dbUrl: ctx.url, campaignId: id, duration: Math.max(ctx.duration, 10), savers: CONNECTIONS, readers: CONNECTIONS,
    blocks: blocks.slice(2 * CONNECTIONS, 3 * CONNECTIONS), probeBlock, probeCode: await unitCode(ctx.url, probeBlock.cells[0].unitId),
    officers: sessions.officers, commanders: sessions.commanders, reads: [ranking], label: 'ranking reads only',
  });
  for (const m of [mixed, rankOnly]) {
    rows.push(...m.rows);
    for (const r of m.rows) say(`  ${r.name}: ${r.rps.toFixed(1)} req/s, p95 ${r.p95.toFixed(0)} ms (${r.note})`);
    say(`  freshness probes: ${m.fresh.probes}, stale ${m.fresh.stale} ${m.fresh.detail.join('; ')}`);
  }
  const probes = mixed.fresh.probes + rankOnly.fresh.probes, stale = mixed.fresh.stale + rankOnly.fresh.stale;
  const detail = [...mixed.fresh.detail, ...rankOnly.fresh.detail];
  facts.push({
    name: 'end of period: the ranking a commander gets is never older than the last acknowledged save',
    ok: probes > 0 && stale === 0,
    got: `${probes} probes (save, then ranking.csv) over both mixes, ${stale} stale${detail.length ? ': ' + detail.join('; ') : ''}`,
  });
  const peak = Math.max(coldRss, ...rows.map((r) => r.rssMb));
  facts.push({ name: 'app peak RSS through the national run < 300 MB', ok: peak < 300, got: `${peak.toFixed(0)} MB (start and cold rankings: ${coldRss.toFixed(0)} MB)` });
  return { rows, facts };
}

export async function unitCode(url: string, unitId: number): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ code: string }>(`SELECT code FROM "Unit" WHERE id = $1`, [unitId]);
  await c.end();
  return rows[0].code;
}
