// The council's ballot and công khai are gates of the decision (src/council/gate.ts, src/postings/gate.ts): tests
// about the decision itself record, at the command holding the proposal, a held council meeting where every line
// passed, and a posting of the list whose window is over with no complaint. Written with Prisma: the council and
// posting pages have tests of their own (tests/integration/council.test.ts, postings.test.ts).
import type { TestApp } from './app.ts';

async function holder(prisma: TestApp['prisma'], proposalId: number): Promise<number> {
  const p = await prisma.awardProposal.findUniqueOrThrow({ where: { id: proposalId }, select: { holderUnitId: true, commandUnitId: true } });
  return p.holderUnitId ?? p.commandUnitId ?? (await prisma.unit.findUniqueOrThrow({ where: { code: 'BCHQS-QN' } })).id;
}

export async function postedAndClosed(prisma: TestApp['prisma'], proposalId: number): Promise<void> {
  const unitId = await holder(prisma, proposalId);
  await prisma.proposalPosting.create({ data: { proposalId, unitId, postedOn: new Date('2021-07-01T00:00:00Z'), closesOn: new Date('2021-07-08T00:00:00Z'), place: 'Bảng tin' } });
}

/** A held meeting of the holding command's council (the demo's) where every member was present and every line passed. */
export async function councilPassed(prisma: TestApp['prisma'], proposalId: number): Promise<void> {
  const unitId = await holder(prisma, proposalId);
  const council = await prisma.council.findFirstOrThrow({ where: { unitId }, orderBy: { id: 'asc' }, include: { members: { where: { toDate: null } } } });
  const n = council.members.length;
  const meeting = await prisma.councilMeeting.create({
    data: {
      councilId: council.id, heldOn: new Date('2021-07-02T00:00:00Z'), status: 'HELD', memberCount: n, presentCount: n,
      attendances: { create: council.members.map((m) => ({ memberId: m.id, present: true })) },
      agenda: { create: [{ proposalId }] },
    },
  });
  const items = await prisma.proposalItem.findMany({ where: { proposalId }, select: { id: true } });
  await prisma.ballotResult.createMany({ data: items.map((i) => ({ meetingId: meeting.id, proposalItemId: i.id, agree: n, disagree: 0, thresholdPercent: 90, memberCount: n, passed: true })) });
}

/** Both gates of the decision satisfied at the holding command. */
export async function readyToDecide(prisma: TestApp['prisma'], proposalId: number): Promise<void> {
  await councilPassed(prisma, proposalId);
  await postedAndClosed(prisma, proposalId);
}
