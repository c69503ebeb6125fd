import crypto from 'node:crypto';
import type { Request, Response, NextFunction } from 'express';
import { AppError } from '../errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session's synchroniser token, created on first use. */
export function csrfToken(req: Request): string {
  if (!req.session.csrfToken) req.session.csrfToken = crypto.randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

/**
 * The token a page carries. It is made lazily: for a signed-in user, or when a page that needs one asks
 * (the sign-in form calls csrfToken). An anonymous page (a 404, a scanner's probe) gets none, so a
 * request that needs no session writes no Session row (express-session saves only a modified session).
 */
export function pageCsrfToken(req: Request): string {
  if (!req.session) return '';
  if (req.session.csrfToken) return req.session.csrfToken;
  return req.user ? csrfToken(req) : '';
}

/**
 * The language switch is on every page, also on anonymous pages that carry no token. A visitor with
 * neither a token nor a signed-in user has nothing a forged request could reach but a language choice,
 * so that one form is accepted without a token; any session with a token or a user must send it.
 */
function tokenlessLanguageSwitch(req: Request): boolean {
  return req.method === 'POST' && req.path === '/lang' && !req.user && !req.session?.csrfToken;
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
  if (tokenlessLanguageSwitch(req)) return next();
  checkCsrf(req);
  next();
}
