import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { setFlash } from '../web/flash.ts';
import { ValidationError } from '../errors.ts';
import { CloseForm } from './schema.ts';
import { closeCampaign, launchCampaign, readiness } from './lifecycle.ts';
import { getManagedCampaign } from './setup.ts';
import { campaignId, renderStep, requestIdOf } from './web.ts';

/** The lifecycle: the launch checklist, launching (draft → active) and closing (active → closed). */
export function lifecycleRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const manage = requireCan('campaign.manage');

  /** GET /campaigns/:id/launch: the launch checklist, with the launch button when all is ready */
  r.get('/campaigns/:id/launch', manage, async (req, res) => {
    const campaign = await getManagedCampaign(prisma, actor(req), campaignId(req));
    await renderStep(res, prisma, 'campaigns/launch', campaign, 'launch', { readiness: await readiness(prisma, campaign), refused: false });
  });

  /** POST /campaigns/:id/launch: admin launches a draft campaign, or sees what is still missing (422) */
  r.post('/campaigns/:id/launch', manage, async (req, res) => {
    const id = campaignId(req);
    const result = await launchCampaign(prisma, actor(req), id, requestIdOf(req));
    if (!result.launched) return renderStep(res, prisma, 'campaigns/launch', result.campaign, 'launch', { readiness: result.readiness, refused: true }, 422);
    setFlash(req, 'success', 'campaigns.flash.launched');
    res.redirect(303, `/campaigns/${id}`);
  });

  /** POST /campaigns/:id/close: admin closes a running campaign */
  r.post('/campaigns/:id/close', manage, async (req, res) => {
    const id = campaignId(req);
    const form = parseForm(CloseForm, req.body);
    if (!form.ok) throw new ValidationError(form.errors);
    await closeCampaign(prisma, actor(req), id, form.data.reason, requestIdOf(req));
    setFlash(req, 'success', 'campaigns.flash.closed');
    res.redirect(303, `/campaigns/${id}`);
  });
  return r;
}
