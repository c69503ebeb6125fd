// The council's gate on a proposal that is to be decided or sent up: every line needs a passing secret ballot at a
// held meeting of the council of the command that acts (`at.unitId`). The latest such ballot counts (a line refused
// at one meeting may be voted again at a later one). Each line without one is a reason, with its numbers.
import type { Gate, Blocker } from '../awards/gates.ts';
import { ballotOutcome } from '../lib/ballot.ts';
import { candidateName, lineCatalog, lineInclude, titleName } from './lines.ts';

export const ballotGate: Gate = async (tx, proposal, at) => {
  const ids = proposal.items.map((i) => i.id);
  if (!ids.length) return [];
  const [lines, ballots] = await Promise.all([
    tx.proposalItem.findMany({ where: { id: { in: ids } }, include: lineInclude, orderBy: { id: 'asc' } }),
    tx.ballotResult.findMany({
      where: { proposalItemId: { in: ids }, meeting: { status: 'HELD', council: { unitId: at.unitId } } },
      orderBy: [{ meeting: { heldOn: 'desc' } }, { meetingId: 'desc' }],
    }),
  ]);
  const latest = new Map<number, (typeof ballots)[number]>();
  for (const b of ballots) if (!latest.has(b.proposalItemId)) latest.set(b.proposalItemId, b);
  const out: Blocker[] = [];
  for (const line of lines) {
    const b = latest.get(line.id);
    const names = { candidate: candidateName(line), title: titleName(line) };
    if (!b) {
      out.push({ key: 'council.gate.noBallot', params: names });
      continue;
    }
    if (b.passed) continue;
    const o = ballotOutcome(b, b.memberCount, b.thresholdPercent);
    out.push({
      key: 'council.gate.failed',
      params: { ...names, agree: o.totalAgree, members: o.members, share: o.share, percent: o.percent, needed: o.needed, basis: lineCatalog(line)?.ballotLegalBasis ?? '—' },
    });
  }
  return out;
};
