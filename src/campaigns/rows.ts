// Table forms (periods, criteria, titles) post rows as name[i][field]. These helpers read them back and
// validate each row with its zod schema, naming errors "name.i.field" so they show beside the right input.
import type { z } from 'zod';
import type { FieldErrors } from '../errors.ts';
import { parseForm } from '../lib/forms.ts';

export type RawRow = Record<string, string>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The rows as typed, in form order. qs gives an array, or an object keyed by index past 20 rows. */
export function rowsOf(v: unknown): RawRow[] {
  const list = Array.isArray(v)
    ? v
    : isObj(v)
      ? Object.keys(v)
          .filter((k) => /^\d{1,5}$/.test(k))
          .sort((a, b) => Number(a) - Number(b))
          .map((k) => v[k])
      : [];
  return list.filter(isObj).map((row) => {
    const out: RawRow = {};
    for (const [k, val] of Object.entries(row)) if (typeof val === 'string') out[k] = val;
    return out;
  });
}

/** A row the user ticked for removal. */
export const isRemoved = (row: RawRow): boolean => row.remove === 'on' || row.remove === '1';

/** A new row left empty in every listed field: ignored rather than reported. */
export function isBlankNew(row: RawRow, fields: string[]): boolean {
  return !row.id && fields.every((f) => !(row[f] ?? '').trim());
}

/** Validate each row; errors are keyed `${prefix}.${index}.${field}`. Rows that fail come back as null. */
export function parseRows<S extends z.ZodType>(schema: S, rows: RawRow[], prefix: string, skip: (row: RawRow) => boolean = () => false) {
  const errors: FieldErrors = {};
  const data: (z.infer<S> | null)[] = rows.map((row, i) => {
    if (skip(row)) return null;
    const r = parseForm(schema, row);
    if (r.ok) return r.data;
    for (const [field, e] of Object.entries(r.errors)) errors[`${prefix}.${i}.${field}`] = e;
    return null;
  });
  return { data, errors };
}
