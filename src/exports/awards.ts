// Proposals and decisions: one row per proposal line, with its decision and, once decided, the award and any revocation.
import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { awardeeKey, hasTitle, isCampaignLine } from '../lib/quotas.ts';
import { awardsCampaign } from '../awards/proposals.ts';
import type { Column, Table } from './table.ts';

const PROPOSALS_PER_BATCH = 20;

const ITEM_INCLUDE = {
  title: { select: { code: true, name: true, scope: true, kind: true, order: true } },
  unit: { select: { code: true, name: true } },
  person: { select: { fullName: true, rank: true, position: true, unit: { select: { code: true, name: true } } } },
} as const;

type Proposal = { id: number; status: string; submittedAt: Date | null; decidedAt: Date | null; decision: { number: string; date: Date; signingAuthority: string; signerName: string | null } | null };
type Award = { id: number; revocation: { reason: string; decisionNo: string | null; createdAt: Date } | null };
export type AwardRow = {
  proposal: Proposal;
  title: { code: string; name: string; scope: string; kind: string };
  unit: { code: string; name: string } | null;
  person: { fullName: string; rank: string | null; position: string | null } | null;
  reason: string | null;
  achievements: string | null;
  award: Award | null;
};

/** Staff with award.view only; every proposal of the campaign, oldest first. */
export async function awardsTable(prisma: Db, actor: Actor, campaignId: number): Promise<Table<AwardRow>> {
  await awardsCampaign(prisma, actor, campaignId);
  const ids = (await prisma.awardProposal.findMany({ where: { campaignId }, select: { id: true }, orderBy: { id: 'asc' } })).map((p) => p.id);

  async function* batches(): AsyncGenerator<AwardRow[]> {
    for (let i = 0; i < ids.length; i += PROPOSALS_PER_BATCH) {
      const proposals = await prisma.awardProposal.findMany({
        where: { id: { in: ids.slice(i, i + PROPOSALS_PER_BATCH) } },
        orderBy: { id: 'asc' },
        include: {
          items: { include: ITEM_INCLUDE },
          decision: { include: { awards: { select: { id: true, titleId: true, unitId: true, personId: true, revocation: { select: { reason: true, decisionNo: true, createdAt: true } } } } } },
        },
      });
      yield proposals.flatMap((p) => {
        const awards = new Map((p.decision?.awards ?? []).filter(hasTitle).map((a) => [awardeeKey(a.titleId, a.unitId, a.personId), a]));
        const items = [...p.items].filter(isCampaignLine).sort((a, b) => a.title.order - b.title.order || (a.unit?.code ?? a.person?.unit.code ?? '').localeCompare(b.unit?.code ?? b.person?.unit.code ?? '') || a.id - b.id);
        return items.map((it): AwardRow => ({
          proposal: p,
          title: it.title,
          unit: it.unit ?? it.person?.unit ?? null,
          person: it.person,
          reason: it.reason,
          achievements: it.achievements,
          award: awards.get(awardeeKey(it.titleId, it.unitId, it.personId)) ?? null,
        }));
      });
    }
  }
  return { file: `campaign-${campaignId}-awards`, sheet: 'awards', columns: AWARD_COLUMNS, batches: batches() };
}

/**
 * awardee_kind is UNIT or PERSON (unit_code/unit_name are the person's unit then); awarded is 1 once a decision
 * made the line an award; revoked is 1 for a revoked award, with the revocation's reason, decision number and time.
 */
const AWARD_COLUMNS: Column<AwardRow>[] = [
  { key: 'proposal_id', value: (r) => r.proposal.id, kind: 'number', width: 12 },
  { key: 'proposal_status', value: (r) => r.proposal.status, width: 16 },
  { key: 'submitted_at', value: (r) => r.proposal.submittedAt, kind: 'datetime', width: 18 },
  { key: 'decision_number', value: (r) => r.proposal.decision?.number ?? null, width: 18 },
  { key: 'decision_date', value: (r) => r.proposal.decision?.date ?? null, kind: 'date', width: 13 },
  { key: 'signing_authority', value: (r) => r.proposal.decision?.signingAuthority ?? null, width: 30 },
  { key: 'signer_name', value: (r) => r.proposal.decision?.signerName ?? null, width: 24 },
  { key: 'title_code', value: (r) => r.title.code, width: 11 },
  { key: 'title_name', value: (r) => r.title.name, width: 28 },
  { key: 'title_scope', value: (r) => r.title.scope, width: 13 },
  { key: 'title_kind', value: (r) => r.title.kind, width: 14 },
  { key: 'awardee_kind', value: (r) => (r.person ? 'PERSON' : 'UNIT'), width: 13 },
  { key: 'unit_code', value: (r) => r.unit?.code ?? null, width: 12 },
  { key: 'unit_name', value: (r) => r.unit?.name ?? null, width: 36 },
  { key: 'person_name', value: (r) => r.person?.fullName ?? null, width: 26 },
  { key: 'person_rank', value: (r) => r.person?.rank ?? null, width: 14 },
  { key: 'person_position', value: (r) => r.person?.position ?? null, width: 18 },
  { key: 'reason', value: (r) => r.reason, width: 36 },
  { key: 'achievements', value: (r) => r.achievements, width: 36 },
  { key: 'awarded', value: (r) => (r.award ? 1 : 0), kind: 'number' },
  { key: 'revoked', value: (r) => (r.award?.revocation ? 1 : 0), kind: 'number' },
  { key: 'revocation_reason', value: (r) => r.award?.revocation?.reason ?? null, width: 30 },
  { key: 'revocation_decision_no', value: (r) => r.award?.revocation?.decisionNo ?? null, width: 22 },
  { key: 'revoked_at', value: (r) => r.award?.revocation?.createdAt ?? null, kind: 'datetime', width: 18 },
];
