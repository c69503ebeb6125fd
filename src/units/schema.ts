import { z } from 'zod';
import { f, INT4_MAX, isIdText, parseId } from '../lib/forms.ts';
import { UnitType } from '../generated/prisma/enums.ts';

export const UNIT_TYPES = Object.values(UnitType) as [UnitType, ...UnitType[]];

/** A unit code: typed in any case, stored upper-case; letters A–Z, digits, '-' and '_'. */
export const unitCode = () =>
  z
    .string({ message: 'validation.required' })
    .trim()
    .toUpperCase()
    .min(1)
    .max(32)
    .regex(/^[A-Z0-9_-]+$/, 'validation.unitCode');

/** An optional id from a select: '' means none. */
const optionalId = () =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || isIdText(v), 'validation.choice')
    .transform((v) => (v ? Number(v) : null));

export const UnitForm = z.object({
  code: unitCode(),
  name: f.text(200),
  shortName: f.optText(80),
  type: z.enum(UNIT_TYPES, { message: 'validation.choice' }),
  parentId: optionalId(),
});
export type UnitForm = z.infer<typeof UnitForm>;

/** The edit form also carries the version it was read at, for optimistic concurrency. */
export const UnitEditForm = UnitForm.extend({
  version: z.coerce.number({ message: 'validation.staleForm' }).int().positive('validation.staleForm').max(INT4_MAX, 'validation.staleForm'),
});
export type UnitEditForm = z.infer<typeof UnitEditForm>;

/** An optional id in a query string; anything malformed is ignored. */
const queryId = z.preprocess((v) => parseId(v) ?? undefined, z.number().int().positive().optional());

/** ?cluster=&parent=&q=: a block of a campaign's units (src/units/block.ts); a bad value is dropped, never an error. */
export const BlockQuery = z.object({
  cluster: queryId,
  parent: queryId,
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 100) || undefined : undefined), z.string().optional()),
});
export type BlockQuery = z.infer<typeof BlockQuery>;
