import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { seededRandom } from '../../src/lib/random.ts';
import { cachedCampaignStandings, campaignStandings } from '../../src/ranking/service.ts';

// A kept ranking catches up from the sheets and assessments written since its snapshot (src/ranking/live.ts). Whatever
// is written to scores and assessments, straight to the database as another instance would, the caught-up ranking
// must equal one computed whole; and it must have read only the assessments written since, not every verified unit.

let app: TestApp;
let campaignId: number;
let statements: string[] = [];

before(async () => {
  app = await startTestApp({}, { onQuery: (sql) => statements.push(sql) });
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
});
after(() => app.close());

const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

/** The kept ranking (whole campaign and up to period 2) against the ones computed whole; the statements the kept ones sent. */
async function same(what: string): Promise<string[]> {
  statements = [];
  const kept = [await cachedCampaignStandings(app.prisma, campaignId), await cachedCampaignStandings(app.prisma, campaignId, { uptoSeq: 2 })];
  const sent = [...statements];
  const whole = [await campaignStandings(app.prisma, campaignId), await campaignStandings(app.prisma, campaignId, { uptoSeq: 2 })];
  assert.deepEqual(json(kept), json(whole), what);
  return sent;
}

/** a statement that lists every verified unit of the campaign (a full read) */
const FULL_VERIFIED = /AND a\."status" = 'VERIFIED'/;
/** a statement that reads the assessments written since a snapshot (a catch-up) */
const SINCE = /pg_visible_in_snapshot\(a\."tx"/;

test('after any assessment or score write the caught-up ranking equals one computed whole, reading only what was written', async () => {
  const p = app.prisma;
  const [periods, units, criteria] = await Promise.all([
    p.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' } }),
    p.campaignUnit.findMany({ where: { campaignId }, select: { unitId: true } }),
    p.criterion.findMany({ where: { campaignId }, select: { id: true, maxPoints: true } }),
  ]);
  // the periods the demo has verified scores in, where a flipped verification changes the ranking
  const scored = periods.slice(0, 3);
  assert.ok((await same('first computation')).some((s) => FULL_VERIFIED.test(s)), 'computed whole first');
  assert.equal((await same('kept')).length, 2, 'kept: one counter read each');

  const random = seededRandom(7);
  const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  /** each write says whether it wrote anything */
  const writes: Record<string, () => Promise<boolean>> = {
    'a verified unit sent back': async () => {
      const a = await p.assessment.findFirst({ where: { periodId: { in: scored.map((x) => x.id) }, status: 'VERIFIED', unitId: pick(units).unitId } });
      if (a) await p.assessment.update({ where: { id: a.id }, data: { status: pick(['SUBMITTED', 'RETURNED', 'DRAFT'] as const) } });
      return Boolean(a);
    },
    'a unit verified': async () => {
      const [period, unit] = [pick(scored), pick(units)];
      await p.assessment.upsert({ where: { periodId_unitId: { periodId: period.id, unitId: unit.unitId } }, create: { periodId: period.id, unitId: unit.unitId, status: 'VERIFIED' }, update: { status: 'VERIFIED' } });
      return true;
    },
    'a point changed': async () => {
      const [period, unit, crit] = [pick(scored), pick(units), pick(criteria)];
      const points = Math.round(random() * Number(crit.maxPoints) * 100) / 100;
      await p.score.upsert({
        where: { periodId_unitId_criterionId: { periodId: period.id, unitId: unit.unitId, criterionId: crit.id } },
        create: { campaignId, periodId: period.id, unitId: unit.unitId, criterionId: crit.id, points },
        update: { points },
      });
      return true;
    },
    'an assessment note only': async () => {
      const a = await p.assessment.findFirst({ where: { periodId: pick(scored).id } });
      if (a) await p.assessment.update({ where: { id: a.id }, data: { selfNote: `ghi chú ${random()}` } });
      return Boolean(a);
    },
  };
  const names = Object.keys(writes);
  let flips = 0;
  for (let step = 0; step < 30; step++) {
    const name = pick(names);
    const wrote = await writes[name]();
    if (wrote && name !== 'a point changed' && name !== 'an assessment note only') flips++;
    const sent = await same(`step ${step}: ${name}`);
    assert.ok(!sent.some((s) => FULL_VERIFIED.test(s)), `step ${step}: ${name}: not every verified unit read again`);
    assert.equal(sent.some((s) => SINCE.test(s)), wrote, `step ${step}: ${name}: caught up after a write, kept otherwise`);
  }
  assert.ok(flips >= 10, `${flips} verification writes`);

  // a deleted assessment leaves no row to find: the structure moved, and the ranking is computed whole
  const gone = await p.assessment.findFirstOrThrow({ where: { periodId: scored[0].id, status: 'VERIFIED' } });
  await p.assessment.delete({ where: { id: gone.id } });
  assert.ok((await same('an assessment deleted')).some((s) => FULL_VERIFIED.test(s)));
});

test("a sheet's criteria and points as text follow its arrays through every kind of score write", async () => {
  const p = app.prisma;
  const [period] = await p.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' }, take: 1 });
  const cell = await p.score.findFirstOrThrow({ where: { periodId: period.id, points: { not: null } }, orderBy: { id: 'asc' } });
  const sheet = { periodId: period.id, unitId: cell.unitId };
  /** the sheets whose texts differ from their arrays (none), and this sheet's texts */
  const check = async (what: string) => {
    const [{ off }] = await p.$queryRaw<{ off: number }[]>`
      SELECT count(*)::int AS off FROM "ScoreSheet"
      WHERE "criteriaText" IS DISTINCT FROM array_to_string("criterionIds", ',') OR "pointsText" IS DISTINCT FROM array_to_string("points", ',')`;
    assert.equal(off, 0, `${what}: every sheet's texts are its arrays`);
    return p.scoreSheet.findUniqueOrThrow({ where: { periodId_unitId: sheet }, select: { criteriaText: true, pointsText: true } });
  };
  const before = await check('demo data');
  assert.ok(before.criteriaText!.split(',').includes(String(cell.criterionId)), 'the cell is on its sheet');

  await p.score.update({ where: { id: cell.id }, data: { points: 0.25 } });
  const after = await check('a point changed');
  const at = after.criteriaText!.split(',').indexOf(String(cell.criterionId));
  assert.equal(after.pointsText!.split(',')[at], '25', 'points in hundredths');

  await p.score.update({ where: { id: cell.id }, data: { points: null } });
  assert.ok(!(await check('a point cleared')).criteriaText!.split(',').includes(String(cell.criterionId)), 'a cleared cell leaves the sheet');

  await p.score.delete({ where: { id: cell.id } });
  await check('a cell deleted');
  await p.score.create({ data: { campaignId, periodId: period.id, unitId: cell.unitId, criterionId: cell.criterionId, points: cell.points } });
  assert.deepEqual(await check('the cell written again'), before, 'back to where it was');
  await same('after the sheet writes');
});
