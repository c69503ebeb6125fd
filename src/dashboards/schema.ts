import { z } from 'zod';
import { parseId } from '../lib/forms.ts';

/** An optional id in the query string; anything malformed is ignored (the page falls back to its default). */
const optId = z.preprocess((v) => parseId(v) ?? undefined, z.number().int().positive().optional());

/**
 * GET /campaigns/:id/dashboard?unit=&cluster=&parent=&by=&gpage=: the unit whose trend is drawn, the cluster or parent
 * unit drilled into, how the summary groups the units and the summary's page
 */
export const CommandQuery = z.object({
  unit: optId,
  cluster: optId,
  parent: optId,
  by: z.enum(['cluster', 'parent']).optional().catch(undefined),
  gpage: optId,
});
export type CommandQuery = z.infer<typeof CommandQuery>;

/** GET /campaigns/:id/units/:unitId?period=: the period whose scores are listed */
export const UnitQuery = z.object({ period: optId });
export type UnitQuery = z.infer<typeof UnitQuery>;
