import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth, requireCan } from '../auth/guards.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { BlockQuery } from '../units/schema.ts';
import { NotFoundError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { closePeriod, PeriodBlockedError, periodStatus, reopenPeriod, scoringOverview, type UnitProgress } from './periods-service.ts';
import { latestInspections } from './inspections-service.ts';
import { ReopenForm, StatusQuery } from './schema.ts';
import { paged, pageFrom } from '../lib/paging.ts';
import { campaignUnitBlock } from '../units/block.ts';

/** Units per page of a period's status table, and blocking units named when a close is refused. */
const STATUS_PAGE_SIZE = 50;
const BLOCKERS_SHOWN = 20;
const CHIPS_SHOWN = 40;

function periodIds(req: Request) {
  const campaignId = parseId(req.params.id);
  const periodId = parseId(req.params.periodId);
  if (!campaignId || !periodId) throw new NotFoundError();
  return { campaignId, periodId };
}

async function renderStatus(
  res: Response, prisma: Db, me: Actor, ids: { campaignId: number; periodId: number },
  extra: { blockedBy?: UnitProgress[]; errors?: FieldErrors; reason?: string; query?: unknown } = {},
) {
  // a national period has thousands of units: one page of them, optionally only those in one state
  const { state } = StatusQuery.parse(extra.query ?? {});
  const p = pageFrom(extra.query, STATUS_PAGE_SIZE);
  const data = await periodStatus(prisma, me, ids.campaignId, ids.periodId, { state, page: p });
  res.render('scoring/period-status', {
    title: res.locals.t('scoring.status.title', { period: res.locals.fmt.period(data.period.name) }),
    ...data,
    list: paged(data.page.units, data.page.total, p),
    state: state ?? '',
    pagerBase: state ? `?state=${state}&` : '?',
    blockedBy: extra.blockedBy ? extra.blockedBy.slice(0, BLOCKERS_SHOWN) : null,
    blockedCount: extra.blockedBy?.length ?? 0,
    errors: extra.errors ?? {},
    reason: extra.reason ?? '',
    base: `/campaigns/${ids.campaignId}/periods/${ids.periodId}`,
  });
}

export function periodsRoutes({ prisma }: FeatureDeps): Router {
  const r = Router();

  /** GET /campaigns/:id/scores: choose a period to score (officers) or to self-assess (units) */
  r.get('/campaigns/:id/scores', requireAuth, async (req, res) => {
    const campaignId = parseId(req.params.id);
    if (!campaignId) throw new NotFoundError();
    const me = actor(req);
    const data = await scoringOverview(prisma, me, campaignId);
    // the "inspections by unit" chips: every unit of a small campaign, else the first matches of ?uq= (one page in SQL)
    const uq = BlockQuery.parse({ q: req.query.uq }).q;
    const staff = me.role !== 'UNIT';
    const [inspections, chips, all] = await Promise.all([
      staff ? latestInspections(prisma, campaignId, 5) : [],
      staff ? campaignUnitBlock(prisma, campaignId, { q: uq }, { page: 1, size: CHIPS_SHOWN, skip: 0 }) : null,
      staff && uq ? prisma.campaignUnit.count({ where: { campaignId } }) : null,
    ]);
    res.render('scoring/index', {
      title: res.locals.t('scoring.index.title'), ...data, inspections,
      units: chips?.items ?? [], unitsMore: chips ? chips.total - chips.items.length : 0, unitSearch: (all ?? chips?.total ?? 0) > CHIPS_SHOWN, uq: uq ?? '',
    });
  });

  /** GET /campaigns/:id/periods/:periodId/status: each unit's progress in a period (?state=&page=), closing and reopening */
  r.get('/campaigns/:id/periods/:periodId/status', requireAuth, async (req, res) => {
    await renderStatus(res, prisma, actor(req), periodIds(req), { query: req.query });
  });

  /** POST /campaigns/:id/periods/:periodId/close: close a period once every unit is verified */
  r.post('/campaigns/:id/periods/:periodId/close', requireCan('period.close'), async (req, res) => {
    const ids = periodIds(req);
    const me = actor(req);
    try {
      await closePeriod(prisma, me, ids.campaignId, ids.periodId, String(req.id));
    } catch (e) {
      if (!(e instanceof PeriodBlockedError)) throw e;
      res.status(422);
      return renderStatus(res, prisma, me, ids, { blockedBy: e.blockers });
    }
    setFlash(req, 'success', 'scoring.period.closed');
    res.redirect(303, `/campaigns/${ids.campaignId}/periods/${ids.periodId}/status`);
  });

  /** POST /campaigns/:id/periods/:periodId/reopen: a commander reopens a closed period, giving a reason */
  r.post('/campaigns/:id/periods/:periodId/reopen', requireCan('period.reopen'), async (req, res) => {
    const ids = periodIds(req);
    const me = actor(req);
    const form = parseForm(ReopenForm, req.body);
    if (!form.ok) {
      res.status(400);
      return renderStatus(res, prisma, me, ids, { errors: form.errors, reason: typeof req.body?.reason === 'string' ? req.body.reason : '' });
    }
    await reopenPeriod(prisma, me, ids.campaignId, ids.periodId, form.data.reason, String(req.id));
    setFlash(req, 'success', 'scoring.period.reopened');
    res.redirect(303, `/campaigns/${ids.campaignId}/periods/${ids.periodId}/status`);
  });
  return r;
}
