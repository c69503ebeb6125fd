// Step 5: the titles and commendations a campaign may lead to.
import { z } from 'zod';
import { f } from '../lib/forms.ts';
import { code } from './criteria-schema.ts';
import { intField, numberError, optId } from './schema.ts';

const optPercent = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : Number(v.trim().replace(',', '.'))) : v),
    z.number(numberError).finite().min(0).max(100).nullable(),
  );

/** One row of the titles table; a blank quota means no cap, a blank class means any class. */
export const TitleRow = z.object({
  id: optId(),
  code: code(),
  name: f.text(200),
  scope: z.enum(['COLLECTIVE', 'INDIVIDUAL']),
  kind: z.enum(['TITLE', 'COMMENDATION']),
  quotaPercent: optPercent(),
  minClass: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(['XUAT_SAC', 'TOT', 'KHA', 'TRUNG_BINH']).nullable()),
  requiresRegistration: f.checkbox(),
  order: intField(0, 9999),
  /** what the quota is a share of; absent (an older form) leaves it as it is */
  quotaBase: z.enum(['NONE', 'UNITS', 'REGISTERED', 'HEADCOUNT', 'HOLDERS'], { message: 'validation.choice' }).optional(),
  /** for a share of holders: the catalogue code whose holders form the base */
  quotaBaseCode: z.preprocess((v) => (v === undefined ? undefined : v === '' ? null : v), z.string().regex(/^[A-Z0-9_]{1,20}$/, 'validation.choice').nullable().optional()),
});
export type TitleRow = z.infer<typeof TitleRow>;

/** Add one catalogue entry (by its code) in one click. */
export const PresetForm = z.object({ preset: z.string().regex(/^[A-Z0-9_]{1,20}$/, 'validation.choice') });
