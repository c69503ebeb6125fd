// All scores of one period, one row per stored score, read a few units at a time.
import type { Db } from '../db/index.ts';
import { can, type Actor } from '../auth/policy.ts';
import { ForbiddenError } from '../errors.ts';
import { loadPeriodContext } from '../scoring/context.ts';
import type { Column, Table } from './table.ts';

/** Units per database round trip: each batch holds at most this many units × the campaign's criteria. */
const UNITS_PER_BATCH = 10;

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

/**
 * Staff read every unit; a unit account reads its own unit only, and its official points, comments and
 * scorer only once its assessment is verified (as on its self-assessment page). Other roles: 403.
 */
export async function scoresTable(prisma: Db, actor: Actor, campaignId: number, periodId: number): Promise<Table<ScoreRow>> {
  const { period } = await loadPeriodContext(prisma, actor, campaignId, periodId);
  const staff = can(actor, 'dashboard.command');
  if (!staff && actor.role !== 'UNIT') throw new ForbiddenError();
  const onlyUnit = staff ? undefined : (actor.unitId ?? -1);
  const scored = await prisma.score.groupBy({ by: ['unitId'], where: { periodId, ...(onlyUnit !== undefined ? { unitId: onlyUnit } : {}) } });
  const units = await prisma.unit.findMany({ where: { id: { in: scored.map((s) => s.unitId) } }, select: { id: true, code: true, name: true }, orderBy: { code: 'asc' } });

  async function* batches(): AsyncGenerator<ScoreRow[]> {
    for (let i = 0; i < units.length; i += UNITS_PER_BATCH) {
      const slice = units.slice(i, i + UNITS_PER_BATCH);
      const ids = slice.map((u) => u.id);
      const [scores, assessments] = await Promise.all([
        prisma.score.findMany({
          where: { periodId, unitId: { in: ids } },
          include: { criterion: { select: { code: true, title: true, kind: true, maxPoints: true, order: true, id: true, group: { select: { code: true, title: true, order: true, id: true } } } } },
        }),
        prisma.assessment.findMany({ where: { periodId, unitId: { in: ids } } }),
      ]);
      const userIds = [...new Set([...scores.map((s) => s.scoredById), ...assessments.map((a) => a.verifiedById)].filter((x): x is number => x !== null))];
      const users = userIds.length ? await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, fullName: true } }) : [];
      const nameOf = (id: number | null) => (id === null ? null : (users.find((u) => u.id === id)?.fullName ?? null));
      const byUnit = new Map(assessments.map((a) => [a.unitId, a]));
      const unitOrder = new Map(slice.map((u, k) => [u.id, k]));
      scores.sort((a, b) => {
        const ga = a.criterion.group;
        const gb = b.criterion.group;
        return unitOrder.get(a.unitId)! - unitOrder.get(b.unitId)! || ga.order - gb.order || ga.id - gb.id || a.criterion.order - b.criterion.order || a.criterion.id - b.criterion.id;
      });
      yield scores.map((s): ScoreRow => {
        const a = byUnit.get(s.unitId);
        const official = staff || a?.status === 'VERIFIED';
        const unit = slice[unitOrder.get(s.unitId)!];
        return {
          unit: { code: unit.code, name: unit.name },
          group: { code: s.criterion.group.code, title: s.criterion.group.title },
          criterion: { code: s.criterion.code, title: s.criterion.title, kind: s.criterion.kind, max: Number(s.criterion.maxPoints.toString()) },
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
