// Danh sách trích ngang: one row per proposed unit or person (name, rank, position, unit, the title asked for and a
// summary of the achievement), enclosed with the tờ trình.
import { commanderSigner, frame, subjectOf, type Ctx } from './common.ts';
import { titleName, type Dossier } from './dossier.ts';
import { centred, type OfficialDoc } from './model.ts';

export function candidatesDoc({ t }: Ctx, d: Dossier): OfficialDoc {
  const rows = d.lines.map((l, i) => [
    centred(i + 1),
    l.person?.fullName ?? l.unit?.name ?? '',
    l.person?.rank ?? '',
    l.person?.position ?? '',
    l.person?.unit.name ?? d.command?.name ?? '',
    titleName(l),
    l.achievements ?? l.reason ?? '',
  ]);
  return {
    kind: 'candidates',
    fileName: `danh-sach-trich-ngang-${d.proposal.id}`,
    ...frame(t, d, { code: t('documents.code.candidates'), date: d.proposal.submittedAt ?? null }),
    title: t('documents.candidates.title'),
    subject: [t('documents.candidates.subject', { subject: subjectOf(t, d) })],
    addressee: null,
    authority: null,
    basis: [],
    blocks: [
      { kind: 'p', text: t('documents.candidates.attached', { symbol: d.symbol }), italic: true, center: true },
      {
        kind: 'table',
        head: ['no', 'name', 'rank', 'position', 'unit', 'title', 'summary'].map((k) => t(`documents.col.${k}`)),
        rows,
        widths: [7, 17, 10, 12, 15, 15, 24],
        small: true,
      },
      { kind: 'p', text: t('documents.candidates.total', { n: d.lines.length }), italic: true },
    ],
    recipients: [],
    signers: [commanderSigner(t, d)],
  };
}
