// Step 5: titles and commendations the campaign may lead to, with their quotas (admins only).
import type { Db } from '../db/index.ts';
import type { CampaignTitle } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { ConflictError, RuleError, ValidationError, type FieldErrors } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { isBlankNew, isRemoved, parseRows, type RawRow } from './rows.ts';
import { TitleRow } from './titles-schema.ts';
import { assertEditable, claimVersion, getManagedCampaign, type Tx } from './setup.ts';
import { entriesForCampaign } from '../catalogue/service.ts';

const FIELDS = ['code', 'name', 'quotaPercent'];

export const titleRow = (t: CampaignTitle): RawRow => ({
  id: String(t.id),
  code: t.code,
  name: t.name,
  scope: t.scope,
  kind: t.kind,
  quotaPercent: t.quotaPercent === null ? '' : t.quotaPercent.toString(),
  minClass: t.minClass ?? '',
  requiresRegistration: t.requiresRegistration ? 'on' : '',
  order: String(t.order),
  quotaBase: t.quotaBase,
  quotaBaseCode: t.quotaBaseCode ?? '',
  catalogId: t.catalogId === null ? '' : String(t.catalogId),
});

const titleJson = (t: Pick<CampaignTitle, 'code' | 'name' | 'scope' | 'kind' | 'quotaPercent' | 'minClass' | 'requiresRegistration' | 'order' | 'quotaBase' | 'quotaBaseCode' | 'catalogId'>) => ({
  catalogId: t.catalogId,
  quotaBase: t.quotaBase,
  quotaBaseCode: t.quotaBaseCode,
  code: t.code,
  name: t.name,
  scope: t.scope,
  kind: t.kind,
  quotaPercent: t.quotaPercent === null ? null : Number(t.quotaPercent.toString()),
  minClass: t.minClass,
  requiresRegistration: t.requiresRegistration,
  order: t.order,
});

/** How often each title is already used: registered in pledges or by people, proposed or awarded. */
async function titleUse(prisma: Db | Tx, campaignId: number): Promise<Map<number, number>> {
  const titles = await prisma.campaignTitle.findMany({
    where: { campaignId },
    select: { id: true, _count: { select: { pledgeTitles: true, registrations: true, proposalItems: true, awards: true } } },
  });
  return new Map(titles.map((t) => [t.id, t._count.pledgeTitles + t._count.registrations + t._count.proposalItems + t._count.awards]));
}

export async function titlesPage(prisma: Db, actor: Actor, id: number) {
  const campaign = await getManagedCampaign(prisma, actor, id);
  const titles = await prisma.campaignTitle.findMany({ where: { campaignId: id }, orderBy: [{ order: 'asc' }, { id: 'asc' }] });
  const have = new Set(titles.map((t) => t.code));
  const offered = (await entriesForCampaign(prisma, campaign)).filter((e) => !have.has(e.code));
  return { campaign, rows: titles.map(titleRow), use: await titleUse(prisma, id), catalogue: offered };
}

/**
 * Add a catalogue entry at the end of the list with its default quota (base, percent, base title), editable after.
 * Only an entry in force during the campaign and meant for its kind is accepted: a peak campaign gets only the forms
 * a peak campaign may give; the refusal names the title and why.
 */
export async function addFromCatalogue(prisma: Db, actor: Actor, id: number, code: string, requestId?: string) {
  return prisma.$transaction(async (tx) => {
    const campaign = await getManagedCampaign(tx, actor, id);
    assertEditable(campaign);
    const entry = await tx.titleCatalog.findUnique({ where: { code } });
    if (!entry) throw new ValidationError({ preset: { key: 'validation.choice' } });
    if (!(await entriesForCampaign(tx, campaign)).some((e) => e.id === entry.id)) {
      if (campaign.kind === 'PEAK' && !entry.forPeak) throw new RuleError('titles.errors.notForPeak', { name: entry.name });
      if (campaign.kind === 'REGULAR' && !entry.forRegular) throw new RuleError('titles.errors.notForRegular', { name: entry.name });
      throw new RuleError('titles.errors.notInForce', { name: entry.name });
    }
    if (await tx.campaignTitle.findUnique({ where: { campaignId_code: { campaignId: id, code } } })) throw new RuleError('titles.errors.presetExists', { name: entry.name });
    const last = await tx.campaignTitle.aggregate({ where: { campaignId: id }, _max: { order: true } });
    const t = await tx.campaignTitle.create({
      data: {
        campaignId: id, catalogId: entry.id, code: entry.code, name: entry.name, scope: entry.scope, kind: entry.kind,
        quotaBase: entry.defaultQuotaBase, quotaPercent: entry.defaultQuotaPercent, quotaBaseCode: entry.quotaBaseCode,
        requiresRegistration: true, order: (last._max.order ?? 0) + 1,
      },
    });
    await recordAudit(tx, { actorId: actor.id, action: 'title.create', entityType: 'CampaignTitle', entityId: t.id, campaignId: id, after: titleJson(t), requestId });
    return t;
  });
}

