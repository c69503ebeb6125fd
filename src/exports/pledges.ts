// Pledges and their targets: one row per target, one row with empty target fields for a unit without any.
import type { Db } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';
import type { Column, Table } from './table.ts';

const UNITS_PER_BATCH = 20;

export type PledgeRow = {
  unit: { code: string; name: string };
  pledge: {
    status: string;
    revision: number | null;
    signatoryName: string | null;
    signatoryRank: string | null;
    signatoryPosition: string | null;
    signedDate: Date | null;
    submittedAt: Date | null;
    approvedAt: Date | null;
    titles: string;
    measures: number | null;
  };
  target: { order: number; content: string; indicator: string | null; comparator: string | null; value: number | null; unitOfMeasure: string | null; latestPeriod: number | null; latestValue: number | null } | null;
};

const num = (d: { toString(): string } | null) => (d === null ? null : Number(d.toString()));

/** Staff only (dashboard.command): every participating unit in code order, with or without a pledge. */
export async function pledgesTable(prisma: Db, actor: Actor, campaignId: number): Promise<Table<PledgeRow>> {
  authorize(actor, 'dashboard.command');
  await getVisibleCampaign(prisma, actor, campaignId);
  const members = await prisma.campaignUnit.findMany({ where: { campaignId }, select: { unit: { select: { id: true, code: true, name: true } } }, orderBy: { unit: { code: 'asc' } } });

  async function* batches(): AsyncGenerator<PledgeRow[]> {
    for (let i = 0; i < members.length; i += UNITS_PER_BATCH) {
      const slice = members.slice(i, i + UNITS_PER_BATCH).map((m) => m.unit);
      const pledges = await prisma.pledge.findMany({
        where: { campaignId, unitId: { in: slice.map((u) => u.id) } },
        include: {
          titles: { select: { title: { select: { code: true, order: true } } } },
          _count: { select: { measures: true } },
          targets: { orderBy: [{ order: 'asc' }, { id: 'asc' }], include: { progress: { include: { period: { select: { seq: true } } } } } },
        },
      });
      const byUnit = new Map(pledges.map((p) => [p.unitId, p]));
      yield slice.flatMap((unit): PledgeRow[] => {
        const p = byUnit.get(unit.id);
        const pledge: PledgeRow['pledge'] = {
          status: p?.status ?? 'NONE',
          revision: p?.revision ?? null,
          signatoryName: p?.signatoryName ?? null,
          signatoryRank: p?.signatoryRank ?? null,
          signatoryPosition: p?.signatoryPosition ?? null,
          signedDate: p?.signedDate ?? null,
          submittedAt: p?.submittedAt ?? null,
          approvedAt: p?.approvedAt ?? null,
          titles: p ? [...p.titles].sort((a, b) => a.title.order - b.title.order).map((x) => x.title.code).join('; ') : '',
          measures: p ? p._count.measures : null,
        };
        if (!p || !p.targets.length) return [{ unit, pledge, target: null }];
        return p.targets.map((t, k) => {
          const latest = [...t.progress].sort((a, b) => b.period.seq - a.period.seq)[0];
          return {
            unit,
            pledge,
            target: { order: k + 1, content: t.content, indicator: t.indicator, comparator: t.comparator, value: num(t.targetValue), unitOfMeasure: t.unitOfMeasure, latestPeriod: latest?.period.seq ?? null, latestValue: latest ? num(latest.valueReached) : null },
          };
        });
      });
    }
  }
  return { file: `campaign-${campaignId}-pledges`, sheet: 'pledges', columns: PLEDGE_COLUMNS, batches: batches() };
}

/** pledge_status is NONE for a unit without a pledge; registered_titles are title codes joined by "; ". */
const PLEDGE_COLUMNS: Column<PledgeRow>[] = [
  { key: 'unit_code', value: (r) => r.unit.code, width: 12 },
  { key: 'unit_name', value: (r) => r.unit.name, width: 36 },
  { key: 'pledge_status', value: (r) => r.pledge.status, width: 14 },
  { key: 'revision', value: (r) => r.pledge.revision, kind: 'number' },
  { key: 'signatory_name', value: (r) => r.pledge.signatoryName, width: 26 },
  { key: 'signatory_rank', value: (r) => r.pledge.signatoryRank, width: 16 },
  { key: 'signatory_position', value: (r) => r.pledge.signatoryPosition, width: 20 },
  { key: 'signed_date', value: (r) => r.pledge.signedDate, kind: 'date', width: 12 },
  { key: 'submitted_at', value: (r) => r.pledge.submittedAt, kind: 'datetime', width: 18 },
  { key: 'approved_at', value: (r) => r.pledge.approvedAt, kind: 'datetime', width: 18 },
  { key: 'registered_titles', value: (r) => r.pledge.titles, width: 18 },
  { key: 'measures', value: (r) => r.pledge.measures, kind: 'number' },
  { key: 'target_no', value: (r) => r.target?.order ?? null, kind: 'number' },
  { key: 'target_content', value: (r) => r.target?.content ?? null, width: 50 },
  { key: 'indicator', value: (r) => r.target?.indicator ?? null, width: 36 },
  { key: 'comparator', value: (r) => r.target?.comparator ?? null, width: 12 },
  { key: 'target_value', value: (r) => r.target?.value ?? null, kind: 'number', width: 13 },
  { key: 'unit_of_measure', value: (r) => r.target?.unitOfMeasure ?? null, width: 16 },
  { key: 'latest_period', value: (r) => r.target?.latestPeriod ?? null, kind: 'number', width: 14 },
  { key: 'latest_value', value: (r) => r.target?.latestValue ?? null, kind: 'number', width: 13 },
];
