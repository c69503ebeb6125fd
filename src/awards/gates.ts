// What must hold before a command forwards a proposal up the chain or decides it. Each condition lives with its
// feature and answers with the reasons it blocks, in words with numbers:
// - the council's secret ballot passed for every line at a meeting of this command's council (src/council/gate.ts);
// - the công khai window has closed and every complaint on a candidate has an answer (src/postings/gate.ts);
// - the titles are within the command's issuing level (decide) or above it (forward) (src/chain).
import type { Tx } from '../db/index.ts';

/** One reason a proposal cannot move on: an i18n key and its parameters. */
export type Blocker = { key: string; params: Record<string, string | number> };

/** What the gates read of a proposal. */
export type GateProposal = {
  id: number;
  commandUnitId: number | null;
  holderUnitId: number | null;
  items: { id: number; catalogId: number | null; unitId: number | null; personId: number | null }[];
};

export type Gate = (tx: Tx, proposal: GateProposal, at: { unitId: number; today: Date }) => Promise<Blocker[]>;
