import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth, requireCan } from '../auth/guards.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { pickQuery } from '../units/picker.ts';
import { pageFrom } from '../lib/paging.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';
import { evidenceUpload, uploadProblem } from '../attachments/upload.ts';
import { checkEvidence, MAX_FILES_PER_OWNER, megabytes, type CheckedFile, type FileProblem, type IncomingFile } from '../attachments/service.ts';
import { EXEMPLAR_KINDS, ExemplarForm, listFilter, subjectErrors } from './schema.ts';
import { assertEditable, createExemplar, deleteExemplar, deleteExemplarFile, formChoices, getExemplar, listExemplars, mayOn, setPublished, updateExemplar, type ExemplarView } from './service.ts';
import { peopleRouter } from './people-routes.ts';
import { adhocRouter } from './adhoc-routes.ts';
import { exemplarAwards } from './adhoc.ts';
import { can } from '../auth/policy.ts';
import { idParam } from '../web/params.ts';

/** Check the uploaded files (or multer's refusal) against the type, size and per-exemplar limits. */
function checkFiles(req: Request, res: Response, maxBytes: number, already: number): { files: CheckedFile[]; errors: FieldErrors } {
  const refused: FileProblem | null = uploadProblem(res);
  if (refused) return { files: [], errors: { files: refused } };
  const out: CheckedFile[] = [];
  for (const f of (Array.isArray(req.files) ? req.files : []) as IncomingFile[]) {
    const r = checkEvidence(f, maxBytes);
    if (!r.ok) return { files: [], errors: { files: r.problem } };
    out.push(r.file);
  }
  if (already + out.length > MAX_FILES_PER_OWNER) return { files: [], errors: { files: { key: 'attachments.tooMany', params: { max: MAX_FILES_PER_OWNER } } } };
  return { files: out, errors: {} };
}

/** The form's values from a saved exemplar. */
function valuesOf(e: ExemplarView) {
  return {
    unitId: e.unitId, subject: e.personName ? 'PERSON' : 'UNIT', personId: '', personName: e.personName ?? '', kind: e.kind, title: e.title,
    description: e.description, occurredOn: e.occurredOn ? e.occurredOn.toISOString().slice(0, 10) : '', evidence: e.evidence ?? '', version: e.updatedAt.toISOString(),
  };
}

