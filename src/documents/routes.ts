import { Router, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { NotFoundError } from '../errors.ts';
import { idParam } from '../web/params.ts';
import type { Ctx } from './common.ts';
import { isDocKind, type DocKind, type OfficialDoc } from './model.ts';
import { buildDocument, decisionDocument, dossierIndex } from './service.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function kindParam(v: unknown): DocKind {
  if (!isDocKind(v)) throw new NotFoundError();
  return v;
}

async function sendDocx(res: Response, doc: OfficialDoc) {
  // the docx package loads on the first Word file rather than with the app (about 60 ms of start-up CPU)
  const { renderDocx } = await import('./docx.ts');
  const bytes = await renderDocx(doc);
  res.attachment(`${doc.fileName}.docx`);
  res.type(DOCX_TYPE).send(bytes);
}

/** A proposal's dossier (tờ trình, trích ngang, báo cáo thành tích, biên bản, kết quả bỏ phiếu, quyết định): print views and Word files. Staff only. */
export function documentsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const view = requireCan('award.view');
  const ctx = (res: Response): Ctx => ({ t: res.locals.t, locale: res.locals.locale });

  /** GET /decisions/:id.docx: an issued decision as a Word file (mounted before /decisions/:id) */
  r.get('/decisions/:id.docx', view, async (req, res) => {
    await sendDocx(res, await decisionDocument(prisma, actor(req), ctx(res), idParam(req.params.id)));
  });

  /** GET /proposals/:pid/documents: the dossier with a print view and a .docx for each document */
  r.get('/proposals/:pid/documents', view, async (req, res) => {
    const data = await dossierIndex(prisma, actor(req), idParam(req.params.pid));
    res.render('documents/index', { title: res.locals.t('documents.index.title', { id: data.proposal.id }), ...data });
  });

  /** GET /proposals/:pid/documents/:kind.docx: one document as a Word file */
  r.get('/proposals/:pid/documents/:kind.docx', view, async (req, res) => {
    await sendDocx(res, await buildDocument(prisma, actor(req), ctx(res), idParam(req.params.pid), kindParam(req.params.kind)));
  });

  /** GET /proposals/:pid/documents/:kind: one document's A4 print view (own shell, print CSS) */
  r.get('/proposals/:pid/documents/:kind', view, async (req, res) => {
    const id = idParam(req.params.pid);
    const doc = await buildDocument(prisma, actor(req), ctx(res), id, kindParam(req.params.kind));
    res.render('documents/print', { layout: false, title: [doc.title, ...doc.subject].join(' '), doc, proposalId: id });
  });

  return r;
}
