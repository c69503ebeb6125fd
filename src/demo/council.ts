// The councils of the demo commands (fictional people): the province's Hội đồng Thi đua – Khen thưởng (9 members on
// the day, one of them replacing a member who left mid-term) and Quân khu 3's (11 members), and a held meeting of
// the province's council on the "Cờ thi đua của Quân khu" proposal for Regiment 244: 8 of 9 present, the absent
// member votes in writing, 9 of 9 in favour against the title's 90% of all members. Counts only, as the law asks.
import type { Prisma } from '../generated/prisma/client.ts';
import type { DemoChain } from './upward.ts';
import { reaches } from '../lib/ballot.ts';

type Tx = Prisma.TransactionClient;
const day = (s: string) => new Date(s + 'T00:00:00Z');

const QUORUM_BASIS = 'Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng: phiên họp được tiến hành khi có ít nhất 2/3 tổng số thành viên tham dự, ghi là 66,66% để 6/9 đạt (dữ liệu mẫu; chưa đối chiếu văn bản)';
const POSTING_BASIS = 'Luật Thi đua, khen thưởng 2022 (06/2022/QH15): nguyên tắc công khai, minh bạch; thời gian niêm yết theo quy chế của đơn vị (dữ liệu mẫu; chưa đối chiếu văn bản)';

type M = { fullName: string; position: string; role: 'CHAIR' | 'VICE_CHAIR' | 'STANDING' | 'MEMBER'; from?: string; to?: string };

const PROVINCE_MEMBERS: M[] = [
  { fullName: 'Nguyễn Văn Hùng', position: 'Đại tá, Chỉ huy trưởng', role: 'CHAIR' },
  { fullName: 'Trần Quang Minh', position: 'Đại tá, Chính ủy', role: 'VICE_CHAIR' },
  { fullName: 'Lê Văn Thành', position: 'Thượng tá, Chủ nhiệm Chính trị', role: 'STANDING' },
  { fullName: 'Phạm Đức Long', position: 'Thượng tá, Phó Chỉ huy trưởng – Tham mưu trưởng', role: 'MEMBER' },
  { fullName: 'Đinh Công Sơn', position: 'Thượng tá, Phó Chỉ huy trưởng', role: 'MEMBER', to: '2020-06-30' },
  { fullName: 'Hoàng Văn Nam', position: 'Thượng tá, Phó Chỉ huy trưởng', role: 'MEMBER', from: '2020-07-01' },
  { fullName: 'Vũ Thị Lan', position: 'Trung tá, Chủ nhiệm Hậu cần – Kỹ thuật', role: 'MEMBER' },
  { fullName: 'Đỗ Mạnh Cường', position: 'Trung tá, Phó Chủ nhiệm Chính trị', role: 'MEMBER' },
  { fullName: 'Bùi Thị Thu', position: 'Thiếu tá, Trưởng ban Tuyên huấn', role: 'MEMBER' },
  { fullName: 'Ngô Văn Tuấn', position: 'Thiếu tá, Trợ lý Thi đua – Khen thưởng', role: 'MEMBER' },
];

const REGION_MEMBERS: M[] = [
  { fullName: 'Trịnh Quốc Bảo', position: 'Thiếu tướng, Tư lệnh Quân khu', role: 'CHAIR' },
  { fullName: 'Lương Văn Khải', position: 'Thiếu tướng, Chính ủy Quân khu', role: 'VICE_CHAIR' },
  { fullName: 'Mai Xuân Trường', position: 'Đại tá, Phó Chủ nhiệm Chính trị', role: 'STANDING' },
  { fullName: 'Tạ Đình Phong', position: 'Đại tá, Phó Tư lệnh – Tham mưu trưởng', role: 'MEMBER' },
  { fullName: 'Châu Minh Đức', position: 'Đại tá, Phó Tư lệnh', role: 'MEMBER' },
  { fullName: 'Kiều Văn Lâm', position: 'Đại tá, Chủ nhiệm Hậu cần', role: 'MEMBER' },
  { fullName: 'Phan Thị Hạnh', position: 'Đại tá, Chủ nhiệm Kỹ thuật', role: 'MEMBER' },
  { fullName: 'Dương Quang Vinh', position: 'Thượng tá, Trưởng phòng Cán bộ', role: 'MEMBER' },
  { fullName: 'Lý Văn Hòa', position: 'Thượng tá, Trưởng phòng Tuyên huấn', role: 'MEMBER' },
  { fullName: 'Hà Thị Ngọc', position: 'Thượng tá, Trưởng phòng Tổ chức', role: 'MEMBER' },
  { fullName: 'Cao Minh Tiến', position: 'Trung tá, Trưởng ban Thi đua – Khen thưởng', role: 'MEMBER' },
];

