import type { Router } from 'express';
import type passport from 'passport';
import type { AppDeps } from './deps.ts';
import { authRouter } from './auth/routes.ts';
import { homeRouter } from './home/routes.ts';
import { usersRouter } from './users/routes.ts';
import { unitsRouter } from './units/routes.ts';
import { clustersRouter } from './clusters/routes.ts';
import { campaignsRouter } from './campaigns/routes.ts';
import { pledgesRouter } from './pledges/routes.ts';
import { scoringRouter } from './scoring/routes.ts';
import { attachmentsRouter } from './attachments/routes.ts';
import { rankingRouter } from './ranking/routes.ts';
import { dashboardsRouter } from './dashboards/routes.ts';
import { awardsRouter } from './awards/routes.ts';
import { documentsRouter } from './documents/routes.ts';
import { chainRouter } from './chain/routes.ts';
import { exportsRouter } from './exports/routes.ts';
import { exemplarsRouter } from './exemplars/routes.ts';
import { notificationsRouter } from './notifications/routes.ts';
import { auditRouter } from './audit/routes.ts';
import { reviewRouter } from './review/routes.ts';
import { assessmentsRouter } from './assessments/routes.ts';
import { initiativesRouter } from './initiatives/routes.ts';
import { yearRegistrationsRouter } from './year-registrations/routes.ts';
import { yearsRouter } from './years/routes.ts';
import { catalogueRouter } from './catalogue/routes.ts';
import { councilRouter } from './council/routes.ts';
import { postingsRouter } from './postings/routes.ts';

import type { Reads } from './db/replica.ts';

export type FeatureDeps = AppDeps & { passport: passport.PassportStatic; reads: Reads };

/** Every feature's router, in mount order. A new feature adds one line here. */
export function featureRouters(deps: FeatureDeps): Router[] {
  return [
    notificationsRouter(deps), // first: its middleware sets the header's unread count for every page
    authRouter(deps),
    homeRouter(deps),
    usersRouter(deps),
    unitsRouter(deps),
    clustersRouter(deps),
    campaignsRouter(deps),
    pledgesRouter(deps),
    scoringRouter(deps),
    attachmentsRouter(deps),
    rankingRouter(deps),
    dashboardsRouter(deps),
    documentsRouter(deps), // before awards: /decisions/:id.docx must not reach /decisions/:id
    chainRouter(deps), // before awards: /proposals/inbox is not a proposal id
    awardsRouter(deps),
    exportsRouter(deps),
    exemplarsRouter(deps),
    auditRouter(deps),
    reviewRouter(deps),
    assessmentsRouter(deps),
    initiativesRouter(deps),
    yearRegistrationsRouter(deps),
    yearsRouter(deps),
    catalogueRouter(deps),
    councilRouter(deps),
    postingsRouter(deps),
  ];
}
