import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cloneTestDatabase, type TestDatabase } from '../helpers/db.ts';

let db: TestDatabase;
before(async () => {
  db = await cloneTestDatabase();
});
after(() => db.close());

test('the database itself refuses data that breaks the rules', async () => {
  const p = db.prisma;
  const campaign = await p.campaign.findFirstOrThrow();
  const criterion = await p.criterion.findFirstOrThrow({ where: { campaignId: campaign.id } });
  const unit = await p.unit.findFirstOrThrow({ where: { code: 'HALONG' } });
  const period = await p.period.findFirstOrThrow({ where: { campaignId: campaign.id, seq: 3 } });
  const title = await p.campaignTitle.findFirstOrThrow({ where: { campaignId: campaign.id } });
  const attempts: [string, () => Promise<unknown>][] = [
    ['unit account without a unit', () => p.user.create({ data: { username: 'x-no-unit', passwordHash: 'x', fullName: 'X', role: 'UNIT' } })],
    ['campaign ending before it starts', () => p.campaign.create({ data: { name: 'X', startDate: new Date('2022-02-01'), endDate: new Date('2022-01-01') } })],
    ['criterion with zero max points', () => p.criterion.update({ where: { id: criterion.id }, data: { maxPoints: 0 } })],
    ['negative score', () => p.score.create({ data: { campaignId: campaign.id, periodId: period.id, unitId: unit.id, criterionId: criterion.id, points: -1 } })],
    ['quota over 100%', () => p.campaignTitle.update({ where: { id: title.id }, data: { quotaPercent: 150 } })],
    ['unit as its own parent', () => p.unit.update({ where: { id: unit.id }, data: { parentId: unit.id } })],
    ['duplicate score cell', async () => {
      const existing = await p.score.findFirstOrThrow();
      return p.score.create({ data: { campaignId: existing.campaignId, periodId: existing.periodId, unitId: existing.unitId, criterionId: existing.criterionId, points: 1 } });
    }],
  ];
  for (const [what, run] of attempts) {
    await assert.rejects(run, Error, what);
  }
  assert.equal(await p.user.count({ where: { username: 'x-no-unit' } }), 0);
});
