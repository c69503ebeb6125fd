import type { Translate, Fmt } from '../i18n/index.ts';

type Stored = { kind: string; params: unknown };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A notification's text in the reader's language: its key translated, days (yyyy-mm-dd) written as local dates. */
export function noticeText(t: Translate, fmt: Fmt, n: Stored): string {
  const raw = n.params && typeof n.params === 'object' && !Array.isArray(n.params) ? (n.params as Record<string, unknown>) : {};
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'number') params[k] = v;
    else if (typeof v === 'string') params[k] = ISO_DAY.test(v) ? fmt.date(new Date(v + 'T00:00:00Z')) : v;
  }
  return t(n.kind, params);
}
