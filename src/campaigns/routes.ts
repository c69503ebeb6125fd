import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth } from '../auth/guards.ts';
import { pageFrom } from '../lib/paging.ts';
import { parseId } from '../lib/forms.ts';
import { NotFoundError } from '../errors.ts';
import { campaignOverview, listCampaigns } from './service.ts';

export function campaignsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  /** GET /campaigns: campaigns the user can see */
  r.get('/campaigns', requireAuth, async (req, res) => {
    const list = await listCampaigns(prisma, actor(req), pageFrom(req.query));
    res.render('campaigns/index', { title: res.locals.t('campaigns.title'), list });
  });
  /** GET /campaigns/:id: campaign overview */
  r.get('/campaigns/:id', requireAuth, async (req, res) => {
    const id = parseId(req.params.id);
    if (!id) throw new NotFoundError();
    const data = await campaignOverview(prisma, actor(req), id);
    res.render('campaigns/show', { title: data.campaign.name, ...data });
  });
  return r;
}
