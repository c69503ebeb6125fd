// Read replicas on the national data set (BENCH_REPLICA_URL, a streaming replica of the bench server, e.g. the one
// `bash .ci/replica.sh start` makes on port 5433): the read-heavy pages and the end-of-period mix, first with the
// app reading everything from the primary, then with DATABASE_REPLICA_URL set. Besides the app's figures it
// measures what the primary did: the CPU time of the PostgreSQL backends serving the bench database on each server
// (/proc, so run it as root or as the postgres user) and the rows the primary read (pg_stat_database).
import fs from 'node:fs';
import pg from 'pg';
import { getPage, startApp, type Session } from './http.ts';
import { measure, type Figures } from './load.ts';
import { loadBlocks } from './grid.ts';
import { endOfPeriod } from './mixed.ts';
import { NATIONAL, urlFor } from './datasets.ts';
import { unitCode } from './national.ts';

const CONNECTIONS = 10;

type Load = { cpuMs: Map<number, number>; rows: number; xacts: number };
export type ReplicaRow = Figures & { mode: string; primaryCpu: number; replicaCpu: number; primaryRows: number; replicaXacts: number; behind: string };

function procCpuMs(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

/** The backends of `db` on the server at `url`, their CPU so far, and the database's row and transaction counters. */
async function sample(url: string, db: string): Promise<Load> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const pids = (await c.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [db])).rows;
    const [s] = (await c.query<{ rows: string; xacts: string }>(
      `SELECT tup_returned + tup_fetched AS rows, xact_commit + xact_rollback AS xacts FROM pg_stat_database WHERE datname = $1`,
      [db],
    )).rows;
    return { cpuMs: new Map(pids.map((p) => [p.pid, procCpuMs(p.pid)])), rows: Number(s?.rows ?? 0), xacts: Number(s?.xacts ?? 0) };
  } finally {
    await c.end();
  }
}

/** CPU seconds the backends spent between two samples (a backend that ended in between is missed: the pool keeps them). */
function cpuBetween(a: Load, b: Load): number {
  let ms = 0;
  for (const [pid, t] of b.cpuMs) ms += t - (a.cpuMs.get(pid) ?? 0);
  return ms / 1000;
}

/**
 * While `f` runs, how often the replica was behind the primary's WAL (every 250 ms: the primary's write position,
 * then the replica's replay position). The WAL is the whole cluster's: other databases' writes count too.
 */
async function lagWhile<T>(urls: { primary: string; replica: string }, f: () => Promise<T>): Promise<{ out: T; behind: string }> {
  const p = new pg.Client({ connectionString: urls.primary }), r = new pg.Client({ connectionString: urls.replica });
  await Promise.all([p.connect(), r.connect()]);
  let stop = false, n = 0, late = 0, worst = 0;
  const sampler = (async () => {
    while (!stop) {
      const { rows: [a] } = await p.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      const { rows: [b] } = await r.query<{ d: string }>('SELECT pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()) AS d', [a.lsn]);
      n++;
      if (Number(b.d) > 0) late++;
      worst = Math.max(worst, Number(b.d));
      await new Promise((res) => setTimeout(res, 250));
    }
  })();
  try {
    return { out: await f(), behind: `${n ? Math.round((100 * late) / n) : 0}% of ${n} samples, worst ${(worst / 1024).toFixed(0)} kB` };
  } finally {
    stop = true;
    await sampler.catch(() => undefined);
    await Promise.all([p.end(), r.end()]);
  }
}

/** Run `f` and measure both servers around it (statistics reach pg_stat_database within a second). */
async function watched(urls: { primary: string; replica: string }, db: string, f: () => Promise<Figures[]>, mode: string): Promise<ReplicaRow[]> {
  const settle = () => new Promise((r) => setTimeout(r, 1500));
  await settle();
  const [p0, r0] = await Promise.all([sample(urls.primary, db), sample(urls.replica, db)]);
  const { out: rows, behind } = await lagWhile(urls, f);
  const [p1m, r1m] = await Promise.all([sample(urls.primary, db), sample(urls.replica, db)]);
  await settle();
  const [p1, r1] = await Promise.all([sample(urls.primary, db), sample(urls.replica, db)]);
  return rows.map((r, i) => ({
    ...r,
    mode,
    // figures for the whole step, on the first row of it
    primaryCpu: i ? NaN : cpuBetween(p0, p1m),
    replicaCpu: i ? NaN : cpuBetween(r0, r1m),
    primaryRows: i ? NaN : p1.rows - p0.rows,
    replicaXacts: i ? NaN : r1.xacts - r0.xacts,
    behind: i ? '' : behind,
  }));
}

/**
 * The comparison: the same scenarios against the primary alone and with the replica, on the national data set at
 * `url` (the replica holds the same database name). Each mode starts its own app (cold ranking first).
 */
