// Quyết định khen thưởng: for a decided proposal, the issued decision (number, date, authority, signer) and its
// awards; for an undecided one a draft ("DỰ THẢO") for the command that will decide it, listing the proposed lines.
// The basis lines come from data (basis.ts), then "Xét đề nghị của Hội đồng Thi đua – Khen thưởng …".
import type { Db } from '../db/index.ts';
import { basisLines, basisTexts } from './basis.ts';
import { frame, subjectOf, type Ctx } from './common.ts';
import { titleName, type Dossier } from './dossier.ts';
import { centred, type OfficialDoc } from './model.ts';

type Line = { unit: { name: string } | null; person: { fullName: string; rank: string | null; position: string | null; unit: { name: string } } | null; title: { name: string } | null; catalog: { name: string; legalBasis: string } | null };

export async function decisionDoc(prisma: Db, ctx: Ctx, d: Dossier): Promise<OfficialDoc> {
  const { t, locale } = ctx;
  const dec = d.decision;
  const issuer = dec?.unit ?? (d.goesUp ? (d.command?.parent ?? null) : d.command);
  const issuerName = issuer?.name ?? dec?.signingAuthority ?? '';
  const lines: Line[] = dec ? dec.awards : d.lines;
  const texts = await basisTexts(prisma, locale, dec?.date ?? new Date(), lines.map((l) => l.catalog?.legalBasis ?? ''), dec?.legalBasis ?? null);
  const fromBelow = d.command && issuer && d.command.name !== issuer.name;
  const proposer = fromBelow
    ? t('documents.decision.proposedFromBelow', { command: d.command!.name, council: issuerName })
    : t('documents.decision.proposedBy', { council: issuerName });
  const authority = dec?.signingAuthority ?? issuerName;
  const subject = subjectOf(t, d);
  const symbol = d.goesUp && !dec && d.command?.parent ? d.command.parent.code : d.symbol;
  const rows = lines.map((l, i) => [
    centred(i + 1),
    l.person ? [l.person.rank, l.person.fullName].filter(Boolean).join(' ') : (l.unit?.name ?? ''),
    l.person ? [l.person.position, l.person.unit.name].filter(Boolean).join(', ') : '',
    titleName(l),
  ]);
  return {
    kind: 'decision',
    fileName: dec ? `quyet-dinh-${dec.number.replace(/[^A-Za-z0-9]+/g, '-')}` : `du-thao-quyet-dinh-${d.proposal.id}`,
    ...frame(t, d, { code: t('documents.code.decision'), number: dec?.number ?? null, date: dec?.date ?? null, issuer, symbol }),
    draftMark: dec ? null : t('documents.draft'),
    title: t('documents.decision.title'),
    subject: [t('documents.decision.subject', { subject })],
    addressee: null,
    authority,
    basis: [...basisLines(t, texts), proposer],
    blocks: [
      { kind: 'p', text: t('documents.decision.decides'), bold: true, center: true },
      { kind: 'p', lead: t('documents.decision.article', { n: 1 }), text: t('documents.decision.article1', { n: lines.length, subject }) },
      {
        kind: 'table',
        head: ['no', 'awardee', 'positionUnit', 'title'].map((k) => t(`documents.decision.col.${k}`)),
        rows,
        widths: [8, 33, 32, 27],
      },
      { kind: 'p', lead: t('documents.decision.article', { n: 2 }), text: t('documents.decision.article2') },
      { kind: 'p', lead: t('documents.decision.article', { n: 3 }), text: t('documents.decision.article3') },
    ],
    recipients: [
      t('documents.recipients.article3'),
      ...(issuer?.parent ? [t('documents.recipients.report', { to: issuer.parent.shortName ?? issuer.parent.name })] : []),
      t('documents.recipients.archive'),
    ],
    // a draft for the command itself names its usual signer; one for the command above leaves the name blank
    signers: [{ lines: [authority], name: dec?.signerName ?? (issuer === d.command ? d.lastSigner : null) ?? t('documents.signer.blankName') }],
  };
}
