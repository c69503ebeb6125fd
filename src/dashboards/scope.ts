// The command dashboard at scale: which units it looks at (all, one cluster or one parent unit's), how it groups
// them (by cluster or by parent unit) and which of them it draws (the top and the bottom of the ranking). Pure:
// the service loads the memberships, these functions decide.
import type { UnitStanding } from '../ranking/types.ts';
import type { BlockOptions } from '../units/block.ts';

/** How many units the dashboard's ranking and heatmap show at each end; all of them when there are at most twice as many. */
export const DASH_ENDS = 10;
/** How many names a completeness bucket lists, and how many rows the pledge table holds, before "and N more". */
export const DASH_LIST = 20;
/** Groups per page in the summary table. */
export const DASH_GROUPS = 20;

export type GroupBy = 'cluster' | 'parent';
export type Membership = { parentOf: Map<number, number | null>; clustersOf: Map<number, number[]> };
export type Scope = { kind: 'all' } | { kind: GroupBy; id: number; label: string };

/** The scope asked for in the query, if it names a cluster or a parent unit that holds participants; else all units. */
export function resolveScope(q: { cluster?: number; parent?: number }, options: BlockOptions): Scope {
  const c = q.cluster ? options.clusters.find((o) => o.id === q.cluster) : undefined;
  if (c) return { kind: 'cluster', id: c.id, label: c.label };
  const p = q.parent ? options.parents.find((o) => o.id === q.parent) : undefined;
  if (p) return { kind: 'parent', id: p.id, label: p.label };
  return { kind: 'all' };
}

export function inScope(scope: Scope, m: Membership, unitId: number): boolean {
  if (scope.kind === 'cluster') return (m.clustersOf.get(unitId) ?? []).includes(scope.id);
  if (scope.kind === 'parent') return m.parentOf.get(unitId) === scope.id;
  return true;
}

/**
 * The summary's grouping: the one asked for when it has groups; else by parent unit when the participants sit
 * under more than one parent, else by cluster when there are clusters; null when neither groups anything.
 */
export function chooseGroupBy(asked: GroupBy | undefined, options: BlockOptions): GroupBy | null {
  const has = { cluster: options.clusters.length > 0, parent: options.parents.length > 1 };
  if (asked && has[asked]) return asked;
  if (has.parent) return 'parent';
  if (has.cluster) return 'cluster';
  return null;
}

/** The first and last `n` of a ranked list, and how many lie between; everything when it holds at most 2n. */
export function ends<T>(rows: readonly T[], n = DASH_ENDS): { top: T[]; bottom: T[]; hidden: number } {
  if (rows.length <= 2 * n) return { top: [...rows], bottom: [], hidden: 0 };
  return { top: rows.slice(0, n), bottom: rows.slice(rows.length - n), hidden: rows.length - 2 * n };
}

/** The rows around index `i` (n on each side, the window kept full near either end); everything when it holds at most 2n + 1. */
export function around<T>(rows: readonly T[], i: number, n = DASH_ENDS / 2): T[] {
  if (rows.length <= 2 * n + 1) return [...rows];
  if (i < 0) return rows.slice(0, 2 * n + 1);
  const from = Math.max(0, Math.min(i - n, rows.length - (2 * n + 1)));
  return rows.slice(from, from + 2 * n + 1);
}

/** The standings a unit dashboard lists: all of them up to 2 × DASH_ENDS, else the units ranked around this one. */
export function unitWindow(all: readonly UnitStanding[], unitId: number): UnitStanding[] {
  if (all.length <= 2 * DASH_ENDS) return [...all];
  return around(all, all.findIndex((s) => s.unitId === unitId));
}

export type GroupSummary = {
  /** null for the units in scope that no cluster (or no parent unit) holds, summed as one row after the groups */
  id: number | null;
  label: string;
  units: number;
  /** mean campaign total of its ranked units */
  average: number | null;
  best: { unitId: number; name: string; rank: number } | null;
  worstRank: number | null;
};

/**
 * One row per cluster or parent unit over the units in scope: how many, their mean total, the best unit and the
 * lowest rank; then one row (id null) for the units in no group, so that every unit in scope is counted somewhere
 * (the reference case's agencies bloc and regiment sit in no cluster).
 */
export function groupSummaries(by: GroupBy, standings: readonly UnitStanding[], m: Membership, options: BlockOptions, ranked: boolean): GroupSummary[] {
  type Acc = GroupSummary & { sum: number };
  const acc = (id: number | null, label: string): Acc => ({ id, label, units: 0, average: null, best: null, worstRank: null, sum: 0 });
  const byId = new Map<number, Acc>();
  for (const o of by === 'cluster' ? options.clusters : options.parents) byId.set(o.id, acc(o.id, o.label));
  const outside = acc(null, '');
  const add = (g: Acc, u: UnitStanding) => {
    g.units += 1;
    g.sum += u.total;
    // standings are in rank order: the first seen is the best, the last the lowest
    if (!g.best) g.best = { unitId: u.unitId, name: u.name, rank: u.rank };
    g.worstRank = u.rank;
  };
  for (const u of standings) {
    const keys = by === 'cluster' ? (m.clustersOf.get(u.unitId) ?? []) : [m.parentOf.get(u.unitId)];
    let placed = false;
    for (const k of keys) {
      const g = k === null || k === undefined ? undefined : byId.get(k);
      if (!g) continue;
      add(g, u);
      placed = true;
    }
    if (!placed) add(outside, u);
  }
  return [...byId.values(), outside]
    .filter((g) => g.units > 0)
    .map(({ sum, ...g }) => (ranked ? { ...g, average: sum / g.units } : { ...g, best: null, worstRank: null }));
}
