// Shared pieces of the security tests: the route list read from the app's own router, the roles of the
// permission matrix, and fixture rows (owned by Hạ Long) that every route parameter can point at.
import crypto from 'node:crypto';
import { createApp } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import type { TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

export type Route = { method: string; path: string; key: string };

type Layer = { route?: { path: string | string[]; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; slash?: boolean; name?: string };

/**
 * Every route the app answers, read from Express 5's router stack (feature routers nested with r.use).
 * Nested routers must be mounted at the root: a prefix is not recoverable from the stack, so one fails here.
 */
export function routesOf(app: TestApp): Route[] {
  const express = createApp({ config: app.config, logger: createLogger('silent'), prisma: app.prisma, database: app.db });
  const out: Route[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          if (typeof path !== 'string') throw new Error(`route with a non-string path: ${String(path)}`);
          for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') out.push({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}` });
        }
      } else if (layer.handle?.stack) {
        if (layer.slash !== true) throw new Error(`router "${layer.name}" is mounted under a path prefix; teach routesOf() to read it`);
        walk(layer.handle.stack);
      }
    }
  };
  walk((express as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

export const ROLES = ['anon', 'admin', 'officer', 'commander', 'unitOwn', 'unitOther'] as const;
export type RoleName = (typeof ROLES)[number];
/** The demo account behind each role: unitOwn owns every fixture below (Hạ Long), unitOther is Cẩm Phả. */
export const LOGIN: Record<Exclude<RoleName, 'anon'>, string> = { admin: 'admin', officer: 'officer', commander: 'commander', unitOwn: 'halong', unitOther: 'campha' };

/** A client for a role: anonymous ones have loaded /login, so they hold a session and a CSRF token. */
export async function clientFor(app: TestApp, role: RoleName): Promise<Client> {
  if (role !== 'anon') return app.as(LOGIN[role]);
  const c = app.client();
  await c.get('/login');
  return c;
}

export type Fixtures = Awaited<ReturnType<typeof makeFixtures>>;

/** Rows for every kind of id a route takes, all belonging to Hạ Long in the demo campaign (plus throwaways). */
export async function makeFixtures(app: TestApp) {
  const p = app.prisma;
  const tag = crypto.randomBytes(3).toString('hex');
  const campaign = await p.campaign.findFirstOrThrow({ where: { demo: true, name: 'Lập công dâng Đảng' }, include: { periods: { orderBy: { seq: 'asc' } }, titles: true } });
  const unit = await p.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const pledge = await p.pledge.findUniqueOrThrow({ where: { campaignId_unitId: { campaignId: campaign.id, unitId: unit.id } } });
  const period = campaign.periods[0];
  const assessment = await p.assessment.findUniqueOrThrow({ where: { periodId_unitId: { periodId: period.id, unitId: unit.id } } });
  const halongUser = await p.user.findUniqueOrThrow({ where: { username: 'halong' } });
  const unitTitle = campaign.titles.find((t) => t.scope === 'COLLECTIVE')!;
  const personTitle = campaign.titles.find((t) => t.scope === 'INDIVIDUAL')!;
  const person = await p.person.create({ data: { unitId: unit.id, fullName: `Nguyễn Văn An ${tag}`, rank: 'Đại úy' } });
  const registration = await p.individualRegistration.create({ data: { pledgeId: pledge.id, personId: person.id, titleId: personTitle.id } });
  const file = (ownerType: string, ownerId: number) =>
    p.attachment.create({ data: { ownerType, ownerId, fileName: 'bien-ban.pdf', mimeType: 'application/pdf', size: 9, data: Buffer.from('%PDF-1.4\n') } });
  const attachment = await file('assessment', assessment.id);
  const exemplar = await p.exemplar.create({ data: { campaignId: campaign.id, unitId: unit.id, kind: 'ADVANCED_EXEMPLAR', title: `Điển hình ${tag}`, description: 'Mô tả' } });
  const exemplarFile = await file('exemplar', exemplar.id);
  const exemplarFile2 = await file('exemplar', exemplar.id);
  const newExemplar = (title: string, published = false) =>
    p.exemplar.create({ data: { campaignId: campaign.id, unitId: unit.id, kind: 'GOOD_DEED', title: `${title} ${tag}`, description: 'Mô tả', published } });
  const spareExemplars = [await newExemplar('Dự phòng A'), await newExemplar('Dự phòng B')];
  await newExemplar('Đã công bố', true); // the honour board shows once something is published
  const proposal = await p.awardProposal.create({ data: { campaignId: campaign.id, items: { create: [{ titleId: unitTitle.id, unitId: unit.id }] } } });
  const decided = await p.awardProposal.create({ data: { campaignId: campaign.id, status: 'DECIDED', items: { create: [{ titleId: unitTitle.id, unitId: unit.id }] } } });
  const decision = await p.awardDecision.create({ data: { campaignId: campaign.id, proposalId: decided.id, number: `QĐ-${tag}`, date: new Date('2021-12-20'), signingAuthority: 'Bộ CHQS tỉnh' } });
  const award = await p.award.create({ data: { decisionId: decision.id, campaignId: campaign.id, titleId: unitTitle.id, unitId: unit.id } });
  const year = await p.movementYear.findUniqueOrThrow({ where: { year: 2021 } });
  const catalogue = await p.titleCatalog.findUniqueOrThrow({ where: { code: 'CSTT' } });
  const rule = await p.eligibilityRule.findUniqueOrThrow({ where: { code: 'CSTT_TRAINING' } });
  const notification = await p.notification.create({ data: { userId: halongUser.id, kind: 'pledge.returned', link: `/campaigns/${campaign.id}` } });
  const cluster = await p.cluster.findFirstOrThrow({ orderBy: { id: 'asc' } });
  // throwaways for actions that an empty form would still carry out (deactivate, delete)
  const spareUnit = await p.unit.create({ data: { code: `SPARE${tag}`.toUpperCase(), name: `Đơn vị dự phòng ${tag}`, type: 'DISTRICT_COMMAND', parentId: unit.parentId } });
  const spareUser = await p.user.create({ data: { username: `spare${tag}`, fullName: 'Tài khoản dự phòng', role: 'OFFICER', passwordHash: 'x' } });
  const spareCluster = await p.cluster.create({ data: { name: `Cụm dự phòng ${tag}` } });
  const newCampaign = (name: string) =>
    p.campaign.create({ data: { name: `${name} ${tag}`, startDate: new Date('2022-01-01'), endDate: new Date('2022-12-31'), status: 'ACTIVE', units: { create: [{ unitId: unit.id }] } } });
  const spareCampaign = await newCampaign('Phong trào dự phòng');
  const closableCampaign = await newCampaign('Phong trào để đóng');
  // its own periods, one for each role that may close a period, each verified so that it can be closed
  const sparePeriods = await Promise.all(
    [1, 2, 3].map((seq) =>
      p.period.create({
        data: { campaignId: spareCampaign.id, seq, name: `Đợt ${seq}`, startDate: new Date(`2022-0${seq}-01`), endDate: new Date(`2022-0${seq}-28`), assessments: { create: [{ unitId: unit.id, status: 'VERIFIED' }] } },
      }),
    ),
  );
  // the year's cycle: a Hạ Long sáng kiến and year registrations in the demo's 2021
  const initiative = await p.initiative.create({ data: { kind: 'INITIATIVE', title: `Sáng kiến ${tag}`, unitId: unit.id, year: 2021, recognisingLevel: 'REGIMENT', authors: { create: [{ personId: person.id }] } } });
  const cstt = await p.titleCatalog.findUniqueOrThrow({ where: { code: 'CSTT' } });
  const yearReg = await p.yearRegistration.create({ data: { yearId: year.id, unitId: unit.id, personId: person.id, catalogId: cstt.id } });
  const yearRegSpare = await p.yearRegistration.create({ data: { yearId: year.id, unitId: unit.id, personId: null, catalogId: (await p.titleCatalog.findUniqueOrThrow({ where: { code: 'CO_QK' } })).id } });
  // the demo province's council, a member of it and its held meeting (issue 11)
  const council = await p.council.findFirstOrThrow({ where: { unit: { commandLevel: 'PROVINCE' } }, orderBy: { id: 'asc' }, include: { members: { take: 1, orderBy: { id: 'asc' } }, meetings: { take: 1, orderBy: { id: 'asc' } } } });
  // công khai: the demo's posting of the flag proposal and one of its comments; a flag raised on the fixture award
  const posting = await p.proposalPosting.findFirstOrThrow({ orderBy: { id: 'asc' }, include: { comments: { take: 1, orderBy: { id: 'asc' } } } });
  const cause = await p.award.findFirstOrThrow({ where: { id: { not: award.id } }, orderBy: { id: 'asc' } });
  const flag = await p.awardFlag.create({ data: { awardId: award.id, causeAwardId: cause.id, reason: `Thử ${tag}` } });
  const audit = await p.auditLog.create({ data: { userId: halongUser.id, action: 'probe.fixture', entityType: 'Probe', entityId: tag, after: { tag } } });
  return {
    audit: Number(audit.id),
    posting: posting.id, postingComment: posting.comments[0].id, flag: flag.id,
    council: council.id, councilMember: council.members[0].id, meeting: council.meetings[0].id,
    yearNo: year.year, initiative: initiative.id, yearReg: yearReg.id, yearRegSpare: yearRegSpare.id,
    campaign: campaign.id, period: period.id, unit: unit.id, pledge: pledge.id, person: person.id, registration: registration.id,
    attachment: attachment.id, exemplar: exemplar.id, exemplarFile: exemplarFile.id, proposal: proposal.id, decision: decision.id,
    award: award.id, notification: notification.id, cluster: cluster.id, spareUnit: spareUnit.id, spareUser: spareUser.id, spareCluster: spareCluster.id,
    year: year.id, catalogue: catalogue.id, rule: rule.id,
    exemplarFile2: exemplarFile2.id, spareExemplars: spareExemplars.map((e) => e.id), sparePeriods: sparePeriods.map((x) => x.id), spareCampaign: spareCampaign.id, closableCampaign: closableCampaign.id,
  };
}

/** The id each path parameter takes; `:id` depends on the resource the path starts with. */
export function fillPath(path: string, fx: Fixtures, override: Record<string, number> = {}): string {
  const [, first, second] = path.split('/');
  const ids: Record<string, number> = {
    years: fx.year,
    campaigns: fx.campaign, units: fx.unit, clusters: fx.cluster, notifications: fx.notification, decisions: fx.decision,
    exemplars: fx.exemplar, people: fx.person, attachments: fx.attachment, initiatives: fx.initiative, council: fx.council, meetings: fx.meeting, postings: fx.posting,
    admin: second === 'catalogue' ? fx.catalogue : second === 'rules' ? fx.rule : second === 'audit' ? fx.audit : fx.spareUser,
  };
  const values: Record<string, number | string> = {
    id: ids[first], unitId: fx.unit, periodId: fx.period, regId: fx.registration, attachmentId: fx.attachment, pid: fx.proposal,
    awardId: fx.award, fileId: fx.exemplarFile, format: 'csv', kind: 'submission', year: fx.yearNo, personId: fx.person, yrId: fx.yearReg, memberId: fx.councilMember, cid: fx.postingComment, fid: fx.flag, ...override,
  };
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    if (values[name] === undefined) throw new Error(`no fixture for :${name} in ${path}`);
    return String(values[name]);
  });
}

/** A fingerprint of what the app has written: row counts of the main tables and the audit trail's last id. */
export async function writeState(app: TestApp): Promise<string> {
  const p = app.prisma;
  const counts = await Promise.all([
    p.auditLog.count(), p.user.count(), p.unit.count(), p.cluster.count(), p.campaign.count(), p.pledge.count(), p.score.count(),
    p.exemplar.count(), p.attachment.count(), p.awardProposal.count(), p.award.count(), p.notification.count({ where: { readAt: null } }),
  ]);
  const last = await p.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  const users = await p.user.findMany({ select: { id: true, active: true, lockedUntil: true, passwordHash: true, locale: true }, orderBy: { id: 'asc' } });
  const units = await p.unit.findMany({ select: { id: true, active: true, version: true }, orderBy: { id: 'asc' } });
  return crypto.createHash('sha256').update(JSON.stringify({ counts, last: String(last?.id), users, units })).digest('hex');
}
