// Step 2: the participating units, picked from the registry one by one or as whole clusters.
import type { Db } from '../db/index.ts';
import type { UnitType } from '../generated/prisma/enums.ts';
import type { Actor } from '../auth/policy.ts';
import { ValidationError } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { foldText } from '../lib/forms.ts';
import type { ParticipantsForm } from './schema.ts';
import { assertEditable, claimVersion, getManagedCampaign } from './setup.ts';
import { paged, type Page } from '../lib/paging.ts';
import { containsPattern, foldedSql } from '../units/order.ts';

/** Units per page of the picker, and cluster member names listed before "…". */
export const PICKER_PAGE_SIZE = 100;
const CLUSTER_NAMES = 12;

const TYPE_ORDER: UnitType[] = ['AGENCIES_BLOC', 'DETACHMENT', 'DISTRICT_COMMAND', 'REGIMENT', 'OTHER', 'PROVINCIAL_COMMAND', 'MILITARY_REGION', 'MINISTRY'];

export type RegistryUnit = { id: number; code: string; name: string; shortName: string | null; active: boolean; checked: boolean; member: boolean; search: string };

/**
 * The registry for the picker: active units (and inactive ones already taking part), grouped by type, those
 * matching `q` without regard to accents, one page at a time (units on other pages keep their membership when
 * saved). `checked` overrides the saved members when a failed form is shown again.
 */
export async function participantsPage(prisma: Db, actor: Actor, id: number, q: string | undefined, checked?: Set<number>, clustersTicked?: Set<number>, pg: Page = { page: 1, size: PICKER_PAGE_SIZE, skip: 0 }) {
  const campaign = await getManagedCampaign(prisma, actor, id);
  // the registry is filtered, ordered and paged in SQL: a national registry is never read whole
  const params: unknown[] = [id];
  const where = `(u.active OR EXISTS (SELECT 1 FROM "CampaignUnit" cu WHERE cu."unitId" = u.id AND cu."campaignId" = $1))${q && foldText(q) ? ` AND (u."searchText" LIKE $${params.push(containsPattern(q))} OR ${foldedSql(`u.code || ' ' || u.name || ' ' || COALESCE(u."shortName", '')`)} LIKE $${params.length})` : ''}`;
  const order = `array_position(ARRAY[${TYPE_ORDER.map((t) => `'${t}'`).join(',')}]::text[], u.type::text), u.code`;
  const [members, count, pageIds, clusters] = await Promise.all([
    prisma.campaignUnit.findMany({ where: { campaignId: id }, select: { unitId: true } }),
    prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "Unit" u WHERE ${where}`, ...params),
    prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT u.id FROM "Unit" u WHERE ${where} ORDER BY ${order} LIMIT ${Number(pg.size)} OFFSET ${Number(pg.skip)}`, ...params),
    prisma.cluster.findMany({
      orderBy: { name: 'asc' },
      include: { leadUnit: { select: { code: true, name: true } }, members: { include: { unit: { select: { id: true, code: true, shortName: true, name: true } } } } },
    }),
  ]);
  const rows = await prisma.unit.findMany({ where: { id: { in: pageIds.map((r) => r.id) } } });
  const byId = new Map(rows.map((u) => [u.id, u]));
  const shown = pageIds.map((r) => byId.get(r.id)).filter((u): u is (typeof rows)[number] => Boolean(u));
  const memberIds = new Set(members.map((m) => m.unitId));
  const ticked = checked ?? memberIds;
  const searchOf = (u: { code: string; name: string; shortName: string | null }) => foldText(`${u.code} ${u.name} ${u.shortName ?? ''}`);
  const groups = TYPE_ORDER.map((type) => ({
    type,
    units: shown.filter((u) => u.type === type).map((u): RegistryUnit => ({ id: u.id, code: u.code, name: u.name, shortName: u.shortName, active: u.active, checked: ticked.has(u.id), member: memberIds.has(u.id), search: searchOf(u) })),
  })).filter((g) => g.units.length > 0);
  const shownIds = new Set(shown.map((u) => u.id));
  return {
    campaign,
    q: q ?? '',
    groups,
    shownCount: shown.length,
    list: paged(shown, Number(count[0]?.n ?? 0), pg),
    selectedCount: ticked.size,
    hiddenSelected: [...ticked].filter((uid) => !shownIds.has(uid)).length,
    clusters: clusters.map((c) => ({
      id: c.id,
      name: c.name,
      lead: c.leadUnit,
      members: c.members.map((m) => m.unit).sort((a, b) => a.code.localeCompare(b.code)).slice(0, CLUSTER_NAMES),
      memberCount: c.members.length,
      allIn: c.members.length > 0 && c.members.every((m) => memberIds.has(m.unitId)),
      ticked: clustersTicked?.has(c.id) ?? false,
    })),
  };
}

