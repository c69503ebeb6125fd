// HTTP for ad-hoc awards proposed from an exemplar's page (the rules live in ./adhoc.ts).
import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { idParam } from '../web/params.ts';
import { AdhocForm, adhocChoices, createAdhocProposal } from './adhoc.ts';

export function adhocRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const edit = requireCan('proposal.edit');

  const renderForm = async (req: Request, res: Response, id: number, opts: { values?: Record<string, unknown>; errors?: FieldErrors; status?: number } = {}) => {
    const data = await adhocChoices(prisma, actor(req), id);
    res.status(opts.status ?? 200).render('exemplars/propose', {
      title: res.locals.t('adhoc.form.title'), ...data, values: opts.values ?? data.defaults, errors: opts.errors ?? {},
    });
  };

  /** GET /exemplars/:id/propose: officer proposes the exemplar's deed for an ad-hoc award (khen thưởng đột xuất) */
  r.get('/exemplars/:id/propose', edit, async (req, res) => {
    await renderForm(req, res, idParam(req.params.id));
  });

  /** POST /exemplars/:id/propose: create the draft ad-hoc proposal; errors beside the fields, what was typed kept */
  r.post('/exemplars/:id/propose', edit, async (req, res) => {
    const id = idParam(req.params.id);
    const values = { ...(req.body ?? {}) } as Record<string, unknown>;
    const form = parseForm(AdhocForm, req.body);
    if (!form.ok) return renderForm(req, res, id, { values, errors: form.errors, status: 400 });
    try {
      const pid = await createAdhocProposal(prisma, actor(req), id, form.data, String(req.id));
      setFlash(req, 'success', 'adhoc.flash.created', { id: pid });
      res.redirect(303, `/proposals/${pid}`);
    } catch (e) {
      if (e instanceof ValidationError) return renderForm(req, res, id, { values, errors: e.fields, status: 400 });
      throw e;
    }
  });

  return r;
}
