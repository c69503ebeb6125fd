// Biên bản họp Hội đồng Thi đua – Khen thưởng, generated from the held meeting: who attended, the quorum against
// the council's rule, the ballot table and the conclusions; signed by the secretary and the chair.
import { NotFoundError } from '../errors.ts';
import { ballotTable, headcount } from './ballot-table.ts';
import { dmy, frame, num, subjectOf, type Ctx } from './common.ts';
import type { Dossier } from './dossier.ts';
import { centred, type OfficialDoc } from './model.ts';

/** The chair's name (the member with role CHAIR), or a blank line. */
export function chairOf(ctx: Ctx, m: NonNullable<Dossier['meeting']>): string {
  return m.council.members.find((x) => x.role === 'CHAIR')?.fullName ?? ctx.t('documents.signer.blankName');
}

export function minutesDoc(ctx: Ctx, d: Dossier): OfficialDoc {
  const { t } = ctx;
  const m = d.meeting;
  if (!m) throw new NotFoundError();
  const { members, present, absent } = headcount(m);
  const quorum = Number(m.council.quorumPercent);
  const share = (present / Math.max(1, members)) * 100;
  const attendees = [...m.attendances].sort((a, b) => a.memberId - b.memberId);
  const passed = m.ballots.filter((b) => b.passed).length;
  const subject = subjectOf(t, d);
  return {
    kind: 'minutes',
    fileName: `bien-ban-hop-hoi-dong-${d.proposal.id}`,
    ...frame(t, d, { code: t('documents.code.minutes'), symbol: t('documents.code.council'), date: m.heldOn, issuer: m.council.unit }),
    title: t('documents.minutes.title'),
    subject: [t('documents.minutes.subject', { council: m.council.name }), t('documents.minutes.about', { subject })],
    addressee: null,
    authority: null,
    basis: [],
    blocks: [
      { kind: 'p', text: t('documents.minutes.opening', { date: dmy(m.heldOn), place: m.place ?? t('documents.blankPlace'), council: m.council.name, subject }) },
      { kind: 'heading', text: t('documents.minutes.attendance') },
      { kind: 'p', text: t('documents.minutes.counts', { members, present, absent }) },
      {
        kind: 'table',
        head: ['no', 'name', 'position', 'role', 'present'].map((k) => t(`documents.minutes.col.${k}`)),
        rows: attendees.map((a, i) => [centred(i + 1), a.member.fullName, a.member.position ?? '', t(`documents.role.${a.member.role}`), centred(t(a.present ? 'documents.minutes.here' : 'documents.minutes.away'))]),
        widths: [7, 28, 30, 20, 15],
      },
      { kind: 'p', text: t(share >= quorum ? 'documents.minutes.quorumMet' : 'documents.minutes.quorumNotMet', { present, members, share: num(ctx, share), quorum: num(ctx, quorum, 2) }) },
      { kind: 'p', text: t('documents.minutes.chairs', { chair: chairOf(ctx, m), secretary: m.secretary ?? t('documents.signer.blankName') }) },
      { kind: 'heading', text: t('documents.minutes.content') },
      { kind: 'p', text: t('documents.minutes.method') },
      ballotTable(ctx, m),
      { kind: 'heading', text: t('documents.minutes.conclusion') },
      { kind: 'p', text: t('documents.minutes.tally', { passed, total: m.ballots.length }) },
      ...(m.conclusions ? [{ kind: 'p' as const, text: m.conclusions }] : []),
      { kind: 'p', text: t('documents.minutes.closing') },
    ],
    recipients: [],
    signers: [
      { lines: [t('documents.signer.secretary')], name: m.secretary ?? t('documents.signer.blankName') },
      { lines: [t('documents.signer.chair')], name: chairOf(ctx, m) },
    ],
  };
}
