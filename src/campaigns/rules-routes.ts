import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { setFlash } from '../web/flash.ts';
import { RulesForm } from './schema.ts';
import { rulesPage, saveRules } from './rules.ts';
import { formVersion } from './setup.ts';
import { afterSave, campaignId, failureOf, keepTyped, renderStep, requestIdOf } from './web.ts';

/** Step 4b (ranking rules): tie-break chain, class thresholds and conditions. */
export function rulesRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const manage = requireCan('campaign.manage');

  /** GET /campaigns/:id/rules: how units are ranked and classified */
  r.get('/campaigns/:id/rules', manage, async (req, res) => {
    const page = await rulesPage(prisma, actor(req), campaignId(req));
    await renderStep(res, prisma, 'campaigns/rules', page.campaign, 'criteria', { page, values: page.values });
  });

  /** POST /campaigns/:id/rules: admin saves the ranking rules */
  r.post('/campaigns/:id/rules', manage, async (req, res) => {
    const id = campaignId(req);
    const fail = async (status: number, errors: object) => {
      const page = await rulesPage(prisma, actor(req), id);
      await renderStep(res, prisma, 'campaigns/rules', page.campaign, 'criteria', { page, values: keepTyped(req.body, page.campaign, status), errors }, status);
    };
    const form = parseForm(RulesForm, req.body);
    if (!form.ok) return fail(400, form.errors);
    try {
      await saveRules(prisma, actor(req), id, formVersion(req.body), form.data, requestIdOf(req));
    } catch (e) {
      const f = failureOf(e);
      return fail(f.status, f.errors);
    }
    setFlash(req, 'success', 'campaigns.flash.saved');
    res.redirect(303, (req.body as { go?: unknown }).go === 'next' ? afterSave(req, id, 'criteria') : `/campaigns/${id}/rules`);
  });
  return r;
}
