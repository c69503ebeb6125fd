// The movement year's form: the year, its movement's name, motto and theme.
import { z } from 'zod';
import { f, INT4_MAX } from '../lib/forms.ts';

const yearNumber = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z.number({ error: (iss) => (iss.code !== 'invalid_type' ? undefined : iss.input === undefined ? 'validation.required' : 'validation.integer') }).int('validation.integer').min(2000).max(2100),
  );

export const YearForm = z.object({
  year: yearNumber(),
  name: f.text(300),
  motto: f.optText(1000),
  theme: f.optText(4000),
  decisionNo: f.optText(100),
});
export type YearForm = z.infer<typeof YearForm>;

export const YearEditForm = YearForm.extend({
  version: z.coerce.number({ message: 'validation.staleForm' }).int().positive('validation.staleForm').max(INT4_MAX, 'validation.staleForm'),
});
export type YearEditForm = z.infer<typeof YearEditForm>;
