import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { idParam } from '../web/params.ts';
import { getAward } from './decisions.ts';
import { resolveFlag, revokeAward, revokePageFacts } from './revocation.ts';
import { ResolveFlagForm, RevokeForm } from './schema.ts';

/** Revocation of one award (with its legal ground and recovery) and the flags it raises on dependent awards. */
export function revocationRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const decide = requireCan('proposal.decide');
  const resolve = requireCan('awardflag.resolve');

  const renderRevoke = async (req: Request, res: Response, awardId: number, opts: { errors?: FieldErrors; values?: object; flagErrors?: { id: number; errors: FieldErrors; values: object }; status?: number } = {}) => {
    const data = await getAward(prisma, actor(req), awardId);
    res.status(opts.status ?? 200).render('awards/revoke', {
      title: res.locals.t('awards.revoke.title'), ...data, ...(await revokePageFacts(prisma, data.award)),
      errors: opts.errors ?? {}, values: opts.values ?? {}, flagErrors: opts.flagErrors ?? null,
    });
  };

  /** GET /awards/:awardId/revoke: the award, its revocation or the commander's revocation form, and its flags */
  r.get('/awards/:awardId/revoke', decide, async (req, res) => {
    await renderRevoke(req, res, idParam(req.params.awardId));
  });

  /** POST /awards/:awardId/revoke: commander revokes one award on a legal ground; recovery recorded; dependants flagged */
  r.post('/awards/:awardId/revoke', decide, async (req, res) => {
    const awardId = idParam(req.params.awardId);
    const values = { ...(req.body ?? {}) };
    const form = parseForm(RevokeForm, req.body);
    if (!form.ok) return renderRevoke(req, res, awardId, { errors: form.errors, values, status: 400 });
    await getAward(prisma, actor(req), awardId); // 404 outside the actor's chain of command
    let decisionId: number;
    try {
      decisionId = await revokeAward(prisma, actor(req), awardId, form.data, String(req.id));
    } catch (e) {
      if (e instanceof ValidationError) return renderRevoke(req, res, awardId, { errors: e.fields, values, status: 400 });
      throw e;
    }
    setFlash(req, 'success', 'awards.flash.revoked');
    res.redirect(303, `/decisions/${decisionId}`);
  });

  /** POST /awards/:awardId/flags/:fid/resolve: commander marks a flag on this award resolved, with a note */
  r.post('/awards/:awardId/flags/:fid/resolve', resolve, async (req, res) => {
    const awardId = idParam(req.params.awardId);
    const fid = idParam(req.params.fid);
    await getAward(prisma, actor(req), awardId); // 404 outside the actor's chain of command
    const form = parseForm(ResolveFlagForm, req.body);
    if (!form.ok) return renderRevoke(req, res, awardId, { flagErrors: { id: fid, errors: form.errors, values: { ...(req.body ?? {}) } }, status: 400 });
    await resolveFlag(prisma, actor(req), awardId, fid, form.data, String(req.id));
    setFlash(req, 'success', 'revocation.flag.resolvedFlash');
    res.redirect(303, `/awards/${awardId}/revoke#flags`);
  });

  return r;
}
