// The inbox of a command (/proposals/inbox): what was sent to it and waits for it, what it sent up and where that
// stands now, and what it decided for the commands below.
import type { Db } from '../db/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { chainScope } from './scope.ts';

const INCLUDE = {
  campaign: { select: { id: true, name: true } },
  commandUnit: { select: { id: true, name: true } },
  holderUnit: { select: { id: true, name: true } },
  decision: { select: { id: true, number: true, date: true, unit: { select: { name: true } } } },
  _count: { select: { items: true } },
  steps: { orderBy: [{ at: 'desc' as const }, { id: 'desc' as const }], take: 1, select: { action: true, at: true, reason: true } },
} satisfies Prisma.AwardProposalInclude;

const LIMIT = 50;

export async function commandInbox(prisma: Db, actor: Actor) {
  authorize(actor, 'award.view');
  const scope = await chainScope(prisma, actor);
  const me = scope.command?.id;
  const list = (where: Prisma.AwardProposalWhereInput) => prisma.awardProposal.findMany({ where, include: INCLUDE, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], take: LIMIT });
  // staff above every command see every proposal that went up the chain
  const waiting: Prisma.AwardProposalWhereInput = me === undefined
    ? { status: { in: ['FORWARDED', 'RECEIVED'] } }
    : { holderUnitId: me, status: { in: ['FORWARDED', 'RECEIVED', 'RETURNED'] }, NOT: { commandUnitId: me } };
  const [pending, sentUp, decided] = await Promise.all([
    list(waiting),
    me === undefined ? Promise.resolve([]) : list({ steps: { some: { action: 'FORWARD', fromUnitId: me } }, NOT: { holderUnitId: me }, status: { not: 'DECIDED' } }),
    list(me === undefined ? { status: 'DECIDED', steps: { some: { action: 'FORWARD' } } } : { status: 'DECIDED', OR: [{ decision: { unitId: me }, NOT: { commandUnitId: me } }, { commandUnitId: me, steps: { some: { action: 'FORWARD' } } }] }),
  ]);
  return { command: scope.command, pending, sentUp, decided };
}
