// The bench tables (markdown, printed and written to bench/results/latest.md) with the targets of issue 6.
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import type { Figures } from './load.ts';

export type Machine = { summary: string; cpu: string; cores: number; ramGb: number; node: string; pg: string };

export function machine(): Machine {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1]?.trim() ?? os.cpus()[0]?.model ?? '?';
  const cores = os.availableParallelism();
  const ramGb = os.totalmem() / 1024 ** 3;
  let pgVersion = '?';
  try {
    pgVersion = execFileSync('psql', ['--version'], { encoding: 'utf8' }).trim().replace(/^psql \(PostgreSQL\) /, '');
  } catch {
    /* psql not on PATH */
  }
  const summary = `${cores} × ${cpu}, ${ramGb.toFixed(1)} GB RAM, Node ${process.version}, PostgreSQL ${pgVersion}`;
  return { summary, cpu, cores, ramGb, node: process.version, pg: pgVersion };
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '–');

function table(rows: Figures[]): string {
  const head = '| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | 409 | peak RSS MB | vs ceiling | status codes |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|---|';
  const body = rows.map((r) =>
    `| ${r.name} | ${r.rps.toFixed(r.rps < 10 ? 1 : 0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.errors} | ${r.conflicts} | ${r.rssMb.toFixed(0)} | ${r.ratio === undefined ? '' : `${(r.ratio * 100).toFixed(0)}%`} | ${r.note ?? ''} |`,
  );
  return [head, ...body].join('\n');
}

const mark = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS');

export function report(ref: Figures[], nat: Figures[], opts: { connections: number; duration: number; info: Machine }): string {
  const find = (rows: Figures[], prefix: string) => rows.find((r) => r.name.startsWith(prefix));
  const dash = (name: string) => {
    const r = find(ref, name);
    return r ? { ok: (r.ratio ?? 0) >= 0.5 && r.errors === 0, got: `${((r.ratio ?? 0) * 100).toFixed(0)}% of ceiling, ${r.errors} errors` } : undefined;
  };
  const p95 = (prefix: string, limit: number) => {
    const r = find(nat, prefix);
    return r ? { ok: r.p95 < limit, got: `p95 ${ms(r.p95)} ms` } : undefined;
  };
  const app = [...ref, ...nat].filter((r) => !r.name.startsWith('ceiling'));
  const rss = app.length ? Math.max(...app.map((r) => r.rssMb)) : NaN;
  const targets: [string, { ok: boolean; got: string } | undefined][] = [
    ['reference command dashboard ≥ 50% of ceiling, 0 errors', dash('command dashboard')],
    ['reference unit dashboard ≥ 50% of ceiling, 0 errors', dash('unit dashboard')],
    ['national ranking page p95 < 250 ms', p95('ranking page', 250)],
    ['national grid save p95 < 100 ms', p95('grid save', 100)],
    ['server peak RSS < 300 MB', app.length ? { ok: rss < 300, got: `${rss.toFixed(0)} MB` } : undefined],
  ];
  return [
    `# thidua bench — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${opts.info.summary}. Load: autocannon, ${opts.connections} connections, ${opts.duration} s per scenario on loopback; app and ceiling each one Node process.`,
    '',
    '## Reference campaign (15 units, 19 criteria, 12 verified periods)',
    '',
    ref.length ? table(ref) : '(not run)',
    '',
    '## National synthetic campaign (5,000 units, 30 criteria, 12 periods, 1.8 million scores)',
    '',
    nat.length ? table(nat) : '(not run)',
    '',
    '## Targets',
    '',
    '| target | result | measured |\n|---|---|---|',
    ...targets.map(([name, t]) => `| ${name} | ${mark(t?.ok)} | ${t?.got ?? 'not run'} |`),
  ].join('\n');
}
