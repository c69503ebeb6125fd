// The campaign lifecycle this feature owns: draft → active (launch) → closed. Publishing (closed → published)
// lives with the ranking. Every step is recorded in CampaignStatusChange and the audit trail.
import type { Db, Transaction } from '../db/index.ts';
import type { Campaign, CampaignStatus } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/policy.ts';
import { ConflictError, RuleError } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { checkPeriods } from '../lib/periods.ts';
import { parseTieBreaks, parseClassRules } from '../ranking/settings.ts';
import type { ClassRules } from '../ranking/types.ts';
import { CLASSES } from './schema.ts';
import { criteriaTotals } from './criteria-service.ts';
import { getManagedCampaign, stepHref, type Step } from './setup.ts';

/** One line of the launch checklist: a translation key with its numbers, and the step that fixes it. */
export type Check = { key: string; ok: boolean; params: Record<string, string | number>; step: Step; href: string };

export type Readiness = {
  checks: Check[];
  warnings: Check[];
  ready: boolean;
  /** the weighted most a unit can reach per period from normal criteria */
  normalMax: number;
  bonusMax: number;
  penaltyMax: number;
};

type MakeCheck = (step: Step, ok: boolean, key: string, params?: Record<string, string | number>) => Check;

/**
 * The ranking rules (step 4b, which has no place in the step list: its lines link to /rules): every class from
 * Xuất sắc to Trung bình has a threshold, falling in that order, and the tie-breaks and conditions name groups
 * that exist. Without them no unit can be classified, so no title with a lowest class can be proposed.
 */
function rulesChecks(campaign: Campaign, codes: Set<string>, check: MakeCheck): Check[] {
  const rulesHref = `/campaigns/${campaign.id}/rules`;
  const rules = parseClassRules(campaign.classRules);
  const set = CLASSES.filter((k) => rules.thresholds[k] !== undefined);
  const values = set.map((k) => rules.thresholds[k] ?? 0);
  const falling = values.every((v, i) => i === 0 || v < values[i - 1]);
  const ok = set.length === CLASSES.length && falling;
  const params: Record<string, string | number> = Object.fromEntries(CLASSES.map((k) => [k, rules.thresholds[k] ?? '–']));
  const key = ok ? 'campaigns.launch.checks.rules' : set.length < CLASSES.length ? 'campaigns.launch.checks.noThresholds' : 'campaigns.launch.checks.thresholdOrder';
  const out = [{ ...check('criteria', ok, key, params), href: rulesHref }];
  const missing = [
    ...parseTieBreaks(campaign.tieBreaks).flatMap((s) => (s.kind === 'group' && !codes.has(s.groupCode) ? [s.groupCode] : [])),
    ...(rules.conditions ?? []).flatMap((c) => (c.noPenaltyInGroup && !codes.has(c.noPenaltyInGroup) ? [c.noPenaltyInGroup] : [])),
  ];
  if (missing.length) out.push({ ...check('criteria', false, 'campaigns.launch.checks.rulesGroups', { codes: [...new Set(missing)].join(', ') }), href: rulesHref });
  return out;
}

/** Titles: at least one to register for and propose, and each lowest class it names is one the rules can give. */
function titlesChecks(titles: { code: string; minClass: string | null }[], rules: ClassRules, check: MakeCheck): Check[] {
  const known = new Set<string>([...CLASSES.filter((k) => rules.thresholds[k] !== undefined), 'YEU']);
  const unreachable = titles.filter((t) => t.minClass && !known.has(t.minClass)).map((t) => t.code);
  return [
    check('titles', titles.length > 0, titles.length > 0 ? 'campaigns.launch.checks.titles' : 'campaigns.launch.checks.noTitles', { n: titles.length }),
    ...(unreachable.length ? [check('titles', false, 'campaigns.launch.checks.titleClass', { codes: unreachable.join(', ') })] : []),
  ];
}

/**
 * What launching needs: participants, periods inside the campaign, at least one normal criterion, no empty
 * group, a positive weighted maximum, complete ranking rules and at least one title whose lowest class can be
 * reached. A maximum other than 100 and an empty tie-break chain are warnings only.
 */
