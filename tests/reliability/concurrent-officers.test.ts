// Many officers save the same cells at the same time, round after round. Every save must end as
// either an acknowledged update (303) that is in the audit trail, or a reported conflict (409)
// that wrote nothing: no update is lost silently, no conflict goes unreported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { formFields } from '../helpers/forms.ts';
import { scoreTrail } from '../helpers/audit.ts';
import { hashPassword } from '../../src/auth/password.ts';

const OFFICERS = 8;
const ROUNDS = 6;
let app: TestApp;

before(async () => {
  app = await startTestApp();
  const hash = await hashPassword(DEMO_PASSWORD);
  for (let i = 1; i < OFFICERS; i++) {
    await app.prisma.user.create({ data: { username: `officer_c${i}`, fullName: `Cán bộ ${i}`, role: 'OFFICER', passwordHash: hash } });
  }
});
after(() => app.close());

test(`${OFFICERS} officers × ${ROUNDS} rounds on the same two cells: every save is acknowledged and audited, or reported as a conflict`, { timeout: 300_000 }, async () => {
  const units = await app.prisma.unit.findMany({ where: { code: { in: ['HALONG', 'COTO'] } }, orderBy: { code: 'asc' } });
  const campaign = await app.prisma.campaign.create({
    data: {
      name: 'Phong trào thử song song', startDate: new Date('2024-01-01'), endDate: new Date('2024-12-31'), status: 'ACTIVE',
      units: { create: units.map((u) => ({ unitId: u.id })) },
      periods: { create: [{ seq: 1, name: 'Kỳ thử', startDate: new Date('2024-01-01'), endDate: new Date('2024-06-30') }] },
    },
    include: { periods: true },
  });
  const group = await app.prisma.criteriaGroup.create({ data: { campaignId: campaign.id, code: 'G', title: 'Nhóm' } });
  const crit = await app.prisma.criterion.create({ data: { campaignId: campaign.id, groupId: group.id, code: 'X1', title: 'Tiêu chí', maxPoints: 30, order: 0 } });
  const url = `/campaigns/${campaign.id}/periods/${campaign.periods[0].id}/scores`;
  const cellA = `p_${units[0].id}_${crit.id}`;
  const cellB = `p_${units[1].id}_${crit.id}`;

  const clients = await Promise.all(Array.from({ length: OFFICERS }, (_, i) => app.as(i === 0 ? 'officer' : `officer_c${i}`)));
  const saves: { value: string; status: number }[] = [];
  await Promise.all(
    clients.map(async (c, i) => {
      for (let r = 0; r < ROUNDS; r++) {
        const form = formFields((await c.get(url)).text);
        const value = ((i * ROUNDS + r + 1) / 2).toFixed(1); // unique per officer and round, on the 0.5 step
        form[cellA] = value;
        form[cellB] = value;
        form.reason = `Chấm lại vòng ${r}`;
        const res = await c.post(url, form);
        saves.push({ value, status: res.status });
        if (res.status === 409) assert.match(res.text, /vừa được người khác thay đổi/, 'a conflict is reported to the officer');
      }
    }),
  );

  const statuses = new Set(saves.map((s) => s.status));
  assert.ok([...statuses].every((s) => s === 303 || s === 409), `only 303 or 409, got ${[...statuses]}`);
  const acknowledged = saves.filter((s) => s.status === 303).map((s) => s.value);
  const conflicts = saves.filter((s) => s.status === 409).map((s) => s.value);
  assert.ok(acknowledged.length >= ROUNDS, 'saves went through');
  assert.ok(conflicts.length > 0, 'parallel saves on the same cells did collide');
  assert.equal(acknowledged.length + conflicts.length, OFFICERS * ROUNDS);

  for (const unit of units) {
    const score = await app.prisma.score.findFirstOrThrow({ where: { periodId: campaign.periods[0].id, unitId: unit.id, criterionId: crit.id } });
    const trail = await scoreTrail(app, score.id);
    const audited = trail.map((a) => Number(a.cell!.points).toFixed(1));
    assert.deepEqual([...audited].sort(), [...acknowledged].sort(), 'exactly the acknowledged saves were written, each once');
    assert.ok(conflicts.every((v) => !audited.includes(v)), 'no refused save wrote anything');
    assert.equal(Number(score.points).toFixed(1), audited.at(-1), 'the stored value is the last acknowledged one');
    // each write built on the one before it: its "before" is the previous write's "after"
    for (let k = 1; k < trail.length; k++) {
      assert.equal(Number(trail[k].old?.points).toFixed(1), audited[k - 1], 'no write skipped over another');
    }
  }
});
