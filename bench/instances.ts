// A second app instance (the README's deployment: N instances behind a load balancer, one database) on the
// national data set: the grid save and the end-of-period mix through nginx with 1 app instance, then with 2,
// the same connections and load either way, so the only difference is the instance count. Sessions live in
// PostgreSQL, so any instance serves any request; the freshness probe saves through nginx and reads the ranking
// back through nginx, often from the other instance (read your own writes across instances).
// Run: npm run bench -- --compiled --only instances (needs Debian's nginx), into bench/results/instances.md.
import { cpuMs, getPage, peakRssMb, resetPeakRss, startApp, waitIdle, type Server, type Session } from './http.ts';
import { measure, type Figures } from './load.ts';
import { gridClients, loadBlocks } from './grid.ts';
import { endOfPeriod } from './mixed.ts';
import { NATIONAL } from './datasets.ts';
import { unitCode } from './national.ts';
import { startNginx } from '../tests/reliability/harness.ts';

const CONNECTIONS = 10;

export type InstancesRow = Figures & { instances: number; appCpu: number; seconds: number };

/** Run `f` and the CPU seconds all the app instances spent meanwhile (after they are idle again). */
async function withCpu(apps: Server[], f: () => Promise<Figures[]>): Promise<{ rows: Figures[]; cpu: number; seconds: number }> {
  for (const a of apps) {
    await waitIdle(a.pid);
    resetPeakRss(a.pid);
  }
  const c0 = apps.map((a) => cpuMs(a.pid));
  const t0 = performance.now();
  const rows = await f();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = apps.reduce((s, a, i) => s + cpuMs(a.pid) - c0[i], 0) / 1000;
  return { rows, cpu, seconds };
}

export async function instancesComparison(o: {
  url: string; campaignId: number; duration: number; say: (s: string) => void;
  sessionsFor: (base: string) => Promise<{ commanders: Session[]; officers: Session[] }>;
}): Promise<{ rows: InstancesRow[]; probes: number; stale: number }> {
  const id = o.campaignId;
  const blocks = await loadBlocks(o.url, id, { units: 15, criteria: 20, blocks: 6 * CONNECTIONS + 2, periodSeqs: [NATIONAL.periods] });
  const out: InstancesRow[] = [];
  let probes = 0, stale = 0;
  for (const [i, n] of [1, 2].entries()) {
    const apps: Server[] = [];
    let lb: { url: string; stop(): void } | undefined;
    try {
      for (let k = 0; k < n; k++) apps.push(await startApp(o.url));
      lb = await startNginx(apps.map((a) => a.base));
      const s = await o.sessionsFor(lb.url);
      // each instance computes its ranking once before the load (the cold ranking is measured in the main run)
      for (const a of apps) await getPage(a.base, `/campaigns/${id}/ranking`, s.commanders[0]);
      const probeBlock = { ...blocks[6 * CONNECTIONS + i], cells: blocks[6 * CONNECTIONS + i].cells.filter((c) => c.unitId === blocks[6 * CONNECTIONS + i].cells[0].unitId) };
      const probeCode = await unitCode(o.url, probeBlock.cells[0].unitId);
      const mine = (j: number) => blocks.slice((3 * i + j) * CONNECTIONS, (3 * i + j + 1) * CONNECTIONS);
      const steps: (() => Promise<Figures[]>)[] = [
        async () => {
          const g = gridClients(mine(0), s.officers);
          const f = await measure({ name: `grid save 15×20, ${CONNECTIONS} connections`, url: `${lb!.url}/`, method: 'POST', setupClient: g.setupClient as never, apart: [409] }, apps[0].pid, { connections: CONNECTIONS, duration: o.duration, warmup: 1 });
          for (const x of g.failures) o.say(`    failed: ${x}`);
          return [f];
        },
        ...[undefined, [`/campaigns/${id}/ranking`]].map((reads, j) => async () => {
          const m = await endOfPeriod({
            base: lb!.url, pid: apps[0].pid, dbUrl: o.url, campaignId: id, duration: Math.max(o.duration, 10), savers: CONNECTIONS, readers: CONNECTIONS,
            blocks: mine(j + 1), probeBlock, probeCode, officers: s.officers, commanders: s.commanders,
            reads, label: reads ? 'ranking reads only' : undefined,
          });
          probes += m.fresh.probes;
          stale += m.fresh.stale;
          o.say(`  [${n}] freshness probes ${m.fresh.probes}, stale ${m.fresh.stale} ${m.fresh.detail.join('; ')}`);
          return m.rows;
        }),
      ];
      for (const step of steps) {
        const r = await withCpu(apps, step);
        for (const [k, f] of r.rows.entries()) {
          // the peak RSS of every instance in the step (endOfPeriod and measure read the first one's)
          const rssMb = Math.max(f.rssMb, ...apps.slice(1).map((a) => peakRssMb(a.pid)));
          out.push({ ...f, rssMb, instances: n, appCpu: k ? NaN : r.cpu, seconds: r.seconds });
          o.say(`  [${n}] ${f.name}: ${f.rps.toFixed(1)} req/s, p95 ${f.p95.toFixed(0)} ms (${f.note})${k ? '' : `; apps' CPU ${r.cpu.toFixed(1)} s in ${r.seconds.toFixed(1)} s`}`);
        }
      }
    } finally {
      lb?.stop();
      for (const a of apps) await a.stop();
    }
  }
  return { rows: out, probes, stale };
}

const num = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '');

export function instancesTable(r: { rows: InstancesRow[]; probes: number; stale: number }): string {
  return [
    '| scenario | app instances | req/s | p50 ms | p95 ms | errors | 409 | apps\' CPU s (wall s) | peak RSS MB (highest instance) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...r.rows.map((x) => `| ${x.name} | ${x.instances} | ${num(x.rps)} | ${num(x.p50, 0)} | ${num(x.p95, 0)} | ${x.errors} | ${x.conflicts} | ${Number.isFinite(x.appCpu) ? `${num(x.appCpu)} (${num(x.seconds)})` : ''} | ${x.rssMb.toFixed(0)} |`),
    '',
    `Freshness probes (save through nginx, then ranking.csv through nginx compared with the database): ${r.probes}, stale ${r.stale}.`,
  ].join('\n');
}
