import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseId } from '../lib/forms.ts';
import { pageFrom } from '../lib/paging.ts';
import { NotFoundError, RuleError } from '../errors.ts';
import { RefusedError } from '../awards/proposals.ts';
import { setFlash } from '../web/flash.ts';
import type { Verdict } from '../lib/eligibility.ts';
import { checkText, reviewQuotaText, titleName, type Names } from './present.ts';
import { proposeFromReview, yearReview } from './service.ts';

/** A movement year in a URL: four digits, else 404. */
export function yearParam(v: unknown): number {
  if (typeof v !== 'string' || !/^\d{4}$/.test(v)) throw new NotFoundError();
  return Number(v);
}

/** The words the review page and the reasons use, in the reader's language. */
function wordsFor(res: Response, catalogue: { code: string; name: string; nameEn: string | null }[]) {
  const { t, fmt, locale } = res.locals;
  const names: Names = new Map(catalogue.map((c) => [c.code, c]));
  return {
    names,
    titleOf: (code: string) => titleName(names, locale, code),
    checkText: (c: Verdict['checks'][number]) => checkText(t, fmt, names, locale, c),
  };
}

export function reviewRouter({ prisma }: FeatureDeps): Router {
  const r = Router();

  /** GET /years/:year/review: the year-end review, each candidate's rules and the proposal list within the quotas */
  r.get('/years/:year/review', requireCan('review.view'), async (req: Request, res: Response) => {
    const year = yearParam(req.params.year);
    const unitId = parseId(req.query.unit) ?? null;
    const data = await yearReview(prisma, actor(req), year, { unitId }, pageFrom(req.query));
    const w = wordsFor(res, data.catalogue);
    const { t, fmt, locale } = res.locals;
    const quotas = data.quotas.map((q) => ({ ...q, text: reviewQuotaText(t, fmt, w.names, locale, q, q.title.scope) }));
    res.render('review/index', {
      title: t('review.title', { year }),
      ...data,
      quotas,
      titleOf: w.titleOf,
      checkText: w.checkText,
      pagerBase: `?${unitId ? `unit=${unitId}&` : ''}`,
    });
  });

  /** POST /years/:year/review/proposal: officer turns the review's list into a draft proposal on the regular campaign */
  r.post('/years/:year/review/proposal', requireCan('proposal.edit'), async (req: Request, res: Response) => {
    const year = yearParam(req.params.year);
    const catalogue = await prisma.titleCatalog.findMany({ select: { code: true, name: true, nameEn: true } });
    const w = wordsFor(res, catalogue);
    const t = res.locals.t;
    const reasonOf = (v: Verdict) => {
      const met = v.checks.filter((c) => c.met).map(w.checkText);
      return met.length ? t('review.reason.met', { title: w.titleOf(v.titleCode), year, checks: met.join('; ') }) : t('review.reason.plain', { title: w.titleOf(v.titleCode), year });
    };
    try {
      const id = await proposeFromReview(prisma, actor(req), year, reasonOf, t('review.proposalNote', { year }), String(req.id));
      setFlash(req, 'success', 'review.flash.proposed');
      res.redirect(303, `/proposals/${id}`);
    } catch (e) {
      // a rule (no regular campaign, not closed yet, nothing new, a refusal): said on the review page
      if (!(e instanceof RuleError)) throw e;
      const first = e instanceof RefusedError ? e.problems[0] : null;
      if (first) setFlash(req, 'error', first.key, first.params);
      else setFlash(req, 'error', e.key, e.params);
      res.redirect(303, `/years/${year}/review`);
    }
  });
  return r;
}
