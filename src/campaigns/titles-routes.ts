import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { setFlash } from '../web/flash.ts';
import type { FieldErrors } from '../errors.ts';
import { PresetForm } from './titles-schema.ts';
import { quotaText } from '../awards/present.ts';
import { addFromCatalogue, saveTitles, titlesPage } from './titles-service.ts';
import { rowsOf, type RawRow } from './rows.ts';
import { formVersion } from './setup.ts';
import { afterSave, campaignId, failureOf, keepTyped, renderStep, requestIdOf } from './web.ts';

/** Step 5 (titles): titles and commendations with quotas; presets in one click. */
export function titlesRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const manage = requireCan('campaign.manage');

  const show = async (req: Request, res: Response, rows: RawRow[] | null, errors: FieldErrors = {}, status = 200) => {
    const page = await titlesPage(prisma, actor(req), campaignId(req));
    const values = rows ? { ...keepTyped(req.body, page.campaign, status), ti: rows } : { version: String(page.campaign.version), ti: page.rows };
    const { t, fmt } = res.locals;
    // an individual title's base is the people registered for it: none yet at setup time is no warning
    const quotaLines = page.quotas.map((q) =>
      !q.collective && q.base === 0
        ? { ...q, text: t('titles.quotaPlaces.noneRegistered', { percent: fmt.num(q.percent) }), zero: false }
        : { ...q, text: quotaText(t, fmt, q), zero: q.limit === 0 && q.percent > 0 },
    );
    await renderStep(res, prisma, 'campaigns/titles', page.campaign, 'titles', { page, values, errors, quotaLines }, status);
  };

  /** GET /campaigns/:id/titles: the titles table and presets */
  r.get('/campaigns/:id/titles', manage, async (req, res) => {
    await show(req, res, null);
  });

  /** POST /campaigns/:id/titles: add a row (not saved yet) or save the titles table, quotas included */
  r.post('/campaigns/:id/titles', manage, async (req, res) => {
    const id = campaignId(req);
    const rows = rowsOf(req.body?.ti);
    if (req.body?.action === 'add') {
      const order = Math.max(0, ...rows.map((x) => Number(x.order) || 0)) + 1;
      return show(req, res, [...rows, { id: '', code: '', name: '', scope: 'COLLECTIVE', kind: 'TITLE', quotaPercent: '', quotaBase: 'UNITS', quotaBaseCode: '', minClass: '', requiresRegistration: 'on', order: String(order) }]);
    }
    let result;
    try {
      result = await saveTitles(prisma, actor(req), id, formVersion(req.body), rows, requestIdOf(req));
    } catch (e) {
      const f = failureOf(e);
      return show(req, res, rows, f.errors, f.status);
    }
    setFlash(req, 'success', 'campaigns.flash.titles', result);
    res.redirect(303, afterSave(req, id, 'titles'));
  });

  /** POST /campaigns/:id/titles/preset: admin adds a catalogue entry (by code) with its default quota in one click */
  r.post('/campaigns/:id/titles/preset', manage, async (req, res) => {
    const id = campaignId(req);
    const form = parseForm(PresetForm, req.body);
    if (!form.ok) return show(req, res, null, form.errors, 400);
    const title = await addFromCatalogue(prisma, actor(req), id, form.data.preset, requestIdOf(req));
    setFlash(req, 'success', 'titles.presetAdded', { name: title.name });
    res.redirect(303, `/campaigns/${id}/titles`);
  });
  return r;
}
