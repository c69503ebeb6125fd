import { z } from 'zod';
import type { ClassCode, ClassRules, TieBreak } from './types.ts';

const CLASS = z.enum(['XUAT_SAC', 'TOT', 'KHA', 'TRUNG_BINH', 'YEU']);
const STEP = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group'), groupCode: z.string().min(1) }),
  z.object({ kind: z.literal('fewerPenalty') }),
  z.object({ kind: z.literal('latestPeriod') }),
]);
const THRESHOLDS = z.object({ XUAT_SAC: z.number(), TOT: z.number(), KHA: z.number(), TRUNG_BINH: z.number() }).partial();
const CONDITION = z.object({ class: CLASS, noPenaltyInGroup: z.string().min(1).optional() });

/** Campaign.tieBreaks (JSON) as a typed chain; unreadable steps are left out rather than failing the page. */
export function parseTieBreaks(json: unknown): TieBreak[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((s) => {
    const r = STEP.safeParse(s);
    return r.success ? [r.data as TieBreak] : [];
  });
}

/**
 * Campaign.classRules (JSON): `{thresholds: {...}, conditions: [...]}`, or the short form the schema comment
 * shows, thresholds alone (`{"XUAT_SAC": 90, "TOT": 80, ...}`).
 */
export function parseClassRules(json: unknown): ClassRules {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { thresholds: {} };
  const obj = json as Record<string, unknown>;
  const thresholds = THRESHOLDS.safeParse('thresholds' in obj ? obj.thresholds : obj);
  const conditions = z.array(CONDITION).safeParse(obj.conditions ?? []);
  return {
    thresholds: thresholds.success ? thresholds.data : {},
    ...(conditions.success && conditions.data.length ? { conditions: conditions.data.map((c) => ({ ...c, class: c.class as ClassCode })) } : {}),
  };
}
