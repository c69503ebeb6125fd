// The numbers of each eligibility rule kind, as zod schemas: the admin's rule form is checked against them, and the
// rules engine reads stored params through parseRuleParams(). One place says what each kind's numbers are.
import { z } from 'zod';
import type { RuleKind } from '../generated/prisma/enums.ts';

export const ISSUING_LEVELS = ['REGIMENT', 'PROVINCE', 'MILITARY_REGION', 'MINISTRY', 'GOVERNMENT', 'STATE'] as const;
export const TASK_LEVELS = ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED'] as const;
/** Discipline levels a rule may exclude from (NONE excludes nobody, so it is not offered). */
export const DISCIPLINE_FROM = ['REPRIMAND', 'WARNING', 'DEMOTION', 'DISMISSAL'] as const;

const code = () => z.string().trim().regex(/^[A-Z0-9_]{1,20}$/, 'validation.choice');
const int = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z.number({ error: (iss) => (iss.code !== 'invalid_type' ? undefined : iss.input === undefined ? 'validation.required' : 'validation.integer') }).int('validation.integer').min(min).max(max),
  );
const percent = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v),
    z.number({ error: (iss) => (iss.code !== 'invalid_type' ? undefined : iss.input === undefined ? 'validation.required' : 'validation.number') }).finite().min(0).max(100),
  );
const flag = () => z.preprocess((v) => v === 'on' || v === 'true' || v === '1' || v === true, z.boolean());

/** Each kind's params; the field names are the JSON keys stored in EligibilityRule.params. */
export const RULE_PARAMS = {
  SAME_YEAR_TITLE: z.object({ titleCode: code() }),
  CHAIN_YEARS: z.object({ titleCode: code(), years: int(2, 10) }),
  INITIATIVE: z.object({ minLevel: z.enum(ISSUING_LEVELS, { message: 'validation.choice' }), minCount: int(1, 20) }),
  TASK_LEVEL: z.object({ minLevel: z.enum(TASK_LEVELS, { message: 'validation.choice' }) }),
  TRAINING: z.object({ minPassedPercent: percent(), minGoodPercent: percent() }),
  DISCIPLINE: z.object({ excludedFrom: z.enum(DISCIPLINE_FROM, { message: 'validation.choice' }) }),
  MEMBER_SHARE: z.object({ titleCode: code(), minPercent: percent(), strict: flag() }),
  MEMBER_COUNT: z.object({ titleCode: code(), minCount: int(1, 1000) }),
  MEMBER_DISCIPLINE: z.object({ excludedFrom: z.enum(DISCIPLINE_FROM, { message: 'validation.choice' }) }),
  ONE_AWARD: z.object({}),
} as const satisfies Record<RuleKind, z.ZodType>;

export type RuleParams<K extends RuleKind> = z.infer<(typeof RULE_PARAMS)[K]>;

/** The form fields a kind has, in the order the form shows them. */
export function paramFields(kind: RuleKind): string[] {
  return Object.keys(RULE_PARAMS[kind].shape);
}

/** Read a stored rule's params; null when they do not fit the kind (the engine then treats the rule as broken). */
export function parseRuleParams<K extends RuleKind>(kind: K, params: unknown): RuleParams<K> | null {
  const r = RULE_PARAMS[kind].safeParse(params);
  return r.success ? (r.data as RuleParams<K>) : null;
}
