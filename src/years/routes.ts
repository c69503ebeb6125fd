import { Router, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { can } from '../auth/policy.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import type { MovementYear } from '../generated/prisma/client.ts';
import { YearEditForm, YearForm } from './schema.ts';
import { createYear, getYear, listYears, updateYear, YearChangedError } from './service.ts';

function idParam(v: unknown): number {
  const id = parseId(v);
  if (!id) throw new NotFoundError();
  return id;
}

const valuesOf = (y: MovementYear) => ({ year: String(y.year), name: y.name, motto: y.motto ?? '', theme: y.theme ?? '', decisionNo: y.decisionNo ?? '', version: String(y.version) });

/** Movement years: the list (staff), a year's page (staff), create and edit (admin). */
export function yearsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const manage = requireCan('year.manage');
  const form = (res: Response, status: number, page: { year: MovementYear | null; values: Record<string, unknown>; errors?: FieldErrors; conflict?: MovementYear | null }) => {
    const title = res.locals.t(page.year ? 'years.edit' : 'years.new');
    res.status(status).render('years/form', { title, errors: {}, conflict: null, ...page });
  };

  /** GET /years: every movement year with its campaigns */
  r.get('/years', requireCan('year.view'), async (req, res) => {
    const data = await listYears(prisma, actor(req));
    res.render('years/index', { title: res.locals.t('years.title'), ...data, canManage: can(req.user, 'year.manage') });
  });

  /** GET /years/new: admin's form for a new year */
  r.get('/years/new', manage, (_req, res) => {
    const next = new Date().getUTCFullYear();
    form(res, 200, { year: null, values: { year: String(next), name: res.locals.t('years.defaultName', { year: next }) } });
  });

  /** POST /years: admin creates a movement year */
  r.post('/years', manage, async (req, res) => {
    const parsed = parseForm(YearForm, req.body);
    if (!parsed.ok) return form(res, 400, { year: null, values: req.body ?? {}, errors: parsed.errors });
    try {
      const y = await createYear(prisma, actor(req), parsed.data, String(req.id));
      setFlash(req, 'success', 'years.created', { name: y.name });
      res.redirect(303, `/years/${y.id}`);
    } catch (e) {
      if (e instanceof ValidationError) return form(res, 400, { year: null, values: req.body ?? {}, errors: e.fields });
      throw e;
    }
  });

  /** GET /years/:id: one year with its regular and peak campaigns */
  r.get('/years/:id', requireCan('year.view'), async (req, res) => {
    const year = await getYear(prisma, actor(req), idParam(req.params.id));
    res.render('years/show', { title: year.name, year, canManage: can(req.user, 'year.manage'), canCreateCampaign: can(req.user, 'campaign.manage') });
  });

  /** GET /years/:id/edit: admin's edit form, carrying the version it was read at */
  r.get('/years/:id/edit', manage, async (req, res) => {
    const year = await getYear(prisma, actor(req), idParam(req.params.id));
    form(res, 200, { year, values: valuesOf(year) });
  });

  /** POST /years/:id: admin saves the year; a stale form is refused with 409 and nothing written */
  r.post('/years/:id', manage, async (req, res) => {
    const year = await getYear(prisma, actor(req), idParam(req.params.id));
    const values = { ...req.body };
    const parsed = parseForm(YearEditForm, req.body);
    if (!parsed.ok) return form(res, 400, { year, values, errors: parsed.errors });
    try {
      const saved = await updateYear(prisma, actor(req), year.id, parsed.data, String(req.id));
      setFlash(req, 'success', 'years.saved', { name: saved.name });
      res.redirect(303, `/years/${saved.id}`);
    } catch (e) {
      if (e instanceof ValidationError) return form(res, 400, { year, values, errors: e.fields });
      if (e instanceof YearChangedError) return form(res, 409, { year: e.current, values: { ...values, version: e.current.version }, conflict: e.current });
      throw e;
    }
  });
  return r;
}
