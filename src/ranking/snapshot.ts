// The frozen form of a published ranking: one CampaignResult row per unit whose `breakdown` JSON holds the
// unit's whole standing plus the settings it was ranked under, so a published page never changes again.
import type { Prisma } from '../generated/prisma/client.ts';
import type { Standings, UnitStanding } from './types.ts';

type Meta = Pick<Standings, 'tieBreaks' | 'classRules' | 'normalized' | 'totalMode' | 'basis' | 'periods' | 'provisionalPeriods' | 'groups' | 'periodMax'>;
export type ResultBreakdown = { v: 1; standing: UnitStanding; meta: Meta };

/** CampaignResult rows for every unit of the standings. */
export function toResultRows(s: Standings): Prisma.CampaignResultCreateManyInput[] {
  const meta: Meta = {
    tieBreaks: s.tieBreaks,
    classRules: s.classRules,
    normalized: s.normalized,
    totalMode: s.totalMode,
    basis: s.basis,
    periods: s.periods,
    provisionalPeriods: s.provisionalPeriods,
    groups: s.groups,
    periodMax: s.periodMax,
  };
  return s.standings.map((u) => ({
    campaignId: s.campaignId,
    unitId: u.unitId,
    rank: u.rank,
    total: Math.round(u.total * 1000) / 1000,
    class: u.class,
    breakdown: JSON.parse(JSON.stringify({ v: 1, standing: u, meta } satisfies ResultBreakdown)) as Prisma.InputJsonValue,
  }));
}

function isBreakdown(v: unknown): v is ResultBreakdown {
  const b = v as Partial<ResultBreakdown> | null;
  return !!b && b.v === 1 && typeof b.standing === 'object' && typeof b.meta === 'object';
}

/**
 * Standings rebuilt from the frozen rows. Rank, total and class come from the row's own columns (the record
 * of what was published); the rest from its breakdown.
 */
export function fromResultRows(
  campaignId: number,
  rows: { unitId: number; rank: number; total: { toString(): string }; class: string; breakdown: unknown; unit: { code: string; name: string } }[],
  fallback: Meta,
): Standings {
  const first = rows.map((r) => r.breakdown).find(isBreakdown);
  const meta = first ? first.meta : fallback;
  const standings = rows
    .map((r): UnitStanding => {
      const b = isBreakdown(r.breakdown) ? r.breakdown.standing : null;
      return {
        unitId: r.unitId,
        code: b?.code ?? r.unit.code,
        name: b?.name ?? r.unit.name,
        periodTotals: b?.periodTotals ?? [],
        groupTotals: b?.groupTotals ?? {},
        bonus: b?.bonus ?? 0,
        penalty: b?.penalty ?? 0,
        decidedBy: b?.decidedBy ?? null,
        previousRank: b?.previousRank ?? null,
        criteria: b?.criteria ?? [],
        ...(b ? { rawTotal: b.rawTotal, scoredPeriods: b.scoredPeriods, percent: b.percent, missingPeriods: b.missingPeriods, provisional: b.provisional } : {}),
        rank: r.rank,
        total: b && Math.abs(b.total - Number(r.total.toString())) < 0.0005 ? b.total : Number(r.total.toString()),
        class: r.class as UnitStanding['class'],
      };
    })
    .sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { campaignId, ...meta, standings, frozen: true };
}
