// The demo's movement years (2019–2021): each year's regular "Quyết thắng" campaign with the annual titles picked
// from the catalogue, the focal units' people and headcounts, and a published history for 2019 and 2020 (decisions
// and awards) so prerequisites and chains of years have something to read. "Lập công dâng Đảng" is 2021's peak
// campaign. Everything here is demo data; the catalogue itself is reference data seeded by migration.
import type { Prisma } from '../generated/prisma/client.ts';
import { KNOWN_PEOPLE, peopleOf } from './people.ts';

type Tx = Prisma.TransactionClient;
type UnitRef = { id: number; code: string };
const day = (s: string) => new Date(s + 'T00:00:00Z');

const MOTTO = 'Đoàn kết, mẫu mực, kỷ cương, sáng tạo, quyết thắng';
export const YEARS = [
  {
    year: 2019,
    theme: 'Nâng cao chất lượng tổng hợp, sức mạnh chiến đấu; xây dựng lực lượng vũ trang tỉnh vững mạnh toàn diện, "mẫu mực, tiêu biểu"',
    decisionNo: '09/QĐ-BCH',
  },
  {
    year: 2020,
    theme: 'Thực hiện thắng lợi mục tiêu kép: vừa phòng, chống dịch bệnh, vừa bảo đảm quốc phòng, an ninh và phát triển kinh tế - xã hội',
    decisionNo: '07/QĐ-BCH',
  },
  {
    year: 2021,
    theme:
      'Giữ vững địa bàn an toàn và đà tăng trưởng trong trạng thái bình thường mới; đẩy nhanh tốc độ phát triển và hoàn thiện hệ thống kết cấu hạ tầng kinh tế - xã hội đồng bộ, hiện đại; thúc đẩy liên kết vùng',
    decisionNo: '05/QĐ-BCH',
  },
] as const;

/** The annual titles each regular campaign proposes, picked from the catalogue (quotas copied from its defaults). */
export const REGULAR_TITLE_CODES = ['DVQT', 'DVTT', 'CO_QK', 'GK_DV', 'CSTD_TQUAN', 'CSTDCS', 'CSTT', 'GK_CN'] as const;

/** What the 2019 and 2020 year-end decisions gave. People are [unit code, index in the unit's list]. */
const HISTORY = {
  2019: {
    decision: { number: '312/QĐ-BCH', date: '2019-12-26' },
    notDvtt: ['BINHLIEU', 'COTO', 'BACHE'],
    dvqt: ['E244', 'HALONG'],
    cstdcs: [[KNOWN_PEOPLE.chain.unit, KNOWN_PEOPLE.chain.index], ['E244', 0], ['KCQ', 0], ['MONGCAI', 1], ['CAMPHA', 0]],
  },
  2020: {
    decision: { number: '298/QĐ-BCH', date: '2020-12-28' },
    notDvtt: ['COTO', 'BACHE'],
    dvqt: ['E244', 'HALONG', 'KCQ'],
    cstdcs: [[KNOWN_PEOPLE.chain.unit, KNOWN_PEOPLE.chain.index], ['E244', 0], [KNOWN_PEOPLE.once.unit, KNOWN_PEOPLE.once.index], ['MONGCAI', 1], ['UONGBI', 0], ['DONGTRIEU', 2]],
  },
} as const;

export type DemoYears = {
  /** MovementYear id by year */
  years: Map<number, number>;
  /** the regular campaign's id by year */
  regular: Map<number, number>;
  /** each focal unit's people ids, in the order of peopleOf() */
  people: Map<string, number[]>;
};