/**
 * Save the participants: units on the page follow their boxes, units the filter hid stay as they were, and
 * ticked clusters add all their members. A unit that already has a pledge, scores, a self-assessment
 * or an inspection in this campaign cannot be removed.
 */
export async function saveParticipants(prisma: Db, actor: Actor, id: number, version: number, form: ParticipantsForm, requestId?: string) {
  return prisma.$transaction(async (tx) => {
    const campaign = await getManagedCampaign(tx, actor, id);
    assertEditable(campaign);
    await claimVersion(tx, id, version);
    const current = await tx.campaignUnit.findMany({ where: { campaignId: id }, include: { unit: { select: { id: true, code: true } } } });
    const currentIds = new Set(current.map((c) => c.unitId));
    const shown = new Set(form.shown);
    const next = new Set([...currentIds].filter((u) => !shown.has(u)));
    for (const u of form.unitIds) next.add(u);
    if (form.clusterIds.length) {
      const clusters = await tx.cluster.findMany({ where: { id: { in: form.clusterIds } }, include: { members: { include: { unit: { select: { active: true } } } } } });
      if (clusters.length !== new Set(form.clusterIds).size) throw new ValidationError({ clusterIds: { key: 'validation.choice' } });
      for (const c of clusters) for (const m of c.members) if (m.unit.active || currentIds.has(m.unitId)) next.add(m.unitId);
    }
    const added = [...next].filter((u) => !currentIds.has(u));
    const removed = [...currentIds].filter((u) => !next.has(u));
    if (added.length) {
      const ok = await tx.unit.count({ where: { id: { in: added }, active: true } });
      if (ok !== added.length) throw new ValidationError({ unitIds: { key: 'validation.choice' } });
    }
    if (removed.length) {
      const busy = await tx.unit.findMany({
        where: {
          id: { in: removed },
          OR: [{ pledges: { some: { campaignId: id } } }, { scores: { some: { campaignId: id } } }, { assessments: { some: { period: { campaignId: id } } } }, { inspections: { some: { campaignId: id } } }],
        },
        select: { shortName: true, name: true },
        orderBy: { code: 'asc' },
      });
      if (busy.length) throw new ValidationError({ unitIds: { key: 'campaigns.participantsPage.inUse', params: { units: busy.map((u) => u.shortName ?? u.name).join(', ') } } });
    }
    if (added.length === 0 && removed.length === 0) return { added: 0, removed: 0, total: next.size };
    if (removed.length) await tx.campaignUnit.deleteMany({ where: { campaignId: id, unitId: { in: removed } } });
    if (added.length) await tx.campaignUnit.createMany({ data: added.map((unitId) => ({ campaignId: id, unitId })) });
    const codes = async (ids: Iterable<number>) => (await tx.unit.findMany({ where: { id: { in: [...ids] } }, select: { code: true }, orderBy: { code: 'asc' } })).map((u) => u.code);
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'campaign.participants',
      entityType: 'Campaign',
      entityId: id,
      campaignId: id,
      before: { units: current.map((c) => c.unit.code).sort() },
      after: { units: await codes(next), added: await codes(added), removed: await codes(removed) },
      requestId,
    });
    return { added: added.length, removed: removed.length, total: next.size };
  });
}
