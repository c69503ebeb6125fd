// One zod schema per setup form (details, participants, periods). Criteria, rules and titles have their own files.
import { z } from 'zod';
import { f, INT4_MAX } from '../lib/forms.ts';
import type { ClassCode } from '../ranking/types.ts';

/** A rule comparing two dates runs even when another field failed, as long as both dates parsed. */
export function datesParsed(a: string, b: string) {
  return (p: { value: unknown }) => {
    const v = p.value as Record<string, unknown>;
    return v[a] instanceof Date && v[b] instanceof Date;
  };
}

/**
 * A number's own message only for a missing or unreadable value; range checks keep their own messages
 * (a message given to z.number() itself would replace them all).
 */
export const numberError = { error: (iss: { code: string; input?: unknown }) => (iss.code === 'invalid_type' ? (iss.input === undefined ? 'validation.required' : 'validation.number') : undefined) };

/** Optional id of an existing row (hidden field); blank for a new row. */
export const optId = () => z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int().positive().max(INT4_MAX).nullable());

/** A whole number typed in a form (order fields). */
export const intField = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v), z.number(numberError).int('validation.integer').min(min).max(max));

/** Step 1: the campaign's details. */
export const DetailsForm = z
  .object({
    name: f.text(300),
    slogan: f.optText(500),
    movements: f.optText(4000),
    themes: f.optText(4000),
    decisionNo: f.optText(100),
    decisionDate: f.optDate(),
    issuingAuthority: f.optText(300),
    startDate: f.date(),
    endDate: f.date(),
    totalMode: z.enum(['SUM', 'AVERAGE']),
    /** regular movement or peak / thematic campaign; absent (an older form) leaves it as it is */
    kind: z.enum(['REGULAR', 'PEAK'], { message: 'validation.choice' }).optional(),
    /** the movement year; '' for none, absent leaves it as it is */
    yearId: z.preprocess((v) => (v === undefined ? undefined : v === '' ? null : v), z.coerce.number({ message: 'validation.choice' }).int().positive('validation.choice').max(INT4_MAX, 'validation.choice').nullable().optional()),
  })
  .refine((v) => v.endDate.getTime() >= v.startDate.getTime(), { message: 'validation.endNotBeforeStart', path: ['endDate'], when: datesParsed('startDate', 'endDate') });
export type DetailsForm = z.infer<typeof DetailsForm>;

/** Step 2: units ticked, units that were on the page (a filtered page leaves the others alone), clusters to add. */
export const ParticipantsForm = z.object({
  unitIds: f.ids(),
  shown: f.ids(),
  clusterIds: f.ids(),
});
export type ParticipantsForm = z.infer<typeof ParticipantsForm>;

/** ?q= on the participants page. */
export const ParticipantsQuery = z.object({ q: z.string().trim().max(100).optional().catch(undefined) });

/** Step 3: the generator. */
export const GenerateForm = z
  .object({
    mode: z.enum(['MONTHLY', 'QUARTERLY', 'EQUAL']),
    count: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number(numberError).int('validation.integer').min(1).max(60).optional()),
  })
  .refine((v) => v.mode !== 'EQUAL' || v.count !== undefined, { message: 'validation.required', path: ['count'] });
export type GenerateForm = z.infer<typeof GenerateForm>;

/** Step 3: one row of the periods table. */
export const PeriodRow = z
  .object({
    id: optId(),
    name: f.text(100),
    startDate: f.date(),
    endDate: f.date(),
  })
  .refine((v) => v.endDate.getTime() >= v.startDate.getTime(), { message: 'validation.endNotBeforeStart', path: ['endDate'], when: datesParsed('startDate', 'endDate') });
export type PeriodRow = z.infer<typeof PeriodRow>;

/** Closing a campaign: an optional note for the history. */
export const CloseForm = z.object({ reason: f.optText(500) });

export const CLASSES = ['XUAT_SAC', 'TOT', 'KHA', 'TRUNG_BINH'] as const satisfies readonly Exclude<ClassCode, 'YEU'>[];
/** How many tie-break steps the rules form offers. */
export const TIE_BREAK_SLOTS = 4;

/** Step 4b: ranking rules. Thresholds are % of the normal max per period; blank leaves a class unused. */
const percent = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v),
    z.number(numberError).finite().min(0).max(100).optional(),
  );
const listOf = (v: unknown) => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []);
const optCode = () => z.preprocess((v) => (v === '' ? undefined : v), z.string().max(20).optional());

export const RulesForm = z
  .object({
    tb: z.preprocess(listOf, z.array(z.string().max(40)).max(TIE_BREAK_SLOTS)),
    th: z.object({ XUAT_SAC: percent(), TOT: percent(), KHA: percent(), TRUNG_BINH: percent() }),
    cond: z.object({ XUAT_SAC: optCode(), TOT: optCode(), KHA: optCode(), TRUNG_BINH: optCode() }).default({}),
    normalize: f.checkbox(),
  })
  .superRefine((v, ctx) => {
    // thresholds given must fall from Xuất sắc down to Trung bình
    let prev: number | undefined;
    for (const k of CLASSES) {
      const n = v.th[k];
      if (n === undefined) continue;
      if (prev !== undefined && n >= prev) ctx.addIssue({ code: 'custom', path: ['th', k], message: 'validation.thresholdOrder' });
      prev = n;
    }
  });
export type RulesForm = z.infer<typeof RulesForm>;

