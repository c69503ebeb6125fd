// Real parts for the reliability tests: a private PostgreSQL cluster the test may stop and start,
// the app as a separate process (src/server.ts, as `npm start` runs it), and nginx in front.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { PrismaClient } from '../../src/generated/prisma/client.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { createPgAdapter } from '../../src/db/pg.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { freePort } from '../helpers/process.ts';
import { PROJECT_ROOT, entryArgs } from '../helpers/paths.ts';

export { freePort };

const root = PROJECT_ROOT;

function pgBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return undefined;
  const ver = fs.readdirSync(base).sort((a, b) => Number(a) - Number(b)).pop();
  const bin = ver && path.join(base, ver, 'bin');
  return bin && fs.existsSync(path.join(bin, 'initdb')) ? bin : undefined;
}

/** Why these tests cannot run here, or undefined when they can. */
export function whyNoPrivatePostgres(): string | undefined {
  if (!process.env.TEST_DATABASE_URL && process.env.THIDUA_TEST_TEMPLATE_DIR) return 'runs in the PostgreSQL pass (TEST_DATABASE_URL)';
  if (!pgBin()) return 'PostgreSQL server binaries not installed (/usr/lib/postgresql/*/bin)';
  if (process.getuid?.() !== 0) return 'needs root to run a private PostgreSQL cluster as the postgres user';
  return undefined;
}

export type PrivatePostgres = { url: string; stop(): void; start(): void; destroy(): void };

/** initdb a throw-away cluster on a free port, owned by the postgres user, and start it. */
export async function privatePostgres(): Promise<PrivatePostgres> {
  const bin = pgBin()!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-pg-'));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  fs.mkdirSync(data);
  spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = await freePort();
  const asPostgres = (cmd: string, args: string[]) => {
    const r = spawnSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => asPostgres('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop: () => asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    destroy: () => {
      spawnSync('runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Migrate and seed the demo data, as `npm run db:migrate && npm run db:seed` would. */
export async function prepareDatabase(url: string): Promise<void> {
  const adapter = createPgAdapter(url);
  await applyMigrations(adapter);
  const prisma = new PrismaClient({ adapter: createPgAdapter(url) });
  try {
    await seedDemo(prisma, DEMO_PASSWORD);
  } finally {
    await prisma.$disconnect();
  }
}

export type AppProcess = { url: string; child: ChildProcess; output(): string; exited: Promise<number | null>; kill(signal?: NodeJS.Signals): void };

/** Start src/server.ts against `databaseUrl` on a free port; resolves once it listens. */
export async function startAppProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, entryArgs('src/server.ts'), {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', SESSION_SECRET: 'reliability-secret-reliability-secret-0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (!out.includes('thidua is running')) {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`app did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, output: () => out, exited, kill: (signal = 'SIGTERM') => void child.kill(signal) };
}

export function whyNoNginx(): string | undefined {
  return fs.existsSync('/usr/sbin/nginx') ? undefined : 'nginx not installed (apt-get install nginx-light)';
}

/** nginx on a free loopback port, balancing over the given upstream URLs. */
export async function startNginx(upstreams: string[]): Promise<{ url: string; stop(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-nginx-'));
  const port = await freePort();
  const servers = upstreams.map((u) => `    server ${new URL(u).host} max_fails=1 fail_timeout=2s;`).join('\n');
  const conf = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream thidua {
${servers}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://thidua;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
    }
  }
}
`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const r = spawnSync('/usr/sbin/nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`nginx failed: ${r.stderr}`);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      spawnSync('/usr/sbin/nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-s', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Create a cluster with a unique name as `client` (an admin); true when the app acknowledged it. */
export type Writer = { acknowledged: string[]; failed: Record<string, number>; statuses: Record<string, number> };
export function newWriter(): Writer {
  return { acknowledged: [], failed: {}, statuses: {} };
}

/**
 * Keep creating clusters (a write with a unique name) until `until()` is true, `parallel` at a time.
 * A name counts as acknowledged only when the app answered 303 to the list page.
 */
export async function writeLoop(
  client: { post(path: string, form: Record<string, string | number | (string | number)[]>): Promise<{ status: number; location: string | null; text: string }> },
  writer: Writer,
  opts: { label: string; unitId: number; parallel: number; until: () => boolean; onResponse?: (status: number, text: string) => void },
): Promise<void> {
  let n = 0;
  const worker = async (w: number) => {
    while (!opts.until()) {
      const name = `${opts.label}-${w}-${n++}`;
      try {
        const res = await client.post('/clusters', { name, leadUnitId: opts.unitId, memberIds: [opts.unitId] });
        writer.statuses[res.status] = (writer.statuses[res.status] ?? 0) + 1;
        opts.onResponse?.(res.status, res.text);
        if (res.status === 303 && res.location === '/clusters') writer.acknowledged.push(name);
      } catch (e) {
        const code = String((e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message);
        writer.failed[code] = (writer.failed[code] ?? 0) + 1;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: opts.parallel }, (_, w) => worker(w)));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `check` until it is true or `ms` pass. */
export async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(200);
  }
  return false;
}
