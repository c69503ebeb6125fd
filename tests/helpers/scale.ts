// A campaign bigger than a page, for the scale tests (tests/integration/scale-pages.test.ts) and their screenshots
// (tests/e2e/scale-pages.test.ts): 60 units, 40 under parent A (the first 20 also in cluster K), 20 under parent B.
import type { TestApp } from './app.ts';

export const BIG_UNITS = 60;

export type BigCampaign = { campaignId: number; periodId: number; parentA: number; parentB: number; clusterId: number; units: { id: number; code: string; name: string }[]; criteria: number[]; tag: string };

/** Period 1 verified for all (unit i scores 10 + ⌊i/2⌋ per criterion); period 2: 25 drafts; 25 draft pledges. */
export async function makeBigCampaign(p: TestApp['prisma']): Promise<BigCampaign> {
  const N = BIG_UNITS;
  const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
  const parentA = await p.unit.create({ data: { code: `PA${tag}`, name: `Sư đoàn Alpha ${tag}`, type: 'OTHER', searchText: `pa${tag.toLowerCase()} su doan alpha` } });
  const parentB = await p.unit.create({ data: { code: `PB${tag}`, name: `Sư đoàn Bravo ${tag}`, type: 'OTHER', searchText: `pb${tag.toLowerCase()} su doan bravo` } });
  await p.unit.createMany({
    data: Array.from({ length: N }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      const name = i === 41 ? `Tiểu đoàn Cẩm Phả ${tag}` : `Đơn vị thử ${n} ${tag}`;
      return { code: `S${tag}${n}`, name, type: 'OTHER' as const, parentId: i < 40 ? parentA.id : parentB.id, searchText: `s${tag.toLowerCase()}${n} ${i === 41 ? 'tieu doan cam pha' : 'don vi thu ' + n}` };
    }),
  });
  const units = await p.unit.findMany({ where: { code: { startsWith: `S${tag}` } }, orderBy: { code: 'asc' }, select: { id: true, code: true, name: true } });
  const cluster = await p.cluster.create({ data: { name: `Cụm thử ${tag}`, members: { create: units.slice(0, 20).map((u) => ({ unitId: u.id })) } } });
  const campaign = await p.campaign.create({
    data: {
      name: `Thi đua quy mô ${tag}`, startDate: new Date('2024-01-01'), endDate: new Date('2024-12-31'), status: 'ACTIVE',
      units: { create: units.map((u) => ({ unitId: u.id })) },
      periods: { create: [{ seq: 1, name: `Quý I ${tag}`, startDate: new Date('2024-01-01'), endDate: new Date('2024-03-31') }] },
    },
    include: { periods: true },
  });
  const group = await p.criteriaGroup.create({ data: { campaignId: campaign.id, code: 'A', title: 'Nhóm A' } });
  const criteria: number[] = [];
  for (const code of ['A1', 'A2']) criteria.push((await p.criterion.create({ data: { campaignId: campaign.id, groupId: group.id, code, title: `Tiêu chí ${code}`, maxPoints: 50, order: criteria.length } })).id);
  const periodId = campaign.periods[0].id;
  // unit i scores i/2 + 10 on each criterion: the last unit is best, the first worst
  await p.score.createMany({ data: units.flatMap((u, i) => criteria.map((criterionId) => ({ campaignId: campaign.id, periodId, unitId: u.id, criterionId, points: 10 + Math.floor(i / 2), selfPoints: 10 }))) });
  await p.assessment.createMany({ data: units.map((u) => ({ periodId, unitId: u.id, status: 'VERIFIED' as const, verifiedAt: new Date() })) });
  // period 2: 25 units have a draft, the other 35 nothing; 25 units have a pledge
  const period2 = await p.period.create({ data: { campaignId: campaign.id, seq: 2, name: `Quý II ${tag}`, startDate: new Date('2024-04-01'), endDate: new Date('2024-06-30') } });
  await p.assessment.createMany({ data: units.slice(0, 25).map((u) => ({ periodId: period2.id, unitId: u.id, status: 'DRAFT' as const })) });
  await p.pledge.createMany({ data: units.slice(0, 25).map((u) => ({ campaignId: campaign.id, unitId: u.id })) });
  return { campaignId: campaign.id, periodId, parentA: parentA.id, parentB: parentB.id, clusterId: cluster.id, units, criteria, tag };
}
