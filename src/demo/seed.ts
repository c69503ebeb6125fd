import type { Db } from '../db/index.ts';
import { hashPassword } from '../auth/password.ts';
import { unitSearchText } from '../units/service.ts';
import { seedYears } from './year.ts';
import { seedReview } from './review.ts';
import { seedUpward } from './upward.ts';
import { seedCouncils } from './council.ts';
import { seedPostings } from './postings.ts';
import { seedChain } from './chain.ts';
import { seededRandom } from '../lib/random.ts';
import { CAMPAIGN, CLASS_RULES, CRITERIA_GROUPS, FOCAL_UNITS, PERIODS, PROVINCE, STAFF, TIE_BREAKS, TITLES } from './data.ts';

const day = (s: string) => new Date(s + 'T00:00:00Z');

/** Load the reference-case demo data once. Returns false when the database already has users. */
export async function seedDemo(prisma: Db, password: string): Promise<boolean> {
  if ((await prisma.user.count()) > 0) return false;
  const passwordHash = await hashPassword(password);

  await prisma.$transaction(
    async (tx) => {
      const province = await tx.unit.create({ data: { ...PROVINCE, searchText: unitSearchText(PROVINCE), demo: true } });
      const units = [];
      for (const u of FOCAL_UNITS) {
        units.push(await tx.unit.create({ data: { ...u, parentId: province.id, searchText: unitSearchText(u), demo: true } }));
      }
      const staff: Record<string, number> = {};
      for (const s of STAFF) {
        staff[s.role] = (await tx.user.create({ data: { ...s, passwordHash, unitId: province.id } })).id;
      }
      await tx.user.createMany({
        data: units.map((u) => ({ username: u.code.toLowerCase(), fullName: u.name, role: 'UNIT' as const, unitId: u.id, passwordHash })),
      });
      await tx.cluster.create({
        data: {
          name: 'Cụm thi đua các huyện miền Đông',
          leadUnitId: units.find((u) => u.code === 'MONGCAI')!.id,
          members: { create: units.filter((u) => ['MONGCAI', 'HAIHA', 'DAMHA', 'TIENYEN', 'BINHLIEU', 'BACHE', 'COTO', 'VANDON'].includes(u.code)).map((u) => ({ unitId: u.id })) },
        },
      });
      await tx.cluster.create({
        data: {
          name: 'Cụm thi đua các địa phương miền Tây',
          leadUnitId: units.find((u) => u.code === 'HALONG')!.id,
          members: { create: units.filter((u) => ['HALONG', 'CAMPHA', 'UONGBI', 'DONGTRIEU', 'QUANGYEN'].includes(u.code)).map((u) => ({ unitId: u.id })) },
        },
      });

      const campaign = await tx.campaign.create({
        data: {
          ...CAMPAIGN,
          decisionDate: day(CAMPAIGN.decisionDate),
          startDate: day(CAMPAIGN.startDate),
          endDate: day(CAMPAIGN.endDate),
          status: 'ACTIVE',
          tieBreaks: TIE_BREAKS,
          classRules: CLASS_RULES,
          demo: true,
          createdById: staff.ADMIN,
          units: { create: units.map((u) => ({ unitId: u.id })) },
        },
      });
      await tx.campaignStatusChange.createMany({
        data: [
          { campaignId: campaign.id, fromStatus: null, toStatus: 'DRAFT', byId: staff.ADMIN, at: day('2021-01-05') },
          { campaignId: campaign.id, fromStatus: 'DRAFT', toStatus: 'ACTIVE', byId: staff.ADMIN, at: day('2021-01-10') },
        ],
      });
      const years = await seedYears(tx, units, staff, campaign.id);
      await seedReview(tx, units, staff, years);
      // issue 11: the commands above the province and the proposal sent up to them (councils, công khai and
      // the chain's own demo data follow, each in its own file)
      const chain = await seedUpward(tx, province, units, staff, years);
      await seedCouncils(tx, chain, staff);
      await seedPostings(tx, chain, staff);
      await seedChain(tx, chain, units, staff, years, passwordHash);
      const periods = [];
      for (const p of PERIODS) {
        periods.push(await tx.period.create({ data: { campaignId: campaign.id, seq: p.seq, name: p.name, startDate: day(p.startDate), endDate: day(p.endDate) } }));
      }
      const criteria = [];
      for (const [gi, g] of CRITERIA_GROUPS.entries()) {
        const group = await tx.criteriaGroup.create({ data: { campaignId: campaign.id, code: g.code, title: g.title, order: gi + 1 } });
        for (const [ci, c] of g.criteria.entries()) {
          criteria.push(
            await tx.criterion.create({
              data: { campaignId: campaign.id, groupId: group.id, code: c.code, title: c.title, maxPoints: c.max, weight: c.weight ?? 1, kind: c.kind ?? 'NORMAL', order: ci + 1 },
            }),
          );
        }
      }
      const catalogue = await tx.titleCatalog.findMany({ where: { code: { in: TITLES.map((t) => t.code) } } });
      const titles = [];
      for (const [i, ti] of TITLES.entries()) {
        const c = catalogue.find((e) => e.code === ti.code)!;
        titles.push(
          await tx.campaignTitle.create({
            data: { campaignId: campaign.id, ...ti, name: c.name, scope: c.scope, kind: c.kind, catalogId: c.id, order: i + 1 },
          }),
        );
      }

      // Period 1: every unit self-assessed and verified by the officer.
      const first = periods[0];
      const scoredAt = day('2021-03-03');
      const scoreRows = [];
      for (const [ui, u] of units.entries()) {
        const rand = seededRandom(1000 + ui);
        const skill = 0.72 + 0.25 * rand();
        for (const c of criteria) {
          const max = Number(c.maxPoints);
          let points: number;
          if (c.kind === 'NORMAL') points = Math.min(max, Math.round(max * (skill + 0.08 * (rand() - 0.5)) * 2) / 2);
          else if (c.kind === 'BONUS') points = rand() < 0.3 ? Math.round(rand() * max * 2) / 2 : 0;
          else points = rand() < 0.15 ? Math.max(0.5, Math.round(rand() * max)) : 0;
          const self = c.kind === 'PENALTY' ? points : Math.min(max, points + (rand() < 0.4 ? 0.5 : 0));
          scoreRows.push({
            campaignId: campaign.id, periodId: first.id, unitId: u.id, criterionId: c.id,
            points, selfPoints: self, scoredById: staff.OFFICER, scoredAt,
            comment: c.kind === 'PENALTY' && points > 0 ? 'Có vụ việc, đã chấn chỉnh kịp thời.' : null,
          });
        }
      }
      await tx.score.createMany({ data: scoreRows });
      await tx.assessment.createMany({
        data: units.map((u) => ({ periodId: first.id, unitId: u.id, status: 'VERIFIED' as const, submittedAt: day('2021-03-01'), verifiedById: staff.OFFICER, verifiedAt: scoredAt })),
      });

      // A few pledges in different states, so the campaign page has something to show.
      const bk = titles.find((t) => t.code === 'BK_BQP_DV')!;
      const gk = titles.find((t) => t.code === 'GK_DV')!;
      for (const [i, code] of ['KCQ', 'HALONG', 'E244', 'MONGCAI'].entries()) {
        const unit = units.find((u) => u.code === code)!;
        const status = (['APPROVED', 'APPROVED', 'SUBMITTED', 'DRAFT'] as const)[i];
        await tx.pledge.create({
          data: {
            campaignId: campaign.id, unitId: unit.id, status,
            signatoryName: 'Thượng tá Lê Văn Bình', signatoryRank: 'Thượng tá', signatoryPosition: 'Chỉ huy trưởng',
            signedDate: day('2021-01-15'),
            submittedAt: status === 'DRAFT' ? null : day('2021-01-16'),
            approvedAt: status === 'APPROVED' ? day('2021-01-20') : null,
            approvedById: status === 'APPROVED' ? staff.OFFICER : null,
            targets: {
              create: [
                { order: 1, content: '100% cán bộ, chiến sĩ có bản lĩnh chính trị vững vàng', indicator: 'Tỷ lệ cán bộ, chiến sĩ có lập trường tư tưởng vững vàng', unitOfMeasure: '%', comparator: 'EQ', targetValue: 100 },
                { order: 2, content: 'Kết quả huấn luyện đạt khá, giỏi từ 95% trở lên', indicator: 'Tỷ lệ nội dung huấn luyện đạt khá, giỏi', unitOfMeasure: '%', comparator: 'GTE', targetValue: 95 },
                { order: 3, content: 'Không để xảy ra vụ việc vi phạm kỷ luật nghiêm trọng', indicator: 'Số vụ vi phạm kỷ luật nghiêm trọng', unitOfMeasure: 'vụ', comparator: 'EQ', targetValue: 0 },
              ],
            },
            measures: {
              create: [
                { order: 1, content: 'Đẩy mạnh tuyên truyền, giáo dục chính trị, tư tưởng gắn với học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh' },
                { order: 2, content: 'Tổ chức huấn luyện sát thực tế, chú trọng huấn luyện đồng bộ, chuyên sâu' },
              ],
            },
            titles: { create: [{ titleId: i < 2 ? bk.id : gk.id }] },
          },
        });
      }
    },
    { timeout: 60_000 },
  );
  return true;
}
