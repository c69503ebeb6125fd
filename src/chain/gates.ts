// What must hold before a command forwards a proposal up or decides it: the issuing level of every line against the
// command's own (here), the council's ballot (src/council/gate.ts) and công khai (src/postings/gate.ts). Every
// blocker is reported at once, each with its numbers.
import type { Tx } from '../db/index.ts';
import type { IssuingLevel } from '../generated/prisma/client.ts';
import type { Blocker, GateProposal } from '../awards/gates.ts';
import { ballotGate } from '../council/gate.ts';
import { postingGate } from '../postings/gate.ts';
import { RuleError } from '../errors.ts';
import type { Command } from './scope.ts';

/** Issuing levels from the lowest up (the enum's declared order). */
export const LEVELS: readonly IssuingLevel[] = ['REGIMENT', 'PROVINCE', 'MILITARY_REGION', 'MINISTRY', 'GOVERNMENT', 'STATE'];
const rank = (l: IssuingLevel) => LEVELS.indexOf(l);

type Cat = { id: number; name: string; issuingLevel: IssuingLevel } | null;
/** A proposal line as the gates read it. */
export type GateLine = {
  id: number;
  catalogId: number | null;
  catalog: Cat;
  title: { name: string; catalogId: number | null; catalog: Cat } | null;
  unitId: number | null;
  personId: number | null;
  unit: { name: string } | null;
  person: { fullName: string } | null;
};

/** The level a line needs: its catalogue entry's issuing level; a line without one is the command's own. */
export function lineLevel(line: GateLine, own: IssuingLevel): IssuingLevel {
  return line.catalog?.issuingLevel ?? line.title?.catalog?.issuingLevel ?? own;
}

const lineName = (l: GateLine) => l.catalog?.name ?? l.title?.name ?? '';
const awardee = (l: GateLine) => l.person?.fullName ?? l.unit?.name ?? '';

/** A command may decide a line at or below its level; it forwards when some line needs a higher one. */
export function levelBlockers(lines: GateLine[], command: Command, mode: 'decide' | 'forward', parent: Command | null): Blocker[] {
  const own = command.commandLevel;
  const above = lines.filter((l) => rank(lineLevel(l, own)) > rank(own));
  if (mode === 'decide') {
    return above.map((l) => ({ key: 'chain.blockers.aboveLevel', params: { title: lineName(l), name: awardee(l), level: lineLevel(l, own), command: command.name, commandLevel: own } }));
  }
  const out: Blocker[] = [];
  if (!above.length) out.push({ key: 'chain.blockers.withinLevel', params: { command: command.name, commandLevel: own } });
  if (!parent) out.push({ key: 'chain.blockers.noParent', params: { command: command.name } });
  return out;
}

/** The gates' view of a proposal. */
export function gateProposal(p: { id: number; commandUnitId: number | null; holderUnitId: number | null; items: GateLine[] }): GateProposal {
  return {
    id: p.id,
    commandUnitId: p.commandUnitId,
    holderUnitId: p.holderUnitId,
    items: p.items.map((i) => ({ id: i.id, catalogId: i.catalogId ?? i.title?.catalogId ?? null, unitId: i.unitId, personId: i.personId })),
  };
}

/** Every blocker for forwarding or deciding at `command` today: level, ballot and công khai. */
export async function chainBlockers(
  tx: Tx,
  p: { id: number; commandUnitId: number | null; holderUnitId: number | null; items: GateLine[] },
  command: Command,
  mode: 'decide' | 'forward',
  parent: Command | null,
  today: Date,
): Promise<Blocker[]> {
  const gp = gateProposal(p);
  const at = { unitId: command.id, today };
  const ballot = await ballotGate(tx, gp, at);
  const posting = await postingGate(tx, gp, at);
  return [...levelBlockers(p.items, command, mode, parent), ...ballot, ...posting];
}

/** Forwarding or deciding refused (422): every blocker, each with its numbers. */
export class GateError extends RuleError {
  constructor(public readonly blockers: Blocker[]) {
    super(blockers[0]?.key ?? 'chain.blockers.refused', blockers[0]?.params ?? {});
  }
}
