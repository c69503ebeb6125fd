// All scores of one period, one row per stored score, read a few units at a time.
import type { Db } from '../db/index.ts';
import { can, type Actor } from '../auth/policy.ts';
import { ForbiddenError } from '../errors.ts';
import { loadPeriodContext } from '../scoring/context.ts';
import type { Column, Table } from './table.ts';

/**
 * Units per database round trip: each batch holds at most this many units × the campaign's criteria (national:
 * 50 × 30 = 1,500 rows, two statements a batch; ten units a batch made it 2,000 statements for 5,000 units).
 */
const UNITS_PER_BATCH = 50;

export type ScoreRow = {
  unit: { code: string; name: string };
  group: { code: string; title: string };
  criterion: { code: string; title: string; kind: string; max: number };
  points: number | null;
  comment: string | null;
  selfPoints: number | null;
  selfComment: string | null;
  status: string;
  scoredBy: string | null;
  scoredAt: Date | null;
  verifiedBy: string | null;
  verifiedAt: Date | null;
};

const num = (d: { toString(): string } | null) => (d === null ? null : Number(d.toString()));

/** A criterion as a row shows it, and its place on the scoring grid. */
type ExportCriterion = ScoreRow['criterion'] & { group: ScoreRow['group']; rank: number };

/** Read into `known` the rows of the ids it lacks (criteria and users seen in one batch recur in the next). */
async function fill<T>(known: Map<number, T>, ids: Iterable<number | null>, load: (missing: number[]) => Promise<[number, T][]>) {
  const missing = [...new Set(ids)].filter((id): id is number => id !== null && !known.has(id));
  if (missing.length) for (const [id, v] of await load(missing)) known.set(id, v);
}

/**
 * Staff read every unit; a unit account reads its own unit only, and its official points, comments and
 * scorer only once its assessment is verified (as on its self-assessment page). Other roles: 403.
 * Rows go by unit code, then by the criteria's order on the scoring grid (group, then criterion).
 */
