// A council of 10 members for the demo province with a held meeting on a proposal: 8 present, and counted ballots
// (counts only) given per line. Made directly with Prisma: the council pages are another feature's.
import type { TestApp } from './app.ts';

export type BallotCounts = { lineId: number; agree: number; disagree: number; writtenAgree: number; writtenDisagree: number; passed: boolean };

export async function heldMeeting(prisma: TestApp['prisma'], proposalId: number, ballots: BallotCounts[]) {
  const province = await prisma.unit.findUniqueOrThrow({ where: { code: 'BCHQS-QN' } });
  const roles = ['CHAIR', 'VICE_CHAIR', 'STANDING', 'MEMBER', 'MEMBER', 'MEMBER', 'MEMBER', 'MEMBER', 'MEMBER', 'MEMBER'] as const;
  const council = await prisma.council.create({
    data: {
      unitId: province.id, name: 'Hội đồng Thi đua – Khen thưởng Bộ CHQS tỉnh Quảng Ninh', termFrom: new Date('2020-01-01'), quorumPercent: 66.67,
      members: { create: roles.map((role, i) => ({ role, fullName: `Thành viên Thử ${i + 1}`, position: i === 0 ? 'Đại tá, Chỉ huy trưởng' : 'Thượng tá', fromDate: new Date('2020-01-01') })) },
    },
    include: { members: { orderBy: { id: 'asc' } } },
  });
  const meeting = await prisma.councilMeeting.create({
    data: {
      councilId: council.id, heldOn: new Date('2020-12-27'), place: 'Hội trường Bộ CHQS tỉnh', status: 'HELD', memberCount: 10, presentCount: 8, secretary: 'Thiếu tá Lê Văn Thư',
      conclusions: 'Hội đồng thống nhất đề nghị Trung đoàn 244.',
      attendances: { create: council.members.map((m, i) => ({ memberId: m.id, present: i < 8 })) },
      agenda: { create: [{ proposalId }] },
    },
  });
  await prisma.ballotResult.createMany({
    data: ballots.map(({ lineId, ...b }) => ({ meetingId: meeting.id, proposalItemId: lineId, ...b, thresholdPercent: 90, memberCount: 10 })),
  });
  return { council, meeting };
}
