import { ForbiddenError } from '../errors.ts';
import type { Role } from '../generated/prisma/enums.ts';

/** The signed-in user, as every service sees it. */
export type Actor = {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  unitId: number | null;
  locale: string;
};

/**
 * Who may do what. Staff actions are by role; unit-scoped actions also let a UNIT account act on
 * its own unit only (see `can`). This table is the one place permissions are decided.
 */
const RULES = {
  'users.manage': ['ADMIN'],
  'units.manage': ['ADMIN'],
  'units.view': ['ADMIN', 'OFFICER', 'COMMANDER'],
  'campaign.manage': ['ADMIN'],
  'campaign.view': ['ADMIN', 'OFFICER', 'COMMANDER', 'UNIT'],
  'dashboard.command': ['ADMIN', 'OFFICER', 'COMMANDER'],
  'pledge.review': ['OFFICER', 'COMMANDER'],
  'pledge.edit': ['OFFICER', 'UNIT'],
  'registration.manage': ['UNIT'],
  'progress.report': ['UNIT'],
  'unit.view': ['ADMIN', 'OFFICER', 'COMMANDER', 'UNIT'],
  'score.enter': ['OFFICER'],
  'score.verify': ['OFFICER'],
  'self.assess': ['UNIT'],
  'inspection.record': ['OFFICER'],
  'period.close': ['OFFICER', 'COMMANDER', 'ADMIN'],
  'period.reopen': ['COMMANDER'],
  'results.publish': ['COMMANDER', 'ADMIN'],
  'award.view': ['ADMIN', 'OFFICER', 'COMMANDER'],
  'proposal.edit': ['OFFICER'],
  'proposal.decide': ['COMMANDER'],
  /** receive a proposal sent up the chain, or send it back with a reason */
  'proposal.receive': ['OFFICER', 'COMMANDER'],
  'quota.configure': ['ADMIN'],
  'exemplar.record': ['OFFICER', 'UNIT'],
  'exemplar.publish': ['COMMANDER'],
  'audit.view': ['ADMIN'],
  'assessment.view': ['ADMIN', 'OFFICER', 'COMMANDER', 'UNIT'],
  'assessment.enter': ['UNIT'],
  'assessment.verify': ['OFFICER', 'COMMANDER'],
  'initiative.view': ['ADMIN', 'OFFICER', 'COMMANDER', 'UNIT'],
  'initiative.edit': ['ADMIN', 'OFFICER', 'UNIT'],
  'yearreg.view': ['ADMIN', 'OFFICER', 'COMMANDER', 'UNIT'],
  'yearreg.manage': ['UNIT'],
  'review.view': ['ADMIN', 'OFFICER', 'COMMANDER', 'UNIT'],
  'year.view': ['ADMIN', 'OFFICER', 'COMMANDER'],
  'year.manage': ['ADMIN'],
  'catalogue.view': ['ADMIN', 'OFFICER', 'COMMANDER'],
  'catalogue.manage': ['ADMIN'],
  'headcount.edit': ['ADMIN', 'OFFICER'],
  // the Hội đồng TĐKT of the actor's command (scoped to it in src/council/scope.ts): staff read, admin and commander
  // keep its terms and members; the officer, as the council's secretary, records meetings and ballot counts too
  'council.view': ['ADMIN', 'OFFICER', 'COMMANDER'],
  'council.manage': ['ADMIN', 'COMMANDER'],
  'meeting.record': ['ADMIN', 'OFFICER', 'COMMANDER'],
  // công khai: staff of a command post its proposed lists and answer comments; every account of the command
  // (its staff, and the UNIT accounts of units in its subtree) reads them and comments (scope: src/postings/scope.ts)
  'posting.view': ['ADMIN', 'OFFICER', 'COMMANDER', 'UNIT'],
  'posting.comment': ['OFFICER', 'COMMANDER', 'UNIT'],
  'posting.manage': ['OFFICER', 'COMMANDER'],
  // a flag raised on an award when one it depended on was revoked: the commander marks it resolved
  'awardflag.resolve': ['COMMANDER'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof RULES;

/** Actions a UNIT account may take, but only on its own unit's data. */
const UNIT_SCOPED = new Set<Action>([
  'pledge.edit', 'registration.manage', 'progress.report', 'unit.view', 'self.assess', 'exemplar.record',
  'assessment.view', 'assessment.enter', 'initiative.view', 'initiative.edit', 'yearreg.view', 'yearreg.manage', 'review.view',
  'posting.view', 'posting.comment',
]);

export function can(actor: Actor | undefined, action: Action, resource?: { unitId?: number | null }): boolean {
  if (!actor) return false;
  if (!(RULES[action] as readonly Role[]).includes(actor.role)) return false;
  if (actor.role === 'UNIT') {
    if (!UNIT_SCOPED.has(action) && action !== 'campaign.view') return false;
    if (resource && 'unitId' in resource) return resource.unitId === actor.unitId;
  }
  return true;
}

export function authorize(actor: Actor | undefined, action: Action, resource?: { unitId?: number | null }): void {
  if (!can(actor, action, resource)) throw new ForbiddenError();
}

/** A Prisma `where` fragment limiting unit data to what the actor may see. */
export function unitScope(actor: Actor): { unitId?: number } {
  return actor.role === 'UNIT' ? { unitId: actor.unitId ?? -1 } : {};
}
