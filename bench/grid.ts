// The grid-save load: every connection posts the officer grid form for its own block of cells
// (units × criteria of one period), changing every cell each time (v ↔ v ± 0.5, with a reason) and naming the
// versions it last saw, so each request is a real, valid save. After a 303 the versions move on by one; after
// a 409 (another connection saved the same cells first) they are read back from the re-rendered grid.
import pg from 'pg';
import type { Session } from './http.ts';

export type Cell = { unitId: number; criterionId: number; max: number; points: number; version: number };
export type Block = { campaignId: number; periodId: number; cells: Cell[] };

/** Blocks of `units` × `criteria` cells: one per period (all periods), or consecutive unit blocks of one period. */
export async function loadBlocks(
  url: string,
  campaignId: number,
  opts: { units: number; criteria: number; blocks: number; periodSeqs: number[] },
): Promise<Block[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const crit = (await c.query<{ id: number; max: string }>(
      `SELECT c.id, c."maxPoints" AS max FROM "Criterion" c JOIN "CriteriaGroup" g ON g.id = c."groupId"
       WHERE c."campaignId" = $1 ORDER BY g."order", g.id, c."order", c.id LIMIT $2`,
      [campaignId, opts.criteria],
    )).rows;
    const units = (await c.query<{ id: number }>(
      `SELECT u.id FROM "CampaignUnit" cu JOIN "Unit" u ON u.id = cu."unitId" WHERE cu."campaignId" = $1 ORDER BY u.code`,
      [campaignId],
    )).rows.map((r) => r.id);
    const blocks: Block[] = [];
    for (const seq of opts.periodSeqs) {
      const period = (await c.query<{ id: number }>(`SELECT id FROM "Period" WHERE "campaignId" = $1 AND seq = $2`, [campaignId, seq])).rows[0];
      const perPeriod = Math.min(opts.blocks, Math.floor(units.length / opts.units));
      for (let b = 0; b < perPeriod && blocks.length < opts.blocks; b++) {
        const ids = units.slice(b * opts.units, (b + 1) * opts.units);
        const rows = (await c.query<{ unitId: number; criterionId: number; points: string | null; version: number }>(
          `SELECT "unitId", "criterionId", points, version FROM "Score" WHERE "periodId" = $1 AND "unitId" = ANY($2) AND "criterionId" = ANY($3)`,
          [period.id, ids, crit.map((x) => x.id)],
        )).rows;
        const byKey = new Map(rows.map((r) => [`${r.unitId}:${r.criterionId}`, r]));
        const cells = ids.flatMap((unitId) =>
          crit.map((k) => {
            const r = byKey.get(`${unitId}:${k.id}`);
            return { unitId, criterionId: k.id, max: Number(k.max), points: r?.points == null ? 0 : Number(r.points), version: r?.version ?? 0 };
          }),
        );
        blocks.push({ campaignId, periodId: period.id, cells });
      }
    }
    return blocks;
  } finally {
    await c.end();
  }
}

const toggle = (c: Cell) => (c.points + 0.5 <= c.max ? c.points + 0.5 : c.points - 0.5);

function body(block: Block, next: number[]): string {
  const p = new URLSearchParams();
  block.cells.forEach((c, i) => {
    p.append(`p_${c.unitId}_${c.criterionId}`, String(next[i]));
    p.append(`v_${c.unitId}_${c.criterionId}`, c.version ? String(c.version) : '');
  });
  p.append('reason', 'Bench: chấm lại điểm');
  return p.toString();
}

type AcClient = {
  setRequests(r: { method: string; path: string; headers: Record<string, string>; body: string }[]): void;
  on(ev: 'body', fn: (chunk: Buffer) => void): void;
  on(ev: 'response', fn: (status: number) => void): void;
};

/**
 * autocannon's setupClient for the grid save: connection i works on blocks[i % blocks.length]. A connection starts
 * from the block's cells as last seen by any connection, so the measured run's connections take over where the
 * warm-up's left off instead of naming the versions read before it (each one's first save was a 409).
 */
export function gridClients(blocks: Block[], sessions: Session[]) {
  let n = 0;
  const conflicts = { count: 0 };
  const failures: string[] = [];
  const lastSeen = blocks.map((b) => b.cells.map((c) => ({ ...c })));
  const setupClient = (client: AcClient) => {
    const i = n++;
    const seen = lastSeen[i % blocks.length];
    const block = { ...blocks[i % blocks.length], cells: seen.map((c) => ({ ...c })) };
    const s = sessions[i % sessions.length];
    let next = block.cells.map(toggle);
    let chunks: Buffer[] = [];
    const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/x-www-form-urlencoded' };
    const path = `/campaigns/${block.campaignId}/periods/${block.periodId}/scores`;
    const send = () => client.setRequests([{ method: 'POST', path, headers, body: body(block, next) }]);
    send();
    client.on('body', (chunk) => chunks.push(Buffer.from(chunk)));
    client.on('response', (status) => {
      const html = Buffer.concat(chunks).toString();
      chunks = [];
      if (status === 303) {
        block.cells.forEach((c, k) => {
          c.points = next[k];
          c.version += 1;
        });
      } else if (status === 409) {
        conflicts.count += 1;
        for (const m of html.matchAll(/name="v_(\d+)_(\d+)" value="(\d*)"/g)) {
          const c = block.cells.find((x) => x.unitId === Number(m[1]) && x.criterionId === Number(m[2]));
          if (c && m[3]) c.version = Number(m[3]);
        }
      } else if (failures.length < 3) {
        failures.push(`${status}: ${(html.match(/<main[\s\S]*?<\/main>/)?.[0] ?? html).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)}`);
      }
      block.cells.forEach((c, k) => {
        if (c.version > seen[k].version) Object.assign(seen[k], c);
      });
      next = block.cells.map(toggle);
      send();
    });
  };
  return { setupClient, conflicts, failures };
}