async function council(tx: Tx, unitId: number, name: string, decisionNo: string, termFrom: string, members: M[]) {
  return tx.council.create({
    data: {
      unitId, name, decisionNo, termFrom: day(termFrom), quorumPercent: 66.66, quorumLegalBasis: QUORUM_BASIS, postingDays: 5, postingLegalBasis: POSTING_BASIS,
      members: { create: members.map((m) => ({ fullName: m.fullName, position: m.position, role: m.role, fromDate: day(m.from ?? termFrom), toDate: m.to ? day(m.to) : null })) },
    },
    include: { members: { orderBy: { id: 'asc' } } },
  });
}

export async function seedCouncils(tx: Tx, chain: DemoChain, staff: Record<string, number>): Promise<{ provinceCouncilId: number; regionCouncilId: number; meetingId: number }> {
  const province = await council(tx, chain.provinceId, 'Hội đồng Thi đua – Khen thưởng Bộ CHQS tỉnh Quảng Ninh', '15/QĐ-BCH ngày 07/01/2019', '2019-01-07', PROVINCE_MEMBERS);
  const region = await council(tx, chain.regionId, 'Hội đồng Thi đua – Khen thưởng Quân khu 3', '102/QĐ-BTL ngày 08/01/2019', '2019-01-08', REGION_MEMBERS);

  const heldOn = day('2020-12-30');
  const sitting = province.members.filter((m) => m.fromDate <= heldOn && (!m.toDate || m.toDate >= heldOn));
  const absent = sitting.find((m) => m.fullName === 'Vũ Thị Lan')!;
  const line = await tx.proposalItem.findFirstOrThrow({ where: { proposalId: chain.flagProposalId }, include: { catalog: true } });
  const meeting = await tx.councilMeeting.create({
    data: {
      councilId: province.id, heldOn, place: 'Hội trường Bộ CHQS tỉnh Quảng Ninh', status: 'HELD', memberCount: sitting.length, presentCount: sitting.length - 1,
      secretary: 'Thiếu tá Ngô Văn Tuấn', createdById: staff.OFFICER,
      conclusions: 'Hội đồng thống nhất đề nghị Bộ Tư lệnh Quân khu 3 tặng Cờ thi đua của Quân khu năm 2020 cho Trung đoàn 244; giao Cơ quan Thường trực hoàn thiện hồ sơ, công khai danh sách theo quy định.',
      attendances: { create: sitting.map((m) => ({ memberId: m.id, present: m.id !== absent.id })) },
      agenda: { create: [{ proposalId: chain.flagProposalId }] },
    },
  });
  const percent = line.catalog!.ballotPercent;
  const agree = sitting.length - 1;
  await tx.ballotResult.create({
    data: {
      meetingId: meeting.id, proposalItemId: line.id, agree, disagree: 0, writtenAgree: 1, writtenDisagree: 0,
      thresholdPercent: percent, memberCount: sitting.length, passed: reaches(agree + 1, sitting.length, percent), createdById: staff.OFFICER,
    },
  });
  return { provinceCouncilId: province.id, regionCouncilId: region.id, meetingId: meeting.id };
}
