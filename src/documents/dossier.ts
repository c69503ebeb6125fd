// Everything a proposal's documents print, loaded once: the proposal through findProposal (so command scoping and
// permissions apply), its command and the command above, the decision and its awards, the council meeting that voted
// on it with attendance and ballots, and the catalogue entries of its lines.
import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { findProposal } from '../awards/proposals.ts';

const unitWithParent = {
  include: { parent: { select: { id: true, code: true, name: true, shortName: true, commandLevel: true, parent: { select: { name: true, shortName: true } } } } },
} as const;
const lineInclude = {
  title: true,
  catalog: true,
  unit: { select: { id: true, code: true, name: true } },
  person: { select: { id: true, fullName: true, rank: true, position: true, unit: { select: { id: true, name: true } } } },
} as const;

export type Dossier = Awaited<ReturnType<typeof loadDossier>>;
export type DossierLine = Dossier['lines'][number];

/** The dossier of proposal `id` as `actor` may see it (404/403 as findProposal decides). */
export async function loadDossier(prisma: Db, actor: Actor, id: number) {
  const proposal = await findProposal(prisma, actor, id);
  const commandId = proposal.commandUnitId ?? proposal.campaign?.commandUnitId ?? null;
  const [command, holder, lines, decision, meeting, exemplar, year] = await Promise.all([
    commandId
      ? prisma.unit.findUnique({ where: { id: commandId }, ...unitWithParent })
      : prisma.unit.findFirst({ where: { type: 'PROVINCIAL_COMMAND', active: true }, orderBy: { id: 'asc' }, ...unitWithParent }),
    proposal.holderUnitId ? prisma.unit.findUnique({ where: { id: proposal.holderUnitId }, select: { id: true, name: true, commandLevel: true } }) : null,
    prisma.proposalItem.findMany({ where: { proposalId: id }, include: lineInclude, orderBy: [{ title: { order: 'asc' } }, { id: 'asc' }] }),
    prisma.awardDecision.findUnique({
      where: { proposalId: id },
      include: { unit: unitWithParent, awards: { include: { ...lineInclude, revocation: { select: { id: true } } }, orderBy: [{ title: { order: 'asc' } }, { id: 'asc' }] } },
    }),
    prisma.councilMeeting.findFirst({
      where: { status: 'HELD', OR: [{ agenda: { some: { proposalId: id } } }, { ballots: { some: { proposalItem: { proposalId: id } } } }] },
      orderBy: [{ heldOn: 'desc' }, { id: 'desc' }],
      include: {
        council: { include: { unit: unitWithParent, members: { orderBy: { id: 'asc' } } } },
        attendances: { include: { member: true } },
        ballots: { where: { proposalItem: { proposalId: id } }, include: { proposalItem: { include: lineInclude } }, orderBy: { id: 'asc' } },
      },
    }),
    proposal.exemplarId ? prisma.exemplar.findUnique({ where: { id: proposal.exemplarId } }) : null,
    proposal.campaign?.yearId ? prisma.movementYear.findUnique({ where: { id: proposal.campaign.yearId }, select: { year: true, name: true } }) : null,
  ]);
  // the command's own symbol (BCH in "298/QĐ-BCH") and last signer, read from its latest decision
  const last = command
    ? await prisma.awardDecision.findFirst({
        where: { OR: [{ unitId: command.id }, { unitId: null, campaign: { commandUnitId: command.id } }] },
        orderBy: [{ date: 'desc' }, { id: 'desc' }],
        select: { number: true, signerName: true, signingAuthority: true },
      })
    : null;
  // the command that decides: where it was decided, else the command above when a line's title is beyond this one
  const levels = ['REGIMENT', 'PROVINCE', 'MILITARY_REGION', 'MINISTRY', 'GOVERNMENT', 'STATE'];
  const top = Math.max(-1, ...lines.map((l) => levels.indexOf(l.catalog?.issuingLevel ?? '')));
  const goesUp = !!command?.commandLevel && top > levels.indexOf(command.commandLevel) && !!command.parent;
  const symbolFrom = (n: string | null | undefined) => n?.match(/-([^-/\s]+)\s*$/)?.[1] ?? null;
  const docYear = year?.year ?? proposal.campaign?.startDate.getUTCFullYear() ?? (exemplar?.occurredOn ?? proposal.createdAt).getUTCFullYear();
  return {
    proposal,
    command,
    holder,
    lines,
    decision,
    meeting,
    exemplar,
    year: docYear,
    movement: year?.name ?? null,
    goesUp,
    symbol: symbolFrom(last?.number) ?? command?.code ?? '',
    lastSigner: last?.signerName ?? null,
  };
}

/** What a line is called in a document: a unit's name, or a person's rank and name. */
export function awardeeName(l: { unit: { name: string } | null; person: { fullName: string; rank: string | null } | null }): string {
  if (l.person) return [l.person.rank, l.person.fullName].filter(Boolean).join(' ');
  return l.unit?.name ?? '';
}

/** The title or form a line proposes: the campaign title's name, else the catalogue entry's. */
export function titleName(l: { title: { name: string } | null; catalog: { name: string } | null }): string {
  return l.title?.name ?? l.catalog?.name ?? '';
}
