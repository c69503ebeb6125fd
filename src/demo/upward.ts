// The chain of command above the demo province, and the proposal that goes up it: Bộ Quốc phòng → Quân khu 3 →
// Bộ CHQS tỉnh Quảng Ninh, each a deciding command with its issuing level; every demo campaign, proposal and decision
// belongs to the province. The 2020 regular campaign gets a submitted proposal of "Cờ thi đua của Quân khu" for
// Regiment 244, a title the province cannot decide itself: the council, công khai and chain demos build on it.
import type { Prisma } from '../generated/prisma/client.ts';
import { unitSearchText } from '../units/service.ts';
import type { DemoYears } from './year.ts';

type Tx = Prisma.TransactionClient;
type UnitRef = { id: number; code: string };
const day = (s: string) => new Date(s + 'T00:00:00Z');

export const UPPER_COMMANDS = {
  region: { code: 'QK3', name: 'Bộ Tư lệnh Quân khu 3', shortName: 'Quân khu 3', type: 'MILITARY_REGION', commandLevel: 'MILITARY_REGION' },
  ministry: { code: 'BQP', name: 'Bộ Quốc phòng', shortName: 'Bộ Quốc phòng', type: 'MINISTRY', commandLevel: 'MINISTRY' },
} as const;

export type DemoChain = { provinceId: number; regionId: number; ministryId: number; flagProposalId: number };

export async function seedUpward(tx: Tx, province: UnitRef, units: UnitRef[], staff: Record<string, number>, demo: DemoYears): Promise<DemoChain> {
  const ministry = await tx.unit.create({ data: { ...UPPER_COMMANDS.ministry, searchText: unitSearchText(UPPER_COMMANDS.ministry), demo: true } });
  const region = await tx.unit.create({ data: { ...UPPER_COMMANDS.region, parentId: ministry.id, searchText: unitSearchText(UPPER_COMMANDS.region), demo: true } });
  await tx.unit.update({ where: { id: province.id }, data: { parentId: region.id, commandLevel: 'PROVINCE' } });
  await tx.campaign.updateMany({ where: { demo: true }, data: { commandUnitId: province.id } });
  await tx.awardProposal.updateMany({ data: { commandUnitId: province.id, holderUnitId: province.id } });
  // the 2019–2020 decisions keep unitId null (decisions are immutable): null reads as the campaign's command

  const campaignId = demo.regular.get(2020)!;
  const flag = await tx.campaignTitle.findFirstOrThrow({ where: { campaignId, code: 'CO_QK' }, select: { id: true, catalogId: true } });
  const e244 = units.find((u) => u.code === 'E244')!;
  const proposal = await tx.awardProposal.create({
    data: {
      campaignId, commandUnitId: province.id, holderUnitId: province.id, status: 'SUBMITTED',
      note: 'Đề nghị Bộ Tư lệnh Quân khu 3 tặng Cờ thi đua của Quân khu năm 2020',
      createdById: staff.OFFICER, submittedById: staff.OFFICER, submittedAt: day('2020-12-29'), createdAt: day('2020-12-29'),
      items: {
        create: [{
          titleId: flag.id, catalogId: flag.catalogId, unitId: e244.id,
          reason: 'Dẫn đầu phong trào thi đua Quyết thắng năm 2020 của lực lượng vũ trang tỉnh',
          achievements: 'Hai năm liền đạt Đơn vị Quyết thắng (2019, 2020); hoàn thành xuất sắc nhiệm vụ huấn luyện, sẵn sàng chiến đấu và phòng, chống dịch COVID-19',
        }],
      },
      steps: {
        create: [
          { action: 'CREATE', status: 'DRAFT', fromUnitId: province.id, byId: staff.OFFICER, at: day('2020-12-29') },
          { action: 'SUBMIT', status: 'SUBMITTED', fromUnitId: province.id, byId: staff.OFFICER, at: day('2020-12-29') },
        ],
      },
    },
  });
  return { provinceId: province.id, regionId: region.id, ministryId: ministry.id, flagProposalId: proposal.id };
}
