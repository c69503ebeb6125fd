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
  /** a number typed in a form; accepts a comma as the decimal mark */
  number: () =>
    z.preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v),
      z.number({ message: 'validation.number' }).finite(),
    ),
  optNumber: () =>
    z.preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v),
      z.number({ message: 'validation.number' }).finite().optional(),
    ),
  /** yyyy-mm-dd from <input type=date> */
  date: () =>
    z
      .string()
      .trim()
      .min(1)
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
      .refine((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')), 'validation.date')
      .transform((s) => new Date(s + 'T00:00:00Z')),
  optDate: () =>
    z
      .string()
      .trim()
      .optional()
      .refine((s) => !s || (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s + 'T00:00:00Z'))), 'validation.date')
      .transform((s) => (s ? new Date(s + 'T00:00:00Z') : null)),
  checkbox: () => z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean()),
  /** an id from a select or URL */
  id: () => z.coerce.number({ message: 'validation.choice' }).int().positive().max(INT4_MAX, 'validation.choice'),
  /** one or many values from checkboxes with the same name */
  ids: () => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive().max(INT4_MAX))),
};

/** Parse a route parameter as a positive id; anything else is "not found". */
export function parseId(v: unknown): number | null {
  if (typeof v !== 'string' || !/^[1-9]\d{0,9}$/.test(v)) return null;
  const n = Number(v);
  return n <= INT4_MAX ? n : null;
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
