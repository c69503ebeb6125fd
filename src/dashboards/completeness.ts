// Scoring completeness for the command dashboard, counted in SQL: per period, how many participating units (of the
// whole campaign, a cluster or a parent unit) are not scored, drafted, submitted, returned or verified, and the
// first few of each open bucket by code. One aggregate over period × unit, never a row per unit or per score in
// Node: the dashboard reads what it shows, whatever the number of units. The dashboards keep it per app instance and
// bring it up to date from what was written since (./completeness-kept.ts); a cluster's is counted here every time.
import type { Db } from '../db/index.ts';
import type { UnitRef } from './data.ts';

export const BUCKETS = ['notScored', 'draft', 'submitted', 'returned', 'verified'] as const;
export type Bucket = (typeof BUCKETS)[number];

export type CompletenessRow = {
  periodId: number;
  seq: number;
  name: string;
  status: 'OPEN' | 'CLOSED';
  total: number;
  counts: Record<Bucket, number>;
  /** the first `listed` units of each bucket but verified, in code order */
  first: Record<Bucket, UnitRef[]>;
};

export type UnitFilter = { parent?: number; cluster?: number };

const VERIFIED = BUCKETS.indexOf('verified');

/**
 * A (period, unit) pair's bucket as its index in BUCKETS, in SQL, with `a` its assessment joined: verified, submitted
 * or returned as the assessment says; draft with a draft assessment or any official or self-assessed point; else not
 * scored. The one statement of the rule, for the count here and the kept one (./completeness-kept.ts).
 */
export function bucketSql(period: string, unit: string): string {
  const at = (b: Bucket) => BUCKETS.indexOf(b);
  return `CASE a.status::text WHEN 'VERIFIED' THEN ${at('verified')} WHEN 'SUBMITTED' THEN ${at('submitted')} WHEN 'RETURNED' THEN ${at('returned')}
    ELSE CASE WHEN a.status::text = 'DRAFT' OR EXISTS (
      SELECT 1 FROM "Score" s WHERE s."periodId" = ${period} AND s."unitId" = ${unit} AND (s.points IS NOT NULL OR s."selfPoints" IS NOT NULL)
    ) THEN ${at('draft')} ELSE ${at('notScored')} END END`;
}

/**
 * The buckets of src/scoring/periods-service.ts periodCompleteness (verified, submitted, returned; draft: a draft
 * assessment or any official or self-assessed point; else not scored), counted per period in one statement, plus
 * one read of the units it names.
 */
export async function completenessSummary(
  prisma: Db,
  campaignId: number,
  periods: { id: number; seq: number; name: string; status: 'OPEN' | 'CLOSED' }[],
  filter: UnitFilter = {},
  listed = 20,
): Promise<CompletenessRow[]> {
  const params: unknown[] = [campaignId, listed];
  let scope = '';
  if (filter.parent) scope += ` AND u."parentId" = $${params.push(filter.parent)}`;
  if (filter.cluster) scope += ` AND EXISTS (SELECT 1 FROM "ClusterMember" cm WHERE cm."unitId" = u.id AND cm."clusterId" = $${params.push(filter.cluster)})`;
  const rows = await prisma.$queryRawUnsafe<{ periodId: number; bucket: number; n: number; ids: number[] }[]>(
    `WITH cu AS (
       SELECT u.id, u.code FROM "CampaignUnit" c JOIN "Unit" u ON u.id = c."unitId" WHERE c."campaignId" = $1${scope}
     ), b AS (
       SELECT p.id AS "periodId", cu.id AS "unitId", cu.code, ${bucketSql('p.id', 'cu.id')} AS bucket
       FROM "Period" p CROSS JOIN cu
       LEFT JOIN "Assessment" a ON a."periodId" = p.id AND a."unitId" = cu.id
       WHERE p."campaignId" = $1
     )
     SELECT "periodId", bucket, count(*)::int AS n,
       COALESCE((array_agg("unitId" ORDER BY code) FILTER (WHERE bucket <> ${VERIFIED}))[1:$2], ARRAY[]::int[]) AS ids
     FROM b GROUP BY "periodId", bucket`,
    ...params,
  );
  const wanted = [...new Set(rows.flatMap((r) => r.ids))];
  const units = wanted.length ? await prisma.unit.findMany({ where: { id: { in: wanted } }, select: { id: true, code: true, name: true, shortName: true } }) : [];
  const unitOf = new Map(units.map((u) => [u.id, u]));
  return periods.map((p) => {
    const counts = Object.fromEntries(BUCKETS.map((k) => [k, 0])) as Record<Bucket, number>;
    const first = Object.fromEntries(BUCKETS.map((k) => [k, [] as UnitRef[]])) as Record<Bucket, UnitRef[]>;
    for (const r of rows) {
      if (r.periodId !== p.id) continue;
      counts[BUCKETS[r.bucket]] = Number(r.n);
      first[BUCKETS[r.bucket]] = r.ids.map((id) => unitOf.get(id)).filter((u): u is UnitRef => Boolean(u));
    }
    return { periodId: p.id, seq: p.seq, name: p.name, status: p.status, total: BUCKETS.reduce((a, k) => a + counts[k], 0), counts, first };
  });
}

export type PeriodUnit = UnitRef & { status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'VERIFIED' | null; scored: number; selfScored: number };
export type PeriodUnitState = 'pending' | 'submitted' | 'verified';

/**
 * One page of a period's participating units in code order with their assessment status and how many cells each
 * has (official and self-assessed), optionally only those in one state; the count of the filtered list. Three
 * statements, each bounded by the page (the period status page).
 */
export async function periodUnits(prisma: Db, campaignId: number, periodId: number, state: PeriodUnitState | undefined, page: { skip: number; size: number }) {
  const cond = state === 'pending' ? ` AND a.status IS DISTINCT FROM 'VERIFIED'` : state === 'submitted' ? ` AND a.status = 'SUBMITTED'` : state === 'verified' ? ` AND a.status = 'VERIFIED'` : '';
  const from = `FROM "CampaignUnit" cu JOIN "Unit" u ON u.id = cu."unitId"
    LEFT JOIN "Assessment" a ON a."periodId" = $2 AND a."unitId" = u.id
    WHERE cu."campaignId" = $1${cond}`;
  const [count, rows] = await Promise.all([
    prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n ${from}`, campaignId, periodId),
    prisma.$queryRawUnsafe<(UnitRef & { status: PeriodUnit['status'] })[]>(
      `SELECT u.id, u.code, u.name, u."shortName", a.status::text AS status ${from} ORDER BY u.code LIMIT ${Number(page.size)} OFFSET ${Number(page.skip)}`,
      campaignId,
      periodId,
    ),
  ]);
  const ids = rows.map((r) => r.id);
  const cells = ids.length
    ? await prisma.$queryRawUnsafe<{ unitId: number; scored: number; selfScored: number }[]>(
        `SELECT "unitId", count(points)::int AS scored, count("selfPoints")::int AS "selfScored" FROM "Score" WHERE "periodId" = $1 AND "unitId" = ANY($2::int[]) GROUP BY "unitId"`,
        periodId,
        ids,
      )
    : [];
  const cellsOf = new Map(cells.map((c) => [c.unitId, c]));
  const units: PeriodUnit[] = rows.map((r) => ({ ...r, scored: Number(cellsOf.get(r.id)?.scored ?? 0), selfScored: Number(cellsOf.get(r.id)?.selfScored ?? 0) }));
  return { units, total: Number(count[0]?.n ?? 0) };
}
