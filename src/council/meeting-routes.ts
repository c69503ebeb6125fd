import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { can } from '../auth/policy.ts';
import { isoDay } from '../lib/periods.ts';
import { RuleError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { idParam } from '../web/params.ts';
import { ConclusionsForm, MeetingEditForm, MeetingForm, VersionForm, parseCouncilForm } from './schema.ts';
import { getCouncil, StaleError } from './service.ts';
import { agendaChoices } from './lines.ts';
import { createMeeting, getMeeting, markHeld, meetingAgendaChoices, saveConclusions, updateMeeting, type MeetingView } from './meetings.ts';
import { ballotRows, fieldName, saveBallots } from './ballots.ts';
import { ballotGate } from './gate.ts';
import { minutesData } from './minutes.ts';

const list = (v: unknown) => (v === undefined ? [] : [v].flat().map(String));

/** A council's meetings, their attendance and agenda, the ballots' counts and the minutes. */
export function meetingRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const view = requireCan('council.view');
  const record = requireCan('meeting.record');

  const newForm = async (req: Request, res: Response, status: number, councilId: number, values: Record<string, unknown>, errors: FieldErrors = {}) => {
    const council = await getCouncil(prisma, actor(req), councilId);
    const choices = await agendaChoices(prisma, council.unitId);
    res.status(status).render('council/meeting-new', { title: res.locals.t('council.meeting.newTitle'), council, choices, values, errors });
  };

  /** The meeting page: details, attendance and quorum, agenda with each proposal's standing at the council's gate. */
  const meetingPage = async (req: Request, res: Response, status: number, v: MeetingView, values: Record<string, unknown> | null = null, errors: FieldErrors = {}, extra: { conflict?: boolean; refused?: string[] } = {}) => {
    const t = res.locals.t;
    const held = v.meeting.status === 'HELD';
    const choices = held ? v.proposals : await meetingAgendaChoices(prisma, v);
    const gates = new Map<number, string[]>();
    for (const p of v.proposals) {
      const blockers = await ballotGate(prisma, { id: p.id, commandUnitId: p.commandUnitId, holderUnitId: p.holderUnitId, items: p.items }, { unitId: v.meeting.council.unitId, today: new Date() });
      gates.set(p.id, blockers.map((b) => t(b.key, b.params)));
    }
    const m = v.meeting;
    const vals = values ?? {
      version: String(m.version), heldOn: isoDay(m.heldOn), place: m.place ?? '', secretary: m.secretary ?? '', conclusions: m.conclusions ?? '',
      present: [...v.presentIds].map(String), agenda: v.proposals.map((p) => String(p.id)),
    };
    res.status(status).render('council/meeting', {
      title: t('council.meeting.title', { date: res.locals.fmt.date(m.heldOn) }), v, choices, gates, values: vals, errors, conflict: !!extra.conflict, refused: extra.refused ?? null,
      canRecord: can(req.user, 'meeting.record'),
    });
  };

  /** GET /council/:id/meetings/new: plan a meeting: day, place, secretary, the proposal lists on its agenda */
  r.get('/council/:id/meetings/new', record, async (req, res) => {
    await newForm(req, res, 200, idParam(req.params.id), { heldOn: isoDay(new Date()) });
  });

  /** POST /council/:id/meetings: create the meeting (audited); attendance is recorded on its page */
  r.post('/council/:id/meetings', record, async (req, res) => {
    const id = idParam(req.params.id);
    await getCouncil(prisma, actor(req), id);
    const values = { ...req.body, agenda: list(req.body?.agenda) };
    const form = parseCouncilForm(MeetingForm, req.body);
    if (!form.ok) return newForm(req, res, 400, id, values, form.errors);
    try {
      const m = await createMeeting(prisma, actor(req), id, form.data, String(req.id));
      setFlash(req, 'success', 'council.meeting.created');
      res.redirect(303, `/meetings/${m.id}`);
    } catch (e) {
      if (e instanceof ValidationError) return newForm(req, res, 400, id, values, e.fields);
      throw e;
    }
  });

  /** GET /meetings/:id: a meeting with its attendance, quorum (numbers), agenda and the ballots' standing */
  r.get('/meetings/:id', view, async (req, res) => {
    await meetingPage(req, res, 200, await getMeeting(prisma, actor(req), idParam(req.params.id)));
  });

  /** POST /meetings/:id: save a planned meeting's details, who is present and its agenda (version-checked, audited) */
  r.post('/meetings/:id', record, async (req, res) => {
    const v = await getMeeting(prisma, actor(req), idParam(req.params.id));
    const values = { ...req.body, present: list(req.body?.present), agenda: list(req.body?.agenda) };
    const form = parseCouncilForm(MeetingEditForm, req.body);
    if (!form.ok) return meetingPage(req, res, 400, v, values, form.errors);
    try {
      await updateMeeting(prisma, actor(req), v.meeting.id, form.data, String(req.id));
      setFlash(req, 'success', 'council.meeting.saved');
      res.redirect(303, `/meetings/${v.meeting.id}`);
    } catch (e) {
      if (e instanceof ValidationError) return meetingPage(req, res, 400, v, values, e.fields);
      if (e instanceof StaleError) return meetingPage(req, res, 409, await getMeeting(prisma, actor(req), v.meeting.id), null, {}, { conflict: true });
      throw e;
    }
  });

  /** POST /meetings/:id/held: mark the meeting held; needs the quorum; fixes the member and present counts */
  r.post('/meetings/:id/held', record, async (req, res) => {
    const v = await getMeeting(prisma, actor(req), idParam(req.params.id));
    const form = parseCouncilForm(VersionForm, req.body);
    if (!form.ok) return meetingPage(req, res, 400, v, null, form.errors);
    try {
      const m = await markHeld(prisma, actor(req), v.meeting.id, form.data.version, String(req.id));
      setFlash(req, 'success', 'council.meeting.heldDone', { present: m.presentCount ?? 0, members: m.memberCount ?? 0 });
      res.redirect(303, `/meetings/${m.id}/ballots`);
    } catch (e) {
      if (e instanceof RuleError) return meetingPage(req, res, 422, v, null, {}, { refused: [res.locals.t(e.key, e.params)] });
      if (e instanceof StaleError) return meetingPage(req, res, 409, await getMeeting(prisma, actor(req), v.meeting.id), null, {}, { conflict: true });
      throw e;
    }
  });

  /** POST /meetings/:id/conclusions: the minutes' conclusions of a held meeting (version-checked, audited) */
  r.post('/meetings/:id/conclusions', record, async (req, res) => {
    const v = await getMeeting(prisma, actor(req), idParam(req.params.id));
    const form = parseCouncilForm(ConclusionsForm, req.body);
    if (!form.ok) return meetingPage(req, res, 400, v, { ...req.body }, form.errors);
    try {
      await saveConclusions(prisma, actor(req), v.meeting.id, form.data, String(req.id));
      setFlash(req, 'success', 'council.meeting.conclusionsSaved');
      res.redirect(303, `/meetings/${v.meeting.id}#conclusions`);
    } catch (e) {
      if (e instanceof StaleError) return meetingPage(req, res, 409, await getMeeting(prisma, actor(req), v.meeting.id), { ...req.body, version: String(e.current.version) }, {}, { conflict: true });
      throw e;
    }
  });

  const ballotPage = async (req: Request, res: Response, status: number, v: MeetingView, values: Record<string, unknown> | null = null, errors: FieldErrors = {}, conflict = false) => {
    const rows = ballotRows(v);
    const vals: Record<string, unknown> = values ?? {};
    if (!values) {
      for (const row of rows) {
        const b = row.ballot;
        vals[fieldName('version', row.line.id)] = String(b?.version ?? 0);
        if (b) for (const k of ['agree', 'disagree', 'writtenAgree', 'writtenDisagree'] as const) vals[fieldName(k, row.line.id)] = String(b[k]);
      }
    }
    res.status(status).render('council/ballots', { title: res.locals.t('council.ballot.title'), v, rows, values: vals, errors, conflict, fieldName, canRecord: can(req.user, 'meeting.record') });
  };

  /** GET /meetings/:id/ballots: each candidate line with its threshold, its counts and whether it passed */
  r.get('/meetings/:id/ballots', view, async (req, res) => {
    await ballotPage(req, res, 200, await getMeeting(prisma, actor(req), idParam(req.params.id)));
  });

  /** POST /meetings/:id/ballots: record the counts of a held meeting's ballots (checked, version-checked, audited) */
  r.post('/meetings/:id/ballots', record, async (req, res) => {
    const v = await getMeeting(prisma, actor(req), idParam(req.params.id));
    try {
      const result = await saveBallots(prisma, actor(req), v.meeting.id, req.body ?? {}, String(req.id));
      setFlash(req, result.failed ? 'info' : 'success', 'council.ballot.saved', { passed: result.passed, failed: result.failed });
      res.redirect(303, `/meetings/${v.meeting.id}/ballots`);
    } catch (e) {
      if (e instanceof ValidationError) return ballotPage(req, res, 400, v, { ...req.body }, e.fields);
      if (e instanceof StaleError) return ballotPage(req, res, 409, await getMeeting(prisma, actor(req), v.meeting.id), null, {}, true);
      throw e;
    }
  });

  /** GET /meetings/:id/minutes: the biên bản, printable (own HTML shell) */
  r.get('/meetings/:id/minutes', view, async (req, res) => {
    const data = await minutesData(prisma, actor(req), idParam(req.params.id), res.locals.locale);
    res.render('council/minutes', { layout: false, title: res.locals.t('council.minutes.title'), ...data });
  });

  return r;
}
