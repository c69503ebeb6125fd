// Child processes (the app, the ceiling) and signing in over HTTP, for bench/run.ts.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { TUNING } from '../scripts/tuning.mjs';

export const ROOT = path.resolve(import.meta.dirname, '..');

export type Server = { base: string; pid: number; stop(): Promise<void> };

/**
 * Start `node --import tsx <script>` (or `node <script>` for compiled JavaScript) and wait until it prints the
 * port it listens on. BENCH_NODE_ARGS adds node flags to the app, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
export function startNode(script: string, env: NodeJS.ProcessEnv, portPattern: RegExp, nodeArgs: string[] = []): Promise<Server> {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...loader, script], {
    cwd: ROOT,
    // an empty value removes the variable (the embedded database is the app's default when DATABASE_URL is unset)
    env: Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined && v !== '')),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${script}: ${why}\n${out}`));
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(portPattern);
      if (!m) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve({
        base: `http://127.0.0.1:${m[1]}`,
        pid: child.pid!,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.length > 20_000) out = out.slice(-20_000);
    });
    child.once('exit', (code) => fail(`exited with ${code}`));
    setTimeout(() => fail('did not start within 180 s'), 180_000).unref(); // a shared, loaded machine compiles slowly
  });
}

/**
 * The real app on a PostgreSQL database, with the view cache on (NODE_ENV=test) and quiet logs; the compiled
 * dist/server.js when BENCH_COMPILED=1 (bench/run.ts --compiled builds it first), else src/server.ts through tsx.
 * With the memory settings npm start gives it (scripts/tuning.mjs: glibc's malloc variables and V8's young and old
 * generation flags); set those variables or BENCH_NODE_ARGS to measure others (a later V8 flag wins).
 */
export function startApp(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<Server> {
  return startNode(
    process.env.BENCH_COMPILED === '1' ? 'dist/server.js' : 'src/server.ts',
    {
      DATABASE_URL: databaseUrl,
      ...Object.fromEntries(Object.entries(TUNING.env).map(([k, v]) => [k, process.env[k] ?? v])),
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      SESSION_SECRET: 'bench-session-secret-0123456789-abcdefghij',
      LOG_LEVEL: 'warn',
      LOGIN_MAX_ATTEMPTS: '10000',
    },
    /running at http:\/\/localhost:(\d+)/,
    [...TUNING.flags, ...TUNING.runtime, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)],
  );
}

/** Peak resident set size (VmHWM) of a process in MB, and a reset of that peak (Linux clear_refs 5). */
export function peakRssMb(pid: number): number {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
}
export function resetPeakRss(pid: number): void {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    /* not allowed here: the figure is then the peak since start */
  }
}

export type Session = { cookie: string; csrf: string };

function cookiesOf(res: Response, jar: Map<string, string>): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
  }
}

/** Sign in through the login form (CSRF token from the form, then the session cookie), like a browser. */
export async function login(base: string, username: string, password: string): Promise<Session> {
  const jar = new Map<string, string>();
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const form = await fetch(`${base}/login`);
  cookiesOf(form, jar);
  const body = new URLSearchParams({ username, password, _csrf: csrfOf(await form.text()) });
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded' },
  });
  cookiesOf(res, jar);
  if (res.status !== 303) throw new Error(`login as ${username}: ${res.status}`);
  const home = await fetch(`${base}/`, { headers: { cookie: header() } });
  cookiesOf(home, jar);
  return { cookie: header(), csrf: csrfOf(await home.text()) };
}

/** GET a page as a session; throws unless 200. */
export async function getPage(base: string, path: string, s: Session): Promise<string> {
  const res = await fetch(base + path, { headers: { cookie: s.cookie }, redirect: 'manual' });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  return text;
}

/** CPU time (ms) a process has used so far, from /proc/<pid>/stat (utime + stime, 100 ticks a second). */
export function cpuMs(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/**
 * Wait until a server has finished the requests autocannon left behind when it stopped (the server keeps
 * working on them), i.e. until it uses under 10% of a core for half a second; at most `maxMs`.
 */
export async function waitIdle(pid: number, maxMs = 120_000): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const a = cpuMs(pid);
    await new Promise((r) => setTimeout(r, 500));
    if (cpuMs(pid) - a < 50 || Date.now() - t0 > maxMs) return Date.now() - t0;
  }
}
