// The expected answer of every route to every role. The permission-matrix test reads the routes from the
// app's router and fails on any route missing here, so a new route cannot ship without a rule.
//
// Columns: anonymous, ADMIN, OFFICER, COMMANDER, UNIT on its own unit (Hạ Long, which owns every fixture),
// UNIT on another unit (Cẩm Phả, same URLs). L = 303 to /login; R = 303 elsewhere (the action was done,
// or a page that sends the user on). POSTs carry only the CSRF token: allowed roles then get their
// validation or rule answer (400/409/422), which proves the permission check came first for the others.
import type { Fixtures, RoleName } from './helpers.ts';

export type Expect = number | 'L' | 'R';
type Row = [Expect, Expect, Expect, Expect, Expect, Expect];
const L = 'L';
const R = 'R';
const ADMIN_ONLY: Row = [L, 200, 403, 403, 403, 403];
const STAFF: Row = [L, 200, 200, 200, 403, 403];
const STAFF_OWN_UNIT: Row = [L, 200, 200, 200, 200, 403];
const EVERYONE: Row = [L, 200, 200, 200, 200, 200];
const SETUP_POST: Row = [L, 400, 403, 403, 403, 403];

export const MATRIX: Record<string, Row> = {
  // public probes and sign-in
  'GET /healthz': [200, 200, 200, 200, 200, 200],
  'GET /readyz': [200, 200, 200, 200, 200, 200],
  'GET /login': [200, R, R, R, R, R],
  'POST /login': [400, 400, 400, 400, 400, 400],
  'POST /logout': [L, L, L, L, L, L],
  'POST /lang': [R, R, R, R, R, R],
  'GET /account/password': EVERYONE,
  'POST /account/password': [L, 400, 400, 400, 400, 400],
  'GET /': EVERYONE,
  // inbox: a notification belongs to one user; anyone else gets 404
  'GET /notifications': EVERYONE,
  'POST /notifications/read-all': [L, R, R, R, R, R],
  'POST /notifications/:id/open': [L, 404, 404, 404, R, 404],
  // administration
  'GET /admin/users': ADMIN_ONLY,
  'GET /admin/users/new': ADMIN_ONLY,
  'POST /admin/users': SETUP_POST,
  'POST /admin/users/:id/active': [L, R, 403, 403, 403, 403],
  'GET /admin/audit': ADMIN_ONLY,
  'GET /admin/audit.csv': ADMIN_ONLY,
  'GET /units/import': ADMIN_ONLY,
  'GET /units/import/sample.csv': ADMIN_ONLY,
  'GET /units/import/result': [L, R, 403, 403, 403, 403],
  'POST /units/import': SETUP_POST,
  'GET /units': STAFF,
  'GET /units/new': ADMIN_ONLY,
  'POST /units': SETUP_POST,
  'GET /units/:id': STAFF_OWN_UNIT,
  'GET /units/:id/edit': ADMIN_ONLY,
  'POST /units/:id': SETUP_POST,
  'POST /units/:id/active': [L, R, 403, 403, 403, 403],
  'GET /clusters': STAFF,
  'GET /clusters/new': ADMIN_ONLY,
  'POST /clusters': SETUP_POST,
  'GET /clusters/:id/edit': ADMIN_ONLY,
  'POST /clusters/:id': SETUP_POST,
  'POST /clusters/:id/delete': [L, R, 403, 403, 403, 403],
  // campaign setup (admin); an active campaign's structure is locked (409), launching it again is a rule (422)
  'GET /campaigns/new': ADMIN_ONLY,
  'POST /campaigns': SETUP_POST,
  'GET /campaigns/:id/edit': ADMIN_ONLY,
  'POST /campaigns/:id/edit': SETUP_POST,
  'GET /campaigns/:id/participants': ADMIN_ONLY,
  'POST /campaigns/:id/participants': [L, 409, 403, 403, 403, 403],
  'GET /campaigns/:id/periods': ADMIN_ONLY,
  'POST /campaigns/:id/periods': [L, 409, 403, 403, 403, 403],
  'GET /campaigns/:id/criteria': ADMIN_ONLY,
  'POST /campaigns/:id/criteria': [L, 409, 403, 403, 403, 403],
  'POST /campaigns/:id/criteria/copy': SETUP_POST,
  'POST /campaigns/:id/criteria/template': SETUP_POST,
  'GET /campaigns/:id/rules': ADMIN_ONLY,
  'POST /campaigns/:id/rules': SETUP_POST,
  'GET /campaigns/:id/titles': ADMIN_ONLY,
  'POST /campaigns/:id/titles': [L, 409, 403, 403, 403, 403],
  'POST /campaigns/:id/titles/preset': SETUP_POST,
  'GET /campaigns/:id/launch': ADMIN_ONLY,
  'POST /campaigns/:id/launch': [L, 422, 403, 403, 403, 403],
  'POST /campaigns/:id/close': [L, R, 403, 403, 403, 403],
  'GET /campaigns': EVERYONE,
  'GET /campaigns/:id': EVERYONE,
  // pledges (Hạ Long's is approved: editing it sends back to the pledge, or is a rule once approved)
  'GET /campaigns/:id/pledges': EVERYONE,
  'GET /campaigns/:id/pledges/:unitId': STAFF_OWN_UNIT,
  'GET /campaigns/:id/pledges/:unitId/print': STAFF_OWN_UNIT,
  'GET /campaigns/:id/pledges/:unitId/edit': [L, 403, R, 403, R, 403],
  'POST /campaigns/:id/pledges/:unitId/edit': [L, 403, 422, 403, 422, 403],
  'POST /campaigns/:id/pledges/:unitId/submit': [L, 403, 400, 403, 400, 403],
  'POST /campaigns/:id/pledges/:unitId/approve': [L, 403, 400, 400, 403, 403],
  'POST /campaigns/:id/pledges/:unitId/return': [L, 403, 400, 400, 403, 403],
  'POST /campaigns/:id/pledges/:unitId/amend': [L, 403, 400, 403, 400, 403],
  'GET /campaigns/:id/pledges/:unitId/registrations': STAFF_OWN_UNIT,
  'POST /campaigns/:id/pledges/:unitId/registrations': [L, 403, 403, 403, 400, 403],
  'POST /campaigns/:id/pledges/:unitId/registrations/:regId/delete': [L, 403, 403, 403, 422, 403],
  'GET /campaigns/:id/pledges/:unitId/progress': STAFF_OWN_UNIT,
  'POST /campaigns/:id/pledges/:unitId/progress': [L, 403, 403, 403, 400, 403],
  'GET /campaigns/:id/pledges.:format': STAFF,
  // scoring (period 1 is verified for every unit, so the unit's own self-assessment is locked: 409)
  'GET /campaigns/:id/scores': EVERYONE,
  'GET /campaigns/:id/periods/:periodId/status': STAFF,
  'POST /campaigns/:id/periods/:periodId/close': [L, R, R, R, 403, 403],
  'POST /campaigns/:id/periods/:periodId/reopen': [L, 403, 403, 400, 403, 403],
  'GET /campaigns/:id/periods/:periodId/scores': [L, 403, 200, 403, 403, 403],
  'POST /campaigns/:id/periods/:periodId/scores': [L, 403, R, 403, 403, 403], // an empty grid saves nothing and goes back
  'GET /campaigns/:id/periods/:periodId/scores.:format': EVERYONE, // a unit account gets its own rows only
  'GET /campaigns/:id/periods/:periodId/self': [L, 403, 403, 403, 200, 200],
  'POST /campaigns/:id/periods/:periodId/self': [L, 403, 403, 403, 409, 409],
  // the other unit's request names Hạ Long's file, but only its own (locked) self-assessment is looked at
  'POST /campaigns/:id/periods/:periodId/self/attachments/:attachmentId/delete': [L, 403, 403, 403, 409, 409],
  'GET /campaigns/:id/periods/:periodId/verify/:unitId': [L, 403, 200, 403, 403, 403],
  'POST /campaigns/:id/periods/:periodId/verify/:unitId': [L, 403, 400, 403, 403, 403],
  'POST /campaigns/:id/periods/:periodId/verify/:unitId/return': [L, 403, 400, 403, 403, 403],
  'GET /campaigns/:id/units/:unitId/inspections': STAFF_OWN_UNIT,
  'POST /campaigns/:id/units/:unitId/inspections': [L, 403, 400, 403, 403, 403],
  'GET /attachments/:id': STAFF_OWN_UNIT,
  // ranking and dashboards (unit accounts see their own unit's dashboard, not the ranking before publication)
  'GET /campaigns/:id/ranking': STAFF,
  'GET /campaigns/:id/ranking/:unitId': STAFF,
  'GET /campaigns/:id/ranking.:format': STAFF,
  'POST /campaigns/:id/publish': [L, 400, 403, 400, 403, 403],
  'GET /campaigns/:id/honour-board': EVERYONE,
  'GET /campaigns/:id/dashboard': STAFF,
  'GET /campaigns/:id/my-unit': [L, R, R, R, 200, 200],
  'GET /campaigns/:id/units/:unitId': STAFF_OWN_UNIT,
  'GET /campaigns/:id/report': STAFF,
  // awards: staff only; proposals need published results first (422)
  'GET /campaigns/:id/awards': STAFF,
  'GET /campaigns/:id/awards.:format': STAFF,
  'GET /campaigns/:id/awards/new': [L, 403, 422, 403, 403, 403],
  'POST /campaigns/:id/awards': [L, 403, 422, 403, 403, 403],
  'GET /proposals/:pid': STAFF,
  'GET /proposals/:pid/edit': [L, 403, 422, 403, 403, 403],
  'POST /proposals/:pid': [L, 403, 422, 403, 403, 403],
  'POST /proposals/:pid/submit': [L, 403, 400, 403, 403, 403],
  'POST /proposals/:pid/approve': [L, 403, 403, 400, 403, 403],
  'POST /proposals/:pid/return': [L, 403, 403, 400, 403, 403],
  'POST /proposals/:pid/decision': [L, 403, 403, 400, 403, 403],
  'GET /proposals/inbox': STAFF,
  'POST /proposals/:pid/forward': [L, 403, 403, 400, 403, 403],
  'POST /proposals/:pid/receive': [L, 403, 400, 400, 403, 403],
  'POST /proposals/:pid/send-back': [L, 403, 400, 400, 403, 403],
  'GET /decisions/:id': STAFF,
  'GET /decisions/:id/print': STAFF,
  'GET /awards/:awardId/certificate': STAFF,
  // a proposal's dossier documents (print views and Word files): staff who can see the proposal
  'GET /proposals/:pid/documents': STAFF,
  'GET /proposals/:pid/documents/:kind': STAFF,
  'GET /proposals/:pid/documents/:kind.docx': STAFF,
  'GET /decisions/:id.docx': STAFF,
  'GET /awards/:awardId/revoke': [L, 403, 403, 200, 403, 403],
  'POST /awards/:awardId/revoke': [L, 403, 403, 400, 403, 403],
  // exemplars (Hạ Long's, unpublished) and people
  'GET /campaigns/:id/exemplars': EVERYONE,
  'GET /campaigns/:id/exemplars/new': [L, 403, 200, 403, 200, 200],
  'POST /campaigns/:id/exemplars': [L, 403, 400, 403, 400, 400],
  'GET /exemplars/:id': STAFF_OWN_UNIT,
  'GET /exemplars/:id/edit': [L, 403, 200, 403, 200, 403],
  'POST /exemplars/:id': [L, 403, 400, 403, 400, 403],
  'POST /exemplars/:id/delete': [L, 403, R, 403, R, 403],
  'POST /exemplars/:id/files/:fileId/delete': [L, 403, R, 403, R, 403],
  'POST /exemplars/:id/publish': [L, 403, 403, R, 403, 403],
  'POST /exemplars/:id/unpublish': [L, 403, 403, R, 403, 403],
  'GET /people/:id': STAFF_OWN_UNIT,
  // movement years (staff read, admin edits), the title catalogue and its rules (staff read, admin edits)
  'GET /years': STAFF,
  'GET /years/new': ADMIN_ONLY,
  'POST /years': SETUP_POST,
  'GET /years/:id': STAFF,
  'GET /years/:id/edit': ADMIN_ONLY,
  'POST /years/:id': SETUP_POST,
  'GET /admin/catalogue': STAFF,
  'GET /admin/catalogue/:id/edit': ADMIN_ONLY,
  'POST /admin/catalogue/:id': SETUP_POST,
  'GET /admin/rules': STAFF,
  'GET /admin/rules/:id/edit': ADMIN_ONLY,
  'POST /admin/rules/:id': SETUP_POST,
  // a unit's headcount: admins and officers record it
  'POST /units/:id/headcount': [L, 400, 400, 403, 403, 403],
  // the year's cycle (issue 10): review, assessments, year registrations, sáng kiến (Hạ Long's person and entries)
  'GET /years/:year/review': EVERYONE,
  'POST /years/:year/review/proposal': [L, 403, R, 403, 403, 403],
  'GET /years/:year/assessments': EVERYONE,
  'GET /years/:year/assessments/:personId': STAFF_OWN_UNIT,
  'POST /years/:year/assessments/:personId': [L, 403, 403, 403, 400, 403],
  'POST /years/:year/assessments/:personId/verify': [L, 403, 400, 400, 403, 403],
  'POST /years/:year/assessments/:personId/return': [L, 403, 400, 400, 403, 403],
  'GET /years/:year/registrations': EVERYONE,
  'POST /years/:year/registrations': [L, 403, 403, 403, 400, 400],
  'POST /years/:year/registrations/:yrId/delete': [L, 403, 403, 403, R, 403],
  'GET /initiatives': EVERYONE,
  'GET /initiatives/new': [L, 200, 200, 403, 200, 200],
  'POST /initiatives': [L, 400, 400, 403, 400, 400],
  'GET /initiatives/:id': STAFF_OWN_UNIT,
  'GET /initiatives/:id/edit': [L, 200, 200, 403, 200, 403],
  'POST /initiatives/:id': [L, 400, 400, 403, 400, 403],
};

