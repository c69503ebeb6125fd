import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth, requireCan } from '../auth/guards.ts';
import { can } from '../auth/policy.ts';
import { pageFrom } from '../lib/paging.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { ConflictError, NotFoundError, RuleError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import type { Unit } from '../generated/prisma/client.ts';
import { UNIT_TYPES, UnitEditForm, UnitForm } from './schema.ts';
import { getUnit, getUnitDetail, listUnits, parentOptions } from './service.ts';
import { pickQuery } from './picker.ts';
import { createUnit, setUnitActive, updateUnit, UnitChangedError } from './write.ts';
import { unitImportRouter } from './import-routes.ts';
import { unitRecord } from '../exemplars/history.ts';
import { idParam } from '../web/params.ts';
import { HeadcountForm, saveHeadcount, unitHeadcounts } from './headcount.ts';

/** The headcount form that came back with errors: its values, and the year of the row (null: the add-a-year form). */
type HeadcountPage = { errors: FieldErrors; values: Record<string, unknown>; year: string | null };

type FormPage = { unit?: Unit; values: Record<string, unknown>; errors?: FieldErrors; conflict?: Unit };

function formValues(u: Unit) {
  return { code: u.code, name: u.name, shortName: u.shortName ?? '', type: u.type, parentId: u.parentId ?? '', version: u.version };
}

export function unitsRouter(deps: FeatureDeps): Router {
  const { prisma } = deps;
  const r = Router();
  const manage = requireCan('units.manage');

  const renderForm = async (res: Response, status: number, page: FormPage, uq = '') => {
    const picker = await parentOptions(prisma, { forUnitId: page.unit?.id, uq, chosen: parseId(String(page.values.parentId ?? '')) });
    const conflictParent = page.conflict?.parentId ? await prisma.unit.findUnique({ where: { id: page.conflict.parentId }, select: { code: true, name: true } }) : null;
    const title = res.locals.t(page.unit ? 'units.editTitle' : 'units.new');
    res.status(status).render('units/form', { title, types: UNIT_TYPES, parents: picker.units, picker, conflictParent, unit: null, conflict: null, errors: {}, ...page });
  };

  // /units/import… is matched before /units/:id
  r.use(unitImportRouter(deps));

  /** GET /units: the unit registry, searchable and paged */
  r.get('/units', requireCan('units.view'), async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    const list = await listUnits(prisma, { q, includeInactive: req.query.inactive === '1' }, pageFrom(req.query));
    res.render('units/index', { title: res.locals.t('units.title'), list, q, inactive: req.query.inactive === '1', canManage: can(req.user, 'units.manage') });
  });

  /** GET /units/new: new unit form */
  r.get('/units/new', manage, async (req, res) => {
    const parentId = parseId(req.query.parent) ?? '';
    await renderForm(res, 200, { values: { type: 'DISTRICT_COMMAND', parentId } }, pickQuery(req.query.uq));
  });

  /** POST /units: admin registers a unit */
  r.post('/units', manage, async (req, res) => {
    const values = { ...req.body };
    const form = parseForm(UnitForm, req.body);
    if (!form.ok) return renderForm(res, 400, { values, errors: form.errors });
    try {
      const unit = await createUnit(prisma, actor(req), form.data, String(req.id));
      setFlash(req, 'success', 'units.created', { code: unit.code });
      res.redirect(303, `/units/${unit.id}`);
    } catch (e) {
      if (e instanceof ValidationError) return renderForm(res, 400, { values, errors: e.fields });
      throw e;
    }
  });

  const showUnit = async (req: Request, res: Response, status = 200, hc: HeadcountPage = { errors: {}, values: {}, year: null }) => {
    const unit = await getUnitDetail(prisma, actor(req), idParam(req.params.id));
    const [record, headcounts] = await Promise.all([unitRecord(prisma, unit.id, pageFrom(req.query)), unitHeadcounts(prisma, unit.id)]);
    res.status(status).render('units/show', {
      title: unit.name, unit, record, headcounts, hc, canManage: can(req.user, 'units.manage'), canBrowse: can(req.user, 'units.view'), canHeadcount: can(req.user, 'headcount.edit'),
    });
  };

  /** GET /units/:id: one unit's page with its headcount and its record by year (staff: every unit; a unit account: its own) */
  r.get('/units/:id', requireAuth, async (req, res) => {
    await showUnit(req, res);
  });

  /** POST /units/:id/headcount: admin or officer records a year's headcount (quân số); version-checked, audited */
  r.post('/units/:id/headcount', requireCan('headcount.edit'), async (req, res) => {
    const id = idParam(req.params.id);
    const values = { ...req.body };
    const formYear = typeof values.year === 'string' && values.version !== '0' ? values.year : null;
    const form = parseForm(HeadcountForm, req.body);
    if (!form.ok) return showUnit(req, res, 400, { errors: form.errors, values, year: formYear });
    try {
      const saved = await saveHeadcount(prisma, actor(req), id, form.data, String(req.id));
      setFlash(req, 'success', 'units.headcount.saved', { year: saved.year, n: saved.headcount });
    } catch (e) {
      if (e instanceof ConflictError) return showUnit(req, res, 409, { errors: { headcount: { key: e.key } }, values, year: formYear });
      throw e;
    }
    res.redirect(303, `/units/${id}#sec-headcount`);
  });

  /** GET /units/:id/edit: edit form, carrying the version it was read at */
  r.get('/units/:id/edit', manage, async (req, res) => {
    const unit = await getUnit(prisma, idParam(req.params.id));
    await renderForm(res, 200, { unit, values: formValues(unit) }, pickQuery(req.query.uq));
  });

  /** POST /units/:id: admin saves an edited unit; a stale form is refused with 409 and nothing written */
  r.post('/units/:id', manage, async (req, res) => {
    const unit = await getUnit(prisma, idParam(req.params.id));
    const values = { ...req.body };
    const form = parseForm(UnitEditForm, req.body);
    if (!form.ok) return renderForm(res, 400, { unit, values, errors: form.errors });
    try {
      const saved = await updateUnit(prisma, actor(req), unit.id, form.data, String(req.id));
      setFlash(req, 'success', 'units.updated', { code: saved.code });
      res.redirect(303, `/units/${saved.id}`);
    } catch (e) {
      if (e instanceof ValidationError) return renderForm(res, 400, { unit, values, errors: e.fields });
      // keep what was typed; show what is saved now; a second save is then a deliberate overwrite
      if (e instanceof UnitChangedError) return renderForm(res, 409, { unit: e.current, values: { ...values, version: e.current.version }, conflict: e.current });
      throw e;
    }
  });

  /** POST /units/:id/active: admin deactivates or reactivates a unit */
  r.post('/units/:id/active', manage, async (req, res) => {
    const id = idParam(req.params.id);
    const active = req.body?.active === '1';
    try {
      const unit = await setUnitActive(prisma, actor(req), id, active, String(req.id));
      setFlash(req, 'success', active ? 'units.activated' : 'units.deactivated', { code: unit.code });
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      setFlash(req, 'error', e.key, e.params);
    }
    res.redirect(303, `/units/${id}`);
  });

  return r;
}
