import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth, requireCan } from '../auth/guards.ts';
import { parseId } from '../lib/forms.ts';
import { NotFoundError } from '../errors.ts';
import { CommandQuery, UnitQuery } from './schema.ts';
import { commandDashboard, ownUnitId, unitDashboard } from './service.ts';
import { presentCommand, presentUnit, type Ctx } from './present.ts';
import { idParam } from '../web/params.ts';
import { cachedPage, keptCampaign, pageKey, pageSignal, renderBody, sendPage, type PageSignal } from '../web/page-cache.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import type { Db } from '../db/index.ts';

const ctx = (res: Response): Ctx => ({ t: res.locals.t, fmt: res.locals.fmt });

function campaignIdOf(req: Request): number {
  return idParam(req.params.id);
}

/**
 * Access for every request (the campaign, and for a unit's page the unit), before a kept body is looked up: the
 * same checks the services make, so a cached page reaches exactly whom a rendered one would.
 */
async function dashboardAccess(db: Db, who: Actor, campaignId: number, signal: PageSignal, unitId?: number): Promise<void> {
  await getVisibleCampaign(db, who, campaignId, await keptCampaign(db, campaignId, signal));
  if (unitId !== undefined) authorize(who, 'unit.view', { unitId });
}

export function dashboardsRouter({ reads }: FeatureDeps): Router {
  const r = Router();

  /** GET /campaigns/:id/dashboard: command dashboard (summary by cluster or parent unit, top and bottom of the ranking, trend, heatmap, completeness, pledges, inspections); ?cluster= or ?parent= drills down */
  r.get('/campaigns/:id/dashboard', requireCan('dashboard.command'), async (req, res) => {
    const q = CommandQuery.parse(req.query);
    const who = actor(req);
    const campaignId = campaignIdOf(req);
    // the signal first, then access, then the body kept under the signal (src/web/page-cache.ts)
    const page = await reads.run(async (db) => {
      const signal = await pageSignal(db, campaignId);
      await dashboardAccess(db, who, campaignId, signal);
      return cachedPage(db, pageKey(res, signal.pages, who), async () => {
        const data = await commandDashboard(db, who, campaignId, { unitId: q.unit, cluster: q.cluster, parent: q.parent, by: q.by, gpage: q.gpage });
        return renderBody(res, 'dashboards/command', presentCommand(ctx(res), data));
      });
    });
    sendPage(res, page);
  });

  /** One unit's dashboard page, kept like the command dashboard's. */
  async function sendUnitPage(req: Request, res: Response, who: Actor, campaignId: number, unitId: number, selfPath: string) {
    const q = UnitQuery.parse(req.query);
    const page = await reads.run(async (db) => {
      const signal = await pageSignal(db, campaignId);
      await dashboardAccess(db, who, campaignId, signal, unitId);
      return cachedPage(db, pageKey(res, signal.pages, who), async () => {
        const data = await unitDashboard(db, who, campaignId, unitId, { periodId: q.period });
        return renderBody(res, 'dashboards/unit', { ...presentUnit(ctx(res), data), selfPath });
      });
    });
    sendPage(res, page);
  }

  /** GET /campaigns/:id/my-unit: a unit account's own dashboard (staff go to the command dashboard) */
  r.get('/campaigns/:id/my-unit', requireAuth, async (req, res) => {
    const campaignId = campaignIdOf(req);
    const a = actor(req);
    if (a.role !== 'UNIT') return res.redirect(303, `/campaigns/${campaignId}/dashboard`);
    await sendUnitPage(req, res, a, campaignId, ownUnitId(a), `/campaigns/${campaignId}/my-unit`);
  });

  /** GET /campaigns/:id/units/:unitId: one unit's dashboard (staff: every participant; a unit account: its own only) */
  r.get('/campaigns/:id/units/:unitId', requireAuth, async (req, res) => {
    const campaignId = campaignIdOf(req);
    const unitId = parseId(req.params.unitId);
    if (!unitId) throw new NotFoundError();
    await sendUnitPage(req, res, actor(req), campaignId, unitId, `/campaigns/${campaignId}/units/${unitId}`);
  });

  return r;
}
