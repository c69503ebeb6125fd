import type { Request } from 'express';
import { NotFoundError } from '../errors.ts';
import { parseId } from '../lib/forms.ts';
import { COMPARATOR_SYMBOL, isComparator } from './measure.ts';
import type { Fmt } from '../i18n/index.ts';

type Numeric = number | string | { toString(): string } | null;

/** "≥ 95%", "= 0 vụ": a measurable target's value as people write it; '' when not measurable. */
export function measureText(fmt: Fmt) {
  return (comparator: string | null, value: Numeric, unit: string | null): string => {
    if (!isComparator(comparator) || value === null) return '';
    const u = unit ? (unit === '%' ? '%' : ` ${unit}`) : '';
    return `${COMPARATOR_SYMBOL[comparator]} ${fmt.num(value)}${u}`;
  };
}

/** A reached value with its unit: "96%", "2 vụ". */
export function valueText(fmt: Fmt) {
  return (value: Numeric, unit: string | null): string => {
    if (value === null) return '';
    return `${fmt.num(value)}${unit ? (unit === '%' ? '%' : ` ${unit}`) : ''}`;
  };
}

/** :id and :unitId of a pledge URL; anything malformed is "not found". */
export function pledgeParams(req: Request): { campaignId: number; unitId: number } {
  const campaignId = parseId(req.params.id);
  const unitId = parseId(req.params.unitId);
  if (!campaignId || !unitId) throw new NotFoundError();
  return { campaignId, unitId };
}

export const pledgeUrl = (campaignId: number, unitId: number, suffix = '') => `/campaigns/${campaignId}/pledges/${unitId}${suffix}`;

/** Day, month and year for the "place, date" line; dots to fill in by hand when there is no date. */
export function dateParts(d: Date | null): { d: string; m: string; y: string } {
  if (!d) return { d: '……', m: '……', y: '………' };
  const iso = d.toISOString();
  return { d: iso.slice(8, 10), m: iso.slice(5, 7), y: iso.slice(0, 4) };
}

/** The name under a signature: rank then name ("Thượng tá Lê Văn Bình"), without repeating a rank already typed in the name. */
export function signatureName(rank: string | null, name: string | null): string {
  if (!name) return '';
  if (!rank || name.toLocaleLowerCase('vi').startsWith(rank.toLocaleLowerCase('vi'))) return name;
  return `${rank} ${name}`;
}
