// Step 4: the criteria set (groups and criteria), edited as one table. Free while nothing is scored; once a
// criterion has scores it cannot be removed, change kind, or drop its max below a score already given.
import type { Db, Transaction, Tx } from '../db/index.ts';
import type { Criterion, CriteriaGroup } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/policy.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { CriterionRow, GroupRow } from './criteria-schema.ts';
import { isBlankNew, isRemoved, parseRows, type RawRow } from './rows.ts';
import { assertEditable, claimVersion, getManagedCampaign } from './setup.ts';

/** The fields that make a new row count as filled in (a blank new row is ignored on save). */
export const GROUP_FIELDS = ['code', 'title'];
export const CRITERION_FIELDS = ['code', 'title', 'maxPoints', 'description'];

/** Scores are counted up to this many per criterion; beyond it the page says "more than". */
export const SCORE_COUNT_CAP = 1000;

/** How many scores a criterion has, up to the cap; `more` when it has more than that. */
export type ScoreStat = { count: number; more: boolean };

/**
 * Per scored criterion of the campaign: its score count, capped. Each count stops after cap + 1 index
 * entries, so the page costs the same at 15 units as at 5,000 (a GROUP BY over every score of a national
 * campaign, 1.8 million rows, took about a second).
 */
export async function scoreStats(db: Tx, campaignId: number, cap = SCORE_COUNT_CAP): Promise<Map<number, ScoreStat>> {
  const rows = await db.$queryRaw<{ id: number; n: bigint }[]>`
    SELECT c."id", (SELECT count(*) FROM (SELECT 1 FROM "Score" s WHERE s."criterionId" = c."id" LIMIT ${cap + 1}) x) AS n
    FROM "Criterion" c WHERE c."campaignId" = ${campaignId}`;
  return new Map(rows.filter((r) => r.n > 0n).map((r) => [r.id, { count: Math.min(Number(r.n), cap), more: Number(r.n) > cap }]));
}

export const groupRow = (g: CriteriaGroup): RawRow => ({ key: `g${g.id}`, id: String(g.id), code: g.code, title: g.title, order: String(g.order) });
export const criterionRow = (c: Criterion): RawRow => ({
  id: String(c.id),
  group: `g${c.groupId}`,
  code: c.code,
  title: c.title,
  description: c.description ?? '',
  maxPoints: c.maxPoints.toString(),
  weight: c.weight.toString(),
  kind: c.kind,
  order: String(c.order),
});

const groupJson = (g: Pick<CriteriaGroup, 'code' | 'title' | 'order'>) => ({ code: g.code, title: g.title, order: g.order });
const criterionJson = (c: Pick<Criterion, 'code' | 'title' | 'description' | 'maxPoints' | 'weight' | 'kind' | 'order'>, group: string) => ({
  group,
  code: c.code,
  title: c.title,
  description: c.description,
  maxPoints: Number(c.maxPoints.toString()),
  weight: Number(c.weight.toString()),
  kind: c.kind,
  order: c.order,
});

/** The weighted most a unit can reach per period from normal criteria, and the bonus and penalty bounds. */
export function criteriaTotals(criteria: { kind: string; maxPoints: unknown; weight: unknown }[]) {
  let normal = 0;
  let bonus = 0;
  let penalty = 0;
  for (const c of criteria) {
    const max = Number(String(c.maxPoints));
    if (c.kind === 'NORMAL') normal += max * Number(String(c.weight));
    else if (c.kind === 'BONUS') bonus += max;
    else penalty += max;
  }
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return { normal: r(normal), bonus: r(bonus), penalty: r(penalty) };
}

/** The criteria page: the saved set as table rows, the locks from scores, and sources to copy from. */
export async function criteriaPage(prisma: Db, actor: Actor, id: number) {
  const campaign = await getManagedCampaign(prisma, actor, id);
  const [groups, criteria, stats, campaigns, templates] = await Promise.all([
    prisma.criteriaGroup.findMany({ where: { campaignId: id }, orderBy: [{ order: 'asc' }, { id: 'asc' }] }),
    prisma.criterion.findMany({ where: { campaignId: id }, orderBy: [{ order: 'asc' }, { id: 'asc' }] }),
    scoreStats(prisma, id),
    prisma.campaign.findMany({ where: { id: { not: id }, criteria: { some: {} } }, orderBy: [{ startDate: 'desc' }, { id: 'desc' }], select: { id: true, name: true, startDate: true, _count: { select: { criteria: true } } } }),
    prisma.criteriaTemplate.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, createdAt: true } }),
  ]);
  return { campaign, groupRows: groups.map(groupRow), criterionRows: criteria.map(criterionRow), stats, totals: criteriaTotals(criteria), sources: { campaigns, templates } };
}

type SaveOpts = { requestId?: string; formatNumber?: (n: number) => string };

