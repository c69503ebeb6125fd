import type { Request, Response, NextFunction } from 'express';
import type { Logger } from '../logger.ts';
import { AppError, ValidationError, toAppError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import { pageLocals, resolveLocale } from './locals.ts';

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new AppError(404, 'errors.notFound'));
}

/** The one error handler: typed errors become their status and page; anything else is logged once as a 500. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const appErr = toAppError(err);
    const status = appErr?.status ?? 500;
    // req.log carries the request id; the app logger is the fallback for a request pino-http never saw
    const log = req.log ?? logger;
    if (!appErr) log.error({ err, url: req.originalUrl }, 'unhandled error');
    else if (status === 503) log.warn({ err }, 'database unavailable');
    if (res.headersSent) {
      // a response cut off mid-way must not look complete; one already finished (express-session reports a failed
      // session write after it has sent the page, e.g. while the database is down) is left to be delivered
      if (!res.writableEnded) res.destroy();
      return;
    }
    if (status === 401) {
      const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
      res.redirect(303, `/login${next}`);
      return;
    }
    if (!res.locals.t) pageLocals(req, res, () => undefined);
    const t = translator(resolveLocale(req));
    const key = appErr?.key ?? 'errors.server';
    const message = t(key, appErr?.params);
    if (status === 503) res.set('Retry-After', '5');
    if (!req.accepts('html') || req.path.endsWith('.json')) {
      res.status(status).json({ error: message, requestId: String(req.id ?? '') });
      return;
    }
    const view = status === 404 ? 'errors/404' : status === 403 ? 'errors/403' : status >= 500 ? 'errors/500' : 'errors/error';
    // a refused form with no page of its own to show its fields again: what was wrong, in words
    const details = appErr instanceof ValidationError ? [...new Set(Object.values(appErr.fields).map((e) => t(e.key, e.params)))] : [];
    res.status(status).render(view, { status, message, details, title: t(titleKey(status)) }, (renderErr, html) => {
      if (renderErr) {
        log.error({ err: renderErr }, 'error page failed to render');
        res.status(status).type('text/plain').send(`${status} — ${message} (request ${String(req.id ?? '')})`);
        return;
      }
      res.send(html);
    });
  };
}

function titleKey(status: number): string {
  if (status >= 500) return status === 503 ? 'errors.title503' : 'errors.title500';
  return [400, 403, 404, 409, 413, 422, 429].includes(status) ? `errors.title${status}` : 'errors.titleGeneric';
}
