// The contract between the ranking engine (src/lib/ranking.ts + src/ranking/service.ts) and its readers
// (ranking page, dashboards, exports, awards). Keep these shapes stable; add fields rather than change them.

export type ClassCode = 'XUAT_SAC' | 'TOT' | 'KHA' | 'TRUNG_BINH' | 'YEU';

/** One step of a campaign's tie-break chain, stored in Campaign.tieBreaks (JSON array, in order). */
export type TieBreak =
  | { kind: 'group'; groupCode: string } // more points in criteria group X
  | { kind: 'fewerPenalty' } // fewer penalty points
  | { kind: 'latestPeriod' }; // higher score in the latest scored period

/** Campaign.classRules (JSON). A unit gets the highest class whose threshold it reaches and whose conditions hold. */
export type ClassRules = {
  thresholds: Partial<Record<Exclude<ClassCode, 'YEU'>, number>>;
  conditions?: { class: ClassCode; noPenaltyInGroup?: string }[];
};

/** A period as the standings name it. */
export type PeriodRef = { id: number; seq: number; name: string };

/**
 * Which periods count for every unit (src/lib/ranking.ts): the closed ones (official); while none is closed,
 * the open ones every unit is verified in (provisional); or none (no ranking, classes withheld).
 */
export type CountBasis = 'closed' | 'allVerified' | 'none';

export type CriterionBreakdown = {
  criterionId: number;
  code: string;
  groupCode: string;
  kind: 'NORMAL' | 'BONUS' | 'PENALTY';
  /** points counted after clamping to bounds (and weighting for NORMAL), summed or averaged like the total */
  points: number;
  /** the most this criterion can add (weighted max for NORMAL, bound for BONUS/PENALTY) */
  max: number;
};

export type UnitStanding = {
  unitId: number;
  code: string;
  name: string;
  /** standard competition rank ("1224"): units still tied after the tie-break chain share it */
  rank: number;
  /** campaign total over the counted periods (sum or average per Campaign.totalMode) */
  total: number;
  /** per counted period, in period order; null where the unit has no verified scores there (it counts 0) */
  periodTotals: { periodId: number; seq: number; name: string; total: number | null; raw?: number | null }[];
  /** points per criteria group code (normal groups weighted; bonus/penalty groups as points) */
  groupTotals: Record<string, number>;
  bonus: number;
  penalty: number;
  class: ClassCode;
  /** which tie-break step separated this unit from the one ranked just above with the same total, if any */
  decidedBy: TieBreak | null;
  /** rank computed without the latest counted period; null when there is no earlier period */
  previousRank: number | null;
  criteria: CriterionBreakdown[];
  /** campaign total before normalisation (equals `total` when normalisation is off) */
  rawTotal?: number;
  /** counted periods in which the unit has verified scores */
  scoredPeriods?: number;
  /** average counted period total (missing periods 0) as a percent of one period's maximum normal total: what the class thresholds read */
  percent?: number;
  /** counted periods without a verified score for this unit: each counts 0 */
  missingPeriods?: PeriodRef[];
  /** verified totals in the periods not counted (open ones), per Standings.provisionalPeriods: shown apart, never ranked */
  provisional?: (PeriodRef & { total: number | null })[];
};

export type Standings = {
  campaignId: number;
  tieBreaks: TieBreak[];
  classRules: ClassRules;
  normalized: boolean;
  totalMode: 'SUM' | 'AVERAGE';
  /** how the counted periods were chosen; absent in snapshots published before it existed (read as 'closed') */
  basis?: CountBasis;
  /** periods counted for every unit (see `basis`), up to `uptoSeq` if given */
  periods: PeriodRef[];
  /** periods with verified scores that are not counted (still open): provisional figures only */
  provisionalPeriods?: PeriodRef[];
  groups: { code: string; title: string; max: number; kind: 'NORMAL' | 'BONUS' | 'PENALTY' }[];
  standings: UnitStanding[]; // sorted by rank, then unit code
  /** the most a unit can reach in one period from normal criteria (weighted), the 100% of `percent` */
  periodMax?: number;
  /** true when read from the frozen CampaignResult snapshot of a published campaign */
  frozen?: boolean;
  /** who published the results and when (published campaigns only) */
  published?: { at: Date; byId: number | null; byName: string | null } | null;
};
