import type { Db } from '../db/index.ts';
import type { Campaign, Prisma } from '../generated/prisma/client.ts';
import { can, type Actor } from '../auth/policy.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { paged, type Page } from '../lib/paging.ts';
import { campaignVisible, campaignWhere, chainScope, commandSees } from '../chain/scope.ts';
import { readiness, statusHistory } from './lifecycle.ts';
import { isEditable, setupProgress, stepItems } from './setup.ts';

/**
 * Campaigns the actor may see: for staff, those of their command's subtree (src/chain/scope.ts); for a unit
 * account, only the launched ones its unit takes part in (a draft is the admins' work in progress: its
 * participants, periods and criteria may still change).
 */
export async function campaignScope(prisma: Db, actor: Actor): Promise<Prisma.CampaignWhereInput> {
  if (actor.role === 'UNIT') return { units: { some: { unitId: actor.unitId ?? -1 } }, status: { not: 'DRAFT' } };
  return campaignWhere(await chainScope(prisma, actor));
}

export async function listCampaigns(prisma: Db, actor: Actor, p: Page) {
  const where = await campaignScope(prisma, actor);
  const [items, total] = await Promise.all([
    prisma.campaign.findMany({
      where,
      orderBy: [{ startDate: 'desc' }, { id: 'desc' }],
      skip: p.skip,
      take: p.size,
      include: { _count: { select: { units: true, periods: true, criteria: true } } },
    }),
    prisma.campaign.count({ where }),
  ]);
  return paged(items, total, p);
}

/**
 * Load a campaign the actor may see, or throw: 404 when it does not exist (for a unit account, a draft does not
 * exist yet; for staff, it belongs to a command outside theirs), 403 when a unit account does not take part.
 * `row`: the campaign's row when the caller has it already (src/web/page-cache.ts keptCampaign).
 */
export async function getVisibleCampaign(prisma: Db, actor: Actor, id: number, row?: Campaign | null) {
  const campaign = row !== undefined ? row : await prisma.campaign.findUnique({ where: { id } });
  if (!campaign || (actor.role === 'UNIT' && campaign.status === 'DRAFT')) throw new NotFoundError();
  if (actor.role !== 'UNIT' && !campaignVisible(await chainScope(prisma, actor), campaign)) throw new NotFoundError();
  if (actor.role === 'UNIT') {
    const member = await prisma.campaignUnit.findUnique({ where: { campaignId_unitId: { campaignId: id, unitId: actor.unitId ?? -1 } } });
    if (!member) throw new ForbiddenError();
  }
  return campaign;
}

/**
 * getVisibleCampaign's checks on a campaign row already read (the scoring pages keep it between changes, see
 * src/scoring/context.ts): the same 404 and 403, in one statement at most.
 */
export async function assertCampaignVisible(prisma: Db, actor: Actor, campaign: Campaign): Promise<void> {
  if (actor.role === 'UNIT' && campaign.status === 'DRAFT') throw new NotFoundError();
  if (actor.role !== 'UNIT' && !(await commandSees(prisma, actor, campaign.commandUnitId))) throw new NotFoundError();
  if (actor.role === 'UNIT') {
    const member = await prisma.campaignUnit.findUnique({ where: { campaignId_unitId: { campaignId: campaign.id, unitId: actor.unitId ?? -1 } }, select: { unitId: true } });
    if (!member) throw new ForbiddenError();
  }
}

/** How many participants the campaign page names (a national campaign has thousands; the dashboard groups them). */
export const OVERVIEW_UNITS = 60;

/** The campaign page: details, participants (the first OVERVIEW_UNITS), periods, the criteria set, titles and the status history. */
export async function campaignOverview(prisma: Db, actor: Actor, id: number) {
  const campaign = await getVisibleCampaign(prisma, actor, id);
  const [units, periods, groups, titles] = await Promise.all([
    prisma.campaignUnit.findMany({
      where: { campaignId: id, ...(actor.role === 'UNIT' ? { unitId: actor.unitId ?? -1 } : {}) },
      include: { unit: { select: { id: true, code: true, name: true, type: true } } },
      orderBy: { unit: { code: 'asc' } },
      take: OVERVIEW_UNITS,
    }),
    prisma.period.findMany({ where: { campaignId: id }, orderBy: { seq: 'asc' } }),
    prisma.criteriaGroup.findMany({ where: { campaignId: id }, orderBy: { order: 'asc' }, include: { criteria: { orderBy: { order: 'asc' } } } }),
    prisma.campaignTitle.findMany({ where: { campaignId: id }, orderBy: { order: 'asc' } }),
  ]);
  const participantCount = actor.role === 'UNIT' || units.length === OVERVIEW_UNITS ? await prisma.campaignUnit.count({ where: { campaignId: id } }) : units.length;
  const history = await statusHistory(prisma, id);
  // the admin panel: setup progress and, for a draft, what launching still needs
  const manage = can(actor, 'campaign.manage');
  const admin = manage
    ? await adminPanel(prisma, campaign)
    : null;
  // a unit account sees its own unit only: the others are not "more", they are not its to list
  const moreUnits = actor.role === 'UNIT' ? 0 : participantCount - units.length;
  return { campaign, units, participantCount, moreUnits, periods, groups, titles, history, admin };
}

/** The overview's admin panel: setup progress per step and, for a draft, the launch checklist. */
async function adminPanel(prisma: Db, campaign: Campaign) {
  const progress = await setupProgress(prisma, campaign);
  const ready = campaign.status === 'DRAFT' ? await readiness(prisma, campaign) : null;
  return { progress, readiness: ready, steps: stepItems(campaign.id, 'details', progress).map((s) => ({ ...s, current: false })), editable: isEditable(campaign) };
}
