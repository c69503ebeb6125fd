import type { Response } from 'express';
import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { loadPledgeContext, pledgeAbilities } from './access.ts';
import { pledgeHistory } from './workflow.ts';
import { measureText } from './present.ts';

/** Render the pledge page; workflow routes reuse it to show a refused step beside its button. */
export async function renderPledge(res: Response, prisma: Db, who: Actor, campaignId: number, unitId: number, status = 200, extra: Record<string, unknown> = {}) {
  const ctx = await loadPledgeContext(prisma, who, campaignId, unitId);
  const history = ctx.pledge ? await pledgeHistory(prisma, ctx.pledge.id) : [];
  res.status(status).render('pledges/show', {
    title: `${res.locals.t('pledges.pledgeOf')} ${ctx.unit.name}`,
    ...ctx,
    may: pledgeAbilities(who, ctx),
    history,
    measureText: measureText(res.locals.fmt),
    incomplete: [],
    values: {},
    ...extra,
  });
}

