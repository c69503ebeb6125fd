import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { idParam } from '../web/params.ts';
import { addComment, addDays, answerComment, createPosting, daysLeft, getPosting, listPostings, postingForm, todayUtc } from './service.ts';
import { AnswerForm, CommentForm, PostForm } from './schema.ts';

/** Công khai: posted proposal lists, opinions and complaints with their answers. */
export function postingsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const view = requireCan('posting.view');
  const comment = requireCan('posting.comment');
  const manage = requireCan('posting.manage');

  const renderNew = async (req: Request, res: Response, proposalId: number, errors: FieldErrors = {}, values: object = {}, status = 200) => {
    const data = await postingForm(prisma, actor(req), proposalId);
    const today = todayUtc();
    res.status(status).render('postings/new', { title: res.locals.t('postings.new.title', { id: proposalId }), ...data, today: today.toISOString().slice(0, 10), errors, values: { postedOn: today.toISOString().slice(0, 10), ...values } });
  };

  const renderShow = async (req: Request, res: Response, id: number, opts: { errors?: FieldErrors; values?: object; answerFor?: number; status?: number } = {}) => {
    const data = await getPosting(prisma, actor(req), id);
    const today = todayUtc();
    res.status(opts.status ?? 200).render('postings/show', {
      title: res.locals.t('postings.show.title', { id: data.posting.proposal.id }),
      ...data,
      open: today.getTime() < data.posting.closesOn.getTime(),
      left: daysLeft(data.posting.closesOn, today),
      lastDay: addDays(data.posting.closesOn, -1),
      errors: opts.errors ?? {},
      values: opts.values ?? {},
      answerFor: opts.answerFor ?? null,
    });
  };

  /** GET /postings: the posted lists the account may read, and (staff) the lists the command may post */
  r.get('/postings', view, async (req, res) => {
    const data = await listPostings(prisma, actor(req));
    const today = todayUtc();
    const postings = data.postings.map((p) => ({ ...p, open: today.getTime() < p.closesOn.getTime(), left: daysLeft(p.closesOn, today), lastDay: addDays(p.closesOn, -1), openComplaints: p.comments.filter((c) => c.kind === 'COMPLAINT' && c.answer === null).length }));
    res.render('postings/index', { title: res.locals.t('postings.title'), postings, postable: data.postable });
  });

  /** GET /proposals/:pid/postings/new: staff of the command post a proposed list */
  r.get('/proposals/:pid/postings/new', manage, async (req, res) => {
    await renderNew(req, res, idParam(req.params.pid));
  });

  /** POST /proposals/:pid/postings: record the posting (the day it went up, the place); the window follows the council */
  r.post('/proposals/:pid/postings', manage, async (req, res) => {
    const pid = idParam(req.params.pid);
    const values = { ...(req.body ?? {}) };
    const form = parseForm(PostForm, req.body);
    if (!form.ok) return renderNew(req, res, pid, form.errors, values, 400);
    let id: number;
    try {
      id = await createPosting(prisma, actor(req), pid, form.data, String(req.id));
    } catch (e) {
      if (e instanceof ValidationError) return renderNew(req, res, pid, e.fields, values, 400);
      throw e;
    }
    setFlash(req, 'success', 'postings.flash.posted');
    res.redirect(303, `/postings/${id}`);
  });

  /** GET /postings/:id: the posted list, its window, the candidates, comments and answers */
  r.get('/postings/:id', view, async (req, res) => {
    await renderShow(req, res, idParam(req.params.id));
  });

  /** POST /postings/:id/comments: every account of the command may leave an opinion or a complaint under its name */
  r.post('/postings/:id/comments', comment, async (req, res) => {
    const id = idParam(req.params.id);
    const values = { ...(req.body ?? {}) };
    const form = parseForm(CommentForm, req.body);
    if (!form.ok) return renderShow(req, res, id, { errors: form.errors, values, status: 400 });
    try {
      await addComment(prisma, actor(req), id, form.data, String(req.id));
    } catch (e) {
      if (e instanceof ValidationError) return renderShow(req, res, id, { errors: e.fields, values, status: 400 });
      throw e;
    }
    setFlash(req, 'success', 'postings.flash.commented');
    res.redirect(303, `/postings/${id}#comments`);
  });

  /** POST /postings/comments/:cid/answer: staff of the command record the answer to one comment */
  r.post('/postings/comments/:cid/answer', manage, async (req, res) => {
    const cid = idParam(req.params.cid);
    const form = parseForm(AnswerForm, req.body);
    if (!form.ok) {
      const c = await prisma.postingComment.findUnique({ where: { id: cid }, select: { postingId: true } });
      if (!c) throw new NotFoundError();
      return renderShow(req, res, c.postingId, { errors: form.errors, values: { ...(req.body ?? {}) }, answerFor: cid, status: 400 });
    }
    const postingId = await answerComment(prisma, actor(req), cid, form.data, String(req.id));
    setFlash(req, 'success', 'postings.flash.answered');
    res.redirect(303, `/postings/${postingId}#c${cid}`);
  });

  return r;
}
