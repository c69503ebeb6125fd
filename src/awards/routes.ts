import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { proposalsRouter } from './proposals-routes.ts';
import { decisionsRouter } from './decisions-routes.ts';
import { printRouter } from './print-routes.ts';
import { revocationRouter } from './revocation-routes.ts';

/** Awards (khen thưởng): proposals within quotas, decisions, revocations and printables. Staff only. */
export function awardsRouter(deps: FeatureDeps): Router {
  const r = Router();
  r.use(proposalsRouter(deps), decisionsRouter(deps), revocationRouter(deps), printRouter(deps));
  return r;
}
