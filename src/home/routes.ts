import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth } from '../auth/guards.ts';
import { homeSummary } from './service.ts';
import { notifyClosingPeriods } from '../notifications/closing.ts';

export function homeRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  /** GET /: landing page for every role */
  r.get('/', requireAuth, async (req, res) => {
    // staff opening the home page is the trigger for "period about to close" notifications (once per period)
    if (actor(req).role !== 'UNIT') await notifyClosingPeriods(prisma);
    const summary = await homeSummary(prisma, actor(req));
    res.render('home/index', { title: res.locals.t('home.title'), ...summary });
  });
  return r;
}
