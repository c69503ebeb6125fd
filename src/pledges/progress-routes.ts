import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth } from '../auth/guards.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../errors.ts';
import { parseForm } from '../lib/forms.ts';
import { setFlash } from '../web/flash.ts';
import { assertCan, loadPledgeContext, pledgeAbilities } from './access.ts';
import { progressGrid, saveProgress } from './progress.ts';
import { VersionForm } from './schema.ts';
import { measureText, pledgeParams, pledgeUrl, valueText } from './present.ts';

export function progressRoutes({ prisma }: FeatureDeps): Router {
  const r = Router();

  async function render(req: Request, res: Response, status = 200, typed: Record<string, unknown> | null = null, errors: FieldErrors = {}, conflict = false) {
    const { campaignId, unitId } = pledgeParams(req);
    const who = actor(req);
    const ctx = await loadPledgeContext(prisma, who, campaignId, unitId);
    const grid = await progressGrid(prisma, ctx);
    const values: Record<string, unknown> = typed ?? {};
    if (!typed) {
      for (const row of grid.rows) {
        for (const c of row.cells) {
          values[c.names.value] = c.value === null ? '' : String(c.value);
          values[c.names.note] = c.note ?? '';
        }
      }
    }
    res.status(status).render('pledges/progress', {
      title: `${res.locals.t('pledges.progress.title')} · ${ctx.unit.name}`,
      ...ctx,
      ...grid,
      may: pledgeAbilities(who, ctx),
      measureText: measureText(res.locals.fmt),
      valueText: valueText(res.locals.fmt),
      values,
      errors,
      conflict,
    });
  }

  /** GET /campaigns/:id/pledges/:unitId/progress: progress of each measurable target, period by period */
  r.get('/campaigns/:id/pledges/:unitId/progress', requireAuth, async (req, res) => {
    await render(req, res);
  });

  /** POST /campaigns/:id/pledges/:unitId/progress: the unit reports values reached in the open periods */
  r.post('/campaigns/:id/pledges/:unitId/progress', requireAuth, async (req, res) => {
    const { campaignId, unitId } = pledgeParams(req);
    assertCan(actor(req), 'progress.report', await loadPledgeContext(prisma, actor(req), campaignId, unitId));
    const v = parseForm(VersionForm, req.body);
    if (!v.ok) throw new ValidationError(v.errors);
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      await saveProgress(prisma, actor(req), campaignId, unitId, v.data.version, body, String(req.id));
    } catch (e) {
      if (e instanceof ValidationError) return render(req, res, 400, body, e.fields);
      if (e instanceof ConflictError) return render(req, res, 409, body, {}, true);
      throw e;
    }
    setFlash(req, 'success', 'pledges.progress.saved');
    res.redirect(303, pledgeUrl(campaignId, unitId, '/progress'));
  });

  return r;
}
