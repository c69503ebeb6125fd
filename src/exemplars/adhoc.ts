// Ad-hoc awards (khen thưởng đột xuất, issue 11 item 8): an exemplar's deed proposed for a commendation outside any
// campaign, from the exemplar's page. The proposal then takes the same path as a campaign's: submit, approve, the
// council's ballot and công khai at the holding command, forward up when the form is above its level, decide.
import { z } from 'zod';
import type { Db, Tx } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { RuleError, ValidationError } from '../errors.ts';
import { f, INT4_MAX } from '../lib/forms.ts';
import { chainScope, commandOf, proposalWhere } from '../chain/scope.ts';
import { recordStep } from '../chain/steps.ts';
import { getExemplar } from './service.ts';

const id = () => z.coerce.number({ message: 'validation.choice' }).int().positive({ message: 'validation.choice' }).max(INT4_MAX, 'validation.choice');

/** The ad-hoc form: a catalogue form, the awardee (the unit, or one of its people) and the reason. */
export const AdhocForm = z.object({
  catalogId: z.preprocess((v) => (v === '' ? undefined : v), id()),
  awardee: z.string().trim().regex(/^(unit|p\d{1,9})$/, 'validation.choice'),
  reason: f.text(3000),
});
export type AdhocInput = z.infer<typeof AdhocForm>;

/** Catalogue forms an ad-hoc proposal may name: commendations (kind COMMENDATION) in force today. */
async function activeForms(db: Tx) {
  const today = new Date();
  return db.titleCatalog.findMany({
    where: { kind: 'COMMENDATION', validFrom: { lte: today }, OR: [{ validTo: null }, { validTo: { gte: today } }] },
    select: { id: true, code: true, name: true, nameEn: true, scope: true, issuingLevel: true },
    orderBy: [{ rank: 'asc' }, { id: 'asc' }],
  });
}

/** What the form offers: the forms, the exemplar's unit and its people (the exemplar's named person first). */
export async function adhocChoices(prisma: Db, actor: Actor, exemplarId: number) {
  authorize(actor, 'proposal.edit');
  const e = await getExemplar(prisma, actor, exemplarId);
  const [forms, people] = await Promise.all([
    activeForms(prisma),
    prisma.person.findMany({ where: { unitId: e.unitId }, select: { id: true, fullName: true, rank: true, position: true }, orderBy: [{ fullName: 'asc' }, { id: 'asc' }] }),
  ]);
  const named = e.personName ? people.find((p) => p.fullName.trim().toLowerCase() === e.personName!.trim().toLowerCase()) : undefined;
  return { exemplar: e, forms, people, defaults: { catalogId: '', awardee: named ? `p${named.id}` : 'unit', reason: e.description } };
}

/**
 * Create a draft ad-hoc proposal for an exemplar: one line naming the form and the awardee, held by the command of
 * the exemplar's unit. A form that does not fit the awardee (a collective form for a person, or the reverse) is
 * refused beside the field.
 */
export async function createAdhocProposal(prisma: Db, actor: Actor, exemplarId: number, data: AdhocInput, requestId?: string): Promise<number> {
  authorize(actor, 'proposal.edit');
  const e = await getExemplar(prisma, actor, exemplarId);
  return prisma.$transaction(async (tx) => {
    const form = (await activeForms(tx)).find((c) => c.id === data.catalogId);
    if (!form) throw new ValidationError({ catalogId: { key: 'validation.choice' } });
    let personId: number | null = null;
    if (data.awardee !== 'unit') {
      const person = await tx.person.findFirst({ where: { id: Number(data.awardee.slice(1)), unitId: e.unitId }, select: { id: true } });
      if (!person) throw new ValidationError({ awardee: { key: 'validation.choice' } });
      personId = person.id;
    }
    if ((personId === null) !== (form.scope === 'COLLECTIVE')) throw new ValidationError({ catalogId: { key: personId === null ? 'adhoc.errors.individualForm' : 'adhoc.errors.collectiveForm' } });
    const command = await commandOf(tx, e.unitId);
    if (!command) throw new RuleError('adhoc.errors.noCommand');
    const item = { catalogId: form.id, unitId: personId === null ? e.unitId : null, personId, reason: data.reason };
    const proposal = await tx.awardProposal.create({
      data: { kind: 'ADHOC', exemplarId: e.id, note: e.title, createdById: actor.id, commandUnitId: command.id, holderUnitId: command.id, items: { create: [item] } },
    });
    await recordStep(tx, { proposalId: proposal.id, action: 'CREATE', status: 'DRAFT', fromUnitId: command.id, byId: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: 'proposal.create', entityType: 'AwardProposal', entityId: proposal.id, unitId: e.unitId, after: { kind: 'ADHOC', status: 'DRAFT', exemplarId: e.id, items: [item] }, requestId });
    return proposal.id;
  }, { timeout: 30_000 });
}

/** An exemplar's ad-hoc proposals the actor's chain of command may see, and the awards decided on them. */
export async function exemplarAwards(prisma: Db, actor: Actor, exemplarId: number) {
  authorize(actor, 'award.view');
  return prisma.awardProposal.findMany({
    where: { exemplarId, ...proposalWhere(await chainScope(prisma, actor)) },
    orderBy: { id: 'asc' },
    select: {
      id: true, status: true, createdAt: true,
      items: { select: { catalog: { select: { name: true, nameEn: true } }, unit: { select: { name: true } }, person: { select: { fullName: true } } } },
      decision: { select: { id: true, number: true, date: true, awards: { select: { id: true, revocation: { select: { id: true } } } } } },
    },
  });
}
