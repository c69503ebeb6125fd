import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { pageFrom } from '../lib/paging.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { LEVELS } from '../lib/eligibility.ts';
import { InitiativeForm, KINDS, listFilter } from './schema.ts';
import { pickQuery } from '../units/picker.ts';
import { createInitiative, formChoices, getInitiative, listInitiatives, unitFor, updateInitiative } from './service.ts';

function idParam(v: unknown): number {
  const n = parseId(v);
  if (!n) throw new NotFoundError();
  return n;
}

/** The authors ticked on a form, as strings (to re-tick them after a refusal). */
const ticked = (v: unknown) => new Set((Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String));

export function initiativesRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const view = requireCan('initiative.view');
  const edit = requireCan('initiative.edit');

  type Page = { id?: number; unitId: number | null; values: Record<string, unknown>; errors?: FieldErrors; status?: number };
  const renderForm = async (req: Request, res: Response, p: Page) => {
    const choices = await formChoices(prisma, actor(req), p.unitId, pickQuery(req.query.uq));
    const t = res.locals.t;
    res.status(p.status ?? 200).render('initiatives/form', {
      title: t(p.id ? 'initiatives.edit' : 'initiatives.new'), initiativeId: p.id ?? null, unitId: p.unitId, ...choices,
      kinds: KINDS, levels: LEVELS, values: p.values, authors: ticked(p.values.authors), errors: p.errors ?? {},
    });
  };

  /** GET /initiatives: the registry, filtered by year, unit and kind, paged */
  r.get('/initiatives', view, async (req, res) => {
    const filter = listFilter(req.query);
    const data = await listInitiatives(prisma, actor(req), filter, pageFrom(req.query), pickQuery(req.query.uq));
    const q = new URLSearchParams([...(filter.year ? [['year', String(filter.year)]] : []), ...(filter.unitId ? [['unit', String(filter.unitId)]] : []), ...(filter.kind ? [['kind', filter.kind]] : [])]).toString();
    res.render('initiatives/index', { title: res.locals.t('initiatives.title'), ...data, filter, kinds: KINDS, pagerBase: `?${q ? q + '&' : ''}` });
  });

  /** GET /initiatives/new: record one (a unit for itself; staff first pick the unit, whose people are the authors) */
  r.get('/initiatives/new', edit, async (req, res) => {
    const requested = actor(req).role === 'UNIT' ? actor(req).unitId : parseId(req.query.unit);
    const unitId = requested ? await unitFor(prisma, actor(req), requested) : null;
    await renderForm(req, res, { unitId, values: { kind: 'INITIATIVE', year: String(new Date().getUTCFullYear()), recognisingLevel: 'REGIMENT', version: 0 } });
  });

  /** POST /initiatives: save a new entry for the unit named in the form (a unit account: its own) */
  r.post('/initiatives', edit, async (req, res) => {
    const values = { ...(req.body ?? {}) } as Record<string, unknown>;
    if (actor(req).role !== 'UNIT' && !parseId(values.unitId)) return renderForm(req, res, { unitId: null, values, errors: { unitId: { key: 'validation.choice' } }, status: 400 });
    const unitId = await unitFor(prisma, actor(req), parseId(values.unitId));
    const form = parseForm(InitiativeForm, req.body);
    if (!form.ok) return renderForm(req, res, { unitId, values, errors: form.errors, status: 400 });
    try {
      const id = await createInitiative(prisma, actor(req), unitId, form.data, String(req.id));
      setFlash(req, 'success', 'initiatives.flash.created');
      res.redirect(303, `/initiatives/${id}`);
    } catch (e) {
      if (e instanceof ValidationError) return renderForm(req, res, { unitId, values, errors: e.fields, status: 400 });
      throw e;
    }
  });

  /** GET /initiatives/:id: one entry with its authors and decision */
  r.get('/initiatives/:id', view, async (req, res) => {
    const i = await getInitiative(prisma, actor(req), idParam(req.params.id));
    res.render('initiatives/show', { title: i.title, i });
  });

  /** GET /initiatives/:id/edit: edit form (its unit's account, an officer or an admin) */
  r.get('/initiatives/:id/edit', edit, async (req, res) => {
    const i = await getInitiative(prisma, actor(req), idParam(req.params.id));
    if (!i.may.edit) return res.redirect(303, `/initiatives/${i.id}`);
    const values = {
      kind: i.kind, title: i.title, year: String(i.year), recognisingLevel: i.recognisingLevel, decisionNo: i.decisionNo ?? '',
      decisionDate: i.decisionDate ? i.decisionDate.toISOString().slice(0, 10) : '', scopeOfEffect: i.scopeOfEffect ?? '', authors: i.authors.map((a) => String(a.person.id)), version: i.version,
    };
    await renderForm(req, res, { id: i.id, unitId: i.unitId, values });
  });

  /** POST /initiatives/:id: save an edit; a stale version is 409 */
  r.post('/initiatives/:id', edit, async (req, res) => {
    const i = await getInitiative(prisma, actor(req), idParam(req.params.id));
    const values = { ...(req.body ?? {}) } as Record<string, unknown>;
    const form = parseForm(InitiativeForm, req.body);
    if (!form.ok) return renderForm(req, res, { id: i.id, unitId: i.unitId, values, errors: form.errors, status: 400 });
    try {
      await updateInitiative(prisma, actor(req), i.id, form.data, String(req.id));
      setFlash(req, 'success', 'initiatives.flash.updated');
      res.redirect(303, `/initiatives/${i.id}`);
    } catch (e) {
      if (e instanceof ValidationError) return renderForm(req, res, { id: i.id, unitId: i.unitId, values, errors: e.fields, status: 400 });
      throw e;
    }
  });
  return r;
}
