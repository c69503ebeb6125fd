import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth, requireCan } from '../auth/guards.ts';
import { parseId } from '../lib/forms.ts';
import { NotFoundError } from '../errors.ts';
import { CommandQuery, UnitQuery } from './schema.ts';
import { commandDashboard, ownUnitId, unitDashboard } from './service.ts';
import { presentCommand, presentUnit, type Ctx } from './present.ts';
import { idParam } from '../web/params.ts';

const ctx = (res: Response): Ctx => ({ t: res.locals.t, fmt: res.locals.fmt });

function campaignIdOf(req: Request): number {
  return idParam(req.params.id);
}

export function dashboardsRouter({ reads }: FeatureDeps): Router {
  const r = Router();

  /** GET /campaigns/:id/dashboard: command dashboard (summary by cluster or parent unit, top and bottom of the ranking, trend, heatmap, completeness, pledges, inspections); ?cluster= or ?parent= drills down */
  r.get('/campaigns/:id/dashboard', requireCan('dashboard.command'), async (req, res) => {
    const q = CommandQuery.parse(req.query);
    const data = await reads.run((db) => commandDashboard(db, actor(req), campaignIdOf(req), { unitId: q.unit, cluster: q.cluster, parent: q.parent, by: q.by, gpage: q.gpage }));
    res.render('dashboards/command', presentCommand(ctx(res), data));
  });

  /** GET /campaigns/:id/my-unit: a unit account's own dashboard (staff go to the command dashboard) */
  r.get('/campaigns/:id/my-unit', requireAuth, async (req, res) => {
    const campaignId = campaignIdOf(req);
    const a = actor(req);
    if (a.role !== 'UNIT') return res.redirect(303, `/campaigns/${campaignId}/dashboard`);
    const q = UnitQuery.parse(req.query);
    const data = await reads.run((db) => unitDashboard(db, a, campaignId, ownUnitId(a), { periodId: q.period }));
    res.render('dashboards/unit', { ...presentUnit(ctx(res), data), selfPath: `/campaigns/${campaignId}/my-unit` });
  });

  /** GET /campaigns/:id/units/:unitId: one unit's dashboard (staff: every participant; a unit account: its own only) */
  r.get('/campaigns/:id/units/:unitId', requireAuth, async (req, res) => {
    const campaignId = campaignIdOf(req);
    const unitId = parseId(req.params.unitId);
    if (!unitId) throw new NotFoundError();
    const q = UnitQuery.parse(req.query);
    const data = await reads.run((db) => unitDashboard(db, actor(req), campaignId, unitId, { periodId: q.period }));
    res.render('dashboards/unit', { ...presentUnit(ctx(res), data), selfPath: `/campaigns/${campaignId}/units/${unitId}` });
  });

  return r;
}
