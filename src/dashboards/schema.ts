import { z } from 'zod';
import { parseId } from '../lib/forms.ts';

/** An optional id in the query string; anything malformed is ignored (the page falls back to its default). */
const optId = z.preprocess((v) => parseId(v) ?? undefined, z.number().int().positive().optional());

/** GET /campaigns/:id/dashboard?unit=: the unit whose trend is drawn */
export const CommandQuery = z.object({ unit: optId });
export type CommandQuery = z.infer<typeof CommandQuery>;

/** GET /campaigns/:id/units/:unitId?period=: the period whose scores are listed */
export const UnitQuery = z.object({ period: optId });
export type UnitQuery = z.infer<typeof UnitQuery>;
