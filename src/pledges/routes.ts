import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth } from '../auth/guards.ts';
import { NotFoundError } from '../errors.ts';
import { parseId } from '../lib/forms.ts';
import { loadPledgeContext } from './access.ts';
import { PLEDGE_PAGE_SIZE, pledgeStatusList } from './list.ts';
import { pageFrom } from '../lib/paging.ts';
import { renderPledge } from './render.ts';
import { ListQuery } from './schema.ts';
import { BlockQuery } from '../units/schema.ts';
import { blockSearch } from '../units/block.ts';
import { keptCampaignParts } from '../dashboards/kept.ts';
import { dateParts, measureText, pledgeParams, signatureName } from './present.ts';
import { editRoutes } from './edit-routes.ts';
import { workflowRoutes } from './workflow-routes.ts';
import { registrationRoutes } from './registration-routes.ts';
import { progressRoutes } from './progress-routes.ts';

export function pledgesRouter(deps: FeatureDeps): Router {
  const { prisma } = deps;
  const r = Router();

  /** GET /campaigns/:id/pledges: the participating units' pledge status, a page at a time (?status=&parent=&cluster=&q=&page=), with a reminder list */
  r.get('/campaigns/:id/pledges', requireAuth, async (req, res) => {
    const id = parseId(req.params.id);
    if (!id) throw new NotFoundError();
    const q = ListQuery.parse(req.query);
    const block = BlockQuery.parse(req.query);
    const me = actor(req);
    // staff see every participant: their counts and pickers are kept per campaign (a unit account has one row)
    const kept = me.role === 'UNIT' ? null : await keptCampaignParts(prisma, id);
    const data = await pledgeStatusList(prisma, me, id, q.status, { q: block.q, parent: block.parent, cluster: block.cluster, page: pageFrom(req.query, PLEDGE_PAGE_SIZE), kept });
    // staff narrow the list to a parent unit or a cluster
    const options = kept ? await kept.blockOptions() : { clusters: [], parents: [] };
    const s = new URLSearchParams(blockSearch(block));
    if (q.status) s.set('status', q.status);
    const search = s.toString();
    res.render('pledges/index', { title: `${res.locals.t('pledges.title')} · ${data.campaign.name}`, ...data, block, options, pagerBase: search ? `?${search}&` : '?' });
  });

  /** GET /campaigns/:id/pledges/:unitId: one unit's pledge, its workflow and revision history */
  r.get('/campaigns/:id/pledges/:unitId', requireAuth, async (req, res) => {
    const { campaignId, unitId } = pledgeParams(req);
    await renderPledge(res, prisma, actor(req), campaignId, unitId);
  });

  /** GET /campaigns/:id/pledges/:unitId/print: the pledge laid out as a signed A4 document */
  r.get('/campaigns/:id/pledges/:unitId/print', requireAuth, async (req, res) => {
    const { campaignId, unitId } = pledgeParams(req);
    const ctx = await loadPledgeContext(prisma, actor(req), campaignId, unitId);
    if (!ctx.pledge) throw new NotFoundError();
    res.render('pledges/print', {
      layout: false,
      title: `${res.locals.t('pledges.print.docTitle')} · ${ctx.unit.name}`,
      ...ctx,
      pledge: ctx.pledge,
      measureText: measureText(res.locals.fmt),
      signed: dateParts(ctx.pledge.signedDate),
      signatureName: signatureName(ctx.pledge.signatoryRank, ctx.pledge.signatoryName),
    });
  });

  r.use(editRoutes(deps));
  r.use(workflowRoutes(deps));
  r.use(registrationRoutes(deps));
  r.use(progressRoutes(deps));
  return r;
}
