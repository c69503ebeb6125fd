import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seededRandom } from '../../src/lib/random.ts';
import { cachedCompleteness } from '../../src/dashboards/completeness-kept.ts';
import { completenessSummary, type UnitFilter } from '../../src/dashboards/completeness.ts';

// The kept scoring completeness (src/dashboards/completeness-kept.ts) catches up from the pairs written since its
// snapshot. Whatever is written, by whichever path, it must equal the summary counted whole, bucket by bucket and
// name by name; and after a score or assessment write it must have read only what changed.

let app: TestApp;
let campaignId: number;
let statements: string[] = [];
const FULL = /CROSS JOIN cu/;

before(async () => {
  app = await startTestApp({}, { onQuery: (sql) => statements.push(sql) });
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
});
after(() => app.close());

const periodsOf = () => app.prisma.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' }, select: { id: true, seq: true, name: true, status: true } });

/** The kept completeness against the one counted whole, for the campaign and a parent unit's block; the statements the kept one sent. */
async function same(what: string, filter: UnitFilter = {}, listed = 5): Promise<string[]> {
  const periods = await periodsOf();
  statements = [];
  const kept = await cachedCompleteness(app.prisma, campaignId, periods, filter, listed);
  const sent = [...statements];
  const whole = await completenessSummary(app.prisma, campaignId, periods, filter, listed);
  assert.deepEqual(kept, whole, what);
  return sent;
}

test('after any score or assessment write the kept completeness equals the one counted whole, and reads only the pairs written', async () => {
  const p = app.prisma;
  const [periods, units, criteria, parent] = await Promise.all([
    periodsOf(),
    p.campaignUnit.findMany({ where: { campaignId }, select: { unitId: true } }),
    p.criterion.findMany({ where: { campaignId }, select: { id: true } }),
    p.unit.findFirstOrThrow({ where: { code: 'BCHQS-QN' } }),
  ]);
  assert.ok(periods.length >= 2 && units.length >= 10);
  assert.ok((await same('first count')).some((s) => FULL.test(s)), 'the first view counts it whole');
  await same('first count under a parent unit', { parent: parent.id });
  assert.ok(!(await same('kept')).some((s) => FULL.test(s) || /ScoreSheet/.test(s)), 'an unchanged counter reads nothing');

  const random = seededRandom(12);
  const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const statuses = ['DRAFT', 'SUBMITTED', 'RETURNED', 'VERIFIED'] as const;
  const writes: Record<string, () => Promise<unknown>> = {
    'self-assessed point on a new cell': async () => {
      const [period, unit, crit] = [pick(periods), pick(units), pick(criteria)];
      const cell = { periodId_unitId_criterionId: { periodId: period.id, unitId: unit.unitId, criterionId: crit.id } };
      if (!(await p.score.findUnique({ where: cell }))) await p.score.create({ data: { campaignId, periodId: period.id, unitId: unit.unitId, criterionId: crit.id, selfPoints: 3 } });
    },
    'a unit’s points cleared': async () => {
      const [period, unit] = [pick(periods), pick(units)];
      await p.score.updateMany({ where: { periodId: period.id, unitId: unit.unitId }, data: { points: null, selfPoints: null } });
    },
    'a unit’s scores deleted': async () => {
      const [period, unit] = [pick(periods), pick(units)];
      await p.score.deleteMany({ where: { periodId: period.id, unitId: unit.unitId } });
    },
    'an official point': async () => {
      const [period, unit, crit] = [pick(periods), pick(units), pick(criteria)];
      await p.score.upsert({
        where: { periodId_unitId_criterionId: { periodId: period.id, unitId: unit.unitId, criterionId: crit.id } },
        create: { campaignId, periodId: period.id, unitId: unit.unitId, criterionId: crit.id, points: 5 },
        update: { points: 5 },
      });
    },
    'an assessment written': async () => {
      const [period, unit, status] = [pick(periods), pick(units), pick([...statuses])];
      await p.assessment.upsert({ where: { periodId_unitId: { periodId: period.id, unitId: unit.unitId } }, create: { periodId: period.id, unitId: unit.unitId, status }, update: { status } });
    },
  };
  const names = Object.keys(writes);
  for (let step = 0; step < 40; step++) {
    const name = pick(names);
    await writes[name]();
    const sent = await same(`step ${step}: ${name}`);
    assert.ok(!sent.some((s) => FULL.test(s)), `step ${step}: ${name} is caught up, not counted whole`);
    if (step % 5 === 0) await same(`step ${step}: ${name}, under a parent unit`, { parent: parent.id }, 3);
  }

  // a deleted assessment leaves no row to find: the structure moved, and it is counted whole
  const gone = await p.assessment.findFirstOrThrow({ where: { period: { campaignId } } });
  await p.assessment.delete({ where: { id: gone.id } });
  assert.ok((await same('an assessment deleted')).some((s) => FULL.test(s)));
});

test('a write in progress while the completeness is counted shows on the first view after its commit', async (t) => {
  if (!app.db.url) return t.skip('needs a second connection (PostgreSQL server)');
  const period = (await periodsOf())[0];
  const unit = await app.prisma.campaignUnit.findFirstOrThrow({ where: { campaignId }, orderBy: { unitId: 'desc' } });
  await same('before');
  const other = new pg.Client({ connectionString: app.db.url });
  await other.connect();
  try {
    await other.query('BEGIN');
    await other.query(`INSERT INTO "Assessment" ("periodId", "unitId", "status", "updatedAt") VALUES ($1, $2, 'RETURNED', now())
                       ON CONFLICT ("periodId", "unitId") DO UPDATE SET "status" = 'RETURNED'`, [period.id, unit.unitId]);
    // a score write commits meanwhile: the kept completeness is counted again, the open transaction still unseen
    const cell = await app.prisma.score.findFirstOrThrow({ where: { campaignId, periodId: period.id } });
    await app.prisma.score.update({ where: { id: cell.id }, data: { comment: 'đã xem' } });
    await same('while the other transaction is open');
    await other.query('COMMIT');
    const sent = await same('after it committed');
    assert.ok(!sent.some((s) => FULL.test(s)), 'caught up');
    const rows = await cachedCompleteness(app.prisma, campaignId, await periodsOf(), {}, 100);
    assert.ok(rows[0].first.returned.some((u) => u.id === unit.unitId), 'the returned unit is named');
  } finally {
    await other.end();
  }
});
