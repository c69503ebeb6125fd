// Scenarios of issue 12 beyond one page at a time: the end of a period (officers save their blocks while
// commanders read the command dashboard and the ranking, all at once), with a probe that checks the ranking a
// commander gets is never older than the last save acknowledged before the request; and the cold ranking
// (after a restart, after a save).
import pg from 'pg';
import autocannon from 'autocannon';
import { peakRssMb, resetPeakRss, waitIdle, type Session } from './http.ts';
import { gridClients, type Block } from './grid.ts';
import type { Figures } from './load.ts';

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

function figures(name: string, times: number[], statuses: Map<number, number>, seconds: number, rssMb: number, apart: number[], errors: number): Figures {
  times.sort((a, b) => a - b);
  let bad = 0, conflicts = 0;
  for (const [status, n] of statuses) {
    if (apart.includes(status)) conflicts += n;
    else if (status < 200 || status >= 400) bad += n;
  }
  const note = [...statuses].sort().map(([k, v]) => `${k}×${v}`).join(' ');
  return { name, requests: times.length, rps: times.length / seconds, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), errors: bad + errors, conflicts, rssMb, note };
}

type Recorder = { times: number[]; statuses: Map<number, number> };
const recorder = (): Recorder => ({ times: [], statuses: new Map() });
function run(opts: Record<string, unknown>, rec: Recorder) {
  const inst = autocannon(opts as never);
  inst.on('response', (_c: unknown, status: number, _b: number, ms: number) => {
    rec.times.push(ms);
    rec.statuses.set(status, (rec.statuses.get(status) ?? 0) + 1);
  });
  return inst as unknown as Promise<{ errors: number }>;
}

/** The total of one unit in the national campaign (SUM of its verified periods), straight from the scores. */
async function dbTotal(c: pg.Client, campaignId: number, unitId: number): Promise<number> {
  const { rows } = await c.query<{ t: string }>(
    `SELECT coalesce(sum(CASE k.kind WHEN 'PENALTY' THEN -1 ELSE 1 END * LEAST(GREATEST(s.points, 0), k."maxPoints")
                            * CASE WHEN k.kind = 'NORMAL' THEN k.weight ELSE 1 END), 0) AS t
     FROM "Score" s JOIN "Criterion" k ON k.id = s."criterionId"
     JOIN "Assessment" a ON a."periodId" = s."periodId" AND a."unitId" = s."unitId" AND a.status = 'VERIFIED'
     WHERE s."campaignId" = $1 AND s."unitId" = $2`,
    [campaignId, unitId],
  );
  return Number(rows[0].t);
}

/** The unit's total in the ranking CSV the commander downloads. */
async function csvTotal(base: string, campaignId: number, unitCode: string, s: Session): Promise<number> {
  const res = await fetch(`${base}/campaigns/${campaignId}/ranking.csv`, { headers: { cookie: s.cookie } });
  const lines = (await res.text()).split('\r\n');
  const head = lines[0].replace(/^\uFEFF/, '').split(',');
  const row = lines.find((l) => l.split(',')[head.indexOf('unit_code')] === unitCode);
  return row ? Number(row.split(',')[head.indexOf('total')]) : NaN;
}

/** One valid save of a block (every cell toggled by 0.5); returns the new cells' state or throws. */
export async function saveOnce(base: string, block: Block, s: Session): Promise<number> {
  const p = new URLSearchParams();
  for (const c of block.cells) {
    c.points = c.points + 0.5 <= c.max ? c.points + 0.5 : c.points - 0.5;
    p.append(`p_${c.unitId}_${c.criterionId}`, String(c.points));
    p.append(`v_${c.unitId}_${c.criterionId}`, c.version ? String(c.version) : '');
  }
  p.append('reason', 'Bench: chấm lại điểm');
  const t0 = performance.now();
  const res = await fetch(`${base}/campaigns/${block.campaignId}/periods/${block.periodId}/scores`, {
    method: 'POST',
    body: p,
    redirect: 'manual',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/x-www-form-urlencoded' },
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`save: ${res.status}`);
  for (const c of block.cells) c.version += 1;
  return performance.now() - t0;
}

export type Freshness = { probes: number; stale: number; detail: string[] };

/**
 * The end of a period: `savers` connections post grids (each its own block) while `readers` connections open
 * the command dashboard and the ranking page (alternately by connection); a probe meanwhile saves its own
 * block, and once the save is acknowledged downloads the ranking and compares the unit's total with the database.
 */
export async function endOfPeriod(o: {
  base: string; pid: number; dbUrl: string; campaignId: number; duration: number; savers: number; readers: number;
  blocks: Block[]; probeBlock: Block; probeCode: string; officers: Session[]; commanders: Session[];
  /** what the readers open, by connection in turn (default: the command dashboard and the ranking page) */
  reads?: string[]; label?: string;
}): Promise<{ rows: Figures[]; fresh: Freshness }> {
  await waitIdle(o.pid);
  resetPeakRss(o.pid);
  const saves = recorder(), reads = recorder();
  const g = gridClients(o.blocks, o.officers);
  let n = 0;
  const paths = o.reads ?? [`/campaigns/${o.campaignId}/dashboard`, `/campaigns/${o.campaignId}/ranking`];
  const label = o.label ?? 'dashboard + ranking reads';
  const readerSetup = (client: { setRequests(r: { method: string; path: string; headers: Record<string, string> }[]): void }) => {
    const i = n++;
    client.setRequests([{ method: 'GET', path: paths[i % paths.length], headers: { cookie: o.commanders[i % o.commanders.length].cookie } }]);
  };
  const db = new pg.Client({ connectionString: o.dbUrl });
  await db.connect();
  const fresh: Freshness = { probes: 0, stale: 0, detail: [] };
  let stop = false;
  const probe = (async () => {
    while (!stop) {
      await saveOnce(o.base, o.probeBlock, o.officers[0]);
      const want = await dbTotal(db, o.campaignId, o.probeBlock.cells[0].unitId);
      const got = await csvTotal(o.base, o.campaignId, o.probeCode, o.commanders[0]);
      fresh.probes++;
      if (!(Math.abs(got - Math.round(want * 1000) / 1000) < 0.0005)) {
        fresh.stale++;
        if (fresh.detail.length < 3) fresh.detail.push(`want ${want}, got ${got}`);
      }
    }
  })();
  const t0 = Date.now();
  const [rs, rr] = await Promise.all([
    run({ url: o.base, connections: o.savers, duration: o.duration, timeout: 30, setupClient: g.setupClient as never }, saves),
    run({ url: o.base, connections: o.readers, duration: o.duration, timeout: 30, setupClient: readerSetup as never }, reads),
  ]);
  const seconds = (Date.now() - t0) / 1000;
  const rss = peakRssMb(o.pid);
  stop = true;
  await probe.catch((e: Error) => fresh.detail.push(`probe failed: ${e.message}`));
  await db.end();
  return {
    rows: [
      figures(`end of period (${label}): grid saves (${o.savers} connections, each its own block)`, saves.times, saves.statuses, seconds, rss, [409], rs.errors),
      figures(`end of period (${label}): reads (${o.readers} connections)`, reads.times, reads.statuses, seconds, rss, [], rr.errors),
    ],
    fresh,
  };
}
