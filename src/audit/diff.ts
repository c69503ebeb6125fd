// Before/after of an audit record as a short list of changed keys, for people to read.
// Nested objects are flattened to dotted keys (a few levels deep); arrays and deeper values are shown as JSON.

export type Change = { key: string; before: string | null; after: string | null };

const MAX_DEPTH = 3;
const MAX_TEXT = 200;

function flatten(v: unknown, prefix = '', depth = 0, out = new Map<string, unknown>()): Map<string, unknown> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < MAX_DEPTH) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (!entries.length && prefix) out.set(prefix, v);
    for (const [k, x] of entries) flatten(x, prefix ? `${prefix}.${k}` : k, depth + 1, out);
  } else if (prefix) out.set(prefix, v);
  else if (v !== null && v !== undefined) out.set('value', v);
  return out;
}

/** A value as text: strings as they are, the rest as compact JSON, cut to a readable length. */
export function showValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT - 1) + '…' : s;
}

/** The keys whose values differ between before and after (all of after for a creation, all of before for a removal). */
export function changedKeys(before: unknown, after: unknown): Change[] {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const out: Change[] = [];
  for (const key of keys) {
    const x = a.get(key);
    const y = b.get(key);
    if (JSON.stringify(x ?? null) === JSON.stringify(y ?? null)) continue;
    out.push({ key, before: showValue(x), after: showValue(y) });
  }
  return out;
}
