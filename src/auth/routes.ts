import { Router, type Request, type Response, type NextFunction } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { FeatureDeps } from '../features.ts';
import type { Actor } from './policy.ts';
import type { LoginFailure } from './passport.ts';
import { LangForm, LoginForm, PasswordForm } from './schema.ts';
import { changePassword, safeNext, saveLocale } from './service.ts';
import { PrismaRateLimitStore } from './rate-limit-store.ts';
import { parseForm } from '../lib/forms.ts';
import { requireAuth, actor } from './guards.ts';
import { csrfToken } from './csrf.ts';
import { setFlash } from '../web/flash.ts';
import { ValidationError } from '../errors.ts';

export function authRouter({ prisma, config, passport }: FeatureDeps): Router {
  const r = Router();
  const loginLimiter = rateLimit({
    // the count lives in PostgreSQL, so several instances behind a load balancer share it
    store: new PrismaRateLimitStore(prisma, 'login:'),
    windowMs: config.loginWindowMinutes * 60_000,
    limit: config.loginMaxAttempts * 3,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) => {
      res.status(429).render('auth/login', { title: res.locals.t('auth.login.title'), layout: 'layout-plain.ejs', values: { username: req.body?.username ?? '', next: req.body?.next ?? '' }, loginError: res.locals.t('auth.login.rateLimited') });
    },
  });

  /** GET /login: the sign-in form */
  r.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    // the sign-in form is the one anonymous page that needs a session: its token is made here
    res.locals.csrfToken = csrfToken(req);
    res.render('auth/login', { title: res.locals.t('auth.login.title'), layout: 'layout-plain.ejs', values: { username: '', next: safeNext(req.query.next, '') }, loginError: null });
  });

  /** POST /login: check the password (rate-limited, lockout), regenerate the session, sign in */
  r.post('/login', loginLimiter, (req: Request, res: Response, next: NextFunction) => {
    const values = { username: String(req.body?.username ?? '').slice(0, 64), next: safeNext(req.body?.next, '') };
    const render = (status: number, key: string, errors = {}) =>
      res.status(status).render('auth/login', { title: res.locals.t('auth.login.title'), layout: 'layout-plain.ejs', values, errors, loginError: res.locals.t(key) });
    const form = parseForm(LoginForm, req.body);
    if (!form.ok) return render(400, 'auth.login.missing', form.errors);
    const chosenLocale = req.session.locale;
    passport.authenticate('local', (err: unknown, user: Actor | false, info?: { message?: LoginFailure }) => {
      if (err) return next(err);
      if (!user) return render(401, info?.message === 'locked' ? 'auth.login.locked' : 'auth.login.invalid');
      req.logIn(user, (loginErr) => {
        if (loginErr) return next(loginErr);
        const finish = () => res.redirect(303, safeNext(values.next));
        if (chosenLocale && chosenLocale !== user.locale) {
          req.session.locale = chosenLocale;
          saveLocale(prisma, user.id, chosenLocale).then(finish, next);
        } else finish();
      });
    })(req, res, next);
  });

  /** POST /logout: end the session */
  r.post('/logout', (req, res, next) => {
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy(() => {
        res.clearCookie('thidua.sid');
        res.redirect(303, '/login');
      });
    });
  });

  /** POST /lang: switch the interface language and remember it for the user */
  r.post('/lang', async (req, res) => {
    const form = parseForm(LangForm, req.body);
    const next = safeNext(req.body?.next);
    if (!form.ok) return res.redirect(303, next);
    req.session.locale = form.data.locale;
    if (req.user) await saveLocale(prisma, req.user.id, form.data.locale);
    res.redirect(303, next);
  });

  /** GET /account/password: form to change one's own password */
  r.get('/account/password', requireAuth, (_req, res) => {
    res.render('auth/password', { title: res.locals.t('auth.password.title') });
  });

  /** POST /account/password: change one's own password */
  r.post('/account/password', requireAuth, async (req, res) => {
    const render400 = (errors: object) => res.status(400).render('auth/password', { title: res.locals.t('auth.password.title'), errors });
    const form = parseForm(PasswordForm, req.body);
    if (!form.ok) return render400(form.errors);
    try {
      await changePassword(prisma, actor(req).id, form.data.current, form.data.password);
    } catch (e) {
      if (e instanceof ValidationError) return render400(e.fields);
      throw e;
    }
    setFlash(req, 'success', 'auth.password.changed');
    res.redirect(303, '/');
  });

  return r;
}
