import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import type { Db } from '../db/index.ts';
import type { Problem } from '../lib/quotas.ts';
import { awardsOverview } from './overview.ts';
import { createProposal, moveProposal, RefusedError, updateProposal } from './proposals.ts';
import { editProposalPage, newProposalPage, proposalPage, type Words } from './pages.ts';
import { problemText, titleQuotaText, reasonWriter } from './present.ts';
import { parsePickValue } from './suggest.ts';
import { ActForm, CreateForm, EditForm, OverviewQuery, PROPOSAL_STATUSES, ReturnForm } from './schema.ts';
import { pageFrom } from '../lib/paging.ts';
import { idParam } from '../web/params.ts';
import type { Blocker } from './gates.ts';
import { basisLines } from './present.ts';

const words = (res: Response): Words => ({ t: res.locals.t, fmt: res.locals.fmt });
const picksOf = (values: string[]) => values.flatMap((v) => parsePickValue(v) ?? []);
const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/** Render the proposal page; also the 400/422 re-render of its action forms. */
export async function renderProposal(prisma: Db, req: Request, res: Response, id: number, opts: { refused?: Problem[]; blocked?: Blocker[]; errors?: FieldErrors; values?: object; status?: number } = {}) {
  const data = await proposalPage(prisma, actor(req), id, words(res), opts.refused ?? null, opts.blocked ?? null);
  const today = new Date().toISOString().slice(0, 10);
  // the decision form starts from the deciding command and the basis lines of the titles it awards
  const authority = data.chain.atOrigin ? (data.campaign?.issuingAuthority ?? data.chain.command?.name ?? '') : (data.chain.command?.name ?? '');
  const values = { date: today, signingAuthority: authority, legalBasis: basisLines(res.locals.t, data.items), ...(opts.values ?? {}) };
  res.status(opts.status ?? 200).render('awards/proposal', { title: res.locals.t('awards.proposal.title', { id }), ...data, errors: opts.errors ?? {}, values });
}

