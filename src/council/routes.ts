import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { can } from '../auth/policy.ts';
import { isoDay } from '../lib/periods.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { idParam } from '../web/params.ts';
import type { Council, CouncilMember } from '../generated/prisma/client.ts';
import { COUNCIL_ROLES, CouncilEditForm, CouncilForm, MemberEditForm, MemberForm, parseCouncilForm } from './schema.ts';
import { actorCommand } from './scope.ts';
import { addMember, commandChoices, createCouncil, getCouncil, getMember, listCouncils, StaleError, today, updateCouncil, updateMember } from './service.ts';
import { meetingRouter } from './meeting-routes.ts';

const day = (d: Date | null) => (d ? isoDay(d) : '');
const councilValues = (c: Council): Record<string, unknown> => ({
  version: String(c.version), unitId: String(c.unitId), name: c.name, decisionNo: c.decisionNo ?? '', termFrom: day(c.termFrom), termTo: day(c.termTo),
  quorumPercent: c.quorumPercent.toString(), quorumLegalBasis: c.quorumLegalBasis ?? '', postingDays: String(c.postingDays), postingLegalBasis: c.postingLegalBasis ?? '',
});
const memberValues = (m: CouncilMember): Record<string, unknown> => ({
  version: String(m.version), fullName: m.fullName, position: m.position ?? '', role: m.role, fromDate: day(m.fromDate), toDate: day(m.toDate),
});

