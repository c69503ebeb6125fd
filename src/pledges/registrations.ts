import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { NotFoundError, RuleError, ValidationError } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { EDITABLE, assertCan, loadPledgeContext, type PledgeContext } from './access.ts';
import type { RegistrationForm } from './schema.ts';

/** The campaign's individual titles (CSTĐCS, CSTT, …): the ones people register for. */
export function individualTitles(prisma: Db, campaignId: number) {
  return prisma.campaignTitle.findMany({ where: { campaignId, scope: 'INDIVIDUAL' }, orderBy: { order: 'asc' }, select: { id: true, code: true, name: true } });
}

/** What the registrations page shows: the list, plus choices for the add form. */
export async function registrationsPage(prisma: Db, ctx: PledgeContext) {
  const [titles, people] = await Promise.all([
    individualTitles(prisma, ctx.campaign.id),
    prisma.person.findMany({ where: { unitId: ctx.unit.id }, orderBy: { fullName: 'asc' }, select: { id: true, fullName: true, rank: true, position: true } }),
  ]);
  return { registrations: ctx.pledge?.registrations ?? [], titles, people };
}

function assertOpen(ctx: PledgeContext): void {
  if (ctx.pledge && !EDITABLE.includes(ctx.pledge.status)) throw new RuleError('pledges.rules.readOnly');
}

/**
 * Register a person of the unit for an individual title under the unit's pledge (created as a
 * draft if the unit has none yet). Only the unit's own account manages its registrations.
 */
export async function addRegistration(prisma: Db, actor: Actor, campaignId: number, unitId: number, form: RegistrationForm, requestId?: string) {
  const ctx = await loadPledgeContext(prisma, actor, campaignId, unitId);
  assertCan(actor, 'registration.manage', ctx);
  assertOpen(ctx);
  const title = await prisma.campaignTitle.findFirst({ where: { id: form.titleId, campaignId, scope: 'INDIVIDUAL' } });
  if (!title) throw new ValidationError({ titleId: { key: 'validation.choice' } });
  if (form.personId !== null && !(await prisma.person.findFirst({ where: { id: form.personId, unitId } }))) {
    throw new ValidationError({ personId: { key: 'validation.choice' } });
  }
  return prisma.$transaction(async (tx) => {
    const pledge = await tx.pledge.upsert({ where: { campaignId_unitId: { campaignId, unitId } }, create: { campaignId, unitId }, update: {} });
    if (!EDITABLE.includes(pledge.status)) throw new RuleError('pledges.rules.readOnly');
    const person =
      form.personId !== null
        ? await tx.person.findUniqueOrThrow({ where: { id: form.personId } })
        : await tx.person.create({ data: { unitId, fullName: form.fullName ?? '', rank: form.rank, position: form.position } });
    const dup = await tx.individualRegistration.findFirst({ where: { pledgeId: pledge.id, personId: person.id, titleId: title.id } });
    if (dup) throw new ValidationError({ titleId: { key: 'pledges.registrations.duplicate' } });
    const reg = await tx.individualRegistration.create({ data: { pledgeId: pledge.id, personId: person.id, titleId: title.id, commitment: form.commitment } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'pledge.registration.add',
      entityType: 'Pledge',
      entityId: pledge.id,
      campaignId,
      unitId,
      after: { registrationId: reg.id, person: { id: person.id, fullName: person.fullName, rank: person.rank, position: person.position }, title: title.code, commitment: reg.commitment },
      requestId,
    });
    return { person, title };
  });
}

/** Remove one registration of this unit's pledge (the person stays on the unit's roll). */
export async function removeRegistration(prisma: Db, actor: Actor, campaignId: number, unitId: number, registrationId: number, requestId?: string) {
  const ctx = await loadPledgeContext(prisma, actor, campaignId, unitId);
  assertCan(actor, 'registration.manage', ctx);
  assertOpen(ctx);
  const pledge = ctx.pledge;
  const reg = pledge?.registrations.find((r) => r.id === registrationId);
  if (!pledge || !reg) throw new NotFoundError();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.individualRegistration.deleteMany({ where: { id: reg.id, pledgeId: pledge.id, pledge: { status: { in: [...EDITABLE] } } } });
    if (count !== 1) throw new RuleError('pledges.rules.readOnly');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'pledge.registration.remove',
      entityType: 'Pledge',
      entityId: pledge.id,
      campaignId,
      unitId,
      before: { registrationId: reg.id, person: reg.person, title: reg.title.code, commitment: reg.commitment },
      requestId,
    });
  });
  return reg;
}
