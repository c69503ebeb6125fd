// The ranking export: the ranking page's table (same standings, same visibility) with its whole breakdown.
import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { translator } from '../i18n/index.ts';
import { visibleRanking } from '../ranking/pages.ts';
import type { Standings, TieBreak, UnitStanding } from '../ranking/types.ts';
import type { Column, Table } from './table.ts';

const vi = translator('vi');

/** A tie-break step as a stable machine word: group:<code>, fewer_penalty or latest_period. */
export function tieBreakCode(step: TieBreak | null): string {
  if (!step) return '';
  if (step.kind === 'group') return `group:${step.groupCode}`;
  return step.kind === 'fewerPenalty' ? 'fewer_penalty' : 'latest_period';
}

/**
 * Columns, in order: rank, tied, unit_code, unit_name, total, class, class_name, percent, bonus, penalty,
 * previous_rank, decided_by, scored_periods, missing_periods (the seqs of counted periods the unit has no verified
 * score in, each counted 0), then group_<code> per criteria group, period_<seq> per counted period and
 * provisional_<seq> per open period not counted (provisional figures, in no total, rank or class).
 * class is the machine code (XUAT_SAC…), class_name its official Vietnamese name.
 */
export function rankingColumns(s: Standings): Column<UnitStanding>[] {
  const perRank = new Map<number, number>();
  for (const u of s.standings) perRank.set(u.rank, (perRank.get(u.rank) ?? 0) + 1);
  const tied = (u: UnitStanding) => ((perRank.get(u.rank) ?? 0) > 1 ? 1 : 0);
  // a frozen ranking keeps its periods inside each unit's standing
  const periods = s.periods.length ? s.periods : (s.standings[0]?.periodTotals ?? []).map((p) => ({ id: p.periodId, seq: p.seq, name: p.name }));
  return [
    { key: 'rank', value: (u) => u.rank, kind: 'number', width: 6 },
    { key: 'tied', value: tied, kind: 'number', width: 6 },
    { key: 'unit_code', value: (u) => u.code, width: 12 },
    { key: 'unit_name', value: (u) => u.name, width: 40 },
    { key: 'total', value: (u) => u.total, kind: 'number' },
    { key: 'class', value: (u) => u.class, width: 12 },
    { key: 'class_name', value: (u) => vi(`ranking.classes.${u.class}`), width: 14 },
    { key: 'percent', value: (u) => u.percent ?? null, kind: 'number' },
    { key: 'bonus', value: (u) => u.bonus, kind: 'number' },
    { key: 'penalty', value: (u) => u.penalty, kind: 'number' },
    { key: 'previous_rank', value: (u) => u.previousRank, kind: 'number', width: 14 },
    { key: 'decided_by', value: (u) => tieBreakCode(u.decidedBy), width: 14 },
    { key: 'scored_periods', value: (u) => u.scoredPeriods ?? null, kind: 'number', width: 15 },
    { key: 'missing_periods', value: (u) => (u.missingPeriods ?? []).map((p) => p.seq).join(' '), width: 15 },
    ...s.groups.map((g): Column<UnitStanding> => ({ key: `group_${g.code}`, value: (u) => u.groupTotals[g.code] ?? 0, kind: 'number' })),
    ...periods.map((p): Column<UnitStanding> => ({ key: `period_${p.seq}`, value: (u) => u.periodTotals.find((x) => x.periodId === p.id)?.total ?? null, kind: 'number' })),
    ...(s.provisionalPeriods ?? []).map((p): Column<UnitStanding> => ({ key: `provisional_${p.seq}`, value: (u) => u.provisional?.find((x) => x.id === p.id)?.total ?? null, kind: 'number' })),
  ];
}

/** Rows in slices, so the writer can wait for the client between them (flat memory for 5,000 units). */
function* inBatches<R>(rows: readonly R[], size: number): Iterable<R[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** The ranking as the actor may see it on the ranking page (403 for a unit account before publication). */
export async function rankingTable(prisma: Db, actor: Actor, campaignId: number): Promise<Table<UnitStanding>> {
  const { standings } = await visibleRanking(prisma, actor, campaignId);
  return {
    file: `campaign-${campaignId}-ranking`,
    sheet: 'ranking',
    columns: rankingColumns(standings),
    batches: inBatches(standings.standings, 250),
  };
}
