import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { ValidationError } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { getDecision, issueDecision } from './decisions.ts';
import { flagsOf } from './revocation.ts';
import { renderProposal } from './proposals-routes.ts';
import { DecisionForm } from './schema.ts';
import { idParam } from '../web/params.ts';
import { GateError } from '../chain/gates.ts';

export function decisionsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const view = requireCan('award.view');
  const decide = requireCan('proposal.decide');

  /** POST /proposals/:pid/decision: commander of the holding command decides (levels, ballot, công khai: 422 lists blockers) */
  r.post('/proposals/:pid/decision', decide, async (req, res) => {
    const id = idParam(req.params.pid);
    const values = { ...(req.body ?? {}) };
    const form = parseForm(DecisionForm, req.body);
    if (!form.ok) return renderProposal(prisma, req, res, id, { errors: form.errors, values, status: 400 });
    let decisionId: number;
    try {
      decisionId = await issueDecision(prisma, actor(req), id, form.data, String(req.id));
    } catch (e) {
      if (e instanceof ValidationError) return renderProposal(prisma, req, res, id, { errors: e.fields, values, status: 400 });
      if (e instanceof GateError) return renderProposal(prisma, req, res, id, { blocked: e.blockers, values, status: 422 });
      throw e;
    }
    setFlash(req, 'success', 'awards.flash.decided', { number: form.data.number });
    res.redirect(303, `/decisions/${decisionId}`);
  });

  /** GET /decisions/:id: a decision and its awardees, revoked ones marked (staff) */
  r.get('/decisions/:id', view, async (req, res) => {
    const data = await getDecision(prisma, actor(req), idParam(req.params.id));
    const flags = await flagsOf(prisma, data.awards.map((a) => a.id));
    res.render('awards/decision', { title: res.locals.t('awards.decision.pageTitle', { number: data.decision.number }), ...data, flags });
  });

  return r;
}
