// Each unit's part of a ranking (see ./ranking.ts for the rules): what depends on the unit's own sheets only, kept
// between the live rankings of a campaign so that after a save only the units it touched are computed again.
import { KIND, weighRow, type EngineHolder, type Matrix } from './ranking-matrix.ts';
import type { Agg } from './ranking-standing.ts';

/**
 * What a ranking computes from each unit's own sheets, unit by unit, so that a live ranking computes again only the
 * parts of the units whose sheets or verification changed since the last one (src/ranking/live.ts marks them; at
 * national scale a save changes 15 units of 5,000). Per unit × kept period: verified or not, the raw total and the
 * main scorer. Per unit: its criterion and group sums over the counted periods (micro units, divided as the total
 * mode says) and its group sums over all but the latest of them (for the previous rank), then its raw total, bonus,
 * penalty and verified periods over both (`scalars`, 8 a unit), and which groups it has penalty points in. Each
 * unit's parts sit at its offset in arrays shared by many units (bench profile: four small typed arrays per unit were
 * most of a national ranking's garbage): the per-period ones over the whole ranking, the others in blocks of BLOCK
 * units. What depends on every unit (normalisation, totals, ranks) is not kept.
 */
export type UnitParts = {
  /** what the parts were computed under: the total mode, kept and counted periods, criteria and units */
  key: string;
  has: Uint8Array;
  present: Uint8Array;
  raw: Float64Array;
  main: Int32Array;
  /** per unit, in blocks of BLOCK units (see `blockOf`): C criterion sums, G group sums (current and previous), SCALARS scalars, G penalty flags */
  criteria: Float64Array[];
  groups: Float64Array[];
  prevGroups: Float64Array[];
  scalars: Float64Array[];
  pen: Uint8Array[];
};
const SCALARS = 8;
/**
 * Units a block. The per-unit sums are kept in blocks so that a computation after a save copies only the blocks of
 * the units it computes again (a national save touches 15 units of 5,000): copying them whole was 2 MB of new memory
 * a catch-up, and on the bench machine fresh memory costs page faults (bench/README.md, ninth round).
 */
const BLOCK = 64;
/** Unit `u`'s block, and its place in it (its offset there is place × values a unit). */
const blockOf = (u: number) => (u / BLOCK) | 0;
const placeOf = (u: number) => u % BLOCK;
const blocks = <T>(U: number, w: number, make: (n: number) => T): T[] =>
  Array.from({ length: Math.ceil(U / BLOCK) }, (_, b) => make(Math.min(BLOCK, U - b * BLOCK) * w));

function partsKey(m: Matrix, idx: number[], mode: 'SUM' | 'AVERAGE'): string {
  const crits = m.crits.map((c, k) => `${c.id}:${c.hmax}:${c.factor}:${c.k}:${c.g}:${m.groupSign[k]}`).join(',');
  return `${mode}|${m.A}|${m.keep.join(',')}|${idx.join(',')}|${crits}|${m.groupCodes.length}|${m.units.map((u) => u.id).join(',')}`;
}

/**
 * Every unit's parts: those kept from the last computation (`engine`) where they were computed under the same
 * key, except for the units marked dirty since and those whose verification or main scorer differ; the others
 * computed here. The kept arrays are copied, never written: standings handed out earlier still read them.
 */
export function unitParts(m: Matrix, idx: number[], mode: 'SUM' | 'AVERAGE', engine: EngineHolder | undefined): UnitParts {
  const U = m.units.length, P = m.keep.length, C = m.crits.length, G = m.groupCodes.length, A = m.A;
  const key = partsKey(m, idx, mode);
  const old = engine?.parts as UnitParts | null | undefined;
  const reuse = old && old.key === key ? old : null;
  // the kept blocks are shared until a unit in them is computed again; the block is copied first (never written in place)
  const parts: UnitParts = reuse
    ? { key, has: m.has, present: reuse.present.slice(), raw: reuse.raw.slice(), main: reuse.main.slice(), criteria: [...reuse.criteria], groups: [...reuse.groups], prevGroups: [...reuse.prevGroups], scalars: [...reuse.scalars], pen: [...reuse.pen] }
    : {
        key, has: m.has, present: new Uint8Array(U * P), raw: new Float64Array(U * P), main: new Int32Array(U * P).fill(-1),
        criteria: blocks(U, C, (n) => new Float64Array(n)), groups: blocks(U, G, (n) => new Float64Array(n)), prevGroups: blocks(U, G, (n) => new Float64Array(n)),
        scalars: blocks(U, SCALARS, (n) => new Float64Array(n)), pen: blocks(U, G, (n) => new Uint8Array(n)),
      };
  const row = new Float64Array(P * C), acc = new Float64Array(C);
  if (!reuse) {
    for (let u = 0; u < U; u++) unitPart(m, parts, u, idx, mode, row, acc);
  } else {
    const dirty = new Set(engine!.dirty);
    for (let i = 0; i < U * A; i++) if (m.has[i] !== reuse.has[i]) dirty.add((i / A) | 0);
    for (let u = 0; u < U; u++) {
      for (let pi = 0; pi < P; pi++) if (reuse.present[u * P + pi] && reuse.main[u * P + pi] !== m.scorer[u * A + m.keep[pi]]) dirty.add(u);
    }
    const copied = new Set<number>();
    for (const u of dirty) {
      if (u < 0 || u >= U) continue;
      const b = blockOf(u);
      if (!copied.has(b)) {
        copied.add(b);
        for (const list of [parts.criteria, parts.groups, parts.prevGroups, parts.scalars] as Float64Array[][]) list[b] = list[b].slice();
        parts.pen[b] = parts.pen[b].slice();
      }
      unitPart(m, parts, u, idx, mode, row, acc);
    }
  }
  if (engine) {
    engine.parts = parts;
    engine.dirty.clear();
  }
  return parts;
}

