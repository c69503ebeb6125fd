// One autocannon scenario: warm up, reset the server's peak RSS, load it, and read the figures
// (percentiles from every response time, errors = non-2xx/3xx responses + socket errors + timeouts).
import http from 'node:http';
import autocannon from 'autocannon';
import { peakRssMb, resetPeakRss, waitIdle, type Session } from './http.ts';

export type Figures = {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  conflicts: number;
  rssMb: number;
  ratio?: number;
  note?: string;
};

export type Scenario = {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  sessions?: Session[];
  setupClient?: (client: never) => void;
  /** statuses counted apart (409 for the grid save), not as errors */
  apart?: number[];
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function fire(s: Scenario, connections: number, duration: number, record?: (status: number, ms: number) => void) {
  let n = 0;
  const sessionClient = (client: { setHeaders(h: Record<string, string>): void }) => {
    const sess = s.sessions?.[n++ % (s.sessions?.length || 1)];
    if (sess) client.setHeaders({ cookie: sess.cookie });
  };
  const inst = autocannon({
    url: s.url,
    method: s.method ?? 'GET',
    connections,
    duration,
    timeout: 30,
    setupClient: (s.setupClient ?? sessionClient) as never,
  });
  if (record) inst.on('response', (_c: unknown, status: number, _bytes: number, ms: number) => record(status, ms));
  return inst as Promise<{ errors: number; timeouts: number }>;
}

/** Run a scenario against the server process `pid` and return its figures. */
type LoadOptions = { connections: number; duration: number; warmup: number };

/** Warm the server up with the scenario, wait until it is idle again, and reset its peak RSS. */
async function warmUp(s: Scenario, pid: number, opts: LoadOptions): Promise<void> {
  await waitIdle(pid);
  if (opts.warmup > 0) await fire(s, Math.min(opts.connections, 10), opts.warmup);
  await waitIdle(pid);
  resetPeakRss(pid);
}

export async function measure(s: Scenario, pid: number, opts: LoadOptions): Promise<Figures> {
  await warmUp(s, pid, opts);
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const t0 = Date.now();
  const result = await fire(s, opts.connections, opts.duration, (status, ms) => {
    times.push(ms);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const seconds = (Date.now() - t0) / 1000;
  const rssMb = peakRssMb(pid); // before the server finishes what autocannon left in flight
  times.sort((a, b) => a - b);
  const apart = new Set(s.apart ?? []);
  let bad = 0;
  let conflicts = 0;
  for (const [status, count] of statuses) {
    if (apart.has(status)) conflicts += count;
    else if (status < 200 || status >= 400) bad += count;
  }
  const shown = [...statuses].sort().map(([k, v]) => `${k}×${v}`).join(' ');
  return {
    name: s.name,
    requests: times.length,
    rps: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: bad + result.errors, // autocannon's errors include its timeouts
    conflicts,
    rssMb,
    note: shown,
  };
}

/**
 * Users arriving while others keep the app busy: `s` loads the app as `measure` does, and meanwhile, every `everyMs`,
 * `together` new visitors at once (a unit's staff opening the app after a briefing) each open a fresh connection and
 * ask for `s.url` once. The figures are the visitors' requests, timed from opening the connection to the last byte.
 */
export async function measureNewVisitors(s: Scenario, pid: number, opts: LoadOptions, everyMs = 500, together = 10): Promise<Figures> {
  await warmUp(s, pid, opts);
  const times: number[] = [];
  let bad = 0;
  let n = 0;
  const visit = () =>
    new Promise<void>((resolve) => {
      const sess = s.sessions?.[n++ % (s.sessions?.length || 1)];
      const t0 = performance.now();
      const req = http.get(s.url, { agent: false, headers: sess ? { cookie: sess.cookie } : {} }, (res) => {
        res.resume();
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 400) bad++;
          times.push(performance.now() - t0);
          resolve();
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        bad++;
        resolve();
      });
    });
  const t0 = Date.now();
  const loading = fire(s, opts.connections, opts.duration);
  const visits: Promise<void>[] = [];
  // the first visitor comes once the load is under way, the last a second before it ends
  await new Promise((r) => setTimeout(r, 500));
  while (Date.now() - t0 < opts.duration * 1000 - 1000) {
    for (let i = 0; i < together; i++) visits.push(visit());
    await new Promise((r) => setTimeout(r, everyMs));
  }
  await Promise.all(visits);
  const rssMb = peakRssMb(pid);
  await loading;
  times.sort((a, b) => a - b);
  return {
    name: s.name,
    requests: times.length,
    rps: visits.length / ((Date.now() - t0) / 1000),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: bad,
    conflicts: 0,
    rssMb,
    note: `${visits.length} visitors, ${together} at once every ${everyMs} ms, each on a new connection`,
  };
}
