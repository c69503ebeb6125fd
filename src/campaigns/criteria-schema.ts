// Step 4: the criteria table (groups and criteria rows), copying a set, saving a set as a template.
import { z } from 'zod';
import { decimal, f, isIdText } from '../lib/forms.ts';
import { intField, numberError, optId } from './schema.ts';

/** Codes such as A, B1, K-2: letters, digits, dot, dash, underscore. */
export const code = () => z.string().trim().min(1).max(20).regex(/^[\p{L}\p{N}._-]+$/u, 'validation.codeFormat');

/** A decimal typed in a form (comma or dot), greater than 0, with at most `decimals` places and below `max`. */
export const points = (max: number, decimals: number) =>
  decimal(
    z
      .number(numberError)
      .finite()
      .gt(0, 'validation.positive')
      .max(max)
      .refine((n) => Math.abs(n * 10 ** decimals - Math.round(n * 10 ** decimals)) < 1e-6, { message: 'validation.decimals', params: { max: decimals } }),
  );

/** Row keys tie criteria to their group within one form: g<id> for a saved group, n<k> for a new one. */
export const groupKey = () => z.string().regex(/^[gn]\d{1,9}$/);

export const GroupRow = z.object({
  key: groupKey(),
  id: optId(),
  code: code(),
  title: f.text(300),
  order: intField(0, 9999),
});
export type GroupRow = z.infer<typeof GroupRow>;

export const CriterionRow = z.object({
  id: optId(),
  group: groupKey(),
  code: code(),
  title: f.text(300),
  description: f.optText(2000),
  maxPoints: points(99999.99, 2),
  weight: points(999.999, 3),
  kind: z.enum(['NORMAL', 'BONUS', 'PENALTY']),
  order: intField(0, 9999),
});
export type CriterionRow = z.infer<typeof CriterionRow>;

/** Copy the set from another campaign ("c<id>") or a template ("t<id>"); replacing a set needs a tick. */
export const CopyForm = z.object({
  source: z.string().refine((v) => /^[ct]/.test(v) && isIdText(v.slice(1)), 'validation.choice'),
  replace: f.checkbox(),
});
export type CopyForm = z.infer<typeof CopyForm>;

export const TemplateForm = z.object({ templateName: f.text(200) });
export type TemplateForm = z.infer<typeof TemplateForm>;
