import { Router, type Request, type Response } from 'express';
import { pickQuery } from '../units/picker.ts';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { pageFrom } from '../lib/paging.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { yearParam } from '../review/routes.ts';
import { addRegistration, RegistrationForm, removeRegistration, yearRegistrations } from './service.ts';

export function yearRegistrationsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const manage = requireCan('yearreg.manage');

  const render = async (req: Request, res: Response, year: number, extra: { values?: Record<string, unknown>; errors?: FieldErrors; status?: number } = {}) => {
    const unitId = parseId(req.query.unit) ?? null;
    const data = await yearRegistrations(prisma, actor(req), year, { unitId, uq: pickQuery(req.query.uq) }, pageFrom(req.query));
    res.status(extra.status ?? 200).render('year-registrations/index', {
      title: res.locals.t('yearRegistrations.title', { year }), ...data, values: extra.values ?? {}, errors: extra.errors ?? {}, pagerBase: `?${unitId ? `unit=${unitId}&` : ''}`,
    });
  };

  /** GET /years/:year/registrations: the year's registrations (a unit registers itself and its people here) */
  r.get('/years/:year/registrations', requireCan('yearreg.view'), async (req, res) => {
    await render(req, res, yearParam(req.params.year));
  });

  /** POST /years/:year/registrations: a unit registers itself or one of its people for one of the year's titles */
  r.post('/years/:year/registrations', manage, async (req, res) => {
    const year = yearParam(req.params.year);
    const values = { ...(req.body ?? {}) } as Record<string, unknown>;
    const form = parseForm(RegistrationForm, req.body);
    if (!form.ok) return render(req, res, year, { values, errors: form.errors, status: 400 });
    try {
      await addRegistration(prisma, actor(req), year, form.data, String(req.id));
    } catch (e) {
      if (e instanceof ValidationError) return render(req, res, year, { values, errors: e.fields, status: 400 });
      throw e;
    }
    setFlash(req, 'success', 'yearRegistrations.flash.added');
    res.redirect(303, `/years/${year}/registrations`);
  });

  /** POST /years/:year/registrations/:yrId/delete: the unit withdraws one of its registrations */
  r.post('/years/:year/registrations/:yrId/delete', manage, async (req, res) => {
    const year = yearParam(req.params.year);
    const id = parseId(req.params.yrId);
    if (!id) throw new NotFoundError();
    await removeRegistration(prisma, actor(req), year, id, String(req.id));
    setFlash(req, 'success', 'yearRegistrations.flash.removed');
    res.redirect(303, `/years/${year}/registrations`);
  });
  return r;
}
