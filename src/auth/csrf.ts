import crypto from 'node:crypto';
import type { Request, Response, NextFunction } from 'express';
import { AppError } from '../errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session's synchroniser token, created on first use. */
export function csrfToken(req: Request): string {
  if (!req.session.csrfToken) req.session.csrfToken = crypto.randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

function matches(expected: string | undefined, given: unknown): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function checkCsrf(req: Request): void {
  const given = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
  if (!matches(req.session?.csrfToken, given)) throw new AppError(403, 'errors.csrf');
}

/**
 * The upload routes: their handlers parse a multipart body and call checkCsrf once the fields are
 * known (attachments/upload.ts, units/import-routes.ts). A new upload route is added here.
 */
const MULTIPART_ROUTES = [/^\/units\/import$/, /^\/campaigns\/\d+\/exemplars$/, /^\/exemplars\/\d+$/, /^\/campaigns\/\d+\/periods\/\d+\/self$/];

/**
 * Every state-changing request must carry the token. A multipart body sent to any other route is
 * never parsed, so it carries no token here and is refused (it used to skip the check altogether).
 */
export function csrfProtection(req: Request, _res: Response, next: NextFunction): void {
  if (SAFE.has(req.method)) return next();
  if (req.is('multipart/form-data') && MULTIPART_ROUTES.some((route) => route.test(req.path))) return next();
  checkCsrf(req);
  next();
}
