// Property: without class conditions, the class can only follow the rank. Going down the ranking, the class
// percent never rises and the class never improves, whatever the scores, missing periods, open periods or modes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeStandings, EPS } from '../../src/lib/ranking.ts';
import { CLASS_RANK } from '../../src/lib/quotas.ts';

const inputs = fc.record({
  maxes: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 4 }),
  periods: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), // true = still open
  unitCount: fc.integer({ min: 1, max: 10 }),
  points: fc.array(fc.constantFrom(0, 0.5, 1, 3, 5, 7.25, 10, 20), { minLength: 160, maxLength: 160 }),
  present: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 160, maxLength: 160 }),
  bonus: fc.integer({ min: 0, max: 5 }),
  penalty: fc.integer({ min: 0, max: 5 }),
  totalMode: fc.constantFrom<'SUM' | 'AVERAGE'>('SUM', 'AVERAGE'),
  normalize: fc.boolean(),
});

test('without class conditions the class percent never rises and the class never improves as the rank worsens', () => {
  fc.assert(
    fc.property(inputs, (r) => {
      const criteria = [
        ...r.maxes.map((max, i) => ({ id: i + 1, code: `N${i}`, groupCode: 'N', kind: 'NORMAL' as const, max, weight: 1 })),
        { id: 90, code: 'T', groupCode: 'T', kind: 'BONUS' as const, max: 3, weight: 1 },
        { id: 91, code: 'K', groupCode: 'K', kind: 'PENALTY' as const, max: 3, weight: 1 },
      ];
      const periods = r.periods.map((open, i) => ({ id: 100 + i, seq: i + 1, name: `P${i + 1}`, open }));
      const units = Array.from({ length: r.unitCount }, (_, i) => ({ id: 10 + i, code: `U${i}`, name: `U${i}` }));
      const cells = [];
      let n = 0;
      for (const u of units)
        for (const p of periods) {
          if (r.present[n++ % 160] < 2) continue; // the unit is not verified in this period
          for (const c of criteria) cells.push({ unitId: u.id, periodId: p.id, criterionId: c.id, points: c.id === 90 ? r.bonus : c.id === 91 ? r.penalty : r.points[n++ % 160], scorerId: 1 + (n % 2) });
        }
      const s = computeStandings({
        campaignId: 1,
        totalMode: r.totalMode,
        tieBreaks: [{ kind: 'latestPeriod' }],
        classRules: { thresholds: { XUAT_SAC: 90, TOT: 80, KHA: 65, TRUNG_BINH: 50 } },
        normalize: r.normalize,
        groups: [{ code: 'N', title: 'N' }, { code: 'T', title: 'T' }, { code: 'K', title: 'K' }],
        criteria,
        periods,
        units,
        cells,
      });
      for (let i = 1; i < s.standings.length; i++) {
        const above = s.standings[i - 1], below = s.standings[i];
        assert.ok(below.rank >= above.rank);
        assert.ok((below.percent ?? 0) <= (above.percent ?? 0) + EPS, `percent rose from rank ${above.rank} to ${below.rank}`);
        assert.ok(CLASS_RANK.indexOf(below.class) >= CLASS_RANK.indexOf(above.class), `class improved from rank ${above.rank} to ${below.rank}`);
      }
    }),
    { numRuns: 400 },
  );
});
