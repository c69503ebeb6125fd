import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { can } from '../auth/policy.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { isoDay } from '../lib/periods.ts';
import type { EligibilityRule, TitleCatalog } from '../generated/prisma/client.ts';
import { nameMap, paramFieldSpecs, ruleText } from './present.ts';
import { CatalogueForm, QUOTA_BASES, RuleForm } from './schema.ts';
import { DISCIPLINE_FROM, ISSUING_LEVELS, TASK_LEVELS, paramFields } from './rule-params.ts';
import { catalogueCodes, getEntry, listCatalogue, StaleError, updateEntry } from './service.ts';
import { getRule, listRules, updateRule } from './rules.ts';

function idParam(v: unknown): number {
  const id = parseId(v);
  if (!id) throw new NotFoundError();
  return id;
}

const on = (b: boolean) => (b ? 'on' : '');
const entryValues = (e: TitleCatalog): Record<string, unknown> => ({
  version: String(e.version), name: e.name, nameEn: e.nameEn ?? '', scope: e.scope, kind: e.kind, issuingLevel: e.issuingLevel,
  legalBasis: e.legalBasis, validFrom: isoDay(e.validFrom), validTo: e.validTo ? isoDay(e.validTo) : '', forRegular: on(e.forRegular),
  forPeak: on(e.forPeak), rank: String(e.rank), defaultQuotaBase: e.defaultQuotaBase,
  defaultQuotaPercent: e.defaultQuotaPercent === null ? '' : e.defaultQuotaPercent.toString(), quotaBaseCode: e.quotaBaseCode ?? '',
  quotaLegalBasis: e.quotaLegalBasis ?? '', combinesWith: e.combinesWith, active: on(e.active),
  ballotPercent: e.ballotPercent.toString(), ballotLegalBasis: e.ballotLegalBasis ?? '',
});

/** The title catalogue and its eligibility rules: staff read, admins edit. */
export function catalogueRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const manage = requireCan('catalogue.manage');

  const entryForm = async (req: Request, res: Response, status: number, entry: TitleCatalog, values: Record<string, unknown>, errors: FieldErrors = {}, conflict: TitleCatalog | null = null) => {
    const codes = (await catalogueCodes(prisma)).filter((c) => c.code !== entry.code);
    res.status(status).render('catalogue/form', { title: res.locals.t('catalogue.editTitle', { name: entry.name }), entry, values, errors, conflict, codes, levels: ISSUING_LEVELS, bases: QUOTA_BASES });
  };

  /** GET /admin/catalogue: every title and form with its scope, level, legal basis, validity, use, quota and rules */
  r.get('/admin/catalogue', requireCan('catalogue.view'), async (req, res) => {
    const data = await listCatalogue(prisma, actor(req));
    const names = nameMap(data.entries, res.locals.locale);
    const text = (rule: EligibilityRule) => ruleText(res.locals.t, rule, names);
    res.render('catalogue/index', { title: res.locals.t('catalogue.title'), ...data, names, ruleText: text, canManage: can(req.user, 'catalogue.manage') });
  });

  /** GET /admin/catalogue/:id/edit: admin's form for one entry, carrying the version it was read at */
  r.get('/admin/catalogue/:id/edit', manage, async (req, res) => {
    const entry = await getEntry(prisma, actor(req), idParam(req.params.id));
    await entryForm(req, res, 200, entry, entryValues(entry));
  });

  /** POST /admin/catalogue/:id: admin saves an entry (dates checked, version checked, audited) */
  r.post('/admin/catalogue/:id', manage, async (req, res) => {
    const entry = await getEntry(prisma, actor(req), idParam(req.params.id));
    const values = { ...req.body, combinesWith: [req.body?.combinesWith ?? []].flat() };
    const form = parseForm(CatalogueForm, req.body);
    if (!form.ok) return entryForm(req, res, 400, entry, values, form.errors);
    try {
      const saved = await updateEntry(prisma, actor(req), entry.id, form.data, String(req.id));
      setFlash(req, 'success', 'catalogue.saved', { name: saved.name });
      res.redirect(303, `/admin/catalogue#e-${saved.code}`);
    } catch (e) {
      if (e instanceof ValidationError) return entryForm(req, res, 400, entry, values, e.fields);
      if (e instanceof StaleError) {
        const current = await getEntry(prisma, actor(req), entry.id);
        return entryForm(req, res, 409, current, { ...values, version: String(current.version) }, {}, current);
      }
      throw e;
    }
  });

  const ruleForm = async (req: Request, res: Response, status: number, id: number, values: Record<string, unknown>, errors: FieldErrors = {}, conflict = false) => {
    const rule = await getRule(prisma, actor(req), id);
    res.status(status).render('catalogue/rule-form', {
      title: res.locals.t('catalogue.rules.editTitle', { code: rule.code }), rule, values, errors, conflict,
      fields: paramFieldSpecs(res.locals.t, rule.kind, paramFields(rule.kind), await catalogueCodes(prisma), { ISSUING: ISSUING_LEVELS, TASK: TASK_LEVELS, DISCIPLINE: DISCIPLINE_FROM }),
    });
  };
  const ruleValues = (rule: { version: number; enabled: boolean; legalBasis: string; params: unknown }): Record<string, unknown> => {
    const params = rule.params && typeof rule.params === 'object' ? (rule.params as Record<string, unknown>) : {};
    const out: Record<string, unknown> = { version: String(rule.version), enabled: on(rule.enabled), legalBasis: rule.legalBasis };
    for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'boolean' ? on(v) : String(v);
    return out;
  };

  /** GET /admin/rules: every eligibility rule with its title, numbers, legal basis, state and version */
  r.get('/admin/rules', requireCan('catalogue.view'), async (req, res) => {
    const rules = await listRules(prisma, actor(req));
    const names = nameMap(await prisma.titleCatalog.findMany({ select: { code: true, name: true, nameEn: true } }), res.locals.locale);
    const text = (rule: EligibilityRule) => ruleText(res.locals.t, rule, names);
    res.render('catalogue/rules', { title: res.locals.t('catalogue.rules.title'), rules, ruleText: text, canManage: can(req.user, 'catalogue.manage') });
  });

  /** GET /admin/rules/:id/edit: admin's form for one rule: on/off, its numbers by kind, its legal basis */
  r.get('/admin/rules/:id/edit', manage, async (req, res) => {
    const id = idParam(req.params.id);
    await ruleForm(req, res, 200, id, ruleValues(await getRule(prisma, actor(req), id)));
  });

  /** POST /admin/rules/:id: admin saves a rule; the version goes up and the change is audited */
  r.post('/admin/rules/:id', manage, async (req, res) => {
    const id = idParam(req.params.id);
    const rule = await getRule(prisma, actor(req), id);
    const values = { ...req.body };
    const form = parseForm(RuleForm, req.body);
    if (!form.ok) return ruleForm(req, res, 400, id, values, form.errors);
    const raw: Record<string, unknown> = {};
    for (const k of paramFields(rule.kind)) raw[k] = req.body?.[k];
    try {
      const saved = await updateRule(prisma, actor(req), id, form.data, raw, String(req.id));
      setFlash(req, 'success', 'catalogue.rules.saved', { code: saved.code, version: saved.version });
      res.redirect(303, `/admin/rules#r-${saved.code}`);
    } catch (e) {
      if (e instanceof ValidationError) return ruleForm(req, res, 400, id, values, e.fields);
      if (e instanceof StaleError) return ruleForm(req, res, 409, id, { ...values, version: String(e.current.version) }, {}, true);
      throw e;
    }
  });
  return r;
}
