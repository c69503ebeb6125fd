import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { gridRows } from './grid-view.ts';
import { ScoreConflictError, type ConflictCell } from './official.ts';
import { parseOfficialCells, ReasonSchema, ReturnForm } from './schema.ts';
import { loadVerify, returnAssessment, verifyAsGrid, verifyUnit, type VerifyData } from './verify-service.ts';

function verifyIds(req: Request) {
  const campaignId = parseId(req.params.id);
  const periodId = parseId(req.params.periodId);
  const unitId = parseId(req.params.unitId);
  if (!campaignId || !periodId || !unitId) throw new NotFoundError();
  return { campaignId, periodId, unitId };
}

type Extra = { typed?: Record<string, unknown>; errors?: FieldErrors; conflicts?: ConflictCell[]; reason?: string; returnReason?: string };

function renderVerify(res: Response, data: VerifyData, extra: Extra = {}) {
  const t = res.locals.t;
  const [row] = gridRows(verifyAsGrid(data), { ...extra, input: res.locals.fmt.input });
  const errors = extra.errors ?? {};
  const base = `/campaigns/${data.campaign.id}/periods/${data.period.id}`;
  res.render('scoring/verify', {
    title: t('scoring.verify.title', { unit: data.unit.name, period: res.locals.fmt.period(data.period.name) }),
    campaign: data.campaign,
    period: data.period,
    unit: data.unit,
    groups: data.groups,
    row,
    assessment: data.assessment,
    attachments: data.attachments,
    locked: data.locked,
    errors,
    invalidCells: row.cells.filter((c) => c.invalid).map((c) => ({ id: c.id, label: c.label, name: errors[c.name] ? c.name : c.cName })),
    conflictCount: extra.conflicts?.length ?? 0,
    reason: extra.reason ?? '',
    returnReason: extra.returnReason ?? '',
    base,
    action: `${base}/verify/${data.unit.id}`,
  });
}

export function verifyRoutes({ prisma }: FeatureDeps): Router {
  const r = Router();
  const guard = requireCan('score.verify');

  /** GET /campaigns/:id/periods/:periodId/verify/:unitId: self points beside official points, to verify or return */
  r.get('/campaigns/:id/periods/:periodId/verify/:unitId', guard, async (req, res) => {
    const { campaignId, periodId, unitId } = verifyIds(req);
    renderVerify(res, await loadVerify(prisma, actor(req), campaignId, periodId, unitId));
  });

  /** POST /campaigns/:id/periods/:periodId/verify/:unitId: officer verifies (accepting or changing cells) */
  r.post('/campaigns/:id/periods/:periodId/verify/:unitId', guard, async (req, res) => {
    const { campaignId, periodId, unitId } = verifyIds(req);
    const me = actor(req);
    const data = await loadVerify(prisma, me, campaignId, periodId, unitId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const typedReason = typeof body.reason === 'string' ? body.reason : '';
    const reasonForm = parseForm(ReasonSchema, { reason: typedReason });
    const cells = parseOfficialCells(body, [unitId], data.criteria);
    if (!cells.ok || !reasonForm.ok) {
      res.status(400);
      return renderVerify(res, data, { typed: body, errors: { ...(cells.ok ? {} : cells.errors), ...(reasonForm.ok ? {} : reasonForm.errors) }, reason: typedReason });
    }
    try {
      await verifyUnit(prisma, me, data, { cells: cells.cells, reason: reasonForm.data.reason, requestId: String(req.id) });
    } catch (e) {
      if (e instanceof ScoreConflictError) {
        res.status(409);
        return renderVerify(res, data, { typed: body, conflicts: e.cells, reason: typedReason });
      }
      if (e instanceof ValidationError) {
        res.status(400);
        return renderVerify(res, data, { typed: body, errors: e.fields, reason: typedReason });
      }
      throw e;
    }
    setFlash(req, 'success', 'scoring.verify.done', { unit: data.unit.name });
    res.redirect(303, `/campaigns/${campaignId}/periods/${periodId}/status`);
  });

  /** POST /campaigns/:id/periods/:periodId/verify/:unitId/return: officer returns the self-assessment with a reason */
  r.post('/campaigns/:id/periods/:periodId/verify/:unitId/return', guard, async (req, res) => {
    const { campaignId, periodId, unitId } = verifyIds(req);
    const me = actor(req);
    const data = await loadVerify(prisma, me, campaignId, periodId, unitId);
    const form = parseForm(ReturnForm, req.body);
    if (!form.ok) {
      res.status(400);
      const typed = typeof req.body?.returnReason === 'string' ? req.body.returnReason : '';
      return renderVerify(res, data, { errors: form.errors, returnReason: typed });
    }
    await returnAssessment(prisma, me, data, form.data.returnReason, String(req.id));
    setFlash(req, 'success', 'scoring.verify.returned', { unit: data.unit.name });
    res.redirect(303, `/campaigns/${campaignId}/periods/${periodId}/status`);
  });
  return r;
}
