import { z } from 'zod';
import { fieldErrors, isIdText } from '../lib/forms.ts';
import type { FieldErrors } from '../errors.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const optId = z.preprocess(
  blank,
  z.string({ message: 'audit.filter.badId' }).trim().refine(isIdText, 'audit.filter.badId').transform(Number).optional(),
);
const optCode = z.preprocess(blank, z.string({ message: 'audit.filter.badCode' }).trim().regex(/^[\w.-]{1,60}$/, 'audit.filter.badCode').optional());

/** A calendar day yyyy-mm-dd that really exists (no 2021-02-30). */
const optDay = z.preprocess(
  blank,
  z
    .string({ message: 'audit.filter.badDate' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'audit.filter.badDate')
    .refine((s) => {
      const d = new Date(s + 'T00:00:00Z');
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, 'audit.filter.badDate')
    .optional(),
);

/** The audit viewer's filters (query string of /admin/audit and /admin/audit.csv). Days are days in Vietnam. */
export const AuditFilter = z
  .object({
    user: optId,
    action: optCode,
    entityType: optCode,
    campaign: optId,
    entityId: z.preprocess(blank, z.string({ message: 'audit.filter.badEntityId' }).trim().max(40, 'audit.filter.badEntityId').optional()),
    from: optDay,
    to: optDay,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'audit.filter.toBeforeFrom' });
export type AuditFilter = z.infer<typeof AuditFilter>;

export const FILTER_KEYS = ['user', 'action', 'entityType', 'campaign', 'entityId', 'from', 'to'] as const;

/** Parse the filters; each bad one gets this feature's own message (parseForm keeps only "validation." keys). */
export function parseFilter(input: unknown): { ok: true; data: AuditFilter } | { ok: false; errors: FieldErrors } {
  const r = AuditFilter.safeParse(input ?? {});
  if (r.success) return { ok: true, data: r.data };
  const errors = fieldErrors(r.error);
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (issue.message.startsWith('audit.') && errors[field]?.key.startsWith('validation.')) errors[field] = { key: issue.message };
  }
  return { ok: false, errors };
}
