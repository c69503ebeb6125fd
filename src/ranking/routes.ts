import { Router, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth, requireCan } from '../auth/guards.ts';
import { parseId } from '../lib/forms.ts';
import { NotFoundError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { honourBoard, rankingCampaign, unitBreakdown, visibleRanking } from './pages.ts';
import { cachedPage, keptCampaign, pageKey, pageSignal, renderBody, sendPage } from '../web/page-cache.ts';
import { publishCampaign } from './publish.ts';
import { basisText, chainText, classRulesText, rankingRows, tieStory } from './present.ts';
import { PublishForm } from './schema.ts';
import { paged, pageFrom } from '../lib/paging.ts';

const RANKING_PAGE_SIZE = 100;

function id(v: unknown): number {
  const n = parseId(v);
  if (!n) throw new NotFoundError();
  return n;
}

/** The ranking page's locals (the page as GET shows it, or the publish form's 400 re-render with its errors). */
function rankingLocals(res: Response, { campaign, standings }: Awaited<ReturnType<typeof visibleRanking>>, query: unknown, errors: FieldErrors = {}) {
  const { t, fmt } = res.locals;
  // long rankings page (the exports carry every row)
  const p = pageFrom(query, RANKING_PAGE_SIZE);
  const list = paged(standings.standings.slice(p.skip, p.skip + p.size), standings.standings.length, p);
  return {
    title: `${t('ranking.title')} · ${campaign.name}`,
    campaign,
    standings,
    list,
    rows: rankingRows(t, fmt, standings, list.items),
    basis: basisText(t, fmt, standings),
    chain: chainText(t, standings),
    classRules: classRulesText(t, fmt, standings),
    canPublish: campaign.status === 'CLOSED' && res.locals.can('results.publish'),
    errors,
  };
}

export function rankingRouter({ prisma, reads }: FeatureDeps): Router {
  const r = Router();

  /** GET /campaigns/:id/ranking: the ranking table (staff; unit accounts once published) */
  r.get('/campaigns/:id/ranking', requireAuth, async (req, res) => {
    const who = actor(req);
    const campaignId = id(req.params.id);
    // the signal first, then access (every request), then the body kept under the signal (src/web/page-cache.ts)
    const page = await reads.run(async (db) => {
      const signal = await pageSignal(db, campaignId);
      await rankingCampaign(db, who, campaignId, await keptCampaign(db, campaignId, signal));
      return cachedPage(db, pageKey(res, signal.ranking, who), async () => renderBody(res, 'ranking/index', rankingLocals(res, await visibleRanking(db, who, campaignId), req.query)));
    });
    sendPage(res, page);
  });

  /** GET /campaigns/:id/ranking/:unitId: one unit's breakdown and how its rank was decided */
  r.get('/campaigns/:id/ranking/:unitId', requireAuth, async (req, res) => {
    const data = await reads.run((db) => unitBreakdown(db, actor(req), id(req.params.id), id(req.params.unitId)));
    const { t } = res.locals;
    const u = data.standings.standings[data.index];
    res.render('ranking/unit', {
      title: `${u.name} · ${t('ranking.title')}`,
      ...data,
      u,
      groups: data.standings.groups.map((g) => ({ ...g, points: u.groupTotals[g.code] ?? 0, criteria: u.criteria.filter((c) => c.groupCode === g.code) })),
      story: tieStory(t, data.standings, data.index),
    });
  });

  /** POST /campaigns/:id/publish: a commander (or admin) publishes a closed campaign's results */
  r.post('/campaigns/:id/publish', requireCan('results.publish'), async (req, res) => {
    const campaignId = id(req.params.id);
    // the only field is the confirmation box, so any failure is "please confirm"
    if (!PublishForm.safeParse(req.body ?? {}).success) {
      const data = await reads.run((db) => visibleRanking(db, actor(req), campaignId));
      return res.status(400).render('ranking/index', rankingLocals(res, data, {}, { confirm: { key: 'ranking.publish.confirmRequired' } }));
    }
    const { units } = await publishCampaign(prisma, actor(req), campaignId, String(req.id));
    setFlash(req, 'success', 'ranking.publish.done', { n: units });
    res.redirect(303, `/campaigns/${campaignId}/ranking`);
  });

  /** GET /campaigns/:id/honour-board: the published ranking as an honour board, 100 units a page (every signed-in user) */
  r.get('/campaigns/:id/honour-board', requireAuth, async (req, res) => {
    const data = await reads.run((db) => honourBoard(db, id(req.params.id)));
    const { t } = res.locals;
    // a national board pages like the ranking (the first page is the top of the board)
    const p = pageFrom(req.query, RANKING_PAGE_SIZE);
    const all = data.standings?.standings ?? [];
    const list = paged(all.slice(p.skip, p.skip + p.size), all.length, p);
    res.render('ranking/honour', { title: `${t('ranking.honour.title')} · ${data.campaign.name}`, ...data, list, pagerBase: '?' });
  });

  return r;
}
