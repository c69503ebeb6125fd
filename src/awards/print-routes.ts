import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { getAward, getDecision } from './decisions.ts';
import { idParam } from '../web/params.ts';

/** Printables: an award's certificate (A4 landscape) and a decision's list of awardees (A4 portrait). */
export function printRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const view = requireCan('award.view');

  /** GET /awards/:awardId/certificate: printable certificate of one award (own HTML shell, print CSS) */
  r.get('/awards/:awardId/certificate', view, async (req, res) => {
    const data = await getAward(prisma, actor(req), idParam(req.params.awardId));
    res.render('awards/certificate', { layout: false, title: res.locals.t('awards.certificate.title'), ...data });
  });

  /** GET /decisions/:id/print: printable decision with its list of awardees */
  r.get('/decisions/:id/print', view, async (req, res) => {
    const data = await getDecision(prisma, actor(req), idParam(req.params.id));
    res.render('awards/decision-print', { layout: false, title: res.locals.t('awards.decision.pageTitle', { number: data.decision.number }), ...data });
  });

  return r;
}
