// Kết quả bỏ phiếu kín: the counted ballots of the meeting for this proposal's candidates, with the threshold counted
// over all members of the council (absent members' written votes included), signed for the council by its chair.
import { NotFoundError } from '../errors.ts';
import { ballotTable, headcount } from './ballot-table.ts';
import { dmy, frame, subjectOf, type Ctx } from './common.ts';
import type { Dossier } from './dossier.ts';
import { chairOf } from './minutes.ts';
import type { OfficialDoc } from './model.ts';

export function ballotsDoc(ctx: Ctx, d: Dossier): OfficialDoc {
  const { t } = ctx;
  const m = d.meeting;
  if (!m) throw new NotFoundError();
  const { members, present } = headcount(m);
  const written = m.ballots.reduce((s, b) => Math.max(s, b.writtenAgree + b.writtenDisagree), 0);
  return {
    kind: 'ballots',
    fileName: `ket-qua-bo-phieu-${d.proposal.id}`,
    ...frame(t, d, { code: t('documents.code.ballots'), symbol: t('documents.code.council'), date: m.heldOn, issuer: m.council.unit }),
    title: t('documents.ballots.title'),
    subject: [t('documents.ballots.subject', { subject: subjectOf(t, d) })],
    addressee: null,
    authority: null,
    basis: [],
    blocks: [
      { kind: 'p', text: t('documents.ballots.meeting', { council: m.council.name, date: dmy(m.heldOn) }) },
      { kind: 'p', text: t('documents.ballots.counts', { members, present, written }) },
      { kind: 'p', text: t('documents.ballots.rule', { members }), italic: true },
      ballotTable(ctx, m),
      { kind: 'p', text: t('documents.minutes.tally', { passed: m.ballots.filter((b) => b.passed).length, total: m.ballots.length }) },
    ],
    recipients: [],
    signers: [{ lines: [t('documents.signer.forCouncil'), t('documents.signer.chair')], name: chairOf(ctx, m) }],
  };
}
