// A proposal's dossier of official documents: which documents it has, and each one built from the data. Loading goes
// through findProposal (permissions and command scoping), so a document is never built for a proposal the actor
// cannot see.
import type { Db } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { NotFoundError } from '../errors.ts';
import { achievementsDoc } from './achievements.ts';
import { ballotsDoc } from './ballots.ts';
import { candidatesDoc } from './candidates.ts';
import type { Ctx } from './common.ts';
import { decisionDoc } from './decision.ts';
import { loadDossier, type Dossier } from './dossier.ts';
import { minutesDoc } from './minutes.ts';
import { DOC_KINDS, type DocKind, type OfficialDoc } from './model.ts';
import { submissionDoc } from './submission.ts';

const BUILD: Record<DocKind, (prisma: Db, ctx: Ctx, d: Dossier) => OfficialDoc | Promise<OfficialDoc>> = {
  submission: submissionDoc,
  candidates: (_p, ctx, d) => candidatesDoc(ctx, d),
  achievements: achievementsDoc,
  minutes: (_p, ctx, d) => minutesDoc(ctx, d),
  ballots: (_p, ctx, d) => ballotsDoc(ctx, d),
  decision: decisionDoc,
};

/** The dossier page: the proposal and, per document, whether it can be produced yet (minutes need a held meeting). */
export async function dossierIndex(prisma: Db, actor: Actor, id: number) {
  const d = await loadDossier(prisma, actor, id);
  const ready = (k: DocKind) => (k === 'minutes' || k === 'ballots' ? d.meeting !== null : true);
  return {
    proposal: d.proposal,
    command: d.command,
    decision: d.decision ? { id: d.decision.id, number: d.decision.number } : null,
    meeting: d.meeting ? { heldOn: d.meeting.heldOn, council: d.meeting.council.name } : null,
    documents: DOC_KINDS.map((kind) => ({ kind, ready: ready(kind), draft: kind === 'decision' && !d.decision })),
  };
}

/** One document of proposal `id`; 404 when it cannot exist (minutes without a held meeting). */
export async function buildDocument(prisma: Db, actor: Actor, ctx: Ctx, id: number, kind: DocKind): Promise<OfficialDoc> {
  return BUILD[kind](prisma, ctx, await loadDossier(prisma, actor, id));
}

/** The decision document of decision `decisionId`, read through its proposal's scoping. */
export async function decisionDocument(prisma: Db, actor: Actor, ctx: Ctx, decisionId: number): Promise<OfficialDoc> {
  authorize(actor, 'award.view');
  const decision = await prisma.awardDecision.findUnique({ where: { id: decisionId }, select: { proposalId: true } });
  if (!decision) throw new NotFoundError();
  return buildDocument(prisma, actor, ctx, decision.proposalId, 'decision');
}
