import { z } from 'zod';
import { decimal, f, INT4_MAX } from '../lib/forms.ts';
import type { FieldErrors } from '../errors.ts';
import type { CriterionInfo } from './context.ts';

// Cell inputs use flat names (p_<unit>_<criterion>, v_…, c_…) so the body parser never turns numeric
// ids into sparse arrays.
export const cellName = {
  points: (unitId: number, criterionId: number) => `p_${unitId}_${criterionId}`,
  version: (unitId: number, criterionId: number) => `v_${unitId}_${criterionId}`,
  comment: (unitId: number, criterionId: number) => `c_${unitId}_${criterionId}`,
  self: (criterionId: number) => `s_${criterionId}`,
  selfComment: (criterionId: number) => `sc_${criterionId}`,
};

const COMMENT_MAX = 1000;

/** Points typed into a cell: empty is "no score"; otherwise a number in [0, max] in steps of 0.5. */
export function pointsSchema(max: number) {
  // one schema per bound, built once: a grid save parses hundreds of cells and building a zod schema
  // per cell was most of its CPU time (bench, issue 6)
  let schema = pointsSchemas.get(max);
  if (!schema) pointsSchemas.set(max, (schema = buildPointsSchema(max)));
  return schema;
}
const pointsSchemas = new Map<number, ReturnType<typeof buildPointsSchema>>();

function buildPointsSchema(max: number) {
  return decimal(
    z
      .number({ message: 'validation.number' })
      .finite({ message: 'validation.number' })
      .min(0, { message: 'scoring.validation.range' })
      .max(max, { message: 'scoring.validation.range' })
      .refine((n) => Number.isInteger(n * 2), { message: 'scoring.validation.step' })
      .nullable(),
    null,
  );
}

const commentSchema = z
  .string()
  .trim()
  .max(COMMENT_MAX, { message: 'validation.tooLong' })
  .transform((v) => (v === '' ? null : v));

const versionSchema = z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int().min(1).max(INT4_MAX).nullable());

/** One official cell as submitted. `comment` undefined means the form had no comment field for it. */
export type CellInput = { unitId: number; criterionId: number; points: number | null; version: number | null; comment?: string | null };

export type ParsedCells = { ok: true; cells: CellInput[] } | { ok: false; errors: FieldErrors };

function str(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  // a nested object (a[b]=c, or JSON) is not a value: '[object]' fails as a number and as a choice
  return last !== null && typeof last === 'object' ? '[object]' : String(last ?? '');
}

/**
 * Read the official cells of the given units from a submitted grid. A cell whose points field is
 * absent is not part of this save. Errors are keyed by the input name, so each shows beside its cell.
 */
export function parseOfficialCells(body: unknown, unitIds: number[], criteria: CriterionInfo[]): ParsedCells {
  const b = (body ?? {}) as Record<string, unknown>;
  const cells: CellInput[] = [];
  const errors: FieldErrors = {};
  for (const unitId of unitIds) {
    for (const c of criteria) {
      const pName = cellName.points(unitId, c.id);
      const raw = str(b, pName);
      if (raw === undefined) continue;
      const points = pointsSchema(c.max).safeParse(raw);
      if (!points.success) errors[pName] = issueOf(points.error, c.max);
      const version = versionSchema.safeParse(str(b, cellName.version(unitId, c.id)));
      if (!version.success) errors[pName] ??= { key: 'errors.badRequest' };
      const rawComment = str(b, cellName.comment(unitId, c.id));
      let comment: string | null | undefined;
      if (rawComment !== undefined) {
        const parsed = commentSchema.safeParse(rawComment);
        if (parsed.success) comment = parsed.data;
        else errors[cellName.comment(unitId, c.id)] = { key: 'validation.tooLong', params: { max: COMMENT_MAX } };
      }
      if (points.success && version.success) cells.push({ unitId, criterionId: c.id, points: points.data, version: version.data, comment });
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, cells };
}

function issueOf(error: z.ZodError, max: number): FieldErrors[string] {
  const msg = error.issues[0]?.message ?? 'validation.number';
  if (msg === 'scoring.validation.range') return { key: msg, params: { max } };
  return { key: msg.startsWith('scoring.') || msg.startsWith('validation.') ? msg : 'validation.number' };
}

/** The optional "reason for change" that goes with a save (required by the service when it overwrites). */
export const ReasonSchema = z.object({ reason: f.optText(500) });

/** The self-assessment form: points and comments per criterion, a note, and whether to submit. */
export type SelfInput = {
  cells: { criterionId: number; points: number | null; comment: string | null }[];
  note: string | null;
  submit: boolean;
  version: number | null;
};

export function parseSelfForm(body: unknown, criteria: CriterionInfo[]): { ok: true; data: SelfInput } | { ok: false; errors: FieldErrors } {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const submit = str(b, 'action') === 'submit';
  const cells: SelfInput['cells'] = [];
  for (const c of criteria) {
    const name = cellName.self(c.id);
    const points = pointsSchema(c.max).safeParse(str(b, name) ?? '');
    const comment = commentSchema.safeParse(str(b, cellName.selfComment(c.id)) ?? '');
    if (!points.success) errors[name] = issueOf(points.error, c.max);
    else if (submit && points.data === null) errors[name] = { key: 'scoring.validation.selfRequired' };
    if (!comment.success) errors[cellName.selfComment(c.id)] = { key: 'validation.tooLong', params: { max: COMMENT_MAX } };
    if (points.success && comment.success) cells.push({ criterionId: c.id, points: points.data, comment: comment.data });
  }
  const note = f.optText(4000).safeParse(str(b, 'note') ?? '');
  if (!note.success) errors.note = { key: 'validation.tooLong', params: { max: 4000 } };
  const version = versionSchema.safeParse(str(b, 'version'));
  if (!version.success) errors._form = { key: 'errors.badRequest' };
  if (Object.keys(errors).length || !note.success || !version.success) return { ok: false, errors };
  return { ok: true, data: { cells, note: note.data, submit, version: version.data } };
}

export const ReturnForm = z.object({ returnReason: f.text(2000) });
export type ReturnForm = z.infer<typeof ReturnForm>;

export const ReopenForm = z.object({ reason: f.text(1000) });
export type ReopenForm = z.infer<typeof ReopenForm>;

export const InspectionForm = z.object({
  kind: z.enum(['INSPECTION', 'REINSPECTION'], { message: 'validation.choice' }),
  date: f.date(),
  inspectors: f.text(300),
  findings: f.text(8000),
  periodId: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number({ message: 'validation.choice' }).int().positive().max(INT4_MAX, 'validation.choice').nullable()),
});
export type InspectionForm = z.infer<typeof InspectionForm>;

/** GET …/periods/:periodId/status?state=: which units the status table lists; anything else lists them all. */
export const StatusQuery = z.object({ state: z.enum(['pending', 'submitted', 'verified']).optional().catch(undefined) });
export type StatusQuery = z.infer<typeof StatusQuery>;
