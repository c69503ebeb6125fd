// Step 4: reuse a criteria set — copy it from an earlier campaign or a saved template, or save this one as a template.
// A set travels with its ranking rules (tie-breaks and class rules), since those name its groups.
import { z } from 'zod';
import type { Db, Transaction } from '../db/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/policy.ts';
import { RuleError, ValidationError } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import type { CopyForm } from './criteria-schema.ts';
import { claimVersion, getManagedCampaign } from './setup.ts';

const Kind = z.enum(['NORMAL', 'BONUS', 'PENALTY']);
/** CriteriaTemplate.data: the set as plain JSON, with the ranking rules that go with it. */
const SetData = z.object({
  groups: z.array(
    z.object({
      code: z.string().min(1).max(20),
      title: z.string().min(1).max(300),
      order: z.number().int(),
      criteria: z.array(
        z.object({
          code: z.string().min(1).max(20),
          title: z.string().min(1).max(300),
          description: z.string().nullable(),
          maxPoints: z.number().positive(),
          weight: z.number().positive(),
          kind: Kind,
          order: z.number().int(),
        }),
      ),
    }),
  ),
  tieBreaks: z.array(z.unknown()).optional(),
  classRules: z.record(z.string(), z.unknown()).optional(),
});
export type SetData = z.infer<typeof SetData>;

/** The campaign's criteria set and rules as template data. */
export async function snapshotSet(prisma: Db | Transaction, campaignId: number): Promise<SetData> {
  const [campaign, groups] = await Promise.all([
    prisma.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { tieBreaks: true, classRules: true } }),
    prisma.criteriaGroup.findMany({ where: { campaignId }, orderBy: [{ order: 'asc' }, { id: 'asc' }], include: { criteria: { orderBy: [{ order: 'asc' }, { id: 'asc' }] } } }),
  ]);
  return {
    groups: groups.map((g) => ({
      code: g.code,
      title: g.title,
      order: g.order,
      criteria: g.criteria.map((c) => ({ code: c.code, title: c.title, description: c.description, maxPoints: Number(c.maxPoints), weight: Number(c.weight), kind: c.kind, order: c.order })),
    })),
    tieBreaks: Array.isArray(campaign.tieBreaks) ? campaign.tieBreaks : [],
    classRules: campaign.classRules && typeof campaign.classRules === 'object' && !Array.isArray(campaign.classRules) ? (campaign.classRules as Record<string, unknown>) : {},
  };
}

const countCriteria = (s: SetData) => s.groups.reduce((n, g) => n + g.criteria.length, 0);

/**
 * Replace a draft campaign's criteria set with a copy from another campaign or a template. Only while the
 * campaign is a draft (a running one may have scores); an existing set is replaced only when the admin ticks so.
 */
export async function copyCriteria(prisma: Db, actor: Actor, id: number, version: number, form: CopyForm, requestId?: string) {
  return prisma.$transaction(async (tx) => {
    const campaign = await getManagedCampaign(tx, actor, id);
    if (campaign.status !== 'DRAFT') throw new RuleError('criteria.copy.draftOnly');
    await claimVersion(tx, id, version);
    const sourceId = Number(form.source.slice(1));
    let source: SetData | null = null;
    let sourceLabel = '';
    if (form.source.startsWith('c')) {
      const other = sourceId === id ? null : await tx.campaign.findUnique({ where: { id: sourceId }, select: { name: true } });
      if (other) {
        source = await snapshotSet(tx, sourceId);
        sourceLabel = other.name;
      }
    } else {
      const tpl = await tx.criteriaTemplate.findUnique({ where: { id: sourceId } });
      const parsed = tpl ? SetData.safeParse(tpl.data) : null;
      if (tpl && parsed?.success) {
        source = parsed.data;
        sourceLabel = tpl.name;
      }
    }
    if (!source || countCriteria(source) === 0) throw new ValidationError({ source: { key: 'validation.choice' } });
    const before = await snapshotSet(tx, id);
    if (before.groups.length > 0 && !form.replace) throw new ValidationError({ replace: { key: 'criteria.copy.confirmReplace' } });

    await tx.criteriaGroup.deleteMany({ where: { campaignId: id } }); // criteria go with their groups
    for (const g of source.groups) {
      const group = await tx.criteriaGroup.create({ data: { campaignId: id, code: g.code, title: g.title, order: g.order } });
      if (g.criteria.length) await tx.criterion.createMany({ data: g.criteria.map((c) => ({ ...c, campaignId: id, groupId: group.id })) });
    }
    await tx.campaign.update({
      where: { id },
      data: {
        ...(source.tieBreaks ? { tieBreaks: source.tieBreaks as Prisma.InputJsonValue } : {}),
        ...(source.classRules ? { classRules: source.classRules as Prisma.InputJsonValue } : {}),
      },
    });
    await recordAudit(tx, { actorId: actor.id, action: 'criteria.copy', entityType: 'Campaign', entityId: id, campaignId: id, before, after: { source: form.source, sourceName: sourceLabel, ...source }, requestId });
    return { source: sourceLabel, groups: source.groups.length, criteria: countCriteria(source) };
  });
}

/** Save the campaign's current set (and its ranking rules) as a named template for later campaigns. */
export async function saveTemplate(prisma: Db, actor: Actor, id: number, name: string, requestId?: string) {
  await getManagedCampaign(prisma, actor, id);
  const data = await snapshotSet(prisma, id);
  if (countCriteria(data) === 0) throw new ValidationError({ templateName: { key: 'criteria.template.empty' } });
  if (await prisma.criteriaTemplate.findUnique({ where: { name } })) throw new ValidationError({ templateName: { key: 'criteria.template.nameTaken' } });
  return prisma.$transaction(async (tx) => {
    const tpl = await tx.criteriaTemplate.create({ data: { name, data: data as Prisma.InputJsonValue, createdById: actor.id } });
    await recordAudit(tx, { actorId: actor.id, action: 'criteriaTemplate.create', entityType: 'CriteriaTemplate', entityId: tpl.id, campaignId: id, after: { name, ...data }, requestId });
    return tpl;
  });
}
