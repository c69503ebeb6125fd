import { z } from 'zod';
import type { FieldErrors } from '../errors.ts';

/**
 * Parse a submitted form. On failure, return one translation key per field (the first problem),
 * so the page can show it beside the field while keeping what was typed.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(input ?? {});
  if (r.success) return { ok: true, data: r.data };
  return { ok: false, errors: fieldErrors(r.error) };
}

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '_form';
    if (out[field]) continue;
    out[field] = issueToKey(issue);
  }
  return out;
}

function issueToKey(issue: z.core.$ZodIssue): FieldErrors[string] {
  if (issue.message.startsWith('validation.')) {
    const p = (issue as { params?: Record<string, string | number> }).params;
    return { key: issue.message, params: p };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { key: issue.input === undefined || issue.input === '' ? 'validation.required' : 'validation.invalid' };
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? { key: 'validation.required' } : { key: 'validation.tooShort', params: { min: Number(issue.minimum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.pickAtLeast', params: { min: Number(issue.minimum) } };
      return { key: 'validation.min', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { max: Number(issue.maximum) } };
      return { key: 'validation.max', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return { key: 'validation.format' };
    case 'invalid_value':
      return { key: 'validation.choice' };
    default:
      return { key: 'validation.invalid' };
  }
}

/** Form helpers: trim strings, turn empty strings into undefined, read numbers and dates. */
/** The largest value of a PostgreSQL integer column (ids, versions): anything above is refused as input. */
export const INT4_MAX = 2147483647;

export const f = {
  text: (max = 300) => z.string().trim().min(1).max(max),
  optText: (max = 2000) =>
    z
      .string()
      .trim()
      .max(max)
      .optional()
      .transform((v) => (v === '' || v === undefined ? null : v)),
  /** a number typed in a form; accepts a comma as the decimal mark (see readDecimal) */
  number: () => decimal(z.number({ message: 'validation.number' }).finite()),
  optNumber: () => decimal(z.number({ message: 'validation.number' }).finite().optional()),
  /** yyyy-mm-dd from <input type=date>, a day that exists (2021-02-30 is refused, not read as 2 March) */
  date: () =>
    z
      .string()
      .trim()
      .min(1)
      .refine(isCalendarDay, 'validation.date')
      .transform((s) => new Date(s + 'T00:00:00Z')),
  optDate: () =>
    z
      .string()
      .trim()
      .optional()
      .refine((s) => !s || isCalendarDay(s), 'validation.date')
      .transform((s) => (s ? new Date(s + 'T00:00:00Z') : null)),
  checkbox: () => z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean()),
  /** an id from a select or URL */
  id: () => z.coerce.number({ message: 'validation.choice' }).int().positive().max(INT4_MAX, 'validation.choice'),
  /** one or many values from checkboxes with the same name */
  ids: () =>
    z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      // one message for the whole list, beside its field (an issue on one value would be keyed `name.0`, shown nowhere)
      z
        .array(z.unknown())
        .refine((a) => a.every(isIdValue), 'validation.choice')
        .transform((a) => a.map((v) => Number(String(v).trim()))),
    ),
};

/** True for yyyy-mm-dd naming a day that exists: Date would silently roll 2021-02-30 over to 2 March. */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/;

/**
 * Read a number as typed by a person: digits with at most one decimal mark, a comma (Vietnamese) or a dot.
 * '' is `undefined`; anything else ("1.234,5", "1,2,3", "1e3", "0x10", "37 5") is `NaN`, never a guess:
 * reading a grouping separator as a decimal mark, or dropping it, would change the value's meaning.
 */
export function readDecimal(raw: string): number | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  return DECIMAL.test(s) ? Number(s.replace(',', '.')) : Number.NaN;
}

/**
 * A number field: strings go through readDecimal (blank becomes `empty`, undefined unless told), and an
 * unreadable string is refused with validation.decimal, which says how to write it.
 */
export function decimal<T extends z.ZodType>(inner: T, empty: null | undefined = undefined) {
  return z.preprocess((v, ctx) => {
    if (typeof v !== 'string') return v;
    const n = readDecimal(v);
    if (n === undefined) return empty;
    if (Number.isNaN(n)) {
      ctx.addIssue({ code: 'custom', message: 'validation.decimal' });
      return z.NEVER;
    }
    return n;
  }, inner);
}

/** An id as text (a route parameter, a select's value): digits only, and within a PostgreSQL integer. */
export function isIdText(v: string): boolean {
  return /^[1-9]\d{0,9}$/.test(v) && Number(v) <= INT4_MAX;
}

/** An id as a form or a JSON body sends it: text or a number, never an object. */
const isIdValue = (v: unknown) => (typeof v === 'string' || typeof v === 'number') && isIdText(String(v).trim());

/** Parse a route parameter as a positive id; anything else is "not found". */
export function parseId(v: unknown): number | null {
  return typeof v === 'string' && isIdText(v) ? Number(v) : null;
}

/** Remove Vietnamese diacritics and lower-case, for accent-insensitive search. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