export function exemplarsRouter(deps: FeatureDeps): Router {
  const { prisma, config } = deps;
  const r = Router();
  const record = requireCan('exemplar.record');
  const publish = requireCan('exemplar.publish');
  const upload = evidenceUpload({ maxBytes: config.uploadMaxBytes, field: 'files', maxFiles: 5 });
  const limits = { maxMb: megabytes(config.uploadMaxBytes), maxFiles: MAX_FILES_PER_OWNER };

  type FormPage = { campaignId: number; exemplar?: ExemplarView; values: Record<string, unknown>; errors?: FieldErrors; message?: string | null; status?: number; uq?: string };
  const renderForm = async (req: Request, res: Response, page: FormPage) => {
    const campaign = await getVisibleCampaign(prisma, actor(req), page.campaignId);
    const choices = await formChoices(prisma, actor(req), campaign.id, { uq: page.uq, chosen: page.exemplar?.unitId ?? parseId(String(page.values.unitId ?? '')) });
    const t = res.locals.t;
    res.status(page.status ?? 200).render('exemplars/form', {
      title: t(page.exemplar ? 'exemplars.edit.title' : 'exemplars.new.title'),
      campaign, exemplar: page.exemplar ?? null, kinds: EXEMPLAR_KINDS, ...choices, ...limits,
      values: page.values, errors: page.errors ?? {}, message: page.message ?? null, unitFixed: actor(req).role === 'UNIT' || Boolean(page.exemplar),
    });
  };

  /** GET /campaigns/:id/exemplars: a campaign's exemplars, filtered by kind and status, paged */
  r.get('/campaigns/:id/exemplars', requireAuth, async (req, res) => {
    const filter = listFilter(req.query);
    const data = await listExemplars(prisma, actor(req), idParam(req.params.id), filter, pageFrom(req.query));
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
    res.render('exemplars/index', { title: `${res.locals.t('exemplars.title')} · ${data.campaign.name}`, ...data, filter, kinds: EXEMPLAR_KINDS, pagerBase: `?${q ? q + '&' : ''}` });
  });

  /** GET /campaigns/:id/exemplars/new: form to record an exemplar (officer, unit account) */
  r.get('/campaigns/:id/exemplars/new', record, async (req, res) => {
    // ?uq= searches the units to record for (a national campaign has too many to list), ?unit= picks one
    await renderForm(req, res, { campaignId: idParam(req.params.id), values: { subject: 'UNIT', kind: 'ADVANCED_EXEMPLAR', unitId: parseId(req.query.unit) ?? '' }, uq: pickQuery(req.query.uq) });
  });

  /** POST /campaigns/:id/exemplars: record an exemplar with its photos and evidence files */
  r.post('/campaigns/:id/exemplars', record, upload, async (req, res) => {
    const campaignId = idParam(req.params.id);
    const values = { ...(req.body ?? {}) } as Record<string, unknown>;
    const form = parseForm(ExemplarForm, req.body);
    const files = checkFiles(req, res, config.uploadMaxBytes, 0);
    if (!form.ok || Object.keys(files.errors).length) return renderForm(req, res, { campaignId, values, errors: { ...(form.ok ? {} : { ...subjectErrors(values), ...form.errors }), ...files.errors }, status: 400 });
    try {
      const id = await createExemplar(prisma, actor(req), campaignId, form.data, files.files, String(req.id));
      setFlash(req, 'success', 'exemplars.flash.created');
      res.redirect(303, `/exemplars/${id}`);
    } catch (e) {
      if (e instanceof ValidationError) return renderForm(req, res, { campaignId, values, errors: e.fields, status: 400 });
      throw e;
    }
  });

  /** GET /exemplars/:id: one exemplar with its photos and files */
  r.get('/exemplars/:id', requireAuth, async (req, res) => {
    const e = await getExemplar(prisma, actor(req), idParam(req.params.id));
    // its ad-hoc proposals and their awards, for staff (unit accounts see awards on their unit's record)
    const adhoc = can(actor(req), 'award.view') ? await exemplarAwards(prisma, actor(req), e.id) : [];
    res.render('exemplars/show', { title: e.title, e, may: { ...mayOn(actor(req), e), propose: can(actor(req), 'proposal.edit') }, adhoc });
  });

  /** GET /exemplars/:id/edit: edit an unpublished exemplar (its unit's account or an officer) */
  r.get('/exemplars/:id/edit', record, async (req, res) => {
    const e = await getExemplar(prisma, actor(req), idParam(req.params.id));
    if (!mayOn(actor(req), e).edit) return res.redirect(303, `/exemplars/${e.id}`);
    await renderForm(req, res, { campaignId: e.campaignId ?? -1, exemplar: e, values: valuesOf(e) });
  });

  /** POST /exemplars/:id: save an edit; a form read before someone else's save is refused (409), what was typed kept */
  r.post('/exemplars/:id', record, upload, async (req, res) => {
    const e = await getExemplar(prisma, actor(req), idParam(req.params.id));
    assertEditable(actor(req), e);
    const values = { ...(req.body ?? {}) } as Record<string, unknown>;
    const page = { campaignId: e.campaignId ?? -1, exemplar: e };
    const form = parseForm(ExemplarForm, req.body);
    const files = checkFiles(req, res, config.uploadMaxBytes, e.files.length);
    if (!form.ok || Object.keys(files.errors).length) return renderForm(req, res, { ...page, values, errors: { ...(form.ok ? {} : { ...subjectErrors(values), ...form.errors }), ...files.errors }, status: 400 });
    try {
      await updateExemplar(prisma, actor(req), e.id, form.data, files.files, String(req.id));
      setFlash(req, 'success', 'exemplars.flash.updated');
      res.redirect(303, `/exemplars/${e.id}`);
    } catch (err) {
      if (err instanceof ValidationError) return renderForm(req, res, { ...page, values, errors: err.fields, status: 400 });
      if (!(err instanceof ConflictError)) throw err;
      // show what is saved now; the typed values stay and a second save is a deliberate overwrite
      const current = await getExemplar(prisma, actor(req), e.id);
      return renderForm(req, res, { ...page, exemplar: current, values: { ...values, version: current.updatedAt.toISOString() }, message: err.key, status: 409 });
    }
  });

  /** POST /exemplars/:id/delete: delete an unpublished exemplar and its files */
  r.post('/exemplars/:id/delete', record, async (req, res) => {
    const campaignId = await deleteExemplar(prisma, actor(req), idParam(req.params.id), String(req.id));
    setFlash(req, 'success', 'exemplars.flash.deleted');
    res.redirect(303, campaignId ? `/campaigns/${campaignId}/exemplars` : '/');
  });

  /** POST /exemplars/:id/files/:fileId/delete: remove one evidence file of an unpublished exemplar */
  r.post('/exemplars/:id/files/:fileId/delete', record, async (req, res) => {
    const id = idParam(req.params.id);
    await deleteExemplarFile(prisma, actor(req), id, idParam(req.params.fileId), String(req.id));
    setFlash(req, 'success', 'exemplars.flash.fileDeleted');
    res.redirect(303, `/exemplars/${id}/edit`);
  });

  /** POST /exemplars/:id/publish and /unpublish: a commander puts an exemplar on the honour board, or takes it off */
  for (const [path, on] of [['publish', true], ['unpublish', false]] as const) {
    r.post(`/exemplars/:id/${path}`, publish, async (req, res) => {
      const id = idParam(req.params.id);
      await setPublished(prisma, actor(req), id, on, String(req.id));
      setFlash(req, 'success', on ? 'exemplars.flash.published' : 'exemplars.flash.unpublished');
      res.redirect(303, `/exemplars/${id}`);
    });
  }

  r.use(peopleRouter(deps));
  r.use(adhocRouter(deps));
  return r;
}
