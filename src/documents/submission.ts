// Tờ trình: the command's submission of the proposal to the level that decides it (the command above when a title
// is beyond the command's own level), with the basis lines, the council's vote and the list of titles asked for.
import type { Db } from '../db/index.ts';
import { basisLines, basisTexts } from './basis.ts';
import { commanderSigner, dmy, frame, occasionOf, subjectOf, titleCounts, type Ctx } from './common.ts';
import type { Dossier } from './dossier.ts';
import type { Block, OfficialDoc } from './model.ts';

export async function submissionDoc(prisma: Db, { t, locale }: Ctx, d: Dossier): Promise<OfficialDoc> {
  const command = d.command?.name ?? '';
  const to = d.goesUp && d.command?.parent ? d.command.parent.name : t('documents.submission.commanderOf', { command });
  const subject = subjectOf(t, d);
  const date = d.proposal.submittedAt ?? null;
  const texts = await basisTexts(prisma, locale, date ?? new Date(), d.lines.map((l) => l.catalog?.legalBasis ?? ''));
  const blocks: Block[] = [{ kind: 'p', text: t('documents.submission.intro', { name: occasionOf(t, d), command }) }];
  const m = d.meeting;
  if (m) {
    const members = m.memberCount ?? m.attendances.length;
    const present = m.presentCount ?? m.attendances.filter((a) => a.present).length;
    const passed = m.ballots.filter((b) => b.passed).length;
    blocks.push({ kind: 'p', text: t('documents.submission.council', { council: m.council.name, date: dmy(m.heldOn), present, members, passed, total: m.ballots.length }) });
  }
  if (d.proposal.note) blocks.push({ kind: 'p', text: d.proposal.note });
  blocks.push({ kind: 'p', text: t('documents.submission.request', { command, to }) });
  for (const line of titleCounts(t, d.lines)) blocks.push({ kind: 'p', text: line });
  blocks.push({ kind: 'p', text: t('documents.submission.enclosed'), italic: true });
  blocks.push({ kind: 'p', text: t('documents.submission.closing', { to }) });
  return {
    kind: 'submission',
    fileName: `to-trinh-${d.proposal.id}`,
    ...frame(t, d, { code: t('documents.code.submission'), date }),
    title: t('documents.submission.title'),
    subject: [t('documents.submission.subject', { subject })],
    addressee: t('documents.addressee', { to }),
    authority: null,
    basis: basisLines(t, texts),
    blocks,
    recipients: [t('documents.recipients.above'), t('documents.recipients.archive')],
    signers: [commanderSigner(t, d)],
  };
}
