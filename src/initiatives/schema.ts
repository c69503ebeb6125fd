import { z } from 'zod';
import { f, INT4_MAX } from '../lib/forms.ts';
import { LEVELS } from '../lib/eligibility.ts';

export const KINDS = ['INITIATIVE', 'RESEARCH', 'SOLUTION'] as const;

/** A sáng kiến / đề tài / giải pháp. Recognised = a decision number and date at a recognising level. */
export const InitiativeForm = z
  .object({
    kind: z.enum(KINDS, { message: 'validation.choice' }),
    title: f.text(500),
    year: z.coerce.number({ message: 'validation.number' }).int('validation.integer').min(1990).max(2100),
    recognisingLevel: z.enum(LEVELS as [string, ...string[]], { message: 'validation.choice' }),
    decisionNo: f.optText(100),
    decisionDate: f.optDate(),
    scopeOfEffect: f.optText(2000),
    authors: f.ids().pipe(z.array(z.number()).min(1)),
    version: z.coerce.number({ message: 'validation.invalid' }).int().min(0).max(INT4_MAX),
  })
  .superRefine((v, ctx) => {
    if (v.decisionNo && !v.decisionDate) ctx.addIssue({ code: 'custom', path: ['decisionDate'], message: 'validation.decisionDateNeeded' });
    if (!v.decisionNo && v.decisionDate) ctx.addIssue({ code: 'custom', path: ['decisionNo'], message: 'validation.decisionNoNeeded' });
  });
export type InitiativeInput = z.infer<typeof InitiativeForm>;

/** List filters from the query string; anything unknown is ignored. */
export function listFilter(query: Record<string, unknown>): { year: number | null; unitId: number | null; kind: (typeof KINDS)[number] | null } {
  const int = (v: unknown, re: RegExp) => (typeof v === 'string' && re.test(v) ? Number(v) : null);
  const kind = typeof query.kind === 'string' && (KINDS as readonly string[]).includes(query.kind) ? (query.kind as (typeof KINDS)[number]) : null;
  return { year: int(query.year, /^\d{4}$/), unitId: int(query.unit, /^[1-9]\d{0,8}$/), kind };
}
