// The công khai gate of the decision (and of forwarding up): a proposal that was never posted, whose posting window
// is still open, or with a complaint (on one of its candidates or on the whole list) left unanswered cannot move on.
// Any posting of the proposal counts (the list is posted where it is drawn up; a command above decides on it).
import type { Tx } from '../db/index.ts';
import type { Blocker, Gate } from '../awards/gates.ts';
import { daysLeft } from './service.ts';

const ddmmyyyy = (d: Date) => d.toISOString().slice(0, 10).split('-').reverse().join('/');

/** The proposal's latest posting and its comments, as the gate and the proposal page read them. */
export async function postingStatus(tx: Tx, proposalId: number, today: Date) {
  const postings = await tx.proposalPosting.findMany({
    where: { proposalId },
    orderBy: [{ closesOn: 'desc' }, { id: 'desc' }],
    include: { unit: { select: { name: true } }, comments: { select: { id: true, kind: true, answer: true, authorId: true, createdAt: true, proposalItemId: true } } },
  });
  const latest = postings[0] ?? null;
  const comments = postings.flatMap((p) => p.comments);
  const open = comments.filter((c) => c.kind === 'COMPLAINT' && c.answer === null);
  return {
    posted: latest !== null,
    posting: latest && { id: latest.id, unit: latest.unit.name, postedOn: latest.postedOn, closesOn: latest.closesOn, place: latest.place },
    windowOpen: latest !== null && today.getTime() < latest.closesOn.getTime(),
    daysLeft: latest ? daysLeft(latest.closesOn, today) : 0,
    comments: comments.length,
    openComplaints: open,
  };
}

export const postingGate: Gate = async (tx, proposal, at) => {
  const s = await postingStatus(tx, proposal.id, at.today);
  if (!s.posting) return [{ key: 'postings.gate.notPosted', params: { id: proposal.id } }];
  const out: Blocker[] = [];
  if (s.windowOpen) out.push({ key: 'postings.gate.windowOpen', params: { postedOn: ddmmyyyy(s.posting.postedOn), closesOn: ddmmyyyy(s.posting.closesOn), n: s.daysLeft } });
  if (s.openComplaints.length) {
    // one query at a time: inside a transaction the connection is single
    const authors = await tx.user.findMany({ where: { id: { in: s.openComplaints.map((c) => c.authorId) } }, select: { id: true, fullName: true } });
    const items = await tx.proposalItem.findMany({ where: { id: { in: s.openComplaints.flatMap((c) => (c.proposalItemId === null ? [] : [c.proposalItemId])) } }, select: { id: true, unit: { select: { name: true } }, person: { select: { fullName: true } } } });
    const mine = new Set(proposal.items.map((i) => i.id));
    for (const c of s.openComplaints) {
      // a complaint about a candidate no longer in the list does not hold the decision
      if (c.proposalItemId !== null && !mine.has(c.proposalItemId)) continue;
      const item = items.find((i) => i.id === c.proposalItemId);
      const params = { author: authors.find((u) => u.id === c.authorId)?.fullName ?? '—', date: ddmmyyyy(c.createdAt) };
      out.push(item ? { key: 'postings.gate.complaint', params: { ...params, candidate: item.person?.fullName ?? item.unit?.name ?? '' } } : { key: 'postings.gate.complaintList', params });
    }
  }
  return out;
};