/** Save the whole table in one transaction; every changed group and criterion is audited with before/after. */
export async function saveCriteria(prisma: Db, actor: Actor, id: number, version: number, groupRows: RawRow[], critRows: RawRow[], opts: SaveOpts = {}) {
  const num = opts.formatNumber ?? String;
  const removedKeys = new Set(groupRows.filter(isRemoved).map((g) => g.key));
  const g = parseRows(GroupRow, groupRows, 'g', (r) => isRemoved(r) || isBlankNew(r, GROUP_FIELDS));
  const c = parseRows(CriterionRow, critRows, 'c', (r) => isRemoved(r) || removedKeys.has(r.group) || isBlankNew(r, CRITERION_FIELDS));
  const errors: FieldErrors = { ...g.errors, ...c.errors };

  return prisma.$transaction(async (tx) => {
    const campaign = await getManagedCampaign(tx, actor, id);
    assertEditable(campaign);
    await claimVersion(tx, id, version);
    const savedGroups = new Map((await tx.criteriaGroup.findMany({ where: { campaignId: id } })).map((x) => [x.id, x]));
    const savedCrits = new Map((await tx.criterion.findMany({ where: { campaignId: id } })).map((x) => [x.id, x]));
    const stats = await scoreStats(tx, id);
    const idOf = (r: RawRow) => (r.id && /^\d+$/.test(r.id) ? Number(r.id) : null);

    // groups: which stay, which go
    const keptGroups = g.data.flatMap((d, i) => (d ? [{ d, i }] : []));
    const keptKeys = new Set(keptGroups.map((k) => k.d.key));
    const removedGroupIds = new Set<number>();
    groupRows.forEach((r, i) => {
      const gid = idOf(r);
      if (gid !== null && !savedGroups.has(gid)) throw new ConflictError('campaigns.errors.conflict');
      if (!isRemoved(r) || gid === null) return;
      removedGroupIds.add(gid);
      const scored = [...savedCrits.values()].filter((x) => x.groupId === gid && stats.has(x.id)).map((x) => x.code);
      if (scored.length) errors[`g.${i}.remove`] = { key: 'criteria.errors.groupScored', params: { codes: scored.join(', ') } };
    });
    for (const { d } of keptGroups) if (d.id !== null && savedGroups.get(d.id)?.campaignId !== id) throw new ConflictError('campaigns.errors.conflict');
    duplicates(keptGroups.map(({ d, i }) => ({ code: d.code, field: `g.${i}.code` })), errors);

    // criteria: which stay, which go, and the locks from scores
    const keptCrits = c.data.flatMap((d, i) => (d ? [{ d, i }] : []));
    const removedCritIds = new Set<number>();
    critRows.forEach((r, i) => {
      const cid = idOf(r);
      if (cid !== null && !savedCrits.has(cid)) throw new ConflictError('campaigns.errors.conflict');
      if (cid === null || !(isRemoved(r) || removedKeys.has(r.group))) return;
      removedCritIds.add(cid);
      const s = stats.get(cid);
      if (s && isRemoved(r) && !removedKeys.has(r.group)) errors[`c.${i}.remove`] = s.more ? { key: 'criteria.errors.scoredMore', params: { n: num(s.count) } } : { key: 'criteria.errors.scored', params: { n: s.count } };
    });
    // criteria of a removed group go with it, even if their rows were not posted
    const keptIds = new Set(keptCrits.flatMap(({ d }) => (d.id === null ? [] : [d.id])));
    for (const x of savedCrits.values()) if (removedGroupIds.has(x.groupId) && !keptIds.has(x.id)) removedCritIds.add(x.id);
    for (const { d, i } of keptCrits) {
      if (!keptKeys.has(d.group)) errors[`c.${i}.code`] ??= { key: 'criteria.errors.groupMissing' };
      if (d.id === null) continue;
      const before = savedCrits.get(d.id)!;
      const s = stats.get(d.id);
      if (!s) continue;
      if (d.kind !== before.kind) errors[`c.${i}.kind`] = { key: 'criteria.errors.kindLocked' };
      if (d.maxPoints !== Number(before.maxPoints.toString())) {
        const locked = await maxLockError(tx, d.id, d.maxPoints, num);
        if (locked) errors[`c.${i}.maxPoints`] = locked;
      }
    }
    duplicates(keptCrits.map(({ d, i }) => ({ code: d.code, field: `c.${i}.code` })), errors);
    if (Object.keys(errors).length) throw new ValidationError(errors);

    return writeCriteria(tx, { actorId: actor.id, campaignId: id, requestId: opts.requestId }, { savedGroups, savedCrits, removedGroupIds, removedCritIds, keptGroups: keptGroups.map((k) => k.d), keptCrits: keptCrits.map((k) => k.d) });
  });
}

/**
 * Name the highest score that a new max would cut: which unit, which period, how many points; null when
 * no score is above it. Only the top score by each column is read, however many scores the criterion has.
 */
