import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth } from '../auth/guards.ts';
import { pageFrom } from '../lib/paging.ts';
import { campaignOverview, listCampaigns } from './service.ts';
import { detailsRouter } from './details-routes.ts';
import { participantsRouter } from './participants-routes.ts';
import { periodsRouter } from './periods-routes.ts';
import { criteriaRouter } from './criteria-routes.ts';
import { rulesRouter } from './rules-routes.ts';
import { titlesRouter } from './titles-routes.ts';
import { lifecycleRouter } from './lifecycle-routes.ts';
import { campaignId } from './web.ts';

export function campaignsRouter(deps: FeatureDeps): Router {
  const { prisma } = deps;
  const r = Router();
  // setup steps first: /campaigns/new must win over /campaigns/:id
  r.use(detailsRouter(deps), participantsRouter(deps), periodsRouter(deps), criteriaRouter(deps), rulesRouter(deps), titlesRouter(deps), lifecycleRouter(deps));

  /** GET /campaigns: campaigns the user can see */
  r.get('/campaigns', requireAuth, async (req, res) => {
    const list = await listCampaigns(prisma, actor(req), pageFrom(req.query));
    res.render('campaigns/index', { title: res.locals.t('campaigns.title'), list });
  });
  /** GET /campaigns/:id: campaign overview, with setup progress and the lifecycle panel for admins */
  r.get('/campaigns/:id', requireAuth, async (req, res) => {
    const data = await campaignOverview(prisma, actor(req), campaignId(req));
    res.render('campaigns/show', { title: data.campaign.name, ...data });
  });
  return r;
}
