import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth } from '../auth/guards.ts';
import { can } from '../auth/policy.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { setFlash } from '../web/flash.ts';
import { assertCan, loadPledgeContext, pledgeAbilities } from './access.ts';
import { addRegistration, registrationsPage, removeRegistration } from './registrations.ts';
import { RegistrationForm } from './schema.ts';
import { pledgeParams, pledgeUrl } from './present.ts';

export function registrationRoutes({ prisma }: FeatureDeps): Router {
  const r = Router();

  async function render(req: Request, res: Response, status = 200, values: Record<string, unknown> = {}, errors: FieldErrors = {}) {
    const { campaignId, unitId } = pledgeParams(req);
    const who = actor(req);
    const ctx = await loadPledgeContext(prisma, who, campaignId, unitId);
    const may = pledgeAbilities(who, ctx);
    // why there is no add form: staff only read, a submitted or approved pledge is locked, a closed campaign takes no changes
    const note = may.register ? null : !can(who, 'registration.manage', { unitId }) ? 'staff' : ['DRAFT', 'ACTIVE'].includes(ctx.campaign.status) ? 'locked' : 'closed';
    // individual registrations for the year's titles live on the year registrations page, which no pledge locks
    const year = ctx.campaign.yearId ? await prisma.movementYear.findUnique({ where: { id: ctx.campaign.yearId }, select: { year: true } }) : null;
    res.status(status).render('pledges/registrations', {
      yearRegistrations: year ? `/years/${year.year}/registrations` : null,
      title: `${res.locals.t('pledges.registrations.title')} · ${ctx.unit.name}`,
      ...ctx,
      ...(await registrationsPage(prisma, ctx)),
      may,
      note,
      values,
      errors,
    });
  }

  /** GET /campaigns/:id/pledges/:unitId/registrations: people of the unit registered for individual titles */
  r.get('/campaigns/:id/pledges/:unitId/registrations', requireAuth, async (req, res) => {
    await render(req, res);
  });

  /** POST /campaigns/:id/pledges/:unitId/registrations: the unit registers a person for an individual title */
  r.post('/campaigns/:id/pledges/:unitId/registrations', requireAuth, async (req, res) => {
    const { campaignId, unitId } = pledgeParams(req);
    assertCan(actor(req), 'registration.manage', await loadPledgeContext(prisma, actor(req), campaignId, unitId));
    const values = { ...req.body };
    const form = parseForm(RegistrationForm, req.body);
    if (!form.ok) return render(req, res, 400, values, form.errors);
    try {
      const { person, title } = await addRegistration(prisma, actor(req), campaignId, unitId, form.data, String(req.id));
      setFlash(req, 'success', 'pledges.registrations.added', { name: person.fullName, title: title.name });
    } catch (e) {
      if (e instanceof ValidationError) return render(req, res, 400, values, e.fields);
      throw e;
    }
    res.redirect(303, pledgeUrl(campaignId, unitId, '/registrations'));
  });

  /** POST /campaigns/:id/pledges/:unitId/registrations/:regId/delete: the unit withdraws a registration */
  r.post('/campaigns/:id/pledges/:unitId/registrations/:regId/delete', requireAuth, async (req, res) => {
    const { campaignId, unitId } = pledgeParams(req);
    const regId = parseId(req.params.regId);
    if (!regId) throw new NotFoundError();
    const reg = await removeRegistration(prisma, actor(req), campaignId, unitId, regId, String(req.id));
    setFlash(req, 'success', 'pledges.registrations.removed', { name: reg.person.fullName });
    res.redirect(303, pledgeUrl(campaignId, unitId, '/registrations'));
  });

  return r;
}
