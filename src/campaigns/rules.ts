// Step 4b: how units are ranked and classified — the tie-break chain (Campaign.tieBreaks), the class thresholds
// and conditions (Campaign.classRules) and optional per-scorer normalisation. Shapes: src/ranking/types.ts.
import type { Db } from '../db/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/policy.ts';
import { ValidationError, type FieldErrors } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { parseClassRules, parseTieBreaks } from '../ranking/settings.ts';
import type { ClassRules, TieBreak } from '../ranking/types.ts';
import { CLASSES, TIE_BREAK_SLOTS, type RulesForm } from './schema.ts';
import { assertEditable, claimVersion, getManagedCampaign } from './setup.ts';

/** A tie-break step as the form's select names it. */
export function stepValue(s: TieBreak): string {
  return s.kind === 'group' ? `group:${s.groupCode}` : s.kind;
}

/** The rules page: the current chain and classes as form values, and the groups they may name. */
export async function rulesPage(prisma: Db, actor: Actor, id: number) {
  const campaign = await getManagedCampaign(prisma, actor, id);
  const groups = await prisma.criteriaGroup.findMany({ where: { campaignId: id }, orderBy: [{ order: 'asc' }, { id: 'asc' }], include: { criteria: { select: { kind: true } } } });
  const chain = parseTieBreaks(campaign.tieBreaks);
  const rules = parseClassRules(campaign.classRules);
  const values = {
    version: String(campaign.version),
    tb: Array.from({ length: TIE_BREAK_SLOTS }, (_, i) => (chain[i] ? stepValue(chain[i]) : '')),
    th: Object.fromEntries(CLASSES.map((k) => [k, rules.thresholds[k] === undefined ? '' : String(rules.thresholds[k])])),
    cond: Object.fromEntries(CLASSES.map((k) => [k, rules.conditions?.find((c) => c.class === k)?.noPenaltyInGroup ?? ''])),
    normalize: campaign.normalize ? 'on' : '',
  };
  return {
    campaign,
    values,
    groups: groups.map((g) => ({ code: g.code, title: g.title, kinds: [...new Set(g.criteria.map((c) => c.kind))] })),
  };
}

/** Save the ranking rules: each tie-break step once, naming groups that exist; conditions on existing groups. */
export async function saveRules(prisma: Db, actor: Actor, id: number, version: number, form: RulesForm, requestId?: string) {
  await prisma.$transaction(async (tx) => {
    const before = await getManagedCampaign(tx, actor, id);
    assertEditable(before);
    await claimVersion(tx, id, version);
    const codes = new Set((await tx.criteriaGroup.findMany({ where: { campaignId: id }, select: { code: true } })).map((g) => g.code));
    const errors: FieldErrors = {};
    const chain: TieBreak[] = [];
    const seen = new Set<string>();
    form.tb.forEach((raw, i) => {
      if (!raw) return;
      const step: TieBreak | null =
        raw === 'fewerPenalty' ? { kind: 'fewerPenalty' } : raw === 'latestPeriod' ? { kind: 'latestPeriod' } : raw.startsWith('group:') && codes.has(raw.slice(6)) ? { kind: 'group', groupCode: raw.slice(6) } : null;
      if (!step) errors[`tb.${i}`] = { key: 'validation.choice' };
      else if (seen.has(raw)) errors[`tb.${i}`] = { key: 'campaigns.rules.errors.duplicateStep' };
      else {
        seen.add(raw);
        chain.push(step);
      }
    });
    const conditions: NonNullable<ClassRules['conditions']> = [];
    for (const k of CLASSES) {
      const g = form.cond[k];
      if (!g) continue;
      if (!codes.has(g)) errors[`cond.${k}`] = { key: 'validation.choice' };
      else conditions.push({ class: k, noPenaltyInGroup: g });
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const thresholds = Object.fromEntries(CLASSES.flatMap((k) => (form.th[k] === undefined ? [] : [[k, form.th[k]]])));
    const classRules: ClassRules = { thresholds, ...(conditions.length ? { conditions } : {}) };
    const after = await tx.campaign.update({
      where: { id },
      data: { tieBreaks: chain as Prisma.InputJsonValue, classRules: classRules as Prisma.InputJsonValue, normalize: form.normalize },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'campaign.rules',
      entityType: 'Campaign',
      entityId: id,
      campaignId: id,
      before: { tieBreaks: before.tieBreaks, classRules: before.classRules, normalize: before.normalize },
      after: { tieBreaks: after.tieBreaks, classRules: after.classRules, normalize: after.normalize },
      requestId,
    });
  });
}
