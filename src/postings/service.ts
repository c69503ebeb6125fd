// Công khai: a command posts a proposed list for the days its council sets; every account of the command reads it
// and may leave an opinion or a complaint under its name; the command's staff record an answer to each. Audited.
import type { Db, Tx } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { commandOf, loadTree, readsCommand, staffOfCommand, type UnitTree } from './scope.ts';
import type { AnswerForm, CommentForm, PostForm } from './schema.ts';

const DAY = 86_400_000;
/** Today as a calendar day (UTC midnight), the way DATE columns come back. */
export const todayUtc = (now = new Date()) => new Date(now.toISOString().slice(0, 10) + 'T00:00:00Z');
export const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
/** Whole days from `today` until the window closes (0 once closed). */
export const daysLeft = (closesOn: Date, today: Date) => Math.max(0, Math.round((closesOn.getTime() - today.getTime()) / DAY));

/** Statuses a list may be posted in: submitted to the commander, or approved and awaiting the decision. */
const POSTABLE = ['SUBMITTED', 'APPROVED'] as const;

/**
 * The command a proposal belongs to: its own, else its campaign's; a proposal that names neither (made before
 * commands existed, or on a campaign without one) belongs to the command of the staff member looking at it.
 */
function commandFor(p: { commandUnitId: number | null; campaign: { commandUnitId: number | null } | null }, actor: Actor, tree: UnitTree): number | null {
  const own = p.commandUnitId ?? p.campaign?.commandUnitId ?? null;
  if (own !== null || actor.unitId === null || actor.role === 'UNIT') return own;
  return commandOf(tree, actor.unitId) ?? actor.unitId;
}

async function proposalCommand(tx: Tx, actor: Actor, proposalId: number, tree: UnitTree) {
  const p = await tx.awardProposal.findUnique({ where: { id: proposalId }, select: { id: true, status: true, commandUnitId: true, campaignId: true, note: true, campaign: { select: { name: true, commandUnitId: true } } } });
  if (!p) throw new NotFoundError();
  return { ...p, commandId: commandFor(p, actor, tree) };
}

/** The council of a command valid on a day, with its posting days (the latest term that covers the day). */
export async function councilOn(tx: Tx, commandId: number, on: Date) {
  return tx.council.findFirst({
    where: { unitId: commandId, termFrom: { lte: on }, OR: [{ termTo: null }, { termTo: { gte: on } }] },
    orderBy: [{ termFrom: 'desc' }, { id: 'desc' }],
    select: { id: true, name: true, postingDays: true, postingLegalBasis: true },
  });
}

/** The post form's facts: the proposal, its command and the council that sets the number of days. */
export async function postingForm(prisma: Db, actor: Actor, proposalId: number, today = todayUtc()) {
  authorize(actor, 'posting.manage');
  const tree = await loadTree(prisma);
  const p = await proposalCommand(prisma, actor, proposalId, tree);
  if (p.commandId === null || !staffOfCommand(actor, tree, p.commandId)) throw new ForbiddenError();
  const command = await prisma.unit.findUniqueOrThrow({ where: { id: p.commandId }, select: { id: true, name: true } });
  return { proposal: p, command, council: await councilOn(prisma, p.commandId, today) };
}

/** Post a proposed list (staff of the proposal's command): closesOn = postedOn + the council's postingDays. */
export async function createPosting(prisma: Db, actor: Actor, proposalId: number, data: PostForm, requestId?: string, today = todayUtc()): Promise<number> {
  authorize(actor, 'posting.manage');
  return prisma.$transaction(async (tx) => {
    const tree = await loadTree(tx);
    const p = await proposalCommand(tx, actor, proposalId, tree);
    if (p.commandId === null || !staffOfCommand(actor, tree, p.commandId)) throw new ForbiddenError();
    if (!(POSTABLE as readonly string[]).includes(p.status)) throw new ConflictError('postings.errors.notPostable', { status: p.status });
    if (data.postedOn.getTime() > today.getTime()) throw new ValidationError({ postedOn: { key: 'postings.errors.future' } });
    const council = await councilOn(tx, p.commandId, data.postedOn);
    if (!council) throw new ValidationError({ postedOn: { key: 'postings.errors.noCouncil' } });
    const open = await tx.proposalPosting.findFirst({ where: { proposalId, closesOn: { gt: today } }, select: { id: true } });
    if (open) throw new ConflictError('postings.errors.alreadyOpen');
    const closesOn = addDays(data.postedOn, council.postingDays);
    const row = await tx.proposalPosting.create({ data: { proposalId, unitId: p.commandId, postedOn: data.postedOn, closesOn, place: data.place, postedById: actor.id } });
    await recordAudit(tx, {
      actorId: actor.id, action: 'posting.create', entityType: 'ProposalPosting', entityId: row.id, campaignId: p.campaignId, unitId: p.commandId,
      after: { proposalId, postedOn: data.postedOn, closesOn, place: data.place, postingDays: council.postingDays, councilId: council.id }, requestId,
    });
    return row.id;
  });
}

