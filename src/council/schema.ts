// Forms of the council (Hội đồng Thi đua – Khen thưởng), its members, its meetings and the ballots' counts.
import { z } from 'zod';
import { decimal, f, fieldErrors, INT4_MAX } from '../lib/forms.ts';
import type { FieldErrors } from '../errors.ts';

/** parseForm, keeping this feature's own messages (council.*) beside their fields. */
export function parseCouncilForm<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(input ?? {});
  if (r.success) return { ok: true, data: r.data };
  const errors = fieldErrors(r.error);
  const seen = new Set<string>();
  for (const issue of r.error.issues) {
    const field = issue.path.map(String).join('.') || '_form';
    if (seen.has(field)) continue;
    seen.add(field);
    if (issue.message.startsWith('council.')) errors[field] = { key: issue.message };
  }
  return { ok: false, errors };
}

export const COUNCIL_ROLES = ['CHAIR', 'VICE_CHAIR', 'STANDING', 'MEMBER'] as const;

const version = () => z.coerce.number({ message: 'validation.staleForm' }).int().positive('validation.staleForm').max(INT4_MAX, 'validation.staleForm');
const percent = () =>
  decimal(
    z.number({ message: 'validation.number' }).finite().gt(0, 'council.errors.percentRange').max(100, 'council.errors.percentRange')
      .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, { message: 'validation.decimals', params: { max: 2 } }),
  );
const intIn = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : /^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN) : v), z.number({ message: 'validation.integer' }).int('validation.integer').min(min).max(max));

/** The council of a command for a term. `unitId` is read only from an administrator who belongs to no command. */
export const CouncilForm = z.object({
  unitId: z.preprocess((v) => (v === '' ? undefined : v), f.id().optional()),
  name: f.text(300),
  decisionNo: f.optText(100),
  termFrom: f.date(),
  termTo: f.optDate(),
  quorumPercent: percent(),
  quorumLegalBasis: f.text(4000),
  postingDays: intIn(1, 365),
  postingLegalBasis: f.text(4000),
});
export type CouncilForm = z.infer<typeof CouncilForm>;
export const CouncilEditForm = CouncilForm.extend({ version: version() });
export type CouncilEditForm = z.infer<typeof CouncilEditForm>;

export function councilProblems(v: CouncilForm): FieldErrors {
  const out: FieldErrors = {};
  if (v.termTo && v.termTo < v.termFrom) out.termTo = { key: 'validation.endNotBeforeStart' };
  return out;
}

/** One member and the dates they sit on the council. */
export const MemberForm = z.object({
  fullName: f.text(200),
  position: f.optText(200),
  role: z.enum(COUNCIL_ROLES, { message: 'validation.choice' }),
  fromDate: f.date(),
  toDate: f.optDate(),
});
export type MemberForm = z.infer<typeof MemberForm>;
export const MemberEditForm = MemberForm.extend({ version: version() });

export function memberProblems(v: MemberForm, term: { termFrom: Date; termTo: Date | null }): FieldErrors {
  const out: FieldErrors = {};
  if (v.toDate && v.toDate < v.fromDate) out.toDate = { key: 'validation.endNotBeforeStart' };
  if (v.fromDate < term.termFrom || (term.termTo && v.fromDate > term.termTo)) out.fromDate = { key: 'council.errors.outsideTerm' };
  return out;
}

/** A meeting: when and where, the secretary, who was present (member ids) and the proposal lists on its agenda. */
export const MeetingForm = z.object({
  heldOn: f.date(),
  place: f.optText(300),
  secretary: f.optText(200),
  present: f.ids(),
  agenda: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive().max(INT4_MAX)).min(1, 'council.errors.agendaEmpty')),
});
export type MeetingForm = z.infer<typeof MeetingForm>;
export const MeetingEditForm = MeetingForm.extend({ version: version() });
export type MeetingEditForm = z.infer<typeof MeetingEditForm>;

/** The minutes' conclusions, written once the meeting is held. */
export const ConclusionsForm = z.object({ version: version(), conclusions: f.optText(10000) });
export const VersionForm = z.object({ version: version() });

/** A count typed on the ballot form: blank is "not entered", anything but a whole number ≥ 0 is refused. */
export const count = (blank: number | undefined) =>
  z.preprocess((v) => (v === undefined ? blank : typeof v === 'string' ? (v.trim() === '' ? blank : /^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN) : v), z.number({ message: 'validation.integer' }).int('validation.integer').min(0).max(10000));
export const BallotLine = z.object({ agree: count(undefined), disagree: count(undefined), writtenAgree: count(0), writtenDisagree: count(0), version: z.coerce.number().int().min(0).max(INT4_MAX).catch(0) });
export type BallotLine = z.infer<typeof BallotLine>;
