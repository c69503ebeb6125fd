// Báo cáo thành tích: per proposed unit or person, what the records hold — the pledge (đăng ký thi đua), the scores
// and ranking with the class (units) or the year's verified assessment (people), the recognised sáng kiến, the
// awards already held, and the summary written on the proposal (or the exemplar's deed on an ad-hoc proposal).
import type { Db } from '../db/index.ts';
import { commanderSigner, dmy, frame, num, subjectOf, type Ctx } from './common.ts';
import { awardeeName, titleName, type Dossier } from './dossier.ts';
import type { Block, OfficialDoc } from './model.ts';

async function facts(prisma: Db, d: Dossier) {
  const unitIds = d.lines.flatMap((l) => (l.unitId ? [l.unitId] : []));
  const personIds = d.lines.flatMap((l) => (l.personId ? [l.personId] : []));
  const campaignId = d.proposal.campaignId;
  const [pledges, results, field, regs, assessments, initiatives, awards, yearRegs] = await Promise.all([
    campaignId ? prisma.pledge.findMany({ where: { campaignId, unitId: { in: unitIds } }, include: { titles: { include: { title: { select: { name: true } } } }, targets: { orderBy: { order: 'asc' }, take: 5 } } }) : [],
    campaignId ? prisma.campaignResult.findMany({ where: { campaignId, unitId: { in: unitIds } } }) : [],
    campaignId ? prisma.campaignResult.count({ where: { campaignId } }) : 0,
    campaignId ? prisma.individualRegistration.findMany({ where: { personId: { in: personIds }, pledge: { campaignId } }, select: { personId: true, commitment: true, title: { select: { name: true } } } }) : [],
    prisma.personAssessment.findMany({ where: { personId: { in: personIds }, year: d.year, status: 'VERIFIED' } }),
    prisma.initiative.findMany({
      where: { year: { lte: d.year, gte: d.year - 2 }, OR: [{ unitId: { in: unitIds } }, { authors: { some: { personId: { in: personIds } } } }] },
      include: { authors: { select: { personId: true } } },
      orderBy: [{ year: 'desc' }, { id: 'asc' }],
    }),
    prisma.award.findMany({
      where: { revocation: null, decision: { proposalId: { not: d.proposal.id } }, OR: [{ unitId: { in: unitIds } }, { personId: { in: personIds } }] },
      select: { unitId: true, personId: true, title: { select: { name: true } }, catalog: { select: { name: true } }, decision: { select: { number: true, date: true } } },
      orderBy: { decision: { date: 'desc' } },
    }),
    // the year's đăng ký thi đua (by the unit itself, or by a person)
    prisma.yearRegistration.findMany({
      where: { year: { year: d.year }, OR: [{ unitId: { in: unitIds }, personId: null }, { personId: { in: personIds } }] },
      select: { unitId: true, personId: true, commitment: true, catalog: { select: { name: true } } },
    }),
  ]);
  return { pledges, results, field, regs, assessments, initiatives, awards, yearRegs };
}

const orNone = (t: Ctx['t'], xs: string[]) => (xs.length ? xs : [t('documents.achievements.none')]);

export async function achievementsDoc(prisma: Db, ctx: Ctx, d: Dossier): Promise<OfficialDoc> {
  const { t } = ctx;
  const f = await facts(prisma, d);
  const blocks: Block[] = [];
  d.lines.forEach((l, i) => {
    blocks.push({ kind: 'heading', text: t('documents.achievements.candidate', { n: i + 1, name: awardeeName(l), title: titleName(l) }) });
    if (l.person) blocks.push({ kind: 'p', text: t('documents.achievements.person', { position: l.person.position ?? '—', unit: l.person.unit.name }) });
    const section = (key: string, lines: string[]) => {
      blocks.push({ kind: 'p', text: t(`documents.achievements.${key}`), bold: true });
      for (const x of lines) blocks.push({ kind: 'p', text: x });
    };
    const yearly = f.yearRegs
      .filter((x) => (l.personId ? x.personId === l.personId : x.personId === null && x.unitId === l.unitId))
      .map((x) => t('documents.achievements.yearRegistered', { title: x.catalog.name, year: d.year, commitment: x.commitment ?? '—' }));
    if (l.unitId) {
      const p = f.pledges.find((x) => x.unitId === l.unitId);
      section('pledge', orNone(t, [...yearly, ...(p ? [t('documents.achievements.pledged', { titles: p.titles.map((x) => x.title.name).join(', ') || '—' }), ...p.targets.map((x) => `- ${x.content}`)] : [])]));
      const r = f.results.find((x) => x.unitId === l.unitId);
      section('scores', orNone(t, r ? [t('documents.achievements.ranked', { total: num(ctx, Number(r.total), 2), rank: r.rank, of: f.field, class: t(`campaigns.classes.${r.class}`) })] : []));
    } else {
      section('pledge', orNone(t, [...yearly, ...f.regs.filter((x) => x.personId === l.personId).map((x) => t('documents.achievements.registered', { title: x.title.name, commitment: x.commitment ?? '—' }))]));
      const a = f.assessments.find((x) => x.personId === l.personId);
      section('assessment', orNone(t, a ? [t('documents.achievements.assessed', {
        year: a.year, task: t(`assessments.task.${a.taskLevel}`), passed: num(ctx, Number(a.testsPassedPercent)), good: num(ctx, Number(a.goodPercent)), discipline: t(`assessments.discipline.${a.discipline}`),
      })] : []));
    }
    const mine = f.initiatives.filter((x) => (l.personId ? x.authors.some((a) => a.personId === l.personId) : x.unitId === l.unitId));
    section('initiatives', orNone(t, mine.map((x) => t('documents.achievements.initiative', {
      title: x.title, year: x.year, kind: t(`documents.initiativeKind.${x.kind}`), decision: x.decisionNo ? `${x.decisionNo}${x.decisionDate ? ` (${dmy(x.decisionDate)})` : ''}` : t('documents.achievements.notRecognised'),
    }))));
    const held = f.awards.filter((x) => (l.personId ? x.personId === l.personId : x.unitId === l.unitId));
    section('awards', orNone(t, held.map((x) => t('documents.achievements.award', { year: x.decision.date.getUTCFullYear(), title: x.title?.name ?? x.catalog?.name ?? '', number: x.decision.number }))));
    const summary = [l.achievements, l.reason, d.exemplar ? `${d.exemplar.title}: ${d.exemplar.description}` : null].filter((x): x is string => !!x);
    section('summary', orNone(t, summary));
  });
  return {
    kind: 'achievements',
    fileName: `bao-cao-thanh-tich-${d.proposal.id}`,
    ...frame(t, d, { code: t('documents.code.achievements'), date: d.proposal.submittedAt ?? null }),
    title: t('documents.achievements.title'),
    subject: [t('documents.achievements.subject', { subject: subjectOf(t, d) })],
    addressee: null,
    authority: null,
    basis: [],
    blocks,
    recipients: [t('documents.recipients.dossier'), t('documents.recipients.archive')],
    signers: [commanderSigner(t, d)],
  };
}