export async function replicaComparison(o: {
  url: string; replicaServer: string; campaignId: number; duration: number; say: (s: string) => void;
  sessionsFor: (base: string) => Promise<{ commanders: Session[]; officers: Session[] }>;
}): Promise<{ rows: ReplicaRow[]; stale: number; probes: number }> {
  const db = decodeURIComponent(new URL(o.url).pathname.slice(1));
  const urls = { primary: o.url, replica: urlFor(o.replicaServer, db) };
  const id = o.campaignId;
  const blocks = await loadBlocks(o.url, id, { units: 15, criteria: 20, blocks: 4 * CONNECTIONS + 2, periodSeqs: [NATIONAL.periods] });
  const out: ReplicaRow[] = [];
  let stale = 0, probes = 0;
  for (const [i, mode] of ['primary only', 'with replica'].entries()) {
    const app = await startApp(o.url, mode === 'with replica' ? { DATABASE_REPLICA_URL: urls.replica } : {});
    try {
      const s = await o.sessionsFor(app.base);
      const t0 = performance.now();
      await getPage(app.base, `/campaigns/${id}/ranking`, s.commanders[0]);
      o.say(`  [${mode}] first ranking page: ${(performance.now() - t0).toFixed(0)} ms`);
      const unit = blocks[0].cells[0].unitId;
      const pages = [
        { name: 'command dashboard', path: `/campaigns/${id}/dashboard` },
        { name: 'a unit dashboard', path: `/campaigns/${id}/units/${unit}` },
        { name: 'ranking page', path: `/campaigns/${id}/ranking` },
        { name: 'ranking.csv', path: `/campaigns/${id}/ranking.csv` },
      ];
      const load = { connections: CONNECTIONS, duration: o.duration, warmup: 1 };
      for (const p of pages) {
        const rows = await watched(urls, db, async () => [await measure({ name: `${p.name}, ${CONNECTIONS} connections`, url: app.base + p.path, sessions: s.commanders }, app.pid, load)], mode);
        out.push(...rows);
        o.say(`  [${mode}] ${rows[0].name}: ${rows[0].rps.toFixed(1)} req/s, p95 ${rows[0].p95.toFixed(0)} ms, primary backends ${rows[0].primaryCpu.toFixed(1)} s CPU, replica ${rows[0].replicaCpu.toFixed(1)} s`);
      }
      // the end of a period twice: readers on the dashboard and the ranking, then on the ranking only (more probes)
      const probeBlock = { ...blocks[4 * CONNECTIONS + i], cells: blocks[4 * CONNECTIONS + i].cells.filter((c) => c.unitId === blocks[4 * CONNECTIONS + i].cells[0].unitId) };
      const code = await unitCode(o.url, probeBlock.cells[0].unitId);
      for (const [j, reads] of [undefined, [`/campaigns/${id}/ranking`]].entries()) {
        let fresh = { probes: 0, stale: 0, detail: [] as string[] };
        const rows = await watched(urls, db, async () => {
          const m = await endOfPeriod({
            base: app.base, pid: app.pid, dbUrl: o.url, campaignId: id, duration: Math.max(o.duration, 10), savers: CONNECTIONS, readers: CONNECTIONS,
            blocks: blocks.slice((2 * i + j) * CONNECTIONS, (2 * i + j + 1) * CONNECTIONS), probeBlock, probeCode: code, officers: s.officers, commanders: s.commanders,
            reads, label: reads ? 'ranking reads only' : undefined,
          });
          fresh = m.fresh;
          return m.rows;
        }, mode);
        out.push(...rows);
        probes += fresh.probes;
        stale += fresh.stale;
        for (const r of rows) o.say(`  [${mode}] ${r.name}: ${r.rps.toFixed(1)} req/s, p95 ${r.p95.toFixed(0)} ms (${r.note})`);
        o.say(`  [${mode}] freshness probes ${fresh.probes}, stale ${fresh.stale} ${fresh.detail.join('; ')}; backends: primary ${rows[0].primaryCpu.toFixed(1)} s CPU, replica ${rows[0].replicaCpu.toFixed(1)} s`);
      }
    } finally {
      await app.stop();
    }
  }
  return { rows: out, stale, probes };
}

const num = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '');

/** The comparison as a markdown table. */
export function replicaTable(r: { rows: ReplicaRow[]; stale: number; probes: number }): string {
  return [
    '| scenario | reads from | req/s | p95 ms | errors | primary backends CPU s | replica backends CPU s | rows read on the primary | replica transactions | replica behind the primary |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|---|',
    ...r.rows.map((x) => `| ${x.name} | ${x.mode} | ${num(x.rps)} | ${num(x.p95, 0)} | ${x.errors} | ${num(x.primaryCpu)} | ${num(x.replicaCpu)} | ${Number.isFinite(x.primaryRows) ? x.primaryRows.toLocaleString('en') : ''} | ${Number.isFinite(x.replicaXacts) ? x.replicaXacts : ''} | ${x.behind} |`),
    '',
    `Freshness probes (save, then ranking.csv compared with the primary): ${r.probes}, stale ${r.stale}.`,
  ].join('\n');
}
