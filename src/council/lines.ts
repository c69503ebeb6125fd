// The proposal lists a council may put on a meeting's agenda, and how their lines (candidate × title) read.
import type { Prisma } from '../generated/prisma/client.ts';
import type { Tx } from '../db/index.ts';

/**
 * A command's council considers its own proposals once submitted or approved, and those its subordinate commands
 * sent up to it (forwarded or received: the command holds them).
 */
export function agendaWhere(commandUnitId: number): Prisma.AwardProposalWhereInput {
  return {
    OR: [
      { commandUnitId, status: { in: ['SUBMITTED', 'APPROVED'] } },
      { holderUnitId: commandUnitId, status: { in: ['FORWARDED', 'RECEIVED'] }, NOT: { commandUnitId } },
    ],
  };
}

const catalogPick = { select: { id: true, code: true, name: true, nameEn: true, ballotPercent: true, ballotLegalBasis: true } } as const;
export const lineInclude = {
  catalog: catalogPick,
  title: { select: { code: true, name: true, catalog: catalogPick } },
  unit: { select: { name: true } },
  person: { select: { fullName: true, rank: true, position: true, unit: { select: { name: true } } } },
} satisfies Prisma.ProposalItemInclude;

export const proposalInclude = {
  campaign: { select: { name: true } },
  commandUnit: { select: { name: true } },
  items: { include: lineInclude, orderBy: { id: 'asc' } },
} satisfies Prisma.AwardProposalInclude;

export type Line = Prisma.ProposalItemGetPayload<{ include: typeof lineInclude }>;

/** The catalogue entry whose threshold a line's ballot uses: the line's own, or its campaign title's. */
export function lineCatalog(line: Line) {
  return line.catalog ?? line.title?.catalog ?? null;
}

/** Who a line proposes: the person (with rank), or the unit. */
export function candidateName(line: Line): string {
  if (line.person) return [line.person.rank, line.person.fullName].filter(Boolean).join(' ');
  return line.unit?.name ?? '—';
}

/** The title or form a line proposes, in the reader's language. */
export function titleName(line: Line, locale = 'vi'): string {
  const c = lineCatalog(line);
  if (c) return (locale === 'en' && c.nameEn) || c.name;
  return line.title?.name ?? '—';
}

/** Proposals a council of `commandUnitId` may put on its agenda, newest first. */
export function agendaChoices(tx: Tx, commandUnitId: number) {
  return tx.awardProposal.findMany({ where: agendaWhere(commandUnitId), include: proposalInclude, orderBy: { id: 'desc' }, take: 200 });
}