/**
 * Where an empty form would still carry the action out, each allowed role acts on its own throwaway row
 * (so the next role, and every other row of the matrix, finds the fixtures as they were).
 */
export const PARAMS: Record<string, (fx: Fixtures, role: RoleName) => Record<string, number>> = {
  'POST /admin/users/:id/active': (fx) => ({ id: fx.spareUser }),
  'POST /units/:id/active': (fx) => ({ id: fx.spareUnit }),
  'POST /clusters/:id/delete': (fx) => ({ id: fx.spareCluster }),
  'POST /campaigns/:id/close': (fx) => ({ id: fx.closableCampaign }),
  'POST /campaigns/:id/periods/:periodId/close': (fx, role) => ({ id: fx.spareCampaign, periodId: fx.sparePeriods[role === 'officer' ? 1 : role === 'commander' ? 2 : 0] }),
  'POST /exemplars/:id/delete': (fx, role) => ({ id: role === 'unitOwn' ? fx.spareExemplars[1] : fx.spareExemplars[0] }),
  'POST /exemplars/:id/files/:fileId/delete': (fx, role) => ({ fileId: role === 'unitOwn' ? fx.exemplarFile2 : fx.exemplarFile }),
  'POST /years/:year/registrations/:yrId/delete': (fx, role) => ({ yrId: role === 'unitOwn' ? fx.yearRegSpare : fx.yearReg }),
};
