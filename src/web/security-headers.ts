import helmet from 'helmet';
import type { NextFunction, Request, Response } from 'express';

/** helmet with the strict CSP: no inline scripts or styles, nothing from other origins (also used by the bench's ceiling app). */
export function securityHeaders(secure: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: secure,
  });
}

/**
 * Pages and downloads are per user and change with every save, so no browser or proxy keeps them: a unit's shared
 * computer must not show the last user's pages from its cache, nor Back bring them up after a sign-out. Routes may
 * set their own (exports say "private, no-store"). Static files, served before this, keep their caching.
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}
