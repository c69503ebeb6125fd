// The cost table of issue 12: each page's time, SQL statements and bytes at 15, 500 and 5,000 units. The app
// runs in this process (like the tests) so every statement its Prisma client sends can be counted; one
// request at a time, warm (the median of 3 after one unmeasured request).
import pg from 'pg';
import { DEFAULT_DEMO_PASSWORD } from '../src/demo/data.ts';
import { startInProcess } from './in-process.ts';
import { login, type Session } from './http.ts';

// cpuMs: this process's CPU time (app and client both run here) over the request, beside the wall time
export type CostRow = { page: string; units: number; ms: number; cpuMs: number; statements: number; bytes: number; status: number };

async function ids(url: string, campaign: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const id = (await c.query<{ id: number }>(`SELECT id FROM "Campaign" WHERE name = $1`, [campaign])).rows[0].id;
    const one = async (sql: string) => (await c.query<{ id: number }>(sql, [id])).rows[0]?.id;
    return {
      id,
      period: await one(`SELECT id FROM "Period" WHERE "campaignId" = $1 ORDER BY seq DESC LIMIT 1`),
      unit: await one(`SELECT "unitId" AS id FROM "CampaignUnit" WHERE "campaignId" = $1 ORDER BY "unitId" LIMIT 1`),
      cluster: (await c.query<{ id: number }>(`SELECT id FROM "Cluster" ORDER BY id LIMIT 1`)).rows[0]?.id,
      year: (await c.query<{ year: number }>(`SELECT year FROM "MovementYear" ORDER BY year DESC LIMIT 1`)).rows[0]?.year,
      units: Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM "CampaignUnit" WHERE "campaignId" = $1`, [id])).rows[0].n),
    };
  } finally {
    await c.end();
  }
}

/** Measure the pages of one campaign of the database at `url`. */
export async function costOf(url: string, campaign: string): Promise<CostRow[]> {
  let counting = false;
  let statements = 0;
  const { site: base, server, database } = await startInProcess(url, () => { if (counting) statements++; });
  try {
    const k = await ids(url, campaign);
    const who: Record<string, Session> = {
      commander: await login(base, 'commander', DEFAULT_DEMO_PASSWORD),
      officer: await login(base, 'officer', DEFAULT_DEMO_PASSWORD),
      admin: await login(base, 'admin', DEFAULT_DEMO_PASSWORD),
    };
    const pages: [string, string, string][] = [
      ['command dashboard', `/campaigns/${k.id}/dashboard`, 'commander'],
      ['a unit dashboard', `/campaigns/${k.id}/units/${k.unit}`, 'commander'],
      ['ranking page', `/campaigns/${k.id}/ranking`, 'commander'],
      ["officer's grid of 15 units (last period)", `/campaigns/${k.id}/periods/${k.period}/scores?size=15`, 'officer'],
      ['pledge list', `/campaigns/${k.id}/pledges`, 'commander'],
      ['award proposals', `/campaigns/${k.id}/awards`, 'commander'],
      ['audit viewer', `/admin/audit`, 'admin'],
      ['ranking.csv', `/campaigns/${k.id}/ranking.csv`, 'commander'],
      ['period status (last period)', `/campaigns/${k.id}/periods/${k.period}/status`, 'officer'],
      ['periods', `/campaigns/${k.id}/periods`, 'admin'],
      ['scoring index', `/campaigns/${k.id}/scores`, 'officer'],
      ['summary report', `/campaigns/${k.id}/report`, 'commander'],
      ['participants', `/campaigns/${k.id}/participants`, 'admin'],
      ['units list', `/units`, 'admin'],
      ['new user form', `/admin/users/new`, 'admin'],
      ['cluster edit', `/clusters/${k.cluster}/edit`, 'admin'],
      ['year registrations', `/years/${k.year}/registrations`, 'officer'],
      ['year review', `/years/${k.year}/review`, 'officer'],
      ['new initiative form', `/initiatives/new`, 'officer'],
      ['initiatives', `/initiatives`, 'officer'],
      ['new cluster form', `/clusters/new`, 'admin'],
    ];
    const rows: CostRow[] = [];
    for (const [page, path, user] of pages) {
      const get = async () => {
        const res = await fetch(base + path, { headers: { cookie: who[user].cookie }, redirect: 'manual' });
        return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
      };
      const w0 = performance.now();
      await get();
      // a page over 10 s is measured once more only (three would take minutes of a shared machine)
      const tries = performance.now() - w0 > 10_000 ? 1 : 3;
      const times: number[] = [];
      const cpus: number[] = [];
      let last = { status: 0, bytes: 0 };
      for (let i = 0; i < tries; i++) {
        statements = 0;
        counting = true;
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        last = await get();
        times.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpus.push((c.user + c.system) / 1000);
        counting = false;
      }
      times.sort((a, b) => a - b);
      cpus.sort((a, b) => a - b);
      const mid = Math.floor(times.length / 2);
      rows.push({ page, units: k.units, ms: times[mid], cpuMs: cpus[mid], statements, bytes: last.bytes, status: last.status });
    }
    return rows;
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await database.close();
  }
}

/** The markdown table: one row per page, one column group per size. */
export function costTable(all: CostRow[]): string {
  const sizes = [...new Set(all.map((r) => r.units))].sort((a, b) => a - b);
  const pages = [...new Set(all.map((r) => r.page))];
  const head = `| page | ${sizes.map((n) => `${n} units: ms (CPU) · statements · kB`).join(' | ')} |\n|---|${sizes.map(() => '--:').join('|')}|`;
  const body = pages.map((p) => `| ${p} | ${sizes.map((n) => {
    const r = all.find((x) => x.page === p && x.units === n);
    return r ? `${r.ms.toFixed(r.ms < 10 ? 1 : 0)} (${r.cpuMs.toFixed(0)}) · ${r.statements} · ${(r.bytes / 1024).toFixed(0)}${r.status === 200 ? '' : ` (${r.status})`}` : '–';
  }).join(' | ')} |`);
  return [head, ...body].join('\n');
}
