import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/locals.ts';
import { getAward, getDecision, issueDecision, revokeAward } from './decisions.ts';
import { renderProposal } from './proposals-routes.ts';
import { DecisionForm, RevokeForm } from './schema.ts';
import { idParam } from '../web/params.ts';
import { GateError } from '../chain/gates.ts';

export function decisionsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const view = requireCan('award.view');
  const decide = requireCan('proposal.decide');

  const renderRevoke = async (req: Request, res: Response, awardId: number, errors: FieldErrors = {}, values: object = {}, status = 200) => {
    const data = await getAward(prisma, actor(req), awardId);
    res.status(status).render('awards/revoke', { title: res.locals.t('awards.revoke.title'), ...data, errors, values });
  };

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
    res.render('awards/decision', { title: res.locals.t('awards.decision.pageTitle', { number: data.decision.number }), ...data });
  });

  /** GET /awards/:awardId/revoke: commander's revocation form for one award */
  r.get('/awards/:awardId/revoke', decide, async (req, res) => {
    await renderRevoke(req, res, idParam(req.params.awardId));
  });

  /** POST /awards/:awardId/revoke: commander revokes one award with a reason; the original stays visible */
  r.post('/awards/:awardId/revoke', decide, async (req, res) => {
    const awardId = idParam(req.params.awardId);
    const form = parseForm(RevokeForm, req.body);
    if (!form.ok) return renderRevoke(req, res, awardId, form.errors, req.body ?? {}, 400);
    await getAward(prisma, actor(req), awardId); // 404 outside the actor's chain of command
    const decisionId = await revokeAward(prisma, actor(req), awardId, form.data, String(req.id));
    setFlash(req, 'success', 'awards.flash.revoked');
    res.redirect(303, `/decisions/${decisionId}`);
  });

  return r;
}
