import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { ValidationError } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { idParam } from '../web/params.ts';
import { ActForm } from '../awards/schema.ts';
import { renderProposal } from '../awards/proposals-routes.ts';
import { commandInbox } from './inbox.ts';
import { forwardProposal, receiveProposal, sendBackProposal } from './service.ts';
import { GateError } from './gates.ts';
import { ForwardForm, SendBackForm } from './schema.ts';

/** The chain of command: a command's inbox, and forwarding, receiving and sending back proposals. Staff only. */
export function chainRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const view = requireCan('award.view');

  /** GET /proposals/inbox: proposals sent to the actor's command, sent up by it, and decided above */
  r.get('/proposals/inbox', view, async (req, res) => {
    const data = await commandInbox(prisma, actor(req));
    res.render('chain/inbox', { title: res.locals.t('chain.inbox.title'), ...data });
  });

  /** POST /proposals/:pid/forward: commander sends the proposal up to the parent command (422 lists the blockers) */
  r.post('/proposals/:pid/forward', requireCan('proposal.decide'), async (req, res) => {
    const id = idParam(req.params.pid);
    const form = parseForm(ForwardForm, req.body);
    if (!form.ok) return renderProposal(prisma, req, res, id, { errors: form.errors, values: { forwardNote: req.body?.note ?? '' }, status: 400 });
    try {
      await forwardProposal(prisma, actor(req), id, { version: form.data.version, reason: form.data.note }, String(req.id));
    } catch (e) {
      if (e instanceof GateError) return renderProposal(prisma, req, res, id, { blocked: e.blockers, values: { forwardNote: form.data.note ?? '' }, status: 422 });
      throw e;
    }
    setFlash(req, 'success', 'chain.flash.forwarded');
    res.redirect(303, `/proposals/${id}`);
  });

  /** POST /proposals/:pid/receive: staff of the command it was sent to acknowledge receipt */
  r.post('/proposals/:pid/receive', requireCan('proposal.receive'), async (req, res) => {
    const id = idParam(req.params.pid);
    const form = parseForm(ActForm, req.body);
    if (!form.ok) throw new ValidationError(form.errors);
    await receiveProposal(prisma, actor(req), id, form.data, String(req.id));
    setFlash(req, 'success', 'chain.flash.received');
    res.redirect(303, `/proposals/${id}`);
  });

  /** POST /proposals/:pid/send-back: the command it was sent to returns it to the sender with a required reason */
  r.post('/proposals/:pid/send-back', requireCan('proposal.receive'), async (req, res) => {
    const id = idParam(req.params.pid);
    const form = parseForm(SendBackForm, req.body);
    if (!form.ok) return renderProposal(prisma, req, res, id, { errors: form.errors, values: { sendBackReason: req.body?.reason ?? '' }, status: 400 });
    await sendBackProposal(prisma, actor(req), id, form.data, String(req.id));
    setFlash(req, 'success', 'chain.flash.sentBack');
    res.redirect(303, `/proposals/${id}`);
  });

  return r;
}
