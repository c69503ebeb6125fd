// Amounts of money in đồng, as people type them: "1500000", "1.500.000" (Vietnamese grouping), "1,500,000" or
// "1 500 000". The đồng has no fractions, so a dot or comma followed by groups of three digits is a grouping mark;
// anything else ("1.5", "1.50.000", "12,5", "-3") is refused rather than guessed.
const GROUPED = /^\d{1,3}(?:([., \u00a0])\d{3})(?:\1\d{3})*$/;

/** '' → undefined; a readable whole amount → its number; anything else → NaN. */
export function readVnd(raw: string): number | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  if (/^\d{1,15}$/.test(s)) return Number(s);
  if (GROUPED.test(s) && s.replace(/\D/g, '').length <= 15) return Number(s.replace(/\D/g, ''));
  return Number.NaN;
}
