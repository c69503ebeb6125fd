import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { checkCsrf } from '../auth/csrf.ts';
import { AppError } from '../errors.ts';
import { UNIT_TYPES } from './schema.ts';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, REQUIRED_COLUMNS, sampleCsv, type ImportIssue } from './import-rows.ts';
import { importUnits, type ImportSummary } from './import.ts';

declare module 'express-session' {
  interface SessionData {
    /** the last units import's summary, shown after the redirect (kept until the next import) */
    unitImport?: ImportSummary;
  }
}

export const IMPORT_MAX_BYTES = 1024 * 1024;
const SUMMARY_LIST_MAX = 300;

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 },
  defParamCharset: 'utf8',
}).single('file');

/** Run multer and report its error instead of throwing, so the page can explain it. */
function parseUpload(req: Request, res: Response): Promise<unknown> {
  return new Promise((resolve) => upload(req, res, (err: unknown) => resolve(err ?? null)));
}

/** Strict UTF-8 (BOM allowed); null when the bytes are not UTF-8, e.g. a file saved as "CSV (ANSI)". */
function decodeUtf8(buf: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return null;
  }
}

export function unitImportRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const manage = requireCan('units.manage');

  const renderPage = (res: Response, status: number, extra: { issues?: ImportIssue[]; fileError?: string; fileName?: string } = {}) =>
    res.status(status).render('units/import', {
      title: res.locals.t('units.import.title'),
      columns: IMPORT_COLUMNS,
      required: REQUIRED_COLUMNS,
      types: UNIT_TYPES,
      maxRows: MAX_IMPORT_ROWS,
      maxKb: IMPORT_MAX_BYTES / 1024,
      issues: [],
      fileError: '',
      fileName: '',
      ...extra,
    });

  /** GET /units/import: CSV import page with the column reference */
  r.get('/units/import', manage, (_req, res) => {
    renderPage(res, 200);
  });

  /** GET /units/import/sample.csv: an example file (UTF-8 with BOM, so Excel shows Vietnamese correctly) */
  r.get('/units/import/sample.csv', manage, (_req, res) => {
    res.attachment('don-vi-mau.csv');
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.send(sampleCsv());
  });

  /** POST /units/import: admin uploads a CSV; any bad row → a report by line and nothing written */
  r.post('/units/import', manage, async (req, res) => {
    const err = await parseUpload(req, res);
    // the global CSRF check skips multipart bodies: check now that the fields are parsed
    checkCsrf(req);
    if (err instanceof multer.MulterError) {
      if (err.code === 'LIMIT_FILE_SIZE') return renderPage(res, 413, { fileError: 'units.import.errors.tooLarge' });
      return renderPage(res, 400, { fileError: 'units.import.errors.noFile' });
    }
    if (err) throw new AppError(400, 'errors.badRequest');
    const file = req.file;
    if (!file || file.size === 0) return renderPage(res, 400, { fileError: 'units.import.errors.noFile' });
    const fileName = file.originalname.slice(0, 200);
    const text = decodeUtf8(file.buffer);
    if (text === null) return renderPage(res, 400, { fileError: 'units.import.errors.notUtf8', fileName });
    const result = await importUnits(prisma, actor(req), text, fileName, String(req.id));
    if (!result.ok) return renderPage(res, 400, { issues: result.issues, fileName });
    const s = result.summary;
    req.session.unitImport = { ...s, created: s.created.slice(0, SUMMARY_LIST_MAX), updated: s.updated.slice(0, SUMMARY_LIST_MAX) };
    res.redirect(303, '/units/import/result');
  });

  /** GET /units/import/result: what the last import did */
  r.get('/units/import/result', manage, (req, res) => {
    const summary = req.session.unitImport;
    if (!summary) return res.redirect(303, '/units/import');
    res.render('units/import-result', { title: res.locals.t('units.import.resultTitle'), summary });
  });

  return r;
}
