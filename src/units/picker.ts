// The units a select or a checklist offers. A province has a few dozen units and its pages list them all; a
// national data set has thousands, which no select should hold. Up to PICK_ALL units the picker offers every one
// (what these pages always showed); beyond that, the ones already chosen and the first PICK_SHOWN that match a
// search (?uq=, name or code without diacritics), found with a plain GET form that works without JavaScript.
import type { Db } from '../db/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { foldText } from '../lib/forms.ts';

export const PICK_ALL = 200;
export const PICK_SHOWN = 50;

export type PickUnit = { id: number; code: string; name: string; shortName: string | null; active: boolean };
export type Picker = {
  units: PickUnit[];
  /** true when the units are too many to list: the page shows the search form */
  search: boolean;
  uq: string;
  /** how many units match the search (0 without one) */
  matches: number;
  /** the most matches offered */
  limit: number;
};

const select = { id: true, code: true, name: true, shortName: true, active: true } as const;

/** `uq` from a query string: trimmed, at most 100 characters. */
export function pickQuery(v: unknown): string {
  return typeof v === 'string' ? v.trim().slice(0, 100) : '';
}

/**
 * The units to offer among those matching `where` (default: active units), in `orderBy` order: all of them while
 * there are at most PICK_ALL; else the units of `keep` (already chosen, whatever `where` says, or only those it
 * allows with `keepMatching`: a unit posted by a form) and the first PICK_SHOWN matching `uq`.
 */
export async function unitPicker(
  prisma: Db,
  opts: {
    uq?: string;
    keep?: readonly (number | null | undefined)[];
    keepMatching?: boolean;
    where?: Prisma.UnitWhereInput;
    orderBy?: Prisma.UnitOrderByWithRelationInput | Prisma.UnitOrderByWithRelationInput[];
  } = {},
): Promise<Picker> {
  const where = opts.where ?? { active: true };
  const orderBy = opts.orderBy ?? { code: 'asc' };
  const uq = opts.uq ?? '';
  const total = await prisma.unit.count({ where });
  if (total <= PICK_ALL) return { units: await prisma.unit.findMany({ where, orderBy, select }), search: false, uq, matches: 0, limit: PICK_SHOWN };
  const keep = [...new Set((opts.keep ?? []).filter((x): x is number => typeof x === 'number' && x > 0))];
  const needle = foldText(uq);
  const matching: Prisma.UnitWhereInput = { AND: [where, { searchText: { contains: needle } }] };
  const [kept, found, matches] = await Promise.all([
    keep.length ? prisma.unit.findMany({ where: opts.keepMatching ? { AND: [where, { id: { in: keep } }] } : { id: { in: keep } }, orderBy, select }) : [],
    needle ? prisma.unit.findMany({ where: matching, orderBy, select, take: PICK_SHOWN }) : [],
    needle ? prisma.unit.count({ where: matching }) : 0,
  ]);
  const seen = new Set(kept.map((u) => u.id));
  return { units: [...kept, ...found.filter((u) => !seen.has(u.id))], search: true, uq, matches, limit: PICK_SHOWN };
}
