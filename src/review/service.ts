// The year-end review (bình xét cuối năm): run the engine on the year's facts, show each unit and person with each
// rule met or not, the quota lines, and the proposal list within the quotas; turn that list into an AwardProposal
// on the year's REGULAR campaign, which then goes on through the award workflow.
import type { Db } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { RuleError } from '../errors.ts';
import { runReview, subjectKey, type Verdict } from '../lib/eligibility.ts';
import { awardeeKey, checkHolding } from '../lib/quotas.ts';
import { paged, type Page } from '../lib/paging.ts';
import { awardFacts, peopleOf, toCandidates } from '../awards/facts.ts';
import { assertClosed, RefusedError } from '../awards/proposals.ts';
import { loadYearFacts } from './facts.ts';

/** Reviews of a year, as the actor may see them: a unit account only its own unit and people. */
export async function yearReview(prisma: Db, actor: Actor, year: number, filter: { unitId: number | null }, page: Page) {
  authorize(actor, 'review.view');
  const data = await loadYearFacts(prisma, year);
  const review = runReview(data.facts);
  const own = actor.role === 'UNIT' ? (actor.unitId ?? -1) : null;
  const unitId = own ?? filter.unitId;
  const visible = (v: Verdict) => unitId === null || v.subject.unitId === unitId;
  const byTitle = new Map(data.catalogue.map((c) => [c.code, c]));
  const orderOf = new Map(review.order.map((c, i) => [c, i]));
  const sortV = (a: Verdict, b: Verdict) => (orderOf.get(a.titleCode) ?? 0) - (orderOf.get(b.titleCode) ?? 0);

  const group = (kind: 'unit' | 'person') => {
    const m = new Map<string, Verdict[]>();
    for (const v of review.verdicts) if (v.subject.kind === kind && visible(v)) m.set(subjectKey(v.subject), [...(m.get(subjectKey(v.subject)) ?? []), v]);
    return [...m.values()].map((vs) => ({ subject: vs[0].subject, verdicts: vs.sort(sortV) }));
  };
  const unitName = new Map(data.units.map((u) => [u.id, u.name]));
  const personOf = new Map(data.people.map((p) => [p.id, p]));
  const units = group('unit').sort((a, b) => a.subject.name.localeCompare(b.subject.name, 'vi'));
  const people = group('person').sort((a, b) => (unitName.get(a.subject.unitId) ?? '').localeCompare(unitName.get(b.subject.unitId) ?? '', 'vi') || a.subject.name.localeCompare(b.subject.name, 'vi'));
  const peoplePage = paged(
    people.slice(page.skip, page.skip + page.size).map((p) => ({ ...p, person: personOf.get(p.subject.id)!, unitName: unitName.get(p.subject.unitId) ?? '', status: data.assessmentStatus.get(p.subject.id) ?? null })),
    people.length,
    page,
  );
  const proposalList = review.order.map((code) => ({
    code,
    title: byTitle.get(code)!,
    picks: review.verdicts.filter((v) => v.titleCode === code && v.withinQuota).sort((a, b) => (a.order ?? 0) - (b.order ?? 0)),
  }));
  const regular = data.year.campaigns.find((c) => c.kind === 'REGULAR') ?? null;
  return {
    year: data.year,
    regular,
    catalogue: data.catalogue,
    rules: data.rules,
    quotas: review.quotas.filter((q) => review.verdicts.some((v) => v.titleCode === q.titleCode) || (byTitle.get(q.titleCode)?.defaultQuotaBase ?? 'NONE') !== 'NONE').map((q) => ({ ...q, title: byTitle.get(q.titleCode)! })),
    units,
    people: peoplePage,
    proposalList: actor.role === 'UNIT' ? [] : proposalList,
    unitChoices: actor.role === 'UNIT' ? data.units.filter((u) => u.id === own) : data.units,
    unitId,
    readOnly: actor.role === 'UNIT',
    commitments: data.commitments,
  };
}

/**
 * Create a draft AwardProposal on the year's REGULAR campaign from the review's list within the quotas. Campaign
 * titles come from the catalogue (missing ones are created from it); lines already proposed or awarded in that
 * campaign are left out. `reasonOf` writes each line's reason from the rules it met.
 */
export async function proposeFromReview(prisma: Db, actor: Actor, year: number, reasonOf: (v: Verdict) => string, note: string, requestId?: string): Promise<number> {
  authorize(actor, 'proposal.edit');
  return prisma.$transaction(
    async (tx) => {
      const data = await loadYearFacts(tx, year);
      const regular = data.year.campaigns.find((c) => c.kind === 'REGULAR');
      if (!regular) throw new RuleError('review.errors.noRegular', { year });
      assertClosed(regular);
      const picks = runReview(data.facts).verdicts.filter((v) => v.withinQuota);
      const codes = [...new Set(picks.map((p) => p.titleCode))];
      const existing = await tx.campaignTitle.findMany({ where: { campaignId: regular.id }, select: { id: true, code: true, catalogId: true, order: true } });
      const titleIdOf = new Map<string, number>();
      let order = Math.max(0, ...existing.map((e) => e.order));
      for (const code of codes) {
        const cat = data.catalogue.find((c) => c.code === code)!;
        const found = existing.find((e) => e.catalogId === cat.id) ?? existing.find((e) => e.code === code);
        if (found) titleIdOf.set(code, found.id);
        else {
          const made = await tx.campaignTitle.create({
            data: {
              campaignId: regular.id, code: cat.code, name: cat.name, scope: cat.scope, kind: cat.kind, catalogId: cat.id, quotaPercent: cat.defaultQuotaPercent,
              quotaBase: cat.defaultQuotaBase, quotaBaseCode: cat.quotaBaseCode, minClass: null, requiresRegistration: true, order: ++order,
            },
          });
          titleIdOf.set(code, made.id);
          await recordAudit(tx, { actorId: actor.id, action: 'campaignTitle.create', entityType: 'CampaignTitle', entityId: made.id, campaignId: regular.id, after: { code: cat.code, catalogId: cat.id, source: 'review' }, requestId });
        }
      }
      const facts = await awardFacts(tx, regular.id);
      const lines = picks
        .map((v) => ({ v, titleId: titleIdOf.get(v.titleCode)!, unitId: v.subject.kind === 'unit' ? v.subject.id : null, personId: v.subject.kind === 'person' ? v.subject.id : null }))
        .filter((l) => !facts.heldElsewhere.has(awardeeKey(l.titleId, l.unitId, l.personId)));
      if (!lines.length) throw new RuleError('review.errors.nothingNew', { year });
      const plain = lines.map((l) => ({ titleId: l.titleId, unitId: l.unitId, personId: l.personId }));
      const problems = checkHolding(toCandidates(plain, facts, await peopleOf(tx, plain)), facts);
      if (problems.length) throw new RefusedError(problems);
      const items = lines.map((l) => ({ titleId: l.titleId, unitId: l.unitId, personId: l.personId, reason: reasonOf(l.v) }));
      const proposal = await tx.awardProposal.create({ data: { campaignId: regular.id, note, createdById: actor.id, items: { create: items } } });
      await recordAudit(tx, { actorId: actor.id, action: 'proposal.create', entityType: 'AwardProposal', entityId: proposal.id, campaignId: regular.id, after: { status: 'DRAFT', note, source: 'review', year, items }, requestId });
      return proposal.id;
    },
    { timeout: 60_000 },
  );
}
