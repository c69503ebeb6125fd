import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';

// Placeholder: this feature's routes are being built.
export function dashboardsRouter(_deps: FeatureDeps): Router {
  return Router();
}
