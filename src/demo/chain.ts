// The chain of command's demo: staff at Quân khu 3 and the Bộ Quốc phòng, a sibling province (Hải Dương) whose work
// Quảng Ninh never sees, a proposal already forwarded to Quân khu 3 (waiting in its inbox) and one Quân khu 3 has
// decided (flowing back down to the province and the unit). The flag proposal of seedUpward stays SUBMITTED.
// The forwarded and decided proposals carry what their gates read: a held council meeting with passing ballots and
// a closed công khai posting at each command that acted on them.
import type { Prisma } from '../generated/prisma/client.ts';
import { unitSearchText } from '../units/service.ts';
import type { DemoChain } from './upward.ts';
import type { DemoYears } from './year.ts';

type Tx = Prisma.TransactionClient;
type UnitRef = { id: number; code: string };
const day = (s: string) => new Date(s + 'T00:00:00Z');

export const SIBLING = { code: 'BCHQS-HD', name: 'Bộ Chỉ huy Quân sự tỉnh Hải Dương', shortName: 'Bộ CHQS tỉnh Hải Dương', type: 'PROVINCIAL_COMMAND', commandLevel: 'PROVINCE' } as const;
const SIBLING_UNITS = [
  { code: 'HD-TPHD', name: 'Ban CHQS thành phố Hải Dương', shortName: 'TP Hải Dương', type: 'DISTRICT_COMMAND' },
  { code: 'HD-CHILINH', name: 'Ban CHQS thành phố Chí Linh', shortName: 'Chí Linh', type: 'DISTRICT_COMMAND' },
] as const;

/** Staff of the commands above and beside the province (README "Demo logins"). */
export const CHAIN_STAFF = [
  { username: 'qk3', fullName: 'Thiếu tướng Đỗ Văn Hòa (Tư lệnh Quân khu 3)', role: 'COMMANDER', at: 'region' },
  { username: 'qk3.officer', fullName: 'Trung tá Vũ Thị Mai (Phòng Tuyên huấn Quân khu 3)', role: 'OFFICER', at: 'region' },
  { username: 'bqp', fullName: 'Trung tướng Lê Minh Quân (Bộ Quốc phòng)', role: 'COMMANDER', at: 'ministry' },
  { username: 'haiduong', fullName: 'Đại tá Ngô Văn Thành (Chỉ huy trưởng Bộ CHQS tỉnh Hải Dương)', role: 'COMMANDER', at: 'sibling' },
] as const;

/**
 * At the command's council (seeded by ./council.ts): one held meeting on `on` with every sitting member present,
 * passing every line of `proposalId` unanimously, and a closed công khai posting of the list.
 */
async function councilPassed(tx: Tx, unitId: number, name: string, proposalId: number, on: string, postedOn: string) {
  const council = await tx.council.findFirstOrThrow({ where: { unitId }, include: { members: true } });
  const when = day(on);
  const sitting = council.members.filter((m) => m.fromDate <= when && (!m.toDate || m.toDate >= when));
  const meeting = await tx.councilMeeting.create({
    data: {
      councilId: council.id, heldOn: when, status: 'HELD', memberCount: sitting.length, presentCount: sitting.length, conclusions: 'Hội đồng nhất trí đề nghị.',
      place: `Hội trường ${name}`,
      attendances: { create: sitting.map((m) => ({ memberId: m.id, present: true })) },
      agenda: { create: [{ proposalId }] },
    },
  });
  const items = await tx.proposalItem.findMany({ where: { proposalId }, select: { id: true, catalog: { select: { ballotPercent: true } } } });
  await tx.ballotResult.createMany({
    data: items.map((i) => ({ meetingId: meeting.id, proposalItemId: i.id, agree: sitting.length, disagree: 0, thresholdPercent: i.catalog?.ballotPercent ?? 90, memberCount: sitting.length, passed: true })),
  });
  const closes = new Date(day(postedOn).getTime() + council.postingDays * 86_400_000);
  await tx.proposalPosting.create({ data: { proposalId, unitId, postedOn: day(postedOn), closesOn: closes, place: `Trụ sở ${name}` } });
}

