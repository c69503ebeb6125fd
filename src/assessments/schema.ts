import { z } from 'zod';
import { f, INT4_MAX } from '../lib/forms.ts';
import { DISCIPLINES, TASKS } from '../lib/eligibility.ts';

const percent = () => f.number().pipe(z.number().min(0).max(100));
const version = () => z.coerce.number({ message: 'validation.invalid' }).int().min(0).max(INT4_MAX);

/** A person's yearly assessment as the unit enters it; `submit` sends it to the command for verification. */
export const AssessmentForm = z.object({
  taskLevel: z.enum(TASKS as [string, ...string[]], { message: 'validation.choice' }),
  testsPassedPercent: percent(),
  goodPercent: percent(),
  discipline: z.enum(DISCIPLINES as [string, ...string[]], { message: 'validation.choice' }),
  disciplineNote: f.optText(1000),
  version: version(),
  submit: f.checkbox().optional(),
});
export type AssessmentInput = z.infer<typeof AssessmentForm>;

export const VersionForm = z.object({ version: version() });
export const ReturnForm = z.object({ version: version(), reason: f.text(1000) });

export const STATUSES = ['NONE', 'DRAFT', 'SUBMITTED', 'RETURNED', 'VERIFIED'] as const;
/** List filters from the query string; anything unknown is ignored. */
export function listFilter(query: Record<string, unknown>): { unitId: number | null; status: (typeof STATUSES)[number] | null } {
  const unit = typeof query.unit === 'string' && /^[1-9]\d{0,8}$/.test(query.unit) ? Number(query.unit) : null;
  const status = typeof query.status === 'string' && (STATUSES as readonly string[]).includes(query.status) ? (query.status as (typeof STATUSES)[number]) : null;
  return { unitId: unit, status };
}