export async function readiness(prisma: Db | Transaction, campaign: Campaign): Promise<Readiness> {
  const id = campaign.id;
  const [units, periods, groups, titles] = await Promise.all([
    prisma.campaignUnit.count({ where: { campaignId: id } }),
    prisma.period.findMany({ where: { campaignId: id }, orderBy: { seq: 'asc' } }),
    prisma.criteriaGroup.findMany({ where: { campaignId: id }, orderBy: [{ order: 'asc' }, { id: 'asc' }], include: { criteria: true } }),
    prisma.campaignTitle.findMany({ where: { campaignId: id }, orderBy: [{ order: 'asc' }, { id: 'asc' }], select: { code: true, minClass: true } }),
  ]);
  const criteria = groups.flatMap((g) => g.criteria);
  const normal = criteria.filter((c) => c.kind === 'NORMAL').length;
  const empty = groups.filter((g) => g.criteria.length === 0).map((g) => g.code);
  const totals = criteriaTotals(criteria);
  const badPeriods = checkPeriods(periods, campaign).map((i) => periods[i.index].name);
  const check = (step: Step, ok: boolean, key: string, params: Record<string, string | number> = {}): Check => ({ key, ok, params, step, href: stepHref(id, step) });
  const checks: Check[] = [
    check('participants', units > 0, units > 0 ? 'campaigns.launch.checks.units' : 'campaigns.launch.checks.noUnits', { n: units }),
    check('periods', periods.length > 0, periods.length > 0 ? 'campaigns.launch.checks.periods' : 'campaigns.launch.checks.noPeriods', { n: periods.length }),
    ...(badPeriods.length ? [check('periods', false, 'campaigns.launch.checks.badPeriods', { names: [...new Set(badPeriods)].join(', ') })] : []),
    check('criteria', normal > 0, normal > 0 ? 'campaigns.launch.checks.criteria' : 'campaigns.launch.checks.noCriteria', { n: criteria.length, normal, groups: groups.length }),
    ...(empty.length ? [check('criteria', false, 'campaigns.launch.checks.emptyGroups', { codes: empty.join(', ') })] : []),
    check('criteria', totals.normal > 0, totals.normal > 0 ? 'campaigns.launch.checks.total' : 'campaigns.launch.checks.noTotal', { total: totals.normal }),
  ];
  const warnings: Check[] = [];
  if (totals.normal > 0 && Math.abs(totals.normal - 100) > 1e-9) warnings.push(check('criteria', false, 'campaigns.launch.warnings.not100', { total: totals.normal }));
  checks.push(...rulesChecks(campaign, new Set(groups.map((g) => g.code)), check), ...titlesChecks(titles, parseClassRules(campaign.classRules), check));
  if (parseTieBreaks(campaign.tieBreaks).length === 0) warnings.push({ ...check('criteria', false, 'campaigns.launch.warnings.noTieBreaks'), href: `/campaigns/${id}/rules` });
  return { checks, warnings, ready: checks.every((c) => c.ok), normalMax: totals.normal, bonusMax: totals.bonus, penaltyMax: totals.penalty };
}

/** Move a campaign from one status to the next, or 409 when someone else moved it first. Recorded twice: history and audit. */
async function transition(tx: Transaction, actor: Actor, campaign: Campaign, to: CampaignStatus, reason: string | null, requestId?: string) {
  const r = await tx.campaign.updateMany({ where: { id: campaign.id, status: campaign.status }, data: { status: to, version: { increment: 1 } } });
  if (r.count === 0) throw new ConflictError('campaigns.errors.statusChanged');
  await tx.campaignStatusChange.create({ data: { campaignId: campaign.id, fromStatus: campaign.status, toStatus: to, byId: actor.id, reason } });
  await recordAudit(tx, {
    actorId: actor.id,
    action: to === 'ACTIVE' ? 'campaign.launch' : 'campaign.close',
    entityType: 'Campaign',
    entityId: campaign.id,
    campaignId: campaign.id,
    before: { status: campaign.status },
    after: { status: to },
    reason,
    requestId,
  });
}

/** Launch a draft campaign if it is ready; otherwise nothing is written and the checklist says what is missing. */
export async function launchCampaign(prisma: Db, actor: Actor, id: number, requestId?: string): Promise<{ launched: true } | { launched: false; readiness: Readiness; campaign: Campaign }> {
  return prisma.$transaction(async (tx) => {
    const campaign = await getManagedCampaign(tx, actor, id);
    if (campaign.status !== 'DRAFT') throw new RuleError('campaigns.launch.notDraft');
    const r = await readiness(tx, campaign);
    if (!r.ready) return { launched: false, readiness: r, campaign };
    await transition(tx, actor, campaign, 'ACTIVE', null, requestId);
    return { launched: true };
  });
}

/** Close a running campaign: scoring ends and results can be published. */
export async function closeCampaign(prisma: Db, actor: Actor, id: number, reason: string | null, requestId?: string) {
  await prisma.$transaction(async (tx) => {
    const campaign = await getManagedCampaign(tx, actor, id);
    if (campaign.status !== 'ACTIVE') throw new RuleError('campaigns.close.notActive');
    await transition(tx, actor, campaign, 'CLOSED', reason, requestId);
  });
}

/** The status history with who made each step (names resolved in one query). */
export async function statusHistory(prisma: Db, campaignId: number) {
  const steps = await prisma.campaignStatusChange.findMany({ where: { campaignId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  const ids = [...new Set(steps.flatMap((s) => (s.byId === null ? [] : [s.byId])))];
  const users = new Map((await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } })).map((u) => [u.id, u.fullName]));
  return steps.map((s) => ({ ...s, byName: s.byId === null ? null : (users.get(s.byId) ?? null) }));
}
