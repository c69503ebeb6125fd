import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { setFlash } from '../web/flash.ts';
import { ParticipantsForm, ParticipantsQuery } from './schema.ts';
import { PICKER_PAGE_SIZE, participantsPage, saveParticipants } from './participants.ts';
import { pageFrom } from '../lib/paging.ts';
import { formVersion } from './setup.ts';
import { afterSave, campaignId, failureOf, keepTyped, renderStep, requestIdOf } from './web.ts';

/** Step 2 (participants): units from the registry, or whole clusters. */
export function participantsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const manage = requireCan('campaign.manage');

  /** GET /campaigns/:id/participants: the unit picker (?q= filters without accents, no JavaScript needed) */
  r.get('/campaigns/:id/participants', manage, async (req, res) => {
    const q = ParticipantsQuery.parse(req.query).q;
    const page = await participantsPage(prisma, actor(req), campaignId(req), q, undefined, undefined, pageFrom(req.query, PICKER_PAGE_SIZE));
    await renderStep(res, prisma, 'campaigns/participants', page.campaign, 'participants', { page, values: { version: String(page.campaign.version) } });
  });

  /** POST /campaigns/:id/participants: admin saves the participating units */
  r.post('/campaigns/:id/participants', manage, async (req, res) => {
    const id = campaignId(req);
    const q = typeof req.body?.q === 'string' ? req.body.q : undefined;
    const pg = pageFrom(req.body, PICKER_PAGE_SIZE);
    const fail = async (status: number, errors: object, form?: ParticipantsForm) => {
      const page = await participantsPage(prisma, actor(req), id, q, form ? new Set(form.unitIds) : undefined, form ? new Set(form.clusterIds) : undefined, pg);
      await renderStep(res, prisma, 'campaigns/participants', page.campaign, 'participants', { page, values: keepTyped(req.body, page.campaign, status), errors }, status);
    };
    const form = parseForm(ParticipantsForm, req.body);
    if (!form.ok) return fail(400, form.errors);
    let result;
    try {
      result = await saveParticipants(prisma, actor(req), id, formVersion(req.body), form.data, requestIdOf(req));
    } catch (e) {
      const f = failureOf(e);
      return fail(f.status, f.errors, form.data);
    }
    setFlash(req, 'success', 'campaigns.flash.participants', result);
    const back = afterSave(req, id, 'participants');
    // back to the same filter and page of the picker
    const search = new URLSearchParams({ ...(q ? { q } : {}), ...(pg.page > 1 ? { page: String(pg.page) } : {}) }).toString();
    res.redirect(303, search && back.endsWith('/participants') ? `${back}?${search}` : back);
  });
  return r;
}
