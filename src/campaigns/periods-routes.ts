import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import type { PeriodLabel } from '../lib/periods.ts';
import { setFlash } from '../web/flash.ts';
import type { FieldErrors } from '../errors.ts';
import { GenerateForm } from './schema.ts';
import { campaignDays, generatedRows, periodsPage, savePeriods } from './periods-service.ts';
import { rowsOf, type RawRow } from './rows.ts';
import { formVersion, getManagedCampaign } from './setup.ts';
import { afterSave, campaignId, failureOf, keepTyped, renderStep, requestIdOf } from './web.ts';

type T = (k: string, p?: Record<string, string | number>) => string;

/** A generated period's name in the admin's language (it is data: they can rename it). */
const periodName = (t: T) => (l: PeriodLabel) =>
  l.kind === 'month' ? t('campaigns.periodsPage.names.month', { month: l.month, year: l.year }) : l.kind === 'quarter' ? t('campaigns.periodsPage.names.quarter', { q: l.quarter, year: l.year }) : t('campaigns.periodsPage.names.part', { n: l.n });

/** Step 3 (periods): generate from the campaign's dates, then edit each period. */
export function periodsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const manage = requireCan('campaign.manage');

  const show = async (res: import('express').Response, id: number, req: import('express').Request, rows: RawRow[] | null, extra: { errors?: FieldErrors; generated?: boolean; gen?: Record<string, unknown> }, status = 200) => {
    const page = await periodsPage(prisma, actor(req), id);
    const values = rows ? { ...keepTyped(req.body, page.campaign, status), p: rows } : { version: String(page.campaign.version), p: page.rows };
    await renderStep(res, prisma, 'campaigns/periods', page.campaign, 'periods', { page, values, gen: extra.gen ?? { mode: 'MONTHLY', count: '' }, maxParts: campaignDays(page.campaign), generated: extra.generated ?? false, errors: extra.errors ?? {} }, status);
  };

  /** GET /campaigns/:id/periods: the periods table and the generator */
  r.get('/campaigns/:id/periods', manage, async (req, res) => {
    await show(res, campaignId(req), req, null, {});
  });

  /** POST /campaigns/:id/periods: generate a plan (shown, not saved), add a row, or save the table */
  r.post('/campaigns/:id/periods', manage, async (req, res) => {
    const id = campaignId(req);
    const rows = rowsOf(req.body?.p);
    const action = String(req.body?.action ?? 'save');
    const gen = { mode: req.body?.mode ?? 'MONTHLY', count: req.body?.count ?? '' };
    if (action === 'generate') {
      const campaign = await getManagedCampaign(prisma, actor(req), id);
      const form = parseForm(GenerateForm, req.body);
      if (form.ok && form.data.mode === 'EQUAL' && (form.data.count ?? 0) > campaignDays(campaign)) {
        return show(res, id, req, null, { gen, errors: { count: { key: 'validation.max', params: { max: campaignDays(campaign) } } } }, 400);
      }
      if (!form.ok) return show(res, id, req, null, { gen, errors: form.errors }, 400);
      const plan = form.data.mode === 'EQUAL' ? { mode: 'EQUAL' as const, count: form.data.count ?? 1 } : { mode: form.data.mode };
      const generated = await generatedRows(prisma, campaign, plan, periodName(res.locals.t as T));
      return show(res, id, req, generated, { gen, generated: true });
    }
    if (action === 'add') return show(res, id, req, [...rows, { id: '', name: '', startDate: '', endDate: '' }], { gen });
    let result;
    try {
      result = await savePeriods(prisma, actor(req), id, formVersion(req.body), rows, requestIdOf(req));
    } catch (e) {
      const f = failureOf(e);
      return show(res, id, req, rows, { gen, errors: f.errors }, f.status);
    }
    setFlash(req, 'success', 'campaigns.flash.periods', result);
    res.redirect(303, afterSave(req, id, 'periods'));
  });
  return r;
}