export function proposalsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const view = requireCan('award.view');
  const edit = requireCan('proposal.edit');
  const decide = requireCan('proposal.decide');

  const renderNew = async (req: Request, res: Response, campaignId: number, opts: { picked?: Set<string>; errors?: FieldErrors; refused?: Problem[]; note?: string; status?: number } = {}) => {
    const data = await newProposalPage(prisma, actor(req), campaignId, words(res), opts.picked);
    const refused = opts.refused?.map((p) => problemText(res.locals.t, res.locals.fmt, p)) ?? null;
    res.status(opts.status ?? 200).render('awards/new', { title: res.locals.t('awards.new.title'), ...data, refused, errors: opts.errors ?? {}, values: { note: opts.note ?? '' } });
  };

  const renderEdit = async (req: Request, res: Response, id: number, opts: { errors?: FieldErrors; refused?: Problem[]; values?: Record<string, unknown>; status?: number } = {}) => {
    const data = await editProposalPage(prisma, actor(req), id, words(res));
    const refused = opts.refused?.map((p) => problemText(res.locals.t, res.locals.fmt, p)) ?? null;
    const values = opts.values ?? { note: data.proposal.note ?? '' };
    res.status(opts.status ?? 200).render('awards/edit', { title: res.locals.t('awards.edit.title', { id }), ...data, refused, errors: opts.errors ?? {}, values, picked: new Set(asList(values.pick)) });
  };

  /** GET /campaigns/:id/awards: proposals (?status=&page=) and decisions (?dpage=) of a campaign, and each title's quota in use (staff) */
  r.get('/campaigns/:id/awards', view, async (req, res) => {
    const q = OverviewQuery.parse(req.query);
    const data = await awardsOverview(prisma, actor(req), idParam(req.params.id), { status: q.status, page: pageFrom(req.query), decisionsPage: pageFrom({ page: req.query.dpage }) });
    const { t, fmt } = res.locals;
    const quotas = data.quotas.map((q) => ({ ...q, text: titleQuotaText(t, fmt, q.title, q.base, q.limit) }));
    res.render('awards/index', { title: `${t('awards.title')} · ${data.campaign.name}`, ...data, quotas, statuses: PROPOSAL_STATUSES, pagerBase: q.status ? `?status=${q.status}&` : '?' });
  });

  /** GET /campaigns/:id/awards/new: officer starts a proposal from the ranking's suggestions */
  r.get('/campaigns/:id/awards/new', edit, async (req, res) => {
    await renderNew(req, res, idParam(req.params.id));
  });

  /** POST /campaigns/:id/awards: officer creates a draft proposal from the ticked candidates */
  r.post('/campaigns/:id/awards', edit, async (req, res) => {
    const campaignId = idParam(req.params.id);
    const picked = new Set(asList(req.body?.pick));
    const note = typeof req.body?.note === 'string' ? req.body.note : '';
    const form = parseForm(CreateForm, req.body);
    if (!form.ok) return renderNew(req, res, campaignId, { picked, errors: form.errors, note, status: 400 });
    try {
      const id = await createProposal(prisma, actor(req), campaignId, { note: form.data.note, picks: picksOf(form.data.pick) }, reasonWriter(res.locals.t, res.locals.fmt), String(req.id));
      setFlash(req, 'success', 'awards.flash.created', { id });
      res.redirect(303, `/proposals/${id}`);
    } catch (e) {
      if (e instanceof RefusedError) return renderNew(req, res, campaignId, { picked, refused: e.problems, note, status: 422 });
      if (e instanceof ValidationError) return renderNew(req, res, campaignId, { picked, errors: e.fields, note, status: 400 });
      throw e;
    }
  });

  /** GET /proposals/:pid: a proposal, its quota use, the rules' verdict, history and actions (staff) */
  r.get('/proposals/:pid', view, async (req, res) => {
    await renderProposal(prisma, req, res, idParam(req.params.pid));
  });

  /** GET /proposals/:pid/edit: officer edits a draft or returned proposal */
  r.get('/proposals/:pid/edit', edit, async (req, res) => {
    await renderEdit(req, res, idParam(req.params.pid));
  });

  /** POST /proposals/:pid: officer saves reasons, achievements, removals and additions */
  r.post('/proposals/:pid', edit, async (req, res) => {
    const id = idParam(req.params.pid);
    const values = (req.body ?? {}) as Record<string, unknown>;
    const form = parseForm(EditForm, req.body);
    if (!form.ok) return renderEdit(req, res, id, { errors: form.errors, values, status: 400 });
    const items = Object.entries(form.data.item).map(([k, v]) => ({ id: Number(k.slice(1)), reason: v.reason, achievements: v.achievements, remove: v.remove }));
    try {
      await updateProposal(prisma, actor(req), id, { version: form.data.version, note: form.data.note, items, picks: picksOf(form.data.pick) }, reasonWriter(res.locals.t, res.locals.fmt), String(req.id));
    } catch (e) {
      if (e instanceof RefusedError) return renderEdit(req, res, id, { refused: e.problems, values, status: 422 });
      if (e instanceof ValidationError) return renderEdit(req, res, id, { errors: e.fields, values, status: 400 });
      throw e;
    }
    setFlash(req, 'success', 'awards.flash.saved');
    res.redirect(303, `/proposals/${id}`);
  });

  /** POST /proposals/:pid/submit: officer submits; quotas and eligibility are checked (422 names the rule) */
  r.post('/proposals/:pid/submit', edit, async (req, res) => {
    const id = idParam(req.params.pid);
    const form = parseForm(ActForm, req.body);
    if (!form.ok) throw new ValidationError(form.errors);
    try {
      await moveProposal(prisma, actor(req), id, 'submit', form.data, String(req.id));
    } catch (e) {
      if (e instanceof RefusedError) return renderProposal(prisma, req, res, id, { refused: e.problems, status: 422 });
      throw e;
    }
    setFlash(req, 'success', 'awards.flash.submitted');
    res.redirect(303, `/proposals/${id}`);
  });

  /** POST /proposals/:pid/approve: commander approves; quotas and eligibility are checked again */
  r.post('/proposals/:pid/approve', decide, async (req, res) => {
    const id = idParam(req.params.pid);
    const form = parseForm(ActForm, req.body);
    if (!form.ok) throw new ValidationError(form.errors);
    try {
      await moveProposal(prisma, actor(req), id, 'approve', form.data, String(req.id));
    } catch (e) {
      if (e instanceof RefusedError) return renderProposal(prisma, req, res, id, { refused: e.problems, status: 422 });
      throw e;
    }
    setFlash(req, 'success', 'awards.flash.approved');
    res.redirect(303, `/proposals/${id}`);
  });

  /** POST /proposals/:pid/return: commander returns the proposal to the officer with a required reason */
  r.post('/proposals/:pid/return', decide, async (req, res) => {
    const id = idParam(req.params.pid);
    const form = parseForm(ReturnForm, req.body);
    if (!form.ok) return renderProposal(prisma, req, res, id, { errors: form.errors, values: { reason: req.body?.reason ?? '' }, status: 400 });
    await moveProposal(prisma, actor(req), id, 'return', form.data, String(req.id));
    setFlash(req, 'success', 'awards.flash.returned');
    res.redirect(303, `/proposals/${id}`);
  });

  return r;
}
