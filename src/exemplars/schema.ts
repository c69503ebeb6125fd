import { z } from 'zod';
import { f, INT4_MAX } from '../lib/forms.ts';
import { ExemplarKind } from '../generated/prisma/enums.ts';
import type { FieldErrors } from '../errors.ts';

export const EXEMPLAR_KINDS = Object.values(ExemplarKind);
export type ExemplarKindValue = (typeof EXEMPLAR_KINDS)[number];
export const SUBJECTS = ['UNIT', 'PERSON'] as const;

const optId = () =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number({ message: 'validation.choice' }).int().positive().max(INT4_MAX, 'validation.choice').nullable());

/**
 * The exemplar form (create and edit). A collective exemplar is the unit itself; an individual one names
 * a person, typed or picked from the unit's people (checked against the unit in the service).
 * `version` is the updatedAt the edit form was read at.
 */
export const ExemplarForm = z
  .object({
    unitId: optId(),
    subject: z.enum(SUBJECTS, { message: 'validation.choice' }),
    personId: optId(),
    personName: f.optText(200),
    kind: z.enum(EXEMPLAR_KINDS, { message: 'validation.choice' }),
    title: f.text(300),
    description: z.string().trim().min(1).max(5000),
    occurredOn: f.optDate(),
    evidence: f.optText(3000),
    version: z.string().trim().optional().transform((v) => (v ? v : null)),
  });
export type ExemplarInput = z.infer<typeof ExemplarForm>;

/** List filters from the query string; anything unknown is ignored rather than refused. */
export function listFilter(query: Record<string, unknown>): { kind: ExemplarKindValue | null; status: 'published' | 'unpublished' | null } {
  const kind = typeof query.kind === 'string' && (EXEMPLAR_KINDS as string[]).includes(query.kind) ? (query.kind as ExemplarKindValue) : null;
  const status = query.status === 'published' || query.status === 'unpublished' ? query.status : null;
  return { kind, status };
}

/** The person rule, also checked when other fields fail, so every problem shows at once (the service enforces it). */
export function subjectErrors(body: Record<string, unknown>): FieldErrors {
  const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';
  return body.subject === 'PERSON' && blank(body.personId) && blank(body.personName) ? { personName: { key: 'exemplars.errors.personRequired' } } : {};
}