/** Save the titles table. A title already registered for, proposed or awarded cannot be removed. */
export async function saveTitles(prisma: Db, actor: Actor, id: number, version: number, rows: RawRow[], requestId?: string) {
  authorize(actor, 'quota.configure');
  const parsed = parseRows(TitleRow, rows, 'ti', (r) => isRemoved(r) || isBlankNew(r, FIELDS));
  const errors: FieldErrors = { ...parsed.errors };
  return prisma.$transaction(async (tx) => {
    const campaign = await getManagedCampaign(tx, actor, id);
    assertEditable(campaign);
    await claimVersion(tx, id, version);
    const saved = new Map((await tx.campaignTitle.findMany({ where: { campaignId: id } })).map((t) => [t.id, t]));
    const use = await titleUse(tx, id);
    const removeIds = new Set<number>();
    rows.forEach((r, i) => {
      if (!r.id) return;
      const tid = Number(r.id);
      if (!saved.has(tid)) throw new ConflictError('campaigns.errors.conflict');
      if (!isRemoved(r)) return;
      removeIds.add(tid);
      const n = use.get(tid) ?? 0;
      if (n > 0) errors[`ti.${i}.remove`] = { key: 'titles.errors.inUse', params: { n } };
    });
    const kept = parsed.data.flatMap((d, i) => (d ? [{ d, i }] : []));
    const seen = new Set<string>();
    // a typed row naming a catalogue title that a campaign of this kind may not give is refused beside its code
    const catalogue = new Map((await tx.titleCatalog.findMany({ where: { code: { in: kept.map(({ d }) => d.code) } } })).map((e) => [e.code, e]));
    const codes = new Set((await tx.titleCatalog.findMany({ select: { code: true } })).map((e) => e.code));
    for (const { d, i } of kept) {
      const k = d.code.toLocaleUpperCase('vi');
      if (seen.has(k)) errors[`ti.${i}.code`] ??= { key: 'criteria.errors.duplicateCode' };
      seen.add(k);
      const entry = catalogue.get(d.code);
      if (entry && campaign.kind === 'PEAK' && !entry.forPeak) errors[`ti.${i}.code`] ??= { key: 'titles.errors.notForPeak', params: { name: entry.name } };
      if (entry && campaign.kind === 'REGULAR' && !entry.forRegular) errors[`ti.${i}.code`] ??= { key: 'titles.errors.notForRegular', params: { name: entry.name } };
      if (d.quotaBase === 'HOLDERS' && !d.quotaBaseCode) errors[`ti.${i}.quotaBaseCode`] ??= { key: 'catalogue.errors.baseCodeNeeded' };
      if (d.quotaBaseCode && !codes.has(d.quotaBaseCode)) errors[`ti.${i}.quotaBaseCode`] ??= { key: 'validation.choice' };
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);

    const audit = (action: string, entityId: number, before?: object, after?: object) =>
      recordAudit(tx, { actorId: actor.id, action, entityType: 'CampaignTitle', entityId, campaignId: id, before, after, requestId });
    for (const { d } of kept) if (d.id !== null && saved.get(d.id)!.code !== d.code) await tx.campaignTitle.update({ where: { id: d.id }, data: { code: `~${d.id}` } });
    for (const tid of removeIds) {
      await tx.campaignTitle.delete({ where: { id: tid } });
      await audit('title.delete', tid, titleJson(saved.get(tid)!));
    }
    let changed = 0;
    for (const { d } of kept) {
      const { id: tid, ...data } = d;
      if (tid === null) {
        const t = await tx.campaignTitle.create({ data: { campaignId: id, ...data } });
        await audit('title.create', t.id, undefined, titleJson(t));
        changed++;
        continue;
      }
      const before = titleJson(saved.get(tid)!);
      const after = titleJson(await tx.campaignTitle.update({ where: { id: tid }, data }));
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        await audit('title.update', tid, before, after);
        changed++;
      }
    }
    return { total: kept.length, changed: changed + removeIds.size };
  });
}
