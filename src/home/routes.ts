import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth } from '../auth/guards.ts';
import { homeSummary } from './service.ts';

export function homeRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  /** GET /: landing page for every role */
  r.get('/', requireAuth, async (req, res) => {
    const summary = await homeSummary(prisma, actor(req));
    res.render('home/index', { title: res.locals.t('home.title'), ...summary });
  });
  return r;
}
