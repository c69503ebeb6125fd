import type { Request, Response, NextFunction, RequestHandler } from 'express';
import multer from 'multer';
import { checkCsrf } from '../auth/csrf.ts';
import { AppError } from '../errors.ts';
import { megabytes, sanitizeFileName, type FileProblem } from './service.ts';
import { withoutNul } from '../web/strip-nul.ts';

/** Set by `evidenceUpload` when multer refused the upload (too large, too many files): shown beside the file field. */
export function uploadProblem(res: Response): FileProblem | null {
  return (res.locals.uploadProblem as FileProblem | undefined) ?? null;
}

/**
 * Parse a multipart form into memory with hard limits, then check the CSRF token (the global check
 * skips multipart bodies). A refused upload does not fail the request: the route re-renders the form
 * with the problem beside the file field. Put the file input last in the form, so the other fields
 * are already read when a file is refused.
 */
export function evidenceUpload(opts: { maxBytes: number; field: string; maxFiles: number }): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: opts.maxBytes, files: opts.maxFiles, fields: 400, fieldSize: 16 * 1024, parts: 400 + opts.maxFiles },
    defParamCharset: 'utf8',
  }).array(opts.field, opts.maxFiles);
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (err: unknown) => {
      withoutNul(req.body);
      try {
        checkCsrf(req);
      } catch (e) {
        return next(e);
      }
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') {
          const raw = (err as { filename?: unknown }).filename;
          res.locals.uploadProblem = { key: 'attachments.tooLarge', params: { name: typeof raw === 'string' ? sanitizeFileName(raw) : '', max: megabytes(opts.maxBytes) } };
        }
        else if (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE') res.locals.uploadProblem = { key: 'attachments.tooMany', params: { max: opts.maxFiles } };
        else return next(new AppError(400, 'errors.badRequest'));
        req.files = [];
        return next();
      }
      // anything else from the parser is a malformed body (busboy: "Malformed part header", "Unexpected end of form")
      if (err) return next(new AppError(400, 'errors.badRequest'));
      next();
    });
  };
}
