// Step 1: create a draft campaign and edit its details.
import type { Db, Tx } from '../db/index.ts';
import type { Campaign } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { ValidationError } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { isoDay, utcDay } from '../lib/periods.ts';
import type { ClassRules, TieBreak } from '../ranking/types.ts';
import type { DetailsForm } from './schema.ts';
import { assertEditable, claimVersion, getManagedCampaign } from './setup.ts';
import { chainScope } from '../chain/scope.ts';

/** Classes as a share of the normal maximum per period, as most commands use them. */
export const DEFAULT_CLASS_RULES: ClassRules = { thresholds: { XUAT_SAC: 90, TOT: 80, KHA: 65, TRUNG_BINH: 50 } };
/** Ties: fewer penalty points first, then the better latest period. A group step is added once groups exist. */
export const DEFAULT_TIE_BREAKS: TieBreak[] = [{ kind: 'fewerPenalty' }, { kind: 'latestPeriod' }];

const DETAIL_FIELDS = ['name', 'slogan', 'movements', 'themes', 'decisionNo', 'decisionDate', 'issuingAuthority', 'startDate', 'endDate', 'totalMode', 'kind', 'yearId'] as const;

/** The details as the audit trail records them (dates as yyyy-mm-dd). */
function detailsOf(c: Pick<Campaign, (typeof DETAIL_FIELDS)[number]>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const k of DETAIL_FIELDS) {
    const v = c[k];
    out[k] = v instanceof Date ? isoDay(v) : v === null ? null : String(v);
  }
  return out;
}

/** The form's values for an existing campaign, as the inputs show them. */
export function detailsValues(c: Campaign): Record<string, string> {
  const out: Record<string, string> = { version: String(c.version) };
  for (const [k, v] of Object.entries(detailsOf(c))) out[k] = v ?? '';
  return out;
}

/**
 * The movement year must exist and the campaign's dates must touch it; a campaign becoming a peak one may not keep
 * titles only the year-end review gives (the message names them).
 */
async function checkYearAndKind(tx: Tx, id: number | null, data: DetailsForm): Promise<void> {
  if (data.yearId) {
    const year = await tx.movementYear.findUnique({ where: { id: data.yearId }, select: { year: true } });
    if (!year) throw new ValidationError({ yearId: { key: 'validation.choice' } });
    if (data.startDate.getUTCFullYear() > year.year || data.endDate.getUTCFullYear() < year.year) {
      throw new ValidationError({ yearId: { key: 'years.errors.datesOutside', params: { year: year.year } } });
    }
  }
  if (id && data.kind === 'PEAK') {
    const regularOnly = await tx.campaignTitle.findMany({ where: { campaignId: id, catalog: { forPeak: false } }, select: { name: true }, orderBy: [{ order: 'asc' }, { id: 'asc' }] });
    if (regularOnly.length) throw new ValidationError({ kind: { key: 'years.errors.kindHasTitles', params: { names: regularOnly.map((t) => t.name).join(', ') } } });
  }
}

/** Create a draft campaign with default ranking rules; its first status step is recorded. */
export async function createCampaign(prisma: Db, actor: Actor, data: DetailsForm, requestId?: string): Promise<Campaign> {
  authorize(actor, 'campaign.manage');
  // the campaign belongs to the creator's command (null for an admin above every command: visible to all staff)
  const scope = await chainScope(prisma, actor);
  return prisma.$transaction(async (tx) => {
    await checkYearAndKind(tx, null, data);
    const campaign = await tx.campaign.create({
      data: { ...data, status: 'DRAFT', createdById: actor.id, commandUnitId: scope.command?.id ?? null, classRules: DEFAULT_CLASS_RULES, tieBreaks: DEFAULT_TIE_BREAKS },
    });
    await tx.campaignStatusChange.create({ data: { campaignId: campaign.id, fromStatus: null, toStatus: 'DRAFT', byId: actor.id } });
    await recordAudit(tx, { actorId: actor.id, action: 'campaign.create', entityType: 'Campaign', entityId: campaign.id, campaignId: campaign.id, after: detailsOf(campaign), requestId });
    return campaign;
  });
}

/**
 * Change the details of a draft or running campaign read at `version`. New dates must still hold every
 * period (the admin moves the periods first), so scores never end up outside their campaign.
 */
export async function updateDetails(prisma: Db, actor: Actor, id: number, version: number, data: DetailsForm, requestId?: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await getManagedCampaign(tx, actor, id);
    assertEditable(before);
    await claimVersion(tx, id, version);
    await checkYearAndKind(tx, id, data);
    const outside = await tx.period.findFirst({
      where: { campaignId: id, OR: [{ startDate: { lt: utcDay(data.startDate) } }, { endDate: { gt: utcDay(data.endDate) } }] },
      orderBy: { seq: 'asc' },
    });
    if (outside) {
      const field = outside.startDate < data.startDate ? 'startDate' : 'endDate';
      throw new ValidationError({ [field]: { key: 'campaigns.errors.periodOutside', params: { name: outside.name } } });
    }
    const after = await tx.campaign.update({ where: { id }, data });
    const b = detailsOf(before);
    const a = detailsOf(after);
    const changed = DETAIL_FIELDS.filter((k) => b[k] !== a[k]);
    if (changed.length === 0) return;
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'campaign.update',
      entityType: 'Campaign',
      entityId: id,
      campaignId: id,
      before: Object.fromEntries(changed.map((k) => [k, b[k]])),
      after: Object.fromEntries(changed.map((k) => [k, a[k]])),
      requestId,
    });
  });
}
