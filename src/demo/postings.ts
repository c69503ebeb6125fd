// Công khai in the demo: the province posts the "Cờ thi đua của Quân khu" proposal for Regiment 244 on its notice
// board for its council's days (5 when the council is not there yet, the schema's default), a district command
// leaves an opinion and the officer answers it, and a complaint about the list is answered too, so the proposal
// can move on once the window is over.
import type { Prisma } from '../generated/prisma/client.ts';
import type { DemoChain } from './upward.ts';

type Tx = Prisma.TransactionClient;
const day = (s: string) => new Date(s + 'T00:00:00Z');
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

export async function seedPostings(tx: Tx, chain: DemoChain, staff: Record<string, number>): Promise<number> {
  const postedOn = day('2020-12-30');
  const council = await tx.council.findFirst({ where: { unitId: chain.provinceId, termFrom: { lte: postedOn } }, orderBy: { termFrom: 'desc' }, select: { postingDays: true } });
  const item = await tx.proposalItem.findFirstOrThrow({ where: { proposalId: chain.flagProposalId }, select: { id: true, unitId: true } });
  const posting = await tx.proposalPosting.create({
    data: { proposalId: chain.flagProposalId, unitId: chain.provinceId, postedOn, closesOn: addDays(postedOn, council?.postingDays ?? 5), place: 'Bảng tin Bộ CHQS tỉnh và trang thông tin nội bộ', postedById: staff.OFFICER, createdAt: postedOn },
  });
  const district = await tx.user.findFirst({ where: { role: 'UNIT', unit: { code: 'HALONG' } }, select: { id: true } });
  const regiment = await tx.user.findFirst({ where: { role: 'UNIT', unitId: item.unitId }, select: { id: true } });
  const at = (s: string) => new Date(s);
  if (district) {
    await tx.postingComment.create({
      data: {
        postingId: posting.id, proposalItemId: item.id, kind: 'OPINION', authorId: district.id, createdAt: at('2020-12-31T02:00:00Z'),
        body: 'Nhất trí đề nghị. Trung đoàn 244 đã phối hợp tốt với lực lượng vũ trang thành phố trong diễn tập khu vực phòng thủ năm 2020.',
        answer: 'Cảm ơn ý kiến của đơn vị; ý kiến được tổng hợp vào hồ sơ trình Hội đồng.', answeredById: staff.OFFICER, answeredAt: at('2021-01-02T03:00:00Z'), version: 2,
      },
    });
  }
  if (regiment) {
    await tx.postingComment.create({
      data: {
        postingId: posting.id, kind: 'COMPLAINT', authorId: regiment.id, createdAt: at('2021-01-01T08:00:00Z'),
        body: 'Đề nghị bổ sung vào báo cáo thành tích kết quả kiểm tra bắn đạn thật năm 2020 (100% đạt, 85% khá giỏi), chưa có trong danh sách công khai.',
        answer: 'Đã bổ sung số liệu vào báo cáo thành tích kèm hồ sơ đề nghị.', answeredById: staff.OFFICER, answeredAt: at('2021-01-03T02:00:00Z'), version: 2,
      },
    });
  }
  return posting.id;
}
