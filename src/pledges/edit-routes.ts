import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth } from '../auth/guards.ts';
import { ConflictError, RuleError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { EDITABLE, assertCan, loadPledgeContext } from './access.ts';
import { collectiveTitles, savePledge, valuesFromBody, valuesFromPledge, withBlankRows, type PledgeValues } from './editing.ts';
import { parsePledgeForm } from './schema.ts';
import { pledgeParams, pledgeUrl } from './present.ts';

/** Rows an "add row" button adds; without JavaScript the page re-renders with this many more. */
const ADD_ROWS = 3;

export function editRoutes({ prisma }: FeatureDeps): Router {
  const r = Router();

  async function renderForm(req: Request, res: Response, values: PledgeValues, status = 200, errors: FieldErrors = {}, conflict = false) {
    const { campaignId, unitId } = pledgeParams(req);
    const ctx = await loadPledgeContext(prisma, actor(req), campaignId, unitId);
    res.status(status).render('pledges/edit', {
      title: `${res.locals.t('pledges.edit.title')} · ${ctx.unit.name}`,
      ...ctx,
      titles: await collectiveTitles(prisma, campaignId),
      values,
      errors,
      conflict,
    });
  }

  /** Load the pledge for editing: 403 for anyone who may not edit this unit's pledge, 422 when the campaign is closed. */
  async function editable(req: Request) {
    const { campaignId, unitId } = pledgeParams(req);
    const who = actor(req);
    const ctx = await loadPledgeContext(prisma, who, campaignId, unitId);
    assertCan(who, 'pledge.edit', ctx);
    return { ...ctx, campaignId, unitId, open: !ctx.pledge || EDITABLE.includes(ctx.pledge.status) };
  }

  /** GET /campaigns/:id/pledges/:unitId/edit: the pledge form (the unit's account or an officer) */
  r.get('/campaigns/:id/pledges/:unitId/edit', requireAuth, async (req, res) => {
    const ctx = await editable(req);
    if (!ctx.open) {
      setFlash(req, 'error', 'pledges.rules.readOnly');
      return res.redirect(303, pledgeUrl(ctx.campaignId, ctx.unitId));
    }
    const v = valuesFromPledge(ctx.pledge);
    await renderForm(req, res, withBlankRows(v, v.targets.length ? 1 : ADD_ROWS, v.measures.length ? 1 : ADD_ROWS));
  });

  /** POST /campaigns/:id/pledges/:unitId/edit: save the draft, or add empty rows and show the form again */
  r.post('/campaigns/:id/pledges/:unitId/edit', requireAuth, async (req, res) => {
    const ctx = await editable(req);
    if (!ctx.open) throw new RuleError('pledges.rules.readOnly');
    const values = valuesFromBody(req.body);
    const add = req.body?.addRow;
    if (add === 'targets' || add === 'measures') {
      return renderForm(req, res, withBlankRows(values, add === 'targets' ? ADD_ROWS : 0, add === 'measures' ? ADD_ROWS : 0));
    }
    const form = parsePledgeForm(req.body);
    if (!form.ok) return renderForm(req, res, values, 400, form.errors);
    try {
      await savePledge(prisma, actor(req), ctx.campaignId, ctx.unitId, form.data, String(req.id));
    } catch (e) {
      if (e instanceof ValidationError) return renderForm(req, res, values, 400, e.fields);
      if (e instanceof ConflictError) return renderForm(req, res, values, 409, {}, true);
      throw e;
    }
    setFlash(req, 'success', 'pledges.saved');
    res.redirect(303, pledgeUrl(ctx.campaignId, ctx.unitId));
  });

  return r;
}
