import type { Request, Response, NextFunction } from 'express';
import { DEFAULT_LOCALE, formatters, isLocale, translator, type Locale } from '../i18n/index.ts';
import { pageCsrfToken } from '../auth/csrf.ts';
import { can } from '../auth/policy.ts';
import type { FieldErrors } from '../errors.ts';
import { takeFlash } from './flash.ts';

/** Pick the locale: the session's choice, then the user's saved one, then Vietnamese. */
export function resolveLocale(req: Request): Locale {
  if (isLocale(req.session?.locale)) return req.session.locale;
  if (isLocale(req.user?.locale)) return req.user.locale;
  return DEFAULT_LOCALE;
}

/** res.locals for every page: user, locale, translator, formatters, flash, CSRF token, permissions. */
export function pageLocals(req: Request, res: Response, next: NextFunction): void {
  const locale = resolveLocale(req);
  const t = translator(locale);
  const flash = takeFlash(req, res);
  Object.assign(res.locals, {
    user: req.user ?? null,
    locale,
    t,
    fmt: formatters(locale),
    flash: flash ? { type: flash.type, text: t(flash.key, flash.params) } : null,
    csrfToken: pageCsrfToken(req),
    can: (action: Parameters<typeof can>[1], resource?: Parameters<typeof can>[2]) => can(req.user, action, resource),
    currentPath: req.path,
    currentUrl: req.originalUrl,
    requestId: String(req.id ?? ''),
    errors: {} as FieldErrors,
    values: {},
    fieldError: fieldErrorFor(t),
  });
  next();
}

function fieldErrorFor(t: (k: string, p?: Record<string, string | number>) => string) {
  return (errors: FieldErrors | undefined, field: string): string => {
    const e = errors?.[field];
    return e ? t(e.key, e.params) : '';
  };
}
