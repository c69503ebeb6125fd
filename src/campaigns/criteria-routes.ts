import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm } from '../lib/forms.ts';
import { setFlash } from '../web/flash.ts';
import type { FieldErrors } from '../errors.ts';
import { CopyForm, TemplateForm } from './criteria-schema.ts';
import { CRITERION_FIELDS, GROUP_FIELDS, criteriaPage, saveCriteria } from './criteria-service.ts';
import { copyCriteria, saveTemplate } from './criteria-copy.ts';
import { isBlankNew, rowsOf, type RawRow } from './rows.ts';
import { formVersion } from './setup.ts';
import { afterSave, campaignId, failureOf, keepTyped, renderStep, requestIdOf } from './web.ts';

/** A new, empty criterion row for group `key`, ordered after the rows already in it. */
function blankCriterion(rows: RawRow[], key: string): RawRow {
  const inGroup = rows.filter((c) => c.group === key);
  const order = Math.max(0, ...inGroup.map((c) => Number(c.order) || 0)) + 1;
  return { id: '', group: key, code: '', title: '', description: '', maxPoints: '', weight: '1', kind: 'NORMAL', order: String(order) };
}

/**
 * The typed table without the new rows left blank, so that pressing "add" again does not pile up empty rows: a new
 * group goes when it is blank and has no filled row (unless it is `keep`, the group a row is being added to).
 */
function withoutBlankRows(g: RawRow[], c: RawRow[], keep?: string): { g: RawRow[]; c: RawRow[] } {
  const rows = c.filter((row) => !isBlankNew(row, CRITERION_FIELDS));
  const used = new Set(rows.map((row) => row.group));
  return { g: g.filter((grp) => grp.key === keep || used.has(grp.key ?? '') || !isBlankNew(grp, GROUP_FIELDS)), c: rows };
}

/** Step 4 (criteria): the table of groups and criteria, copying a set, saving it as a template. */
export function criteriaRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const manage = requireCan('campaign.manage');

  type Typed = { g: RawRow[]; c: RawRow[] } | null;
  const show = async (req: Request, res: Response, typed: Typed, errors: FieldErrors = {}, status = 200, extra: Record<string, unknown> = {}) => {
    const page = await criteriaPage(prisma, actor(req), campaignId(req));
    const values = typed ? { ...keepTyped(req.body, page.campaign, status), g: typed.g, c: typed.c } : { version: String(page.campaign.version), g: page.groupRows, c: page.criterionRows };
    await renderStep(res, prisma, 'campaigns/criteria', page.campaign, 'criteria', { page, values, errors, copyValues: {}, templateValues: {}, ...extra }, status);
  };

  /** GET /campaigns/:id/criteria: the criteria table */
  r.get('/campaigns/:id/criteria', manage, async (req, res) => {
    await show(req, res, null);
  });

  /** POST /campaigns/:id/criteria: add a group or a criterion row (not saved yet), or save the whole table */
  r.post('/campaigns/:id/criteria', manage, async (req, res) => {
    const id = campaignId(req);
    const g = rowsOf(req.body?.g);
    const c = rowsOf(req.body?.c);
    const action = String(req.body?.action ?? 'save');
    if (action === 'addGroup') {
      const n = Math.max(0, ...g.map((x) => (x.key?.startsWith('n') ? Number(x.key.slice(1)) : 0))) + 1;
      const order = Math.max(0, ...g.map((x) => Number(x.order) || 0)) + 1;
      const key = `n${n}`;
      const kept = withoutBlankRows(g, c);
      return show(req, res, { g: [...kept.g, { key, id: '', code: '', title: '', order: String(order) }], c: [...kept.c, blankCriterion(kept.c, key)] });
    }
    const add = /^addCriterion:([gn]\d{1,9})$/.exec(action);
    if (add) {
      const kept = withoutBlankRows(g, c, add[1]);
      return show(req, res, { g: kept.g, c: [...kept.c, blankCriterion(kept.c, add[1])] });
    }
    let result;
    try {
      result = await saveCriteria(prisma, actor(req), id, formVersion(req.body), g, c, { requestId: requestIdOf(req), formatNumber: res.locals.fmt.num });
    } catch (e) {
      const f = failureOf(e);
      return show(req, res, { g, c }, f.errors, f.status);
    }
    setFlash(req, 'success', 'campaigns.flash.criteria', result);
    res.redirect(303, afterSave(req, id, 'criteria'));
  });

  /** POST /campaigns/:id/criteria/copy: admin copies the set from an earlier campaign or a template (draft only) */
  r.post('/campaigns/:id/criteria/copy', manage, async (req, res) => {
    const id = campaignId(req);
    const form = parseForm(CopyForm, req.body);
    if (!form.ok) return show(req, res, null, form.errors, 400, { copyValues: req.body });
    let result;
    try {
      result = await copyCriteria(prisma, actor(req), id, formVersion(req.body), form.data, requestIdOf(req));
    } catch (e) {
      const f = failureOf(e);
      return show(req, res, null, f.errors, f.status, { copyValues: req.body });
    }
    setFlash(req, 'success', 'criteria.copy.done', result);
    res.redirect(303, `/campaigns/${id}/criteria`);
  });

  /** POST /campaigns/:id/criteria/template: admin saves the current set as a named template */
  r.post('/campaigns/:id/criteria/template', manage, async (req, res) => {
    const id = campaignId(req);
    const form = parseForm(TemplateForm, req.body);
    if (!form.ok) return show(req, res, null, form.errors, 400, { templateValues: req.body });
    try {
      await saveTemplate(prisma, actor(req), id, form.data.templateName, requestIdOf(req));
    } catch (e) {
      const f = failureOf(e);
      return show(req, res, null, f.errors, f.status, { templateValues: req.body });
    }
    setFlash(req, 'success', 'criteria.template.saved', { name: form.data.templateName });
    res.redirect(303, `/campaigns/${id}/criteria`);
  });
  return r;
}
