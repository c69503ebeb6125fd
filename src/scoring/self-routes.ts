import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseId } from '../lib/forms.ts';
import { ConflictError, NotFoundError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { evidenceUpload, uploadProblem } from '../attachments/upload.ts';
import { MAX_FILES_PER_OWNER, megabytes } from '../attachments/service.ts';
import { checkFiles, deleteSelfAttachment, loadSelf, saveSelf, selfRows, type SelfData } from './self-service.ts';
import { parseSelfForm } from './schema.ts';

function periodIds(req: Request) {
  const campaignId = parseId(req.params.id);
  const periodId = parseId(req.params.periodId);
  if (!campaignId || !periodId) throw new NotFoundError();
  return { campaignId, periodId };
}

function renderSelf(res: Response, data: SelfData, maxBytes: number, extra: { typed?: Record<string, unknown>; errors?: FieldErrors; message?: string } = {}) {
  const t = res.locals.t;
  const typedNote = extra.typed && typeof extra.typed.note === 'string' ? extra.typed.note : undefined;
  res.render('scoring/self', {
    title: t('scoring.self.title', { period: res.locals.fmt.period(data.period.name) }),
    campaign: data.campaign,
    period: data.period,
    unit: data.unit,
    groups: data.groups,
    rows: selfRows(data, extra.typed ?? null, res.locals.fmt.input),
    assessment: data.assessment,
    attachments: data.attachments,
    note: typedNote ?? data.assessment?.selfNote ?? '',
    locked: data.locked,
    errors: extra.errors ?? {},
    message: extra.message ?? null,
    base: `/campaigns/${data.campaign.id}/periods/${data.period.id}/self`,
    maxMb: megabytes(maxBytes),
    maxFiles: MAX_FILES_PER_OWNER,
  });
}

export function selfRoutes({ prisma, config }: FeatureDeps): Router {
  const r = Router();
  const guard = requireCan('self.assess');
  const upload = evidenceUpload({ maxBytes: config.uploadMaxBytes, field: 'files', maxFiles: 5 });

  /** GET /campaigns/:id/periods/:periodId/self: the unit's own self-assessment for a period */
  r.get('/campaigns/:id/periods/:periodId/self', guard, async (req, res) => {
    const { campaignId, periodId } = periodIds(req);
    renderSelf(res, await loadSelf(prisma, actor(req), campaignId, periodId), config.uploadMaxBytes);
  });

  /** POST /campaigns/:id/periods/:periodId/self: save or submit the self-assessment, with evidence files */
  r.post('/campaigns/:id/periods/:periodId/self', guard, upload, async (req, res) => {
    const { campaignId, periodId } = periodIds(req);
    const me = actor(req);
    const data = await loadSelf(prisma, me, campaignId, periodId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    // a closed period, a campaign that is not running, or an assessment already sent: refused before reading the form
    if (data.locked) {
      res.status(data.locked === 'scoring.campaignNotActive' ? 422 : 409);
      return renderSelf(res, data, config.uploadMaxBytes, { message: data.locked });
    }
    const form = parseSelfForm(body, data.criteria);
    const incoming = Array.isArray(req.files) ? req.files : [];
    const files = checkFiles(incoming, config.uploadMaxBytes, data.attachments.length, uploadProblem(res));
    if (!form.ok || Object.keys(files.errors).length) {
      res.status(400);
      return renderSelf(res, data, config.uploadMaxBytes, { typed: body, errors: { ...(form.ok ? {} : form.errors), ...files.errors } });
    }
    try {
      const result = await saveSelf(prisma, me, data, form.data, files.files, String(req.id));
      setFlash(req, 'success', result.submitted ? 'scoring.self.submitted' : 'scoring.self.saved');
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      res.status(409);
      return renderSelf(res, await loadSelf(prisma, me, campaignId, periodId), config.uploadMaxBytes, { typed: body, message: e.key });
    }
    res.redirect(303, `/campaigns/${campaignId}/periods/${periodId}/self`);
  });

  /** POST /campaigns/:id/periods/:periodId/self/attachments/:attachmentId/delete: remove an evidence file before submitting */
  r.post('/campaigns/:id/periods/:periodId/self/attachments/:attachmentId/delete', guard, async (req, res) => {
    const { campaignId, periodId } = periodIds(req);
    const attachmentId = parseId(req.params.attachmentId);
    if (!attachmentId) throw new NotFoundError();
    const me = actor(req);
    await deleteSelfAttachment(prisma, me, await loadSelf(prisma, me, campaignId, periodId), attachmentId, String(req.id));
    setFlash(req, 'success', 'scoring.self.fileDeleted');
    res.redirect(303, `/campaigns/${campaignId}/periods/${periodId}/self`);
  });
  return r;
}
