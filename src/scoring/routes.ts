import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { periodsRoutes } from './periods-routes.ts';
import { gridRoutes } from './grid-routes.ts';
import { selfRoutes } from './self-routes.ts';
import { verifyRoutes } from './verify-routes.ts';
import { inspectionsRoutes } from './inspections-routes.ts';

/** Scoring: periods and locks, the officers' grid, self-assessment, verification, inspection notes. */
export function scoringRouter(deps: FeatureDeps): Router {
  const r = Router();
  r.use(periodsRoutes(deps), gridRoutes(deps), selfRoutes(deps), verifyRoutes(deps), inspectionsRoutes(deps));
  return r;
}