async function maxLockError(tx: Transaction, criterionId: number, newMax: number, num: (n: number) => string) {
  const include = { unit: { select: { name: true } }, period: { select: { name: true } } } as const;
  const byPoints = await tx.score.findFirst({ where: { criterionId, points: { gt: newMax } }, orderBy: [{ points: 'desc' }, { id: 'asc' }], include });
  const bySelf = await tx.score.findFirst({ where: { criterionId, selfPoints: { gt: newMax } }, orderBy: [{ selfPoints: 'desc' }, { id: 'asc' }], include });
  const top = [byPoints && { s: byPoints, v: Number(byPoints.points) }, bySelf && { s: bySelf, v: Number(bySelf.selfPoints) }]
    .filter((x) => x !== null)
    .sort((a, b) => b.v - a.v)[0];
  if (!top) return null;
  return { key: 'criteria.errors.maxBelowScore', params: { points: num(top.v), unit: top.s.unit.name, period: top.s.period.name } };
}

/** Report the second and later rows that reuse a code (codes compare without case). */
function duplicates(rows: { code: string; field: string }[], errors: FieldErrors) {
  const seen = new Set<string>();
  for (const r of rows) {
    const k = r.code.toLocaleUpperCase('vi');
    if (seen.has(k)) errors[r.field] ??= { key: 'criteria.errors.duplicateCode' };
    seen.add(k);
  }
}

type Plan = {
  savedGroups: Map<number, CriteriaGroup>;
  savedCrits: Map<number, Criterion>;
  removedGroupIds: Set<number>;
  removedCritIds: Set<number>;
  keptGroups: GroupRow[];
  keptCrits: CriterionRow[];
};

async function writeCriteria(tx: Transaction, ctx: { actorId: number; campaignId: number; requestId?: string }, p: Plan) {
  const audit = (action: string, entityType: string, entityId: number, before?: object, after?: object) =>
    recordAudit(tx, { actorId: ctx.actorId, action, entityType, entityId, campaignId: ctx.campaignId, before, after, requestId: ctx.requestId });
  const groupCode = (gid: number) => p.savedGroups.get(gid)?.code ?? '';
  const counts = { created: 0, updated: 0, removed: 0 };

  // codes are unique per campaign and rows may swap them: park the changed ones first
  for (const d of p.keptGroups) if (d.id !== null && p.savedGroups.get(d.id)!.code !== d.code) await tx.criteriaGroup.update({ where: { id: d.id }, data: { code: `~${d.id}` } });
  for (const d of p.keptCrits) if (d.id !== null && p.savedCrits.get(d.id)!.code !== d.code) await tx.criterion.update({ where: { id: d.id }, data: { code: `~${d.id}` } });

  for (const cid of p.removedCritIds) {
    const before = p.savedCrits.get(cid)!;
    await tx.criterion.delete({ where: { id: cid } });
    await audit('criterion.delete', 'Criterion', cid, criterionJson(before, groupCode(before.groupId)));
    counts.removed++;
  }
  for (const gid of p.removedGroupIds) {
    await tx.criteriaGroup.delete({ where: { id: gid } });
    await audit('criteriaGroup.delete', 'CriteriaGroup', gid, groupJson(p.savedGroups.get(gid)!));
  }

  const groupIdByKey = new Map<string, number>();
  for (const d of p.keptGroups) {
    const data = { code: d.code, title: d.title, order: d.order };
    if (d.id === null) {
      const created = await tx.criteriaGroup.create({ data: { campaignId: ctx.campaignId, ...data } });
      groupIdByKey.set(d.key, created.id);
      await audit('criteriaGroup.create', 'CriteriaGroup', created.id, undefined, groupJson(created));
    } else {
      const before = p.savedGroups.get(d.id)!;
      groupIdByKey.set(d.key, d.id);
      if (JSON.stringify(groupJson(before)) === JSON.stringify(data) && before.code === d.code) continue;
      const after = await tx.criteriaGroup.update({ where: { id: d.id }, data });
      await audit('criteriaGroup.update', 'CriteriaGroup', d.id, groupJson(before), groupJson(after));
    }
  }
  const codeOfKey = new Map(p.keptGroups.map((d) => [d.key, d.code]));

  for (const d of p.keptCrits) {
    const data = { groupId: groupIdByKey.get(d.group)!, code: d.code, title: d.title, description: d.description, maxPoints: d.maxPoints, weight: d.weight, kind: d.kind, order: d.order };
    const gcode = codeOfKey.get(d.group) ?? '';
    if (d.id === null) {
      const created = await tx.criterion.create({ data: { campaignId: ctx.campaignId, ...data } });
      await audit('criterion.create', 'Criterion', created.id, undefined, criterionJson(created, gcode));
      counts.created++;
      continue;
    }
    const before = p.savedCrits.get(d.id)!;
    const beforeJson = criterionJson(before, groupCode(before.groupId));
    const afterJson = { group: gcode, code: d.code, title: d.title, description: d.description, maxPoints: d.maxPoints, weight: d.weight, kind: d.kind, order: d.order };
    const same = JSON.stringify({ ...beforeJson, group: '' }) === JSON.stringify({ ...afterJson, group: '' }) && before.groupId === data.groupId;
    if (same) continue;
    await tx.criterion.update({ where: { id: d.id }, data });
    await audit('criterion.update', 'Criterion', d.id, beforeJson, afterJson);
    counts.updated++;
  }
  return counts;
}
