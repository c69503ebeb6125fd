// The order of an official list of units in SQL, so a page can sort, filter and page its units in the database
// instead of loading every unit of a national campaign: by unit type (agencies bloc, detachments, district
// commands, regiment…), then by short name without diacritics (the same as foldText, which works on PostgreSQL
// and PGlite alike: no ICU collation or unaccent extension needed).
import type { UnitType } from '../generated/prisma/enums.ts';
import { foldText } from '../lib/forms.ts';

export const TYPE_ORDER: readonly UnitType[] = ['MINISTRY', 'MILITARY_REGION', 'PROVINCIAL_COMMAND', 'AGENCIES_BLOC', 'DETACHMENT', 'DISTRICT_COMMAND', 'REGIMENT', 'OTHER'];

// every Vietnamese letter with a diacritic, both cases; each folds to one plain letter
const LOWER = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ';
const ACCENTED = LOWER + LOWER.toUpperCase();
const PLAIN = [...ACCENTED].map((c) => foldText(c)).join('');
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** SQL of `expr` folded like foldText (lower case, no diacritics); `lower()` alone leaves non-ASCII letters under a C collation. */
export function foldedSql(expr: string): string {
  return `translate(${expr}, '${ACCENTED}${UPPER}', '${PLAIN}${UPPER.toLowerCase()}')`;
}

/**
 * ORDER BY terms for a unit row aliased `u`: type, then short name (or name) folded, then code. The first two are
 * stored on the unit by a trigger ("sortRank" = the type's place in TYPE_ORDER, "sortName" = foldedSql of the name;
 * migration unit_sort_name) and indexed with the code, so a page of a national list is an index scan instead of
 * 5,000 translate() calls and a sort. officialOrderExprSql is the same order computed on the spot.
 */
export function officialOrderSql(u = 'u'): string {
  return `${u}."sortRank", ${u}."sortName", ${u}.code`;
}

/** The official order computed from the unit's columns (what the stored keys hold; the migration's trigger does this). */
export function officialOrderExprSql(u = 'u'): string {
  const types = TYPE_ORDER.map((t) => `'${t}'`).join(',');
  return `array_position(ARRAY[${types}]::text[], ${u}.type::text), ${foldedSql(`COALESCE(${u}."shortName", ${u}.name)`)}, ${u}.code`;
}

/** A LIKE pattern that finds `q` (folded) anywhere, with LIKE's own wildcards escaped. */
export function containsPattern(q: string): string {
  return `%${foldText(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
