import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth } from '../auth/guards.ts';
import { can } from '../auth/policy.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.ts';
import { parseForm } from '../lib/forms.ts';
import { setFlash } from '../web/flash.ts';
import { ReturnForm, VersionForm } from './schema.ts';
import { PledgeIncompleteError, amendPledge, approvePledge, returnPledge, submitPledge } from './workflow.ts';
import { pledgeParams, pledgeUrl } from './present.ts';
import { renderPledge } from './render.ts';

export function workflowRoutes({ prisma }: FeatureDeps): Router {
  const r = Router();

  /** The version the form was read at, once the actor's role may take the step at all (403 before a 400). */
  function version(req: Request, permission: 'pledge.edit' | 'pledge.review'): number {
    if (!can(actor(req), permission, { unitId: pledgeParams(req).unitId })) throw new ForbiddenError();
    // a stale or missing version (the form's only field is hidden) is refused in words on the error page
    const v = parseForm(VersionForm, req.body);
    if (!v.ok) throw new ValidationError(v.errors);
    return v.data.version;
  }

  /** Run one step; a stale version shows the current pledge with a conflict notice (409). */
  async function step(req: Request, res: Response, run: () => Promise<void>, flashKey: string) {
    const { campaignId, unitId } = pledgeParams(req);
    try {
      await run();
    } catch (e) {
      if (e instanceof ConflictError) return renderPledge(res, prisma, actor(req), campaignId, unitId, 409, { conflict: true });
      if (e instanceof PledgeIncompleteError) return renderPledge(res, prisma, actor(req), campaignId, unitId, 422, { incomplete: e.missing });
      throw e;
    }
    setFlash(req, 'success', flashKey);
    res.redirect(303, pledgeUrl(campaignId, unitId));
  }

  /** POST /campaigns/:id/pledges/:unitId/submit: the unit (or an officer) submits the pledge for approval */
  r.post('/campaigns/:id/pledges/:unitId/submit', requireAuth, async (req, res) => {
    const { campaignId, unitId } = pledgeParams(req);
    await step(req, res, () => submitPledge(prisma, actor(req), campaignId, unitId, version(req, 'pledge.edit'), String(req.id)), 'pledges.flash.submitted');
  });

  /** POST /campaigns/:id/pledges/:unitId/approve: an officer or commander approves a submitted pledge */
  r.post('/campaigns/:id/pledges/:unitId/approve', requireAuth, async (req, res) => {
    const { campaignId, unitId } = pledgeParams(req);
    await step(req, res, () => approvePledge(prisma, actor(req), campaignId, unitId, version(req, 'pledge.review'), String(req.id)), 'pledges.flash.approved');
  });

  /** POST /campaigns/:id/pledges/:unitId/return: an officer or commander returns a submitted pledge with a reason */
  r.post('/campaigns/:id/pledges/:unitId/return', requireAuth, async (req, res) => {
    const { campaignId, unitId } = pledgeParams(req);
    if (!can(actor(req), 'pledge.review', { unitId })) throw new ForbiddenError();
    const form = parseForm(ReturnForm, req.body);
    if (!form.ok) {
      return renderPledge(res, prisma, actor(req), campaignId, unitId, 400, { errors: form.errors, values: { reason: typeof req.body?.reason === 'string' ? req.body.reason : '' } });
    }
    await step(req, res, () => returnPledge(prisma, actor(req), campaignId, unitId, form.data.version, form.data.reason, String(req.id)), 'pledges.flash.returned');
  });

  /** POST /campaigns/:id/pledges/:unitId/amend: reopen an approved pledge as a new revision */
  r.post('/campaigns/:id/pledges/:unitId/amend', requireAuth, async (req, res) => {
    const { campaignId, unitId } = pledgeParams(req);
    await step(req, res, () => amendPledge(prisma, actor(req), campaignId, unitId, version(req, 'pledge.edit'), String(req.id)), 'pledges.flash.amended');
  });

  return r;
}