/** Postings the actor may read, newest first, with the proposals a staff member could post now. */
export async function listPostings(prisma: Db, actor: Actor) {
  authorize(actor, 'posting.view');
  const tree = await loadTree(prisma);
  const rows = await prisma.proposalPosting.findMany({
    orderBy: [{ postedOn: 'desc' }, { id: 'desc' }],
    include: { unit: { select: { id: true, name: true } }, proposal: { select: { id: true, status: true, note: true, campaign: { select: { name: true } }, _count: { select: { items: true } } } }, comments: { select: { kind: true, answer: true } } },
  });
  const postings = rows.filter((r) => readsCommand(actor, tree, r.unitId));
  let postable: { id: number; status: string; note: string | null; campaign: { name: string } | null }[] = [];
  if (actor.role === 'OFFICER' || actor.role === 'COMMANDER') {
    const candidates = await prisma.awardProposal.findMany({
      where: { status: { in: [...POSTABLE] } },
      orderBy: { id: 'asc' },
      select: { id: true, status: true, note: true, commandUnitId: true, campaign: { select: { name: true, commandUnitId: true } } },
    });
    postable = candidates.filter((c) => {
      const cmd = commandFor(c, actor, tree);
      return cmd !== null && staffOfCommand(actor, tree, cmd);
    });
  }
  return { postings, postable };
}

async function readablePosting(tx: Tx, actor: Actor, id: number, tree: UnitTree) {
  const posting = await tx.proposalPosting.findUnique({ where: { id }, select: { id: true, unitId: true, proposalId: true, closesOn: true, proposal: { select: { status: true, campaignId: true, items: { select: { id: true } } } } } });
  // a posting of another command does not exist for this actor
  if (!posting || !readsCommand(actor, tree, posting.unitId)) throw new NotFoundError();
  return posting;
}

/** One posted list: the command, the window, the candidates and every comment with its answer. */
export async function getPosting(prisma: Db, actor: Actor, id: number) {
  authorize(actor, 'posting.view');
  const tree = await loadTree(prisma);
  await readablePosting(prisma, actor, id, tree);
  const posting = await prisma.proposalPosting.findUniqueOrThrow({
    where: { id },
    include: {
      unit: { select: { id: true, name: true } },
      proposal: {
        select: {
          id: true, status: true, note: true, campaign: { select: { name: true } },
          items: {
            orderBy: { id: 'asc' },
            select: {
              id: true, reason: true, achievements: true,
              title: { select: { name: true, code: true } }, catalog: { select: { name: true, nameEn: true, code: true } },
              unit: { select: { name: true } }, person: { select: { fullName: true, rank: true, position: true, unit: { select: { name: true } } } },
            },
          },
        },
      },
      comments: { orderBy: { id: 'asc' } },
    },
  });
  const ids = [...new Set([posting.postedById, ...posting.comments.flatMap((c) => [c.authorId, c.answeredById])].filter((x): x is number => typeof x === 'number'))];
  const users = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } });
  const name = (uid: number | null) => (uid === null ? null : (users.find((u) => u.id === uid)?.fullName ?? null));
  return {
    posting,
    postedBy: name(posting.postedById),
    comments: posting.comments.map((c) => ({ ...c, author: name(c.authorId), answeredBy: name(c.answeredById) })),
    mayAnswer: staffOfCommand(actor, tree, posting.unitId),
  };
}

/** Leave an opinion or a complaint under the actor's name, on the list or one candidate, until the decision. */
export async function addComment(prisma: Db, actor: Actor, postingId: number, data: CommentForm, requestId?: string): Promise<number> {
  authorize(actor, 'posting.comment');
  return prisma.$transaction(async (tx) => {
    const posting = await readablePosting(tx, actor, postingId, await loadTree(tx));
    if (posting.proposal.status === 'DECIDED') throw new ConflictError('postings.errors.decided');
    if (data.item !== null && !posting.proposal.items.some((i) => i.id === data.item)) throw new ValidationError({ item: { key: 'validation.choice' } });
    const c = await tx.postingComment.create({ data: { postingId, proposalItemId: data.item, kind: data.kind, authorId: actor.id, body: data.body } });
    await recordAudit(tx, {
      actorId: actor.id, action: 'posting.comment', entityType: 'PostingComment', entityId: c.id, campaignId: posting.proposal.campaignId, unitId: actor.unitId,
      after: { postingId, proposalId: posting.proposalId, kind: data.kind, item: data.item, body: data.body }, requestId,
    });
    return c.id;
  });
}

/** Record the command's answer to a comment (staff of the posting's command; once, version-checked). */
export async function answerComment(prisma: Db, actor: Actor, commentId: number, data: AnswerForm, requestId?: string): Promise<number> {
  authorize(actor, 'posting.manage');
  return prisma.$transaction(async (tx) => {
    const c = await tx.postingComment.findUnique({ where: { id: commentId }, include: { posting: { select: { id: true, unitId: true, proposalId: true } } } });
    const tree = await loadTree(tx);
    if (!c || !readsCommand(actor, tree, c.posting.unitId)) throw new NotFoundError();
    if (!staffOfCommand(actor, tree, c.posting.unitId)) throw new ForbiddenError();
    if (c.answer !== null) throw new ConflictError('postings.errors.answered');
    if (c.version !== data.version) throw new ConflictError('errors.conflict');
    const now = new Date();
    const moved = await tx.postingComment.updateMany({ where: { id: commentId, version: data.version, answer: null }, data: { answer: data.answer, answeredById: actor.id, answeredAt: now, version: { increment: 1 } } });
    if (moved.count !== 1) throw new ConflictError('errors.conflict');
    await recordAudit(tx, {
      actorId: actor.id, action: 'posting.answer', entityType: 'PostingComment', entityId: commentId, unitId: c.posting.unitId,
      before: { answer: null }, after: { answer: data.answer, kind: c.kind, proposalId: c.posting.proposalId }, requestId,
    });
    return c.posting.id;
  });
}

