import crypto from 'node:crypto';
import express, { type Express, type Request, type Response, type NextFunction } from 'express';
import session from 'express-session';
import { noStore, securityHeaders } from './web/security-headers.ts';
import { pinoHttp } from 'pino-http';
import type { AppDeps } from './deps.ts';
import { PrismaSessionStore } from './auth/session-store.ts';
import { configurePassport } from './auth/passport.ts';
import { csrfProtection } from './auth/csrf.ts';
import { useViews } from './web/views.ts';
import { staticAssets } from './web/assets.ts';
import { compressOwnSiteResponses } from './web/compression.ts';
import { pageLocals } from './web/locals.ts';
import { flashCookie } from './web/flash.ts';
import { errorHandler, notFound } from './web/error-handler.ts';
import { featureRouters } from './features.ts';
import { queryWithoutNul, stripNulBody } from './web/strip-nul.ts';
import { primaryReads } from './db/replica.ts';
import { shareRankingCache } from './ranking/cache.ts';
import { sharePageCache } from './web/page-cache.ts';
import { shareDashboardParts } from './dashboards/kept.ts';

/**
 * express-session sends a response's headers before its store write has finished, so a browser can
 * follow a redirect and read the session before it was saved (a lost language choice or sign-in under load).
 * Save first, then redirect, when the request changed the session: a redirect after a save that left it as it
 * was (a grid save: its message travels in a cookie, src/web/flash.ts) writes nothing.
 */
function saveSessionBeforeRedirect(req: Request, res: Response, next: NextFunction): void {
  const before = sessionText(req);
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session || sessionText(req) === before) return redirect(...args);
    req.session.save((err) => (err ? next(err) : redirect(...args)));
  }) as Response['redirect'];
  next();
}

/** What the store keeps of the session but its cookie (whose expiry a rolling session moves on every request). */
const sessionText = (req: Request) => (req.session ? JSON.stringify({ ...req.session, cookie: undefined }) : undefined);

/** Build the Express app. Never listens and has no side effects beyond the objects it creates. */
export function createApp(deps: AppDeps): Express {
  const { config, logger, prisma, database } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy === 'false' ? false : config.trustProxy);
  app.set('query parser', queryWithoutNul);
  useViews(app, config.env !== 'development');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || (req.url ?? '').startsWith('/public/') },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      customSuccessMessage: (req, res, ms) => `${req.method} ${req.url} ${res.statusCode} ${Math.round(ms)} ms`,
      customErrorMessage: (req, res, err) => `${req.method} ${req.url} ${res.statusCode} ${err.message}`,
    }),
  );
  app.use(securityHeaders(config.secureCookies));
  app.use(compressOwnSiteResponses());
  const assets = staticAssets({ development: config.env === 'development' });
  app.locals.asset = assets.asset;
  app.use('/public', assets.serve);
  // what follows is per user and never stored (noStore), so no ETag is worked out for it either: hashing every
  // rendered page cost 3% of a kept dashboard's CPU (bench/ref-profile.ts profile)
  app.set('etag', false);
  app.use(noStore);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = await database.ping();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', database: ok ? 'up' : 'down' });
  });

  app.use(express.urlencoded({ extended: true, limit: '2mb', parameterLimit: 20000 }));
  app.use(express.json({ limit: '1mb' }));
  app.use(stripNulBody);
  app.use(
    session({
      name: 'thidua.sid',
      secret: config.sessionSecret,
      store: new PrismaSessionStore(prisma),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: 8 * 60 * 60 * 1000 },
    }),
  );
  app.use(saveSessionBeforeRedirect);
  const passport = configurePassport(prisma, { maxAttempts: config.loginMaxAttempts, lockMinutes: config.loginWindowMinutes });
  app.use(passport.initialize());
  app.use(passport.session());
  app.use(flashCookie(config.sessionSecret, config.secureCookies));
  app.use(pageLocals);
  app.use(csrfProtection);

  const reads = deps.reads ?? primaryReads(prisma);
  if (reads.replica) {
    shareRankingCache(reads.replica, prisma);
    sharePageCache(reads.replica, prisma);
    shareDashboardParts(reads.replica, prisma);
  }
  for (const router of featureRouters({ ...deps, passport, reads })) app.use(router);

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}

