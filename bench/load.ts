// One autocannon scenario: warm up, reset the server's peak RSS, load it, and read the figures
// (percentiles from every response time, errors = non-2xx/3xx responses + socket errors + timeouts).
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
export async function measure(s: Scenario, pid: number, opts: { connections: number; duration: number; warmup: number }): Promise<Figures> {
  await waitIdle(pid);
  if (opts.warmup > 0) await fire(s, Math.min(opts.connections, 10), opts.warmup);
  await waitIdle(pid);
  resetPeakRss(pid);
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