export async function scoresTable(prisma: Db, actor: Actor, campaignId: number, periodId: number): Promise<Table<ScoreRow>> {
  const { period, groups } = await loadPeriodContext(prisma, actor, campaignId, periodId);
  const staff = can(actor, 'dashboard.command');
  if (!staff && actor.role !== 'UNIT') throw new ForbiddenError();
  const onlyUnit = staff ? undefined : (actor.unitId ?? -1);
  const scored = await prisma.score.groupBy({ by: ['unitId'], where: { periodId, ...(onlyUnit !== undefined ? { unitId: onlyUnit } : {}) } });
  const units = await prisma.unit.findMany({ where: { id: { in: scored.map((s) => s.unitId) } }, select: { id: true, code: true, name: true }, orderBy: { code: 'asc' } });
  // the campaign's criteria in grid order, as the period context keeps them; a score's criterion outside them (none
  // today) is read when met, after them
  const criteria = new Map<number, ExportCriterion>();
  for (const g of groups) for (const c of g.criteria) criteria.set(c.id, { code: c.code, title: c.title, kind: c.kind, max: c.max, group: { code: g.code, title: g.title }, rank: criteria.size });
  const names = new Map<number, string>();

  async function* batches(): AsyncGenerator<ScoreRow[]> {
    for (let i = 0; i < units.length; i += UNITS_PER_BATCH) {
      const slice = units.slice(i, i + UNITS_PER_BATCH);
      const ids = slice.map((u) => u.id);
      const [scores, assessments] = await Promise.all([
        prisma.score.findMany({
          where: { periodId, unitId: { in: ids } },
          select: { unitId: true, criterionId: true, points: true, comment: true, selfPoints: true, selfComment: true, scoredById: true, scoredAt: true },
        }),
        prisma.assessment.findMany({ where: { periodId, unitId: { in: ids } }, select: { unitId: true, status: true, verifiedById: true, verifiedAt: true } }),
      ]);
      await fill(criteria, scores.map((s) => s.criterionId), async (missing) =>
        (await prisma.criterion.findMany({
          where: { id: { in: missing } },
          orderBy: [{ group: { order: 'asc' } }, { groupId: 'asc' }, { order: 'asc' }, { id: 'asc' }],
          select: { id: true, code: true, title: true, kind: true, maxPoints: true, group: { select: { code: true, title: true } } },
        })).map((c, k) => [c.id, { code: c.code, title: c.title, kind: c.kind, max: Number(c.maxPoints.toString()), group: c.group, rank: criteria.size + k }]),
      );
      await fill(names, [...scores.map((s) => s.scoredById), ...assessments.map((a) => a.verifiedById)], async (missing) =>
        (await prisma.user.findMany({ where: { id: { in: missing } }, select: { id: true, fullName: true } })).map((u) => [u.id, u.fullName]),
      );
      const nameOf = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
      const byUnit = new Map(assessments.map((a) => [a.unitId, a]));
      const unitOrder = new Map(slice.map((u, k) => [u.id, k]));
      scores.sort((a, b) => unitOrder.get(a.unitId)! - unitOrder.get(b.unitId)! || criteria.get(a.criterionId)!.rank - criteria.get(b.criterionId)!.rank);
      yield scores.map((s): ScoreRow => {
        const a = byUnit.get(s.unitId);
        const official = staff || a?.status === 'VERIFIED';
        const unit = slice[unitOrder.get(s.unitId)!];
        const c = criteria.get(s.criterionId)!;
        return {
          unit: { code: unit.code, name: unit.name },
          group: c.group,
          criterion: { code: c.code, title: c.title, kind: c.kind, max: c.max },
          points: official ? num(s.points) : null,
          comment: official ? s.comment : null,
          selfPoints: num(s.selfPoints),
          selfComment: s.selfComment,
          status: a?.status ?? 'NONE',
          scoredBy: official ? nameOf(s.scoredById) : null,
          scoredAt: official ? s.scoredAt : null,
          verifiedBy: a ? nameOf(a.verifiedById) : null,
          verifiedAt: a?.verifiedAt ?? null,
        };
      });
    }
  }

  return { file: `campaign-${campaignId}-period-${period.seq}-scores`, sheet: `scores-period-${period.seq}`, columns: scoreColumns(period), batches: batches() };
}

/**
 * period_seq, period_name, unit_code, unit_name, group_code, group_title, criterion_code, criterion_title,
 * criterion_kind, max_points, points, comment, self_points, self_comment, status, scored_by, scored_at,
 * verified_by, verified_at. status is the unit's assessment status for the period (NONE when it has none).
 */
function scoreColumns(period: { seq: number; name: string }): Column<ScoreRow>[] {
  return [
    { key: 'period_seq', value: () => period.seq, kind: 'number' },
    { key: 'period_name', value: () => period.name, width: 24 },
    { key: 'unit_code', value: (r) => r.unit.code, width: 12 },
    { key: 'unit_name', value: (r) => r.unit.name, width: 36 },
    { key: 'group_code', value: (r) => r.group.code },
    { key: 'group_title', value: (r) => r.group.title, width: 36 },
    { key: 'criterion_code', value: (r) => r.criterion.code, width: 14 },
    { key: 'criterion_title', value: (r) => r.criterion.title, width: 48 },
    { key: 'criterion_kind', value: (r) => r.criterion.kind, width: 14 },
    { key: 'max_points', value: (r) => r.criterion.max, kind: 'number' },
    { key: 'points', value: (r) => r.points, kind: 'number' },
    { key: 'comment', value: (r) => r.comment, width: 36 },
    { key: 'self_points', value: (r) => r.selfPoints, kind: 'number' },
    { key: 'self_comment', value: (r) => r.selfComment, width: 36 },
    { key: 'status', value: (r) => r.status, width: 12 },
    { key: 'scored_by', value: (r) => r.scoredBy, width: 24 },
    { key: 'scored_at', value: (r) => r.scoredAt, kind: 'datetime', width: 18 },
    { key: 'verified_by', value: (r) => r.verifiedBy, width: 24 },
    { key: 'verified_at', value: (r) => r.verifiedAt, kind: 'datetime', width: 18 },
  ];
}
