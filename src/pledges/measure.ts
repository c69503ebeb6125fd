// Pure rules for measurable pledge targets: no I/O, so unit tests and every reader agree on "met".

export const COMPARATORS = ['EQ', 'GTE', 'LTE'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const COMPARATOR_SYMBOL: Record<Comparator, string> = { EQ: '=', GTE: '≥', LTE: '≤' };

export function isComparator(v: unknown): v is Comparator {
  return typeof v === 'string' && (COMPARATORS as readonly string[]).includes(v);
}

type Numeric = number | string | { toString(): string };

/** A Decimal, string or number as a plain number (null stays null). */
export function toNumber(v: Numeric | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(typeof v === 'number' ? v : v.toString());
  return Number.isFinite(n) ? n : null;
}

/** A target is measurable when it names both a comparator and a target value. */
export function isMeasurable(t: { comparator: string | null; targetValue: Numeric | null }): boolean {
  return isComparator(t.comparator) && toNumber(t.targetValue) !== null;
}

/**
 * Whether a reached value meets a target. Values are compared in hundredths, the precision the
 * database stores, so 95 and 95.00 are equal. Returns null when the target is not measurable.
 */
export function isMet(comparator: string | null, targetValue: Numeric | null, reached: Numeric | null): boolean | null {
  const target = toNumber(targetValue);
  const value = toNumber(reached);
  if (!isComparator(comparator) || target === null || value === null) return null;
  const a = Math.round(value * 100);
  const b = Math.round(target * 100);
  if (comparator === 'EQ') return a === b;
  if (comparator === 'GTE') return a >= b;
  return a <= b;
}
