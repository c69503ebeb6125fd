import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth, requireCan } from '../auth/guards.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { recordInspection, unitInspections } from './inspections-service.ts';
import { InspectionForm } from './schema.ts';

function ids(req: Request) {
  const campaignId = parseId(req.params.id);
  const unitId = parseId(req.params.unitId);
  if (!campaignId || !unitId) throw new NotFoundError();
  return { campaignId, unitId };
}

async function render(res: Response, prisma: Db, me: Actor, campaignId: number, unitId: number, extra: { values?: Record<string, unknown>; errors?: FieldErrors } = {}) {
  const data = await unitInspections(prisma, me, campaignId, unitId);
  res.render('scoring/inspections', {
    title: res.locals.t('scoring.inspections.title', { unit: data.unit.name }),
    ...data,
    values: extra.values ?? { kind: 'INSPECTION', date: new Date().toISOString().slice(0, 10) },
    errors: extra.errors ?? {},
  });
}

export function inspectionsRoutes({ prisma }: FeatureDeps): Router {
  const r = Router();

  /** GET /campaigns/:id/units/:unitId/inspections: a unit's inspection notes, and the form to record one */
  r.get('/campaigns/:id/units/:unitId/inspections', requireAuth, async (req, res) => {
    const { campaignId, unitId } = ids(req);
    await render(res, prisma, actor(req), campaignId, unitId);
  });

  /** POST /campaigns/:id/units/:unitId/inspections: officer records an inspection or re-inspection */
  r.post('/campaigns/:id/units/:unitId/inspections', requireCan('inspection.record'), async (req, res) => {
    const { campaignId, unitId } = ids(req);
    const me = actor(req);
    const form = parseForm(InspectionForm, req.body);
    if (!form.ok) {
      res.status(400);
      return render(res, prisma, me, campaignId, unitId, { values: req.body, errors: form.errors });
    }
    try {
      await recordInspection(prisma, me, campaignId, unitId, form.data, String(req.id));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      res.status(400);
      return render(res, prisma, me, campaignId, unitId, { values: req.body, errors: e.fields });
    }
    setFlash(req, 'success', 'scoring.inspections.saved');
    res.redirect(303, `/campaigns/${campaignId}/units/${unitId}/inspections`);
  });
  return r;
}
