// Bench data sets on a real PostgreSQL server, built with set-based SQL (INSERT … SELECT … generate_series):
//  - reference: the demo campaign "Lập công dâng Đảng" (15 units, 19 criteria) extended to 12 periods, all verified;
//  - national: the demo plus a synthetic campaign of 5,000 units × 30 criteria × 12 periods (1.8 million scores),
//    kept between runs (rebuilt only when missing, incomplete or asked with --rebuild).
import pg from 'pg';
import { PrismaClient } from '../src/generated/prisma/client.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { createPgAdapter } from '../src/db/pg.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { DEFAULT_DEMO_PASSWORD } from '../src/demo/data.ts';

export const NATIONAL = { units: 5000, criteria: 30, periods: 12, name: 'Thi đua Quyết thắng toàn quốc (bench)' };
export const REFERENCE_NAME = 'Lập công dâng Đảng';

export function urlFor(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = '/' + database;
  return u.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Drop and create a database, migrate it and load the demo data. */
async function freshDemoDatabase(base: string, name: string): Promise<string> {
  await withClient(urlFor(base, 'postgres'), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  const url = urlFor(base, name);
  await migrate(url);
  const prisma = new PrismaClient({ adapter: createPgAdapter(url) });
  await seedDemo(prisma, DEFAULT_DEMO_PASSWORD);
  await prisma.$disconnect();
  return url;
}

async function migrate(url: string): Promise<void> {
  await applyMigrations(createPgAdapter(url));
}

/** Scores of every (period, unit, criterion) of a campaign for the periods with seq ≥ fromSeq, and VERIFIED assessments. */
function scoreSql(campaignId: number, fromSeq: number): string[] {
  return [
    `SELECT setseed(0.42)`,
    `INSERT INTO "Score" ("campaignId","periodId","unitId","criterionId","points","selfPoints","scoredById","scoredAt","updatedAt")
     SELECT ${campaignId}, p.id, cu."unitId", c.id, x.pts, x.pts, (SELECT id FROM "User" WHERE username = 'officer'), now(), now()
     FROM "Period" p
     JOIN "CampaignUnit" cu ON cu."campaignId" = p."campaignId"
     JOIN "Criterion" c ON c."campaignId" = p."campaignId"
     CROSS JOIN LATERAL (SELECT CASE c.kind
         WHEN 'NORMAL' THEN LEAST(c."maxPoints", round(c."maxPoints" * (0.6 + 0.4 * random()) * 2) / 2)
         WHEN 'BONUS' THEN CASE WHEN random() < 0.3 THEN round(c."maxPoints" * random() * 2) / 2 ELSE 0 END
         ELSE CASE WHEN random() < 0.15 THEN GREATEST(0.5, round(c."maxPoints" * random())) ELSE 0 END END AS pts
       -- the reference to the unit makes the draw one per cell: without it the planner drew once per period and
       -- criterion and gave every unit the same points, so all 5,000 units tied (until 2026-12-05)
       WHERE cu."unitId" IS NOT NULL) x
     WHERE p."campaignId" = ${campaignId} AND p.seq >= ${fromSeq}`,
    `INSERT INTO "Assessment" ("periodId","unitId","status","submittedAt","verifiedById","verifiedAt","updatedAt")
     SELECT p.id, cu."unitId", 'VERIFIED', now(), (SELECT id FROM "User" WHERE username = 'officer'), now(), now()
     FROM "Period" p JOIN "CampaignUnit" cu ON cu."campaignId" = p."campaignId"
     WHERE p."campaignId" = ${campaignId} AND p.seq >= ${fromSeq}`,
  ];
}

/** The demo campaign with periods 4–12 added (monthly, July 2021 – March 2022) and every period verified. */
export async function buildReference(base: string, name: string): Promise<{ url: string; ms: number }> {
  const t0 = Date.now();
  const url = await freshDemoDatabase(base, name);
  await withClient(url, async (c) => {
    const { rows } = await c.query<{ id: number }>(`SELECT id FROM "Campaign" WHERE name = $1`, [REFERENCE_NAME]);
    const id = rows[0].id;
    await c.query('BEGIN');
    await c.query(`UPDATE "Campaign" SET "endDate" = '2022-03-31' WHERE id = $1`, [id]);
    await c.query(
      `INSERT INTO "Period" ("campaignId", seq, name, "startDate", "endDate")
       SELECT $1, 3 + m, 'Đợt ' || (3 + m) || ' (tháng ' || to_char(d, 'FMMM/YYYY') || ')', d, (d + interval '1 month - 1 day')::date
       FROM generate_series(1, 9) m, LATERAL (SELECT (date '2021-07-01' + (m - 1) * interval '1 month')::date AS d) x`,
      [id],
    );
    for (const sql of scoreSql(id, 2)) await c.query(sql);
    await c.query('COMMIT');
    await c.query('ANALYZE');
  });
  return { url, ms: Date.now() - t0 };
}


async function nationalReady(base: string, name: string, units: number): Promise<boolean> {
  const exists = await withClient(urlFor(base, 'postgres'), async (c) => (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1);
  if (!exists) return false;
  return withClient(urlFor(base, name), async (c) => {
    const r = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM "Score" s JOIN "Campaign" k ON k.id = s."campaignId" WHERE k.name = $1`,
      [NATIONAL.name],
    ).catch(() => ({ rows: [{ n: '0' }] }));
    if (Number(r.rows[0].n) !== units * NATIONAL.criteria * NATIONAL.periods) return false;
    // a copy built before the draw was one per cell has the same points for every unit: built again
    const d = await c.query<{ n: number }>(
      `SELECT count(DISTINCT s."points")::int AS n FROM "Score" s
       WHERE (s."periodId", s."criterionId") = (SELECT (SELECT min(p.id) FROM "Period" p WHERE p."campaignId" = k.id), (SELECT min(x.id) FROM "Criterion" x WHERE x."campaignId" = k.id AND x.kind = 'NORMAL')
                                                FROM "Campaign" k WHERE k.name = $1)`,
      [NATIONAL.name],
    );
    return d.rows[0].n > 1;
  });
}

/**
 * The national synthetic data set (or a smaller one of `units` units, for the cost table); reused when it already
 * exists with the right row count (unless rebuild).
 */
export async function buildNational(base: string, name: string, rebuild: boolean, size: number = NATIONAL.units): Promise<{ url: string; ms: number; cached: boolean }> {
  const t0 = Date.now();
  if (!rebuild && (await nationalReady(base, name, size))) {
    const url = urlFor(base, name);
    await migrate(url); // pending migrations (e.g. a new index) still apply to the cached copy
    return { url, ms: Date.now() - t0, cached: true };
  }
  const url = await freshDemoDatabase(base, name);
  const { criteria, periods } = NATIONAL;
  const units = size;
  await withClient(url, async (c) => {
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO "Unit" (code, name, "shortName", type, "searchText", "updatedAt")
       SELECT 'QG' || lpad(i::text, 5, '0'), 'Đơn vị thi đua số ' || i, 'ĐV ' || i, 'OTHER', 'don vi thi dua so ' || i || ' qg' || lpad(i::text, 5, '0'), now()
       FROM generate_series(1, ${units}) i`,
    );
    const { rows } = await c.query<{ id: number }>(
      `INSERT INTO "Campaign" (name, "startDate", "endDate", status, "tieBreaks", "classRules", "updatedAt")
       VALUES ($1, '2025-01-01', '2025-12-31', 'ACTIVE', '[{"kind":"fewerPenalty"},{"kind":"latestPeriod"}]',
               '{"XUAT_SAC":90,"TOT":80,"KHA":65,"TRUNG_BINH":50}', now()) RETURNING id`,
      [NATIONAL.name],
    );
    const id = rows[0].id;
    await c.query(`INSERT INTO "CampaignUnit" ("campaignId", "unitId") SELECT $1, id FROM "Unit" WHERE code LIKE 'QG%'`, [id]);
    await c.query(
      `INSERT INTO "Period" ("campaignId", seq, name, "startDate", "endDate")
       SELECT $1, m, 'Tháng ' || m || '/2025', d, (d + interval '1 month - 1 day')::date
       FROM generate_series(1, ${periods}) m, LATERAL (SELECT (date '2025-01-01' + (m - 1) * interval '1 month')::date AS d) x`,
      [id],
    );
    const groups = criteria / 5;
    await c.query(
      `INSERT INTO "CriteriaGroup" ("campaignId", code, title, "order") SELECT $1, chr(64 + g), 'Nhóm tiêu chí ' || chr(64 + g), g FROM generate_series(1, ${groups}) g`,
      [id],
    );
    // five criteria per group; the last group ends with a bonus and a penalty criterion
    await c.query(
      `INSERT INTO "Criterion" ("campaignId", "groupId", code, title, "maxPoints", weight, kind, "order")
       SELECT $1, g.id, g.code || k, 'Tiêu chí ' || g.code || k, CASE WHEN g."order" = ${groups} AND k >= 4 THEN 5 ELSE 10 END, 1,
              (CASE WHEN g."order" = ${groups} AND k = 4 THEN 'BONUS' WHEN g."order" = ${groups} AND k = 5 THEN 'PENALTY' ELSE 'NORMAL' END)::"CriterionKind", k
       FROM "CriteriaGroup" g, generate_series(1, 5) k WHERE g."campaignId" = $1`,
      [id],
    );
    for (const sql of scoreSql(id, 1)) await c.query(sql);
    await c.query('COMMIT');
    await c.query('VACUUM ANALYZE');
  });
  return { url, ms: Date.now() - t0, cached: false };
}
