// Pure summaries behind the dashboards' panels: pledge status and target progress and group percentages
// (the rank change is the ranking page's, src/ranking/present.ts). No I/O.
import type { PledgeStatus } from '../generated/prisma/enums.ts';
import type { TargetProgressSummary, UnitProgressSummary } from '../pledges/progress.ts';
import type { UnitRef } from './data.ts';

/** How full a target's progress bar is (0–1), from its latest report; null when nothing was reported. */
export function targetShare(t: Pick<TargetProgressSummary, 'comparator' | 'targetValue' | 'latest'>): number | null {
  if (!t.latest) return null;
  if (t.latest.met) return 1;
  if (t.comparator !== 'LTE' && t.targetValue > 0) return Math.max(0, Math.min(1, t.latest.value / t.targetValue));
  return 0;
}

export const PLEDGE_STATES = ['APPROVED', 'SUBMITTED', 'RETURNED', 'DRAFT', 'NONE'] as const;
export type PledgeState = (typeof PLEDGE_STATES)[number];

export type PledgeUnitRow = { unit: UnitRef; status: PledgeStatus; measurable: number; reported: number; met: number };
export type PledgeSummary = {
  counts: Record<PledgeState, number>;
  participants: number;
  targets: { measurable: number; reported: number; met: number };
  /** how many participants have a pledge */
  pledged: number;
  /** the first of them in unit order (the panel's table; `pledged - units.length` more) */
  units: PledgeUnitRow[];
};

type Progress = Pick<UnitProgressSummary, 'unitId' | 'status' | 'measurable' | 'reported' | 'met'>;

/**
 * Pledge status counts over `participants` units (NONE: no pledge yet) from the progress of the pledges among them,
 * target progress summed, and the rows of `listed` (some of the pledged units, in the order to show them).
 */
export function pledgeSummary(participants: number, progress: Progress[], listed: UnitRef[]): PledgeSummary {
  const byUnit = new Map(progress.map((p) => [p.unitId, p]));
  const counts: Record<PledgeState, number> = { APPROVED: 0, SUBMITTED: 0, RETURNED: 0, DRAFT: 0, NONE: Math.max(0, participants - progress.length) };
  const targets = { measurable: 0, reported: 0, met: 0 };
  for (const p of progress) {
    counts[p.status]++;
    targets.measurable += p.measurable;
    targets.reported += p.reported;
    targets.met += p.met;
  }
  const units: PledgeUnitRow[] = [];
  for (const u of listed) {
    const p = byUnit.get(u.id);
    if (p) units.push({ unit: u, status: p.status, measurable: p.measurable, reported: p.reported, met: p.met });
  }
  return { counts, participants, targets, pledged: progress.length, units };
}

/** A group's points as a percentage of what the unit could have reached in it (max × scored periods when totals are summed). */
export function groupPercent(points: number, groupMax: number, totalMode: 'SUM' | 'AVERAGE', scoredPeriods: number): number | null {
  if (scoredPeriods <= 0 || groupMax <= 0) return null;
  const max = groupMax * (totalMode === 'SUM' ? scoredPeriods : 1);
  return (points / max) * 100;
}
