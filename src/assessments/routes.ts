import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { pageFrom } from '../lib/paging.ts';
import { NotFoundError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { DISCIPLINES, TASKS } from '../lib/eligibility.ts';
import { yearParam } from '../review/routes.ts';
import { AssessmentForm, listFilter, ReturnForm, STATUSES, VersionForm } from './schema.ts';
import { getAssessment, listAssessments, reviewAssessment, saveAssessment } from './service.ts';

function idParam(v: unknown): number {
  const n = parseId(v);
  if (!n) throw new NotFoundError();
  return n;
}

export function assessmentsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const view = requireCan('assessment.view');

  type Extra = { values?: Record<string, unknown>; errors?: FieldErrors; returnErrors?: FieldErrors; status?: number };
  const renderPerson = async (req: Request, res: Response, year: number, personId: number, extra: Extra = {}) => {
    const data = await getAssessment(prisma, actor(req), year, personId);
    const a = data.assessment;
    const values = extra.values ?? (a
      ? { taskLevel: a.taskLevel, testsPassedPercent: String(a.testsPassedPercent), goodPercent: String(a.goodPercent), discipline: a.discipline, disciplineNote: a.disciplineNote ?? '', version: a.version }
      : { taskLevel: 'GOOD', testsPassedPercent: '', goodPercent: '', discipline: 'NONE', disciplineNote: '', version: 0 });
    res.status(extra.status ?? 200).render('assessments/person', {
      title: `${data.person.fullName} · ${res.locals.t('assessments.title', { year })}`,
      ...data, values, errors: extra.errors ?? {}, returnErrors: extra.returnErrors ?? {}, tasks: TASKS, disciplines: DISCIPLINES,
    });
  };

  /** GET /years/:year/assessments: people and their yearly assessment, filtered by unit and status, paged */
  r.get('/years/:year/assessments', view, async (req, res) => {
    const year = yearParam(req.params.year);
    const filter = listFilter(req.query);
    const data = await listAssessments(prisma, actor(req), year, filter, pageFrom(req.query));
    const q = new URLSearchParams([...(filter.unitId ? [['unit', String(filter.unitId)]] : []), ...(filter.status ? [['status', filter.status]] : [])]).toString();
    res.render('assessments/index', { title: res.locals.t('assessments.title', { year }), ...data, filter, statuses: STATUSES, pagerBase: `?${q ? q + '&' : ''}` });
  });

  /** GET /years/:year/assessments/:personId: one person's assessment (the unit edits; the command verifies) */
  r.get('/years/:year/assessments/:personId', view, async (req, res) => {
    await renderPerson(req, res, yearParam(req.params.year), idParam(req.params.personId));
  });

  /** POST /years/:year/assessments/:personId: the unit saves (and maybe submits) the assessment; version-checked */
  r.post('/years/:year/assessments/:personId', requireCan('assessment.enter'), async (req, res) => {
    const year = yearParam(req.params.year);
    const personId = idParam(req.params.personId);
    const values = { ...(req.body ?? {}) } as Record<string, unknown>;
    await getAssessment(prisma, actor(req), year, personId); // 404 outside the actor's unit, before any validation
    const form = parseForm(AssessmentForm, req.body);
    if (!form.ok) return renderPerson(req, res, year, personId, { values, errors: form.errors, status: 400 });
    await saveAssessment(prisma, actor(req), year, personId, form.data, String(req.id));
    setFlash(req, 'success', form.data.submit ? 'assessments.flash.submitted' : 'assessments.flash.saved');
    res.redirect(303, `/years/${year}/assessments/${personId}`);
  });

  /** POST /years/:year/assessments/:personId/verify: officer or commander verifies a submitted assessment */
  r.post('/years/:year/assessments/:personId/verify', requireCan('assessment.verify'), async (req, res) => {
    const year = yearParam(req.params.year);
    const personId = idParam(req.params.personId);
    const form = parseForm(VersionForm, req.body);
    if (!form.ok) return renderPerson(req, res, year, personId, { errors: form.errors, status: 400 });
    await reviewAssessment(prisma, actor(req), year, personId, 'verify', form.data, String(req.id));
    setFlash(req, 'success', 'assessments.flash.verified');
    res.redirect(303, `/years/${year}/assessments/${personId}`);
  });

  /** POST /years/:year/assessments/:personId/return: officer or commander returns it to the unit with a reason */
  r.post('/years/:year/assessments/:personId/return', requireCan('assessment.verify'), async (req, res) => {
    const year = yearParam(req.params.year);
    const personId = idParam(req.params.personId);
    const form = parseForm(ReturnForm, req.body);
    if (!form.ok) return renderPerson(req, res, year, personId, { returnErrors: form.errors, values: undefined, status: 400 });
    await reviewAssessment(prisma, actor(req), year, personId, 'return', form.data, String(req.id));
    setFlash(req, 'success', 'assessments.flash.returned');
    res.redirect(303, `/years/${year}/assessments/${personId}`);
  });
  return r;
}
