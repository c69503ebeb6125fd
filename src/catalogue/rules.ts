// Eligibility rules as data: an admin switches a rule off or changes its numbers and legal basis; every edit bumps
// the rule's version (the review page names the version that applied) and is audited.
import type { Db } from '../db/index.ts';
import type { EligibilityRule, Prisma } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { fieldErrors } from '../lib/forms.ts';
import { recordAudit } from '../audit/service.ts';
import { RULE_PARAMS } from './rule-params.ts';
import { catalogueCodes, StaleError } from './service.ts';
import type { RuleForm } from './schema.ts';

const include = { title: { select: { id: true, code: true, name: true, nameEn: true } } } as const;

/** Every rule with the title it guards (rules over every title last). */
export async function listRules(prisma: Db, actor: Actor) {
  authorize(actor, 'catalogue.view');
  return prisma.eligibilityRule.findMany({ include, orderBy: [{ title: { scope: 'asc' } }, { title: { rank: 'desc' } }, { code: 'asc' }] });
}

export async function getRule(prisma: Db | Prisma.TransactionClient, actor: Actor, id: number) {
  authorize(actor, 'catalogue.view');
  const rule = await prisma.eligibilityRule.findUnique({ where: { id }, include });
  if (!rule) throw new NotFoundError();
  return rule;
}

const snapshot = (r: EligibilityRule) => ({ enabled: r.enabled, params: r.params, legalBasis: r.legalBasis, version: r.version });

/**
 * Save a rule read at `form.version`: its numbers are parsed by its kind (each message beside its field), a title
 * code must be in the catalogue; the version goes up by one and the change is audited.
 */
export async function updateRule(prisma: Db, actor: Actor, id: number, form: RuleForm, rawParams: Record<string, unknown>, requestId?: string): Promise<EligibilityRule> {
  authorize(actor, 'catalogue.manage');
  return prisma.$transaction(async (tx) => {
    const before = await getRule(tx, actor, id);
    const parsed = RULE_PARAMS[before.kind].safeParse(rawParams);
    if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
    const params: Record<string, unknown> = parsed.data;
    if (typeof params.titleCode === 'string' && !(await catalogueCodes(tx)).some((c) => c.code === params.titleCode)) {
      throw new ValidationError({ titleCode: { key: 'validation.choice' } });
    }
    if (before.version !== form.version) throw new StaleError(before);
    const moved = await tx.eligibilityRule.updateMany({
      where: { id, version: form.version },
      data: { enabled: form.enabled, legalBasis: form.legalBasis, params: params as Prisma.InputJsonValue, updatedById: actor.id, version: { increment: 1 } },
    });
    if (moved.count !== 1) throw new StaleError(await tx.eligibilityRule.findUniqueOrThrow({ where: { id } }));
    const after = await tx.eligibilityRule.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { actorId: actor.id, action: 'rule.update', entityType: 'EligibilityRule', entityId: id, before: snapshot(before), after: snapshot(after), requestId });
    return after;
  });
}
