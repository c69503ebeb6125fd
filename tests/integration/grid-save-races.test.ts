// Officers saving the same grid at the same moment (issue 12: a save reuses the cells it read before its
// transaction, and counts filled cells from the score sheets). Whatever the interleaving, no save silently
// overwrites another's cells, and a unit whose cells were all filled by two saves ends verified.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import type { Client } from '../helpers/http.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { formFields } from '../helpers/forms.ts';
import { cellsOf } from '../helpers/audit.ts';

let app: TestApp;
const second = `officer_${Math.random().toString(36).slice(2, 8)}`;

before(async () => {
  app = await startTestApp();
  await app.prisma.user.create({ data: { username: second, fullName: 'Đại úy Lê Văn Bình', role: 'OFFICER', passwordHash: await hashPassword(DEMO_PASSWORD) } });
});
after(() => app.close());

/** A campaign of its own: active, one open period, the given units, four normal criteria. */
async function makeCampaign(codes: string[]) {
  const tag = Math.random().toString(36).slice(2, 8);
  const units = await app.prisma.unit.findMany({ where: { code: { in: codes } }, orderBy: { code: 'asc' } });
  const campaign = await app.prisma.campaign.create({
    data: {
      name: `Phong trào đua ${tag}`, startDate: new Date('2024-01-01'), endDate: new Date('2024-12-31'), status: 'ACTIVE',
      units: { create: units.map((u) => ({ unitId: u.id })) },
      periods: { create: [{ seq: 1, name: `Kỳ đua ${tag}`, startDate: new Date('2024-01-01'), endDate: new Date('2024-06-30') }] },
    },
    include: { periods: true },
  });
  const group = await app.prisma.criteriaGroup.create({ data: { campaignId: campaign.id, code: 'G', title: 'Nhóm đua' } });
  const criteria = [];
  for (const i of [0, 1, 2, 3]) {
    criteria.push(await app.prisma.criterion.create({ data: { campaignId: campaign.id, groupId: group.id, code: `Y${i}`, title: `Tiêu chí Y${i}`, maxPoints: 10, order: i } }));
  }
  return { campaignId: campaign.id, periodId: campaign.periods[0].id, units, criteria, gridUrl: `/campaigns/${campaign.id}/periods/${campaign.periods[0].id}/scores` };
}

async function form(c: Client, url: string) {
  const page = await c.get(url);
  assert.equal(page.status, 200);
  return formFields(page.text);
}

test('two saves of the same stored cells sent at once from the same versions: one wins, the other is a 409 and writes nothing', async () => {
  const camp = await makeCampaign(['HAIHA', 'TIENYEN']);
  const a = await app.as('officer');
  const b = await app.as(second);
  const all = await form(a, camp.gridUrl);
  for (const u of camp.units) for (const cr of camp.criteria) all[`p_${u.id}_${cr.id}`] = '3';
  assert.equal((await a.post(camp.gridUrl, all)).status, 303);
  for (let round = 0; round < 3; round++) {
    const [formA, formB] = [await form(a, camp.gridUrl), await form(b, camp.gridUrl)];
    for (const u of camp.units) {
      for (const cr of camp.criteria) {
        formA[`p_${u.id}_${cr.id}`] = String(4 + round);
        formB[`p_${u.id}_${cr.id}`] = String(7 + round);
      }
    }
    formA.reason = formB.reason = 'Chấm lại';
    const results = await Promise.all([a.post(camp.gridUrl, formA), b.post(camp.gridUrl, formB)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [303, 409], `round ${round}`);
    const winner = String(results[0].status === 303 ? 4 + round : 7 + round);
    const cells = await app.prisma.score.findMany({ where: { periodId: camp.periodId } });
    assert.equal(cells.length, camp.units.length * camp.criteria.length);
    assert.ok(cells.every((c) => String(Number(c.points)) === winner), "every cell holds the winner's value, none the loser's");
    assert.ok(cells.every((c) => c.version === round + 2), 'each cell was written once per round');
    const ids = new Set(cells.map((c) => c.id));
    const records = await app.prisma.auditLog.findMany({ where: { action: 'scores.update', campaignId: camp.campaignId } });
    assert.equal(records.length, round + 1, 'only the winning save is audited, in one record');
    const audited = records.flatMap((r) => cellsOf(r.after)).filter((c) => ids.has(c.score));
    assert.equal(audited.length, cells.length * (round + 1), 'every cell of the winning save is listed');
  }
});

test('two officers fill different cells of one unit at once: both saves land and the unit ends verified', async () => {
  for (let round = 0; round < 3; round++) {
    const camp = await makeCampaign(['COTO']);
    const a = await app.as('officer');
    const b = await app.as(second);
    const [formA, formB] = [await form(a, camp.gridUrl), await form(b, camp.gridUrl)];
    const [u] = camp.units;
    // each form carries only its officer's cells (a blank cell posted would mean "clear it": a conflict once the other saved it)
    camp.criteria.forEach((cr, i) => {
      const [mine, theirs] = i < 2 ? [formA, formB] : [formB, formA];
      mine[`p_${u.id}_${cr.id}`] = String(i + 1);
      for (const f of ['p', 'v', 'c']) delete theirs[`${f}_${u.id}_${cr.id}`];
    });
    const results = await Promise.all([a.post(camp.gridUrl, formA), b.post(camp.gridUrl, formB)]);
    assert.deepEqual(results.map((r) => r.status), [303, 303]);
    const cells = await app.prisma.score.findMany({ where: { periodId: camp.periodId }, orderBy: { criterionId: 'asc' } });
    assert.deepEqual(cells.map((c) => Number(c.points)), [1, 2, 3, 4]);
    const assessment = await app.prisma.assessment.findUniqueOrThrow({ where: { periodId_unitId: { periodId: camp.periodId, unitId: u.id } } });
    assert.equal(assessment.status, 'VERIFIED', `round ${round}: the save that completed the unit verified it`);
  }
});