export async function seedChain(tx: Tx, chain: DemoChain, units: UnitRef[], staff: Record<string, number>, demo: DemoYears, passwordHash: string): Promise<void> {
  const sibling = await tx.unit.create({ data: { ...SIBLING, parentId: chain.regionId, searchText: unitSearchText(SIBLING), demo: true } });
  const siblingUnits = [];
  for (const u of SIBLING_UNITS) siblingUnits.push(await tx.unit.create({ data: { ...u, parentId: sibling.id, searchText: unitSearchText(u), demo: true } }));
  const at = { region: chain.regionId, ministry: chain.ministryId, sibling: sibling.id };
  const user: Record<string, number> = {};
  for (const s of CHAIN_STAFF) user[s.username] = (await tx.user.create({ data: { username: s.username, fullName: s.fullName, role: s.role, unitId: at[s.at], passwordHash } })).id;

  // the sibling's own campaign, closed, with a submitted Giấy khen proposal Quảng Ninh must never see
  const gk = await tx.titleCatalog.findUniqueOrThrow({ where: { code: 'GK_DV' } });
  const campaign = await tx.campaign.create({
    data: {
      name: 'Thi đua huấn luyện giỏi năm 2020 (Hải Dương)', startDate: day('2020-03-01'), endDate: day('2020-10-31'), status: 'CLOSED', kind: 'PEAK',
      commandUnitId: sibling.id, demo: true, issuingAuthority: SIBLING.name,
      units: { create: siblingUnits.map((u) => ({ unitId: u.id })) },
      titles: { create: [{ code: gk.code, name: gk.name, scope: gk.scope, kind: gk.kind, catalogId: gk.id, quotaBase: 'NONE', requiresRegistration: false, order: 1 }] },
    },
    include: { titles: true },
  });
  await tx.awardProposal.create({
    data: {
      campaignId: campaign.id, commandUnitId: sibling.id, holderUnitId: sibling.id, status: 'SUBMITTED', createdById: user.haiduong, submittedAt: day('2020-11-05'), createdAt: day('2020-11-04'),
      note: 'Đề nghị tặng Giấy khen đợt thi đua huấn luyện giỏi',
      items: { create: [{ titleId: campaign.titles[0].id, catalogId: gk.id, unitId: siblingUnits[0].id, reason: 'Dẫn đầu đợt thi đua huấn luyện giỏi năm 2020' }] },
      steps: { create: [{ action: 'CREATE', status: 'DRAFT', fromUnitId: sibling.id, at: day('2020-11-04') }, { action: 'SUBMIT', status: 'SUBMITTED', fromUnitId: sibling.id, at: day('2020-11-05') }] },
    },
  });

  const unit = (code: string) => units.find((u) => u.code === code)!;
  // the flags are proposed to units that registered for them (Regiment 244's 2020 flag of seedUpward included)
  for (const [year, code] of [[2020, 'E244'], [2020, 'HALONG'], [2019, 'MONGCAI']] as const) {
    const campaignId = demo.regular.get(year)!;
    const flag = await tx.campaignTitle.findFirstOrThrow({ where: { campaignId, code: 'CO_QK' }, select: { id: true } });
    const pledge = await tx.pledge.upsert({
      where: { campaignId_unitId: { campaignId, unitId: unit(code).id } },
      create: { campaignId, unitId: unit(code).id, status: 'APPROVED', signedDate: day(`${year}-01-15`), submittedAt: day(`${year}-01-16`), approvedAt: day(`${year}-01-20`), approvedById: staff.OFFICER },
      update: {},
    });
    await tx.pledgeTitle.createMany({ data: [{ pledgeId: pledge.id, titleId: flag.id }], skipDuplicates: true });
  }
  const province = chain.provinceId;
  const region = chain.regionId;
  type Flag = { year: number; unitCode: string; reason: string; achievements: string };
  const flagProposal = async (f: Flag, status: 'FORWARDED' | 'DECIDED', steps: Prisma.ProposalStepCreateWithoutProposalInput[]) => {
    const campaignId = demo.regular.get(f.year)!;
    const title = await tx.campaignTitle.findFirstOrThrow({ where: { campaignId, code: 'CO_QK' }, select: { id: true, catalogId: true } });
    return tx.awardProposal.create({
      data: {
        campaignId, commandUnitId: province, holderUnitId: status === 'FORWARDED' ? region : province, status,
        note: `Đề nghị Bộ Tư lệnh Quân khu 3 tặng Cờ thi đua của Quân khu năm ${f.year}`,
        createdById: staff.OFFICER, submittedById: staff.OFFICER, submittedAt: steps[1].at as Date, createdAt: steps[0].at as Date,
        ...(status === 'DECIDED' ? { decidedById: user.qk3, decidedAt: steps[steps.length - 1].at as Date } : {}),
        items: { create: [{ titleId: title.id, catalogId: title.catalogId, unitId: unit(f.unitCode).id, reason: f.reason, achievements: f.achievements }] },
        steps: { create: steps },
      },
      include: { items: true },
    });
  };
  const upTo = (y: number, byRegion: boolean) => [
    { action: 'CREATE' as const, status: 'DRAFT' as const, fromUnitId: province, byId: staff.OFFICER, at: day(`${y}-12-20`) },
    { action: 'SUBMIT' as const, status: 'SUBMITTED' as const, fromUnitId: province, byId: staff.OFFICER, at: day(`${y}-12-21`) },
    { action: 'APPROVE' as const, status: 'APPROVED' as const, fromUnitId: province, byId: staff.COMMANDER, at: day(`${y}-12-30`) },
    { action: 'FORWARD' as const, status: 'FORWARDED' as const, fromUnitId: province, toUnitId: region, byId: staff.COMMANDER, reason: 'Kính trình Bộ Tư lệnh Quân khu 3 xem xét, quyết định.', at: day(`${y}-12-31`) },
    ...(byRegion ? [{ action: 'RECEIVE' as const, status: 'RECEIVED' as const, fromUnitId: province, toUnitId: region, byId: user['qk3.officer'], at: day(`${y + 1}-01-04`) }] : []),
  ];

  // 2020: Hạ Long's flag is with Quân khu 3, waiting in its inbox
  const forwarded = await flagProposal(
    { year: 2020, unitCode: 'HALONG', reason: 'Hoàn thành xuất sắc nhiệm vụ quân sự, quốc phòng địa phương năm 2020', achievements: 'Tuyển quân đạt 100% chỉ tiêu; diễn tập khu vực phòng thủ thành phố đạt loại giỏi' },
    'FORWARDED', upTo(2020, false),
  );
  await councilPassed(tx, province, 'Bộ CHQS tỉnh Quảng Ninh', forwarded.id, '2020-12-22', '2020-12-23');

  // 2019: Móng Cái's flag, decided by Quân khu 3 and recorded there; it flows back down to the province and the unit
  const decided = await flagProposal(
    { year: 2019, unitCode: 'MONGCAI', reason: 'Dẫn đầu phong trào thi đua Quyết thắng năm 2019 của lực lượng vũ trang tỉnh', achievements: 'Bảo vệ vững chắc chủ quyền biên giới; phối hợp chặt chẽ với Bộ đội Biên phòng' },
    'DECIDED', [...upTo(2019, true), { action: 'DECIDE', status: 'DECIDED', fromUnitId: region, toUnitId: province, byId: user.qk3, reason: '45/QĐ-BTL', at: day('2020-01-15') }],
  );
  await councilPassed(tx, province, 'Bộ CHQS tỉnh Quảng Ninh', decided.id, '2019-12-22', '2019-12-23');
  await councilPassed(tx, region, 'Quân khu 3', decided.id, '2020-01-08', '2020-01-06');
  const decision = await tx.awardDecision.create({
    data: {
      campaignId: decided.campaignId, unitId: region, proposalId: decided.id, number: '45/QĐ-BTL', date: day('2020-01-15'),
      signingAuthority: 'Bộ Tư lệnh Quân khu 3', signerName: 'Thiếu tướng Đỗ Văn Hòa', createdById: user.qk3,
      legalBasis: 'Căn cứ Luật Thi đua, khen thưởng;\nCăn cứ Thông tư của Bộ Quốc phòng hướng dẫn công tác thi đua, khen thưởng trong Quân đội;\nXét đề nghị của Bộ CHQS tỉnh Quảng Ninh và Hội đồng Thi đua – Khen thưởng Quân khu 3.',
    },
  });
  const line = decided.items[0];
  await tx.award.create({ data: { decisionId: decision.id, campaignId: decided.campaignId, titleId: line.titleId, catalogId: line.catalogId, unitId: line.unitId, reason: line.reason } });
}
