import { z } from 'zod';
import { f, fieldErrors, INT4_MAX } from '../lib/forms.ts';
import type { FieldErrors } from '../errors.ts';
import type { Comparator } from './measure.ts';

/** Most rows a pledge form takes; more is almost certainly a mistake or abuse. */
export const MAX_ROWS = 60;

const str = (max: number) => z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().trim().max(max));
const optId = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int().positive().max(INT4_MAX).nullable().catch(null));
const version = z.coerce.number({ message: 'validation.invalid' }).int().min(0).max(INT4_MAX, 'validation.invalid');

/** qs turns `targets[0][content]` into an array, or into an object once indices pass its array limit. */
export function rowsOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.keys(o)
      .filter((k) => /^\d{1,4}$/.test(k))
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => o[k]);
  }
  return [];
}

const TargetRow = z.object({
  id: optId,
  content: str(1000),
  indicator: str(300),
  unitOfMeasure: str(50),
  comparator: z.preprocess((v) => (v === undefined ? '' : v), z.enum(['', 'EQ', 'GTE', 'LTE'])),
  targetValue: str(30),
  remove: f.checkbox(),
});
const MeasureRow = z.object({ id: optId, content: str(2000), remove: f.checkbox() });

const TargetRows = z.preprocess(rowsOf, z.array(TargetRow).max(MAX_ROWS));

/** The pledge edit form: target and measure rows, registered titles, the signatory block. */
export const PledgeForm = z.object({
  version,
  targets: TargetRows,
  measures: z.preprocess(rowsOf, z.array(MeasureRow).max(MAX_ROWS)),
  titleIds: f.ids(),
  signatoryName: f.optText(200),
  signatoryRank: f.optText(100),
  signatoryPosition: f.optText(200),
  signedDate: f.optDate(),
});

export type TargetInput = { id: number | null; content: string; indicator: string | null; unitOfMeasure: string | null; comparator: Comparator | null; targetValue: number | null };
export type MeasureInput = { id: number | null; content: string };
export type PledgeInput = {
  version: number;
  targets: TargetInput[];
  measures: MeasureInput[];
  titleIds: number[];
  signatoryName: string | null;
  signatoryRank: string | null;
  signatoryPosition: string | null;
  signedDate: Date | null;
};

const NUMBER = /^-?\d{1,12}([.,]\d{1,2})?$/;

/**
 * Parse the pledge form. Blank rows and rows marked "remove" are dropped after validation, so an
 * error's field name (targets.3.content) still points at the row the user sees.
 */
export function parsePledgeForm(body: unknown): { ok: true; data: PledgeInput } | { ok: false; errors: FieldErrors } {
  const r = PledgeForm.safeParse(body ?? {});
  const errors: FieldErrors = r.success ? {} : fieldErrors(r.error);
  // check the rows even when another field failed, so every message shows at once
  const rows = r.success ? { success: true as const, data: r.data.targets } : TargetRows.safeParse((body as { targets?: unknown } | null)?.targets);
  const targets: TargetInput[] = [];
  if (rows.success) {
    rows.data.forEach((row, i) => {
      const blank = !row.content && !row.indicator && !row.unitOfMeasure && !row.comparator && !row.targetValue;
      if (row.remove || blank) return;
      const at = (f: string) => `targets.${i}.${f}`;
      if (!row.content) errors[at('content')] ??= { key: 'validation.required' };
      if (row.targetValue && !NUMBER.test(row.targetValue)) errors[at('targetValue')] ??= { key: 'validation.number' };
      else if (row.comparator && !row.targetValue) errors[at('targetValue')] ??= { key: 'pledges.validation.valueNeeded' };
      if (row.targetValue && !row.comparator) errors[at('comparator')] ??= { key: 'pledges.validation.comparatorNeeded' };
      targets.push({
        id: row.id,
        content: row.content,
        indicator: row.indicator || null,
        unitOfMeasure: row.unitOfMeasure || null,
        comparator: row.comparator || null,
        targetValue: row.targetValue && NUMBER.test(row.targetValue) ? Number(row.targetValue.replace(',', '.')) : null,
      });
    });
  }
  if (!r.success || Object.keys(errors).length) return { ok: false, errors };
  const measures: MeasureInput[] = r.data.measures.filter((m) => !m.remove && m.content).map((m) => ({ id: m.id, content: m.content }));
  const { version: v, titleIds, signatoryName, signatoryRank, signatoryPosition, signedDate } = r.data;
  return { ok: true, data: { version: v, targets, measures, titleIds: [...new Set(titleIds)], signatoryName, signatoryRank, signatoryPosition, signedDate } };
}

/** A workflow button (submit, approve, amend) carries the version the user saw. */
export const VersionForm = z.object({ version });

/** Returning a pledge needs a reason the unit will read. */
export const ReturnForm = z.object({ version, reason: f.text(2000) });
export type ReturnForm = z.infer<typeof ReturnForm>;

/** One individual registration: an existing person of the unit, or a new one by name. */
export const RegistrationForm = z
  .object({
    personId: optId,
    fullName: f.optText(200),
    rank: f.optText(100),
    position: f.optText(200),
    titleId: f.id(),
    commitment: f.optText(1000),
  })
  .refine((v) => v.personId !== null || v.fullName !== null, { message: 'validation.required', path: ['fullName'] });
export type RegistrationForm = z.infer<typeof RegistrationForm>;

/** One progress cell: the value reached in a period, and a note. */
export const ProgressCell = z.object({ value: f.optNumber(), note: f.optText(1000) });

export const LIST_FILTERS = ['NONE', 'DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
/** ?status= on the pledge list; anything odd means no filter. */
export const ListQuery = z.object({
  status: z.enum(LIST_FILTERS).optional().catch(undefined),
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim().slice(0, 100) || undefined : undefined), z.string().optional()),
});
