import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { setFlash } from '../web/flash.ts';
import { DetailsForm } from './schema.ts';
import { createCampaign, detailsValues, updateDetails } from './details.ts';
import { formVersion, getManagedCampaign, stepItems } from './setup.ts';
import { ValidationError } from '../errors.ts';
import { yearOptions } from '../years/service.ts';
import { afterSave, campaignId, failureOf, keepTyped, renderStep, requestIdOf } from './web.ts';

/** Step 1 (details): create a draft, edit the details of a draft or running campaign. */
export function detailsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const manage = requireCan('campaign.manage');
  const newPage = (t: (k: string) => string) => ({ title: t('campaigns.new.title'), campaign: null, active: 'details', steps: stepItems(null, 'details', null), progress: null, editable: true });

  /** GET /campaigns/new: the details form for a new draft campaign */
  r.get('/campaigns/new', manage, async (req, res) => {
    const years = await yearOptions(prisma);
    const pick = years.find((y) => String(y.id) === req.query.year);
    res.render('campaigns/details', { ...newPage(res.locals.t), years, values: { totalMode: 'SUM', kind: 'PEAK', yearId: pick ? String(pick.id) : '' } });
  });

  /** POST /campaigns: admin creates a draft campaign, then picks its participants */
  r.post('/campaigns', manage, async (req, res) => {
    const form = parseForm(DetailsForm, req.body);
    const again = async (errors: object) => res.status(400).render('campaigns/details', { ...newPage(res.locals.t), years: await yearOptions(prisma), values: req.body, errors });
    if (!form.ok) return again(form.errors);
    let campaign;
    try {
      campaign = await createCampaign(prisma, actor(req), form.data, requestIdOf(req));
    } catch (e) {
      if (e instanceof ValidationError) return again(e.fields);
      throw e;
    }
    setFlash(req, 'success', 'campaigns.flash.created', { name: campaign.name });
    res.redirect(303, `/campaigns/${campaign.id}/participants`);
  });

  /** GET /campaigns/:id/edit: the details form of an existing campaign */
  r.get('/campaigns/:id/edit', manage, async (req, res) => {
    const campaign = await getManagedCampaign(prisma, actor(req), campaignId(req));
    await renderStep(res, prisma, 'campaigns/details', campaign, 'details', { values: detailsValues(campaign), years: await yearOptions(prisma) });
  });

  /** POST /campaigns/:id/edit: admin saves the details (optimistic concurrency on Campaign.version) */
  r.post('/campaigns/:id/edit', manage, async (req, res) => {
    const id = campaignId(req);
    const fail = async (status: number, errors: object) => {
      const campaign = await getManagedCampaign(prisma, actor(req), id);
      await renderStep(res, prisma, 'campaigns/details', campaign, 'details', { values: keepTyped(req.body, campaign, status), errors, years: await yearOptions(prisma) }, status);
    };
    const form = parseForm(DetailsForm, req.body);
    if (!form.ok) return fail(400, form.errors);
    try {
      await updateDetails(prisma, actor(req), id, formVersion(req.body), form.data, requestIdOf(req));
    } catch (e) {
      const f = failureOf(e);
      return fail(f.status, f.errors);
    }
    setFlash(req, 'success', 'campaigns.flash.saved');
    res.redirect(303, afterSave(req, id, 'details'));
  });
  return r;
}
