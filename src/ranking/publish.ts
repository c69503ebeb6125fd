import type { Db } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { ConflictError, NotFoundError, RuleError } from '../errors.ts';
import { liveStandings } from './service.ts';
import { toResultRows } from './snapshot.ts';

/**
 * Publish a closed campaign's results: freeze every unit's rank, total, class and breakdown in CampaignResult,
 * move the campaign to PUBLISHED and record who and when, all in one transaction. Results never change after.
 */
export async function publishCampaign(prisma: Db, actor: Actor, campaignId: number, requestId?: string): Promise<{ units: number }> {
  authorize(actor, 'results.publish');
  return prisma.$transaction(
    async (tx) => {
      const campaign = await tx.campaign.findUnique({
        where: { id: campaignId },
        select: { id: true, status: true, version: true, totalMode: true, tieBreaks: true, classRules: true, normalize: true },
      });
      if (!campaign) throw new NotFoundError();
      if (campaign.status === 'PUBLISHED') throw new ConflictError('ranking.publish.already');
      if (campaign.status !== 'CLOSED') throw new RuleError('ranking.publish.notClosed');
      const standings = await liveStandings(tx, campaign);
      // the status check in the WHERE makes a concurrent second publish find nothing to update
      const moved = await tx.campaign.updateMany({
        where: { id: campaignId, status: 'CLOSED', version: campaign.version },
        data: { status: 'PUBLISHED', version: { increment: 1 } },
      });
      if (moved.count !== 1) throw new ConflictError('ranking.publish.already');
      const rows = toResultRows(standings);
      await tx.campaignResult.createMany({ data: rows });
      await tx.campaignStatusChange.create({ data: { campaignId, fromStatus: 'CLOSED', toStatus: 'PUBLISHED', byId: actor.id } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'campaign.publish',
        entityType: 'campaign',
        entityId: campaignId,
        campaignId,
        before: { status: 'CLOSED' },
        after: { status: 'PUBLISHED', results: rows.map((r) => ({ unitId: r.unitId, rank: r.rank, total: r.total, class: r.class })) },
        requestId: requestId ?? null,
      });
      return { units: rows.length };
    },
    { timeout: 30_000 },
  );
}
