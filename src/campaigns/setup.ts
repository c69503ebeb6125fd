// What every setup step shares: admin access to a campaign, which statuses may still be changed, the
// optimistic-concurrency check on Campaign.version, and the step list with its progress.
import type { Db, Transaction } from '../db/index.ts';
import type { Prisma, Campaign } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { ConflictError, NotFoundError, RuleError } from '../errors.ts';

/** The campaign an admin is setting up, or 404/403. */
export async function getManagedCampaign(prisma: Db | Transaction, actor: Actor, id: number): Promise<Campaign> {
  authorize(actor, 'campaign.manage');
  const campaign = await prisma.campaign.findUnique({ where: { id } });
  if (!campaign) throw new NotFoundError();
  return campaign;
}

/** Setup may change while a campaign is a draft or running; a closed or published one is settled. */
export function isEditable(c: Pick<Campaign, 'status'>): boolean {
  return c.status === 'DRAFT' || c.status === 'ACTIVE';
}

export function assertEditable(c: Pick<Campaign, 'status'>): void {
  if (!isEditable(c)) throw new RuleError('campaigns.errors.settled');
}

/**
 * Claim the campaign for one write: bump its version only if it still has the version the form was read at.
 * Every setup step calls this first inside its transaction, so two admins cannot silently overwrite each other.
 */
export async function claimVersion(tx: Transaction, id: number, version: number): Promise<void> {
  const r = await tx.campaign.updateMany({ where: { id, version }, data: { version: { increment: 1 } } });
  if (r.count === 0) throw new ConflictError('campaigns.errors.conflict');
}

export const STEPS = ['details', 'participants', 'periods', 'criteria', 'titles', 'launch'] as const;
export type Step = (typeof STEPS)[number];

export function stepHref(id: number, step: Step): string {
  return step === 'details' ? `/campaigns/${id}/edit` : `/campaigns/${id}/${step}`;
}

export type SetupProgress = {
  participants: number;
  periods: number;
  groups: number;
  criteria: number;
  normalCriteria: number;
  titles: number;
  /** steps that have what launching needs (titles are optional, so they count once there is one) */
  done: Record<Step, boolean>;
};

/** Counts behind the step indicator and the overview's setup panel (five small count queries). */
export async function setupProgress(prisma: Db, campaign: Pick<Campaign, 'id' | 'status'>): Promise<SetupProgress> {
  const id = campaign.id;
  const [participants, periods, groups, criteria, normalCriteria, titles] = await Promise.all([
    prisma.campaignUnit.count({ where: { campaignId: id } }),
    prisma.period.count({ where: { campaignId: id } }),
    prisma.criteriaGroup.count({ where: { campaignId: id } }),
    prisma.criterion.count({ where: { campaignId: id } }),
    prisma.criterion.count({ where: { campaignId: id, kind: 'NORMAL' } }),
    prisma.campaignTitle.count({ where: { campaignId: id } }),
  ]);
  return {
    participants,
    periods,
    groups,
    criteria,
    normalCriteria,
    titles,
    done: {
      details: true,
      participants: participants > 0,
      periods: periods > 0,
      criteria: normalCriteria > 0,
      titles: titles > 0,
      launch: campaign.status !== 'DRAFT',
    },
  };
}

export type StepItem = { key: Step; href: string | null; done: boolean; current: boolean };

/** The step indicator's items; before the campaign exists only the first step is there, and not as a link. */
export function stepItems(id: number | null, active: Step, progress: SetupProgress | null): StepItem[] {
  return STEPS.map((key) => ({ key, href: id === null ? null : stepHref(id, key), done: progress?.done[key] ?? false, current: key === active }));
}

/** Locals every setup page passes to its layout pieces (step indicator, heading). */
export async function setupLocals(prisma: Db, campaign: Campaign, active: Step) {
  const progress = await setupProgress(prisma, campaign);
  return { campaign, active, progress, steps: stepItems(campaign.id, active, progress), editable: isEditable(campaign) };
}

/** Where "save and continue" goes from a step. */
export function nextStep(id: number, step: Step): string {
  const i = STEPS.indexOf(step);
  return stepHref(id, STEPS[Math.min(i + 1, STEPS.length - 1)]);
}

/** Read the hidden version field of a setup form; a missing or odd one cannot match, so it conflicts. */
export function formVersion(body: unknown): number {
  const v = (body as { version?: unknown } | undefined)?.version;
  return typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : -1;
}