/** One unit's parts (see UnitParts), written at its offsets; `row` and `acc` are scratch arrays of P × C and C. */
function unitPart(m: Matrix, pt: UnitParts, u: number, idx: number[], mode: 'SUM' | 'AVERAGE', row: Float64Array, acc: Float64Array): void {
  const C = m.crits.length, P = m.keep.length, A = m.A, G = m.groupCodes.length;
  for (let pi = 0; pi < P; pi++) {
    const up = u * A + m.keep[pi], i = u * P + pi;
    if (!m.has[up]) {
      pt.present[i] = 0;
      pt.raw[i] = 0;
      pt.main[i] = -1;
      continue;
    }
    pt.present[i] = 1;
    pt.main[i] = m.scorer[up];
    pt.raw[i] = weighRow(m.sums, up * C, row, pi * C, C, m.hmax, m.factor, m.sign);
  }
  const b = blockOf(u), co = placeOf(u) * C, go = placeOf(u) * G, pen = pt.pen[b];
  pt.criteria[b].fill(0, co, co + C);
  pt.groups[b].fill(0, go, go + G);
  pt.prevGroups[b].fill(0, go, go + G);
  pen.fill(0, go, go + G);
  acc.fill(0);
  // criterion, group, bonus and penalty sums are whole micro units, so summing per criterion first and per group
  // after gives exactly the same numbers as cell by cell
  let rawTotal = 0, scored = 0;
  const n = idx.length;
  for (let j = 0; j < n; j++) {
    if (j === n - 1 && j > 0) finishPart(m, pt, u, acc, rawTotal, scored, j, mode, false);
    const i = u * P + idx[j];
    if (!pt.present[i]) continue;
    scored++;
    rawTotal += pt.raw[i];
    for (let k = 0, o = idx[j] * C; k < C; k++) {
      const v = row[o + k];
      acc[k] += v;
      if (v > 0 && m.kind[k] === KIND.PENALTY) pen[go + m.group[k]] = 1;
    }
  }
  finishPart(m, pt, u, acc, rawTotal, scored, n, mode, true);
}

/** A unit's sums over `n` counted periods, divided as the mode says: the current ones (criteria too) or the previous. */
function finishPart(m: Matrix, pt: UnitParts, u: number, acc: Float64Array, rawTotal: number, scored: number, n: number, mode: 'SUM' | 'AVERAGE', current: boolean): void {
  const C = m.crits.length, G = m.groupCodes.length;
  // a counted period without a verified score counts 0, so the average is over every counted period
  const div = mode === 'AVERAGE' && n ? n : 1;
  const b = blockOf(u), at = placeOf(u), go = at * G, co = at * C, so = at * SCALARS;
  const groups = (current ? pt.groups : pt.prevGroups)[b], criteria = pt.criteria[b], scalars = pt.scalars[b];
  let bonus = 0, penalty = 0;
  for (let k = 0; k < C; k++) {
    const v = acc[k];
    if (m.kind[k] === KIND.BONUS) bonus += v;
    else if (m.kind[k] === KIND.PENALTY) penalty += v;
    groups[go + m.group[k]] += m.groupSign[k] * v;
    if (current) criteria[co + k] = v / div;
  }
  for (let g = 0; g < G; g++) groups[go + g] /= div;
  const s = so + (current ? 0 : 4);
  scalars[s] = rawTotal / div;
  scalars[s + 1] = bonus / div;
  scalars[s + 2] = penalty / div;
  scalars[s + 3] = scored;
}

/**
 * The unit's aggregate over the counted periods (`cur`) and, for the previous rank, over all but the latest of them
 * (`prev`, null with fewer than two): its parts, and its total and latest period total from `total` (normalised or not).
 */
export function aggsOf(m: Matrix, pt: UnitParts, total: Float64Array, u: number, idx: number[], mode: 'SUM' | 'AVERAGE'): { cur: Agg; prev: Agg | null } {
  return { cur: aggOf(m, pt, total, u, idx, mode, true), prev: idx.length > 1 ? aggOf(m, pt, total, u, idx, mode, false) : null };
}

function aggOf(m: Matrix, pt: UnitParts, total: Float64Array, u: number, idx: number[], mode: 'SUM' | 'AVERAGE', current: boolean): Agg {
  const P = m.keep.length, C = m.crits.length, G = m.groupCodes.length;
  const n = current ? idx.length : idx.length - 1;
  const div = mode === 'AVERAGE' && n ? n : 1;
  let t = 0;
  for (let j = 0; j < n; j++) {
    const i = u * P + idx[j];
    if (pt.present[i]) t += total[i];
  }
  const last = n ? u * P + idx[n - 1] : -1;
  const b = blockOf(u), at = placeOf(u);
  const scalars = pt.scalars[b], s = at * SCALARS + (current ? 0 : 4);
  return {
    unit: m.units[u],
    u,
    total: t / div,
    rawTotal: scalars[s],
    bonus: scalars[s + 1],
    penalty: scalars[s + 2],
    groups: (current ? pt.groups : pt.prevGroups)[b],
    go: at * G,
    criteria: pt.criteria[b],
    co: current ? at * C : -1,
    latest: n ? (pt.present[last] ? total[last] : 0) : null,
    scored: scalars[s + 3],
  };
}

/** Whether the unit has penalty points in the group in any counted period in which it is verified. */
export function penalised(m: Matrix, pt: UnitParts, u: number, groupCode: string): boolean {
  const g = m.groupCodes.indexOf(groupCode);
  if (g < 0) return false;
  return pt.pen[blockOf(u)][placeOf(u) * m.groupCodes.length + g] === 1;
}