/** Seed the years, people, headcounts and regular campaigns; link the peak campaign to 2021. */
export async function seedYears(tx: Tx, units: UnitRef[], staff: Record<string, number>, peakCampaignId: number): Promise<DemoYears> {
  const years = new Map<number, number>();
  for (const y of YEARS) {
    const row = await tx.movementYear.create({
      data: { year: y.year, name: `Phong trào thi đua Quyết thắng năm ${y.year}`, motto: MOTTO, theme: y.theme, decisionNo: y.decisionNo, demo: true },
    });
    years.set(y.year, row.id);
  }
  await tx.campaign.update({ where: { id: peakCampaignId }, data: { yearId: years.get(2021), kind: 'PEAK' } });

  // People: every member of each focal unit is recorded, so the headcount equals the people seeded and member-share
  // rules (over half the members CSTT, at least one CSTĐCS) can be read from the records.
  const lists = units.map((u, i) => ({ unit: u, list: peopleOf(u.code, i) }));
  await tx.person.createMany({ data: lists.flatMap(({ unit, list }) => list.map((p) => ({ ...p, unitId: unit.id }))) });
  const created = await tx.person.findMany({ where: { unitId: { in: units.map((u) => u.id) } }, orderBy: { id: 'asc' }, select: { id: true, unitId: true } });
  const people = new Map<string, number[]>(units.map((u) => [u.code, created.filter((p) => p.unitId === u.id).map((p) => p.id)]));
  await tx.unitHeadcount.createMany({
    data: lists.flatMap(({ unit, list }) => YEARS.map((y) => ({ unitId: unit.id, year: y.year, headcount: list.length }))),
  });

  const catalogue = await tx.titleCatalog.findMany({ where: { code: { in: [...REGULAR_TITLE_CODES] } } });
  const regular = new Map<number, number>();
  for (const y of YEARS) {
    const published = y.year < 2021;
    const campaign = await tx.campaign.create({
      data: {
        name: `Phong trào thi đua Quyết thắng năm ${y.year}`,
        slogan: MOTTO,
        movements: 'Cuộc vận động "Phát huy truyền thống, cống hiến tài năng, xứng danh Bộ đội Cụ Hồ"',
        themes: y.theme,
        decisionNo: y.decisionNo,
        decisionDate: day(`${y.year}-01-05`),
        issuingAuthority: 'Bộ Chỉ huy Quân sự tỉnh Quảng Ninh',
        startDate: day(`${y.year}-01-01`),
        endDate: day(`${y.year}-12-31`),
        status: published ? 'PUBLISHED' : 'ACTIVE',
        kind: 'REGULAR',
        yearId: years.get(y.year),
        demo: true,
        createdById: staff.ADMIN,
        units: { create: units.map((u) => ({ unitId: u.id })) },
        periods: {
          create: [
            { seq: 1, name: `6 tháng đầu năm ${y.year}`, startDate: day(`${y.year}-01-01`), endDate: day(`${y.year}-06-30`), status: published ? 'CLOSED' : 'OPEN' },
            { seq: 2, name: `6 tháng cuối năm ${y.year}`, startDate: day(`${y.year}-07-01`), endDate: day(`${y.year}-12-31`), status: published ? 'CLOSED' : 'OPEN' },
          ],
        },
        titles: {
          create: REGULAR_TITLE_CODES.map((code, i) => {
            const c = catalogue.find((t) => t.code === code)!;
            return {
              code: c.code, name: c.name, scope: c.scope, kind: c.kind, catalogId: c.id,
              quotaPercent: c.defaultQuotaPercent, quotaBase: c.defaultQuotaBase, quotaBaseCode: c.quotaBaseCode, order: i + 1,
            };
          }),
        },
      },
      include: { titles: true },
    });
    regular.set(y.year, campaign.id);
    const steps: { from: 'DRAFT' | 'ACTIVE' | 'CLOSED' | null; to: 'DRAFT' | 'ACTIVE' | 'CLOSED' | 'PUBLISHED'; at: string }[] = [
      { from: null, to: 'DRAFT', at: `${y.year}-01-02` },
      { from: 'DRAFT', to: 'ACTIVE', at: `${y.year}-01-05` },
    ];
    if (published) steps.push({ from: 'ACTIVE', to: 'CLOSED', at: `${y.year}-12-20` }, { from: 'CLOSED', to: 'PUBLISHED', at: `${y.year}-12-28` });
    await tx.campaignStatusChange.createMany({
      data: steps.map((s) => ({ campaignId: campaign.id, fromStatus: s.from, toStatus: s.to, byId: s.to === 'PUBLISHED' ? staff.COMMANDER : staff.ADMIN, at: day(s.at) })),
    });
    if (y.year === 2019 || y.year === 2020) {
      const titleId = (code: string) => campaign.titles.find((t) => t.code === code)!.id;
      await seedHistory(tx, { year: y.year, campaignId: campaign.id, units, people, staff, titleId });
    }
  }
  return { years, regular, people };
}

type HistoryArgs = { year: 2019 | 2020; campaignId: number; units: UnitRef[]; people: Map<string, number[]>; staff: Record<string, number>; titleId: (code: string) => number };

/** A decided year-end proposal: ĐVTT to most units, ĐVQT to a few of them, CSTT to over half of each ĐVTT unit's people, CSTĐCS to a few of those. */
async function seedHistory(tx: Tx, { year, campaignId, units, people, staff, titleId }: HistoryArgs) {
  const h = HISTORY[year];
  const items: { titleId: number; unitId: number | null; personId: number | null }[] = [];
  for (const u of units) {
    const dvtt = !(h.notDvtt as readonly string[]).includes(u.code);
    if (dvtt) items.push({ titleId: titleId('DVTT'), unitId: u.id, personId: null });
    if ((h.dvqt as readonly string[]).includes(u.code)) items.push({ titleId: titleId('DVQT'), unitId: u.id, personId: null });
    const ids = people.get(u.code)!;
    // over half the members for an ĐVTT unit; fewer elsewhere
    const holders = dvtt ? Math.floor(ids.length / 2) + 1 + (year === 2020 && ids.length >= 12 ? 1 : 0) : Math.floor(ids.length * 0.4);
    for (const personId of ids.slice(0, holders)) items.push({ titleId: titleId('CSTT'), unitId: null, personId });
  }
  for (const [code, index] of h.cstdcs) items.push({ titleId: titleId('CSTDCS'), unitId: null, personId: people.get(code)![index] });

  const decidedAt = day(h.decision.date);
  const proposal = await tx.awardProposal.create({
    data: {
      campaignId, status: 'DECIDED', note: `Đề nghị khen thưởng tổng kết phong trào thi đua Quyết thắng năm ${year}`,
      createdById: staff.OFFICER, submittedById: staff.OFFICER, submittedAt: day(`${year}-12-18`), decidedById: staff.COMMANDER, decidedAt,
    },
  });
  await tx.proposalItem.createMany({ data: items.map((i) => ({ ...i, proposalId: proposal.id })) });
  const decision = await tx.awardDecision.create({
    data: {
      campaignId, proposalId: proposal.id, number: h.decision.number, date: decidedAt,
      signingAuthority: 'Bộ Chỉ huy Quân sự tỉnh Quảng Ninh', signerName: 'Đại tá Trần Quốc Hưng', createdById: staff.COMMANDER,
    },
  });
  await tx.award.createMany({ data: items.map((i) => ({ ...i, decisionId: decision.id, campaignId })) });
}