/** The Hội đồng Thi đua – Khen thưởng of each command: its terms and members (meetings and ballots: meeting-routes.ts). */
export function councilRouter(deps: FeatureDeps): Router {
  const { prisma } = deps;
  const r = Router();
  const view = requireCan('council.view');
  const manage = requireCan('council.manage');

  const councilForm = async (req: Request, res: Response, status: number, council: Council | null, values: Record<string, unknown>, errors: FieldErrors = {}, conflict = false) => {
    const commands = council ? [] : await commandChoices(prisma, await actorCommand(prisma, actor(req)));
    res.status(status).render('council/form', { title: res.locals.t(council ? 'council.editTitle' : 'council.newTitle'), council, values, errors, conflict, commands });
  };
  const memberForm = async (req: Request, res: Response, status: number, councilId: number, member: CouncilMember | null, values: Record<string, unknown>, errors: FieldErrors = {}, conflict = false) => {
    const council = await getCouncil(prisma, actor(req), councilId);
    res.status(status).render('council/member-form', { title: res.locals.t(member ? 'council.member.editTitle' : 'council.member.newTitle'), council, member, values, errors, conflict, roles: COUNCIL_ROLES });
  };

  /** GET /council: the councils of the actor's command (every command's for an administrator with no unit) */
  r.get('/council', view, async (req, res) => {
    const data = await listCouncils(prisma, actor(req));
    res.render('council/index', { title: res.locals.t('council.title'), ...data, canManage: can(req.user, 'council.manage') && data.commands.length > 0 });
  });

  /** GET /council/new: form for a new council (a new term) of the actor's command */
  r.get('/council/new', manage, async (req, res) => {
    const { councils, commands } = await listCouncils(prisma, actor(req));
    if (!commands.length) throw new NotFoundError();
    const last = councils[0];
    // a new term starts from the previous term's quorum and công khai days with their legal basis
    const values = last ? { ...councilValues(last), name: last.name, decisionNo: '', termFrom: '', termTo: '' } : { unitId: String(commands[0].id) };
    await councilForm(req, res, 200, null, values);
  });

  /** POST /council: admin or commander sets up a council for their command (audited) */
  r.post('/council', manage, async (req, res) => {
    const form = parseCouncilForm(CouncilForm, req.body);
    if (!form.ok) return councilForm(req, res, 400, null, req.body ?? {}, form.errors);
    try {
      const c = await createCouncil(prisma, actor(req), form.data, String(req.id));
      setFlash(req, 'success', 'council.created', { name: c.name });
      res.redirect(303, `/council/${c.id}`);
    } catch (e) {
      if (e instanceof ValidationError) return councilForm(req, res, 400, null, req.body ?? {}, e.fields);
      throw e;
    }
  });

  /** GET /council/:id: a council's term, quorum, công khai days, members (who sits today) and meetings */
  r.get('/council/:id', view, async (req, res) => {
    const council = await getCouncil(prisma, actor(req), idParam(req.params.id));
    const now = today();
    res.render('council/show', {
      title: council.name, council, now,
      sitting: (m: CouncilMember) => m.fromDate <= now && (!m.toDate || m.toDate >= now),
      canManage: can(req.user, 'council.manage'), canRecord: can(req.user, 'meeting.record'),
    });
  });

  /** GET /council/:id/edit: admin or commander edits the council (version carried) */
  r.get('/council/:id/edit', manage, async (req, res) => {
    const council = await getCouncil(prisma, actor(req), idParam(req.params.id));
    await councilForm(req, res, 200, council, councilValues(council));
  });

  /** POST /council/:id: save the council (version-checked, audited) */
  r.post('/council/:id', manage, async (req, res) => {
    const council = await getCouncil(prisma, actor(req), idParam(req.params.id));
    const values = { ...req.body };
    const form = parseCouncilForm(CouncilEditForm, req.body);
    if (!form.ok) return councilForm(req, res, 400, council, values, form.errors);
    try {
      const saved = await updateCouncil(prisma, actor(req), council.id, form.data, String(req.id));
      setFlash(req, 'success', 'council.saved', { name: saved.name });
      res.redirect(303, `/council/${saved.id}`);
    } catch (e) {
      if (e instanceof ValidationError) return councilForm(req, res, 400, council, values, e.fields);
      if (e instanceof StaleError) return councilForm(req, res, 409, council, { ...values, version: String(e.current.version) }, {}, true);
      throw e;
    }
  });

  /** GET /council/:id/members/new: form for a new member */
  r.get('/council/:id/members/new', manage, async (req, res) => {
    const council = await getCouncil(prisma, actor(req), idParam(req.params.id));
    await memberForm(req, res, 200, council.id, null, { role: 'MEMBER', fromDate: day(council.termFrom) });
  });

  /** POST /council/:id/members: add a member (audited) */
  r.post('/council/:id/members', manage, async (req, res) => {
    const id = idParam(req.params.id);
    await getCouncil(prisma, actor(req), id);
    const form = parseCouncilForm(MemberForm, req.body);
    if (!form.ok) return memberForm(req, res, 400, id, null, req.body ?? {}, form.errors);
    try {
      const m = await addMember(prisma, actor(req), id, form.data, String(req.id));
      setFlash(req, 'success', 'council.member.added', { name: m.fullName });
      res.redirect(303, `/council/${id}#members`);
    } catch (e) {
      if (e instanceof ValidationError) return memberForm(req, res, 400, id, null, req.body ?? {}, e.fields);
      throw e;
    }
  });

  /** GET /council/:id/members/:memberId/edit: form for one member */
  r.get('/council/:id/members/:memberId/edit', manage, async (req, res) => {
    const { council, member } = await getMember(prisma, actor(req), idParam(req.params.id), idParam(req.params.memberId));
    await memberForm(req, res, 200, council.id, member, memberValues(member));
  });

  /** POST /council/:id/members/:memberId: save a member's name, post, role, dates (version-checked, audited) */
  r.post('/council/:id/members/:memberId', manage, async (req, res) => {
    const { council, member } = await getMember(prisma, actor(req), idParam(req.params.id), idParam(req.params.memberId));
    const values = { ...req.body };
    const form = parseCouncilForm(MemberEditForm, req.body);
    if (!form.ok) return memberForm(req, res, 400, council.id, member, values, form.errors);
    try {
      const m = await updateMember(prisma, actor(req), council.id, member.id, form.data, String(req.id));
      setFlash(req, 'success', 'council.member.saved', { name: m.fullName });
      res.redirect(303, `/council/${council.id}#members`);
    } catch (e) {
      if (e instanceof ValidationError) return memberForm(req, res, 400, council.id, member, values, e.fields);
      if (e instanceof StaleError) return memberForm(req, res, 409, council.id, member, { ...values, version: String(e.current.version) }, {}, true);
      throw e;
    }
  });

  r.use(meetingRouter(deps));
  return r;
}
