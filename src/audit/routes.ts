import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import type { Db } from '../db/index.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { pageFrom, paged } from '../lib/paging.ts';
import { NotFoundError, type FieldErrors } from '../errors.ts';
import { FILTER_KEYS, parseFilter } from './schema.ts';
import { auditFilterOptions, auditPage, auditRecord, CHANGES_SHOWN } from './viewer.ts';
import { writeAuditCsv } from './export.ts';

/** The filter keys of the query as they came (arrays too, so a repeated key is refused, not ignored). */
function rawFilters(query: unknown): Record<string, unknown> {
  const q = (query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(FILTER_KEYS.filter((k) => q[k] !== undefined).map((k) => [k, q[k]]));
}

/** The filters as typed (strings only), to keep them in the form and in the pager and export links. */
function typedFilters(query: unknown): Record<string, string> {
  const q = (query ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) if (typeof q[k] === 'string' && q[k] !== '') out[k] = q[k] as string;
  return out;
}

async function renderViewer(prisma: Db, req: Request, res: Response, errors: FieldErrors, list: Awaited<ReturnType<typeof auditPage>>, status = 200) {
  const values = typedFilters(req.query);
  const qs = new URLSearchParams(values).toString();
  const t = res.locals.t as (k: string) => string;
  const o = await auditFilterOptions(prisma, actor(req));
  const all = { value: '', label: t('audit.filter.all') };
  // a value that occurs nowhere (e.g. from an old link) stays selectable, so the form shows what is filtered
  const codes = (list: string[], v?: string) => [all, ...[...list, ...(v && !list.includes(v) ? [v] : [])].map((c) => ({ value: c, label: c }))];
  res.status(status).render('audit/index', {
    title: t('audit.title'),
    options: {
      user: [all, ...o.users.map((u) => ({ value: u.id, label: `${u.username} · ${u.fullName}` }))],
      campaign: [all, ...o.campaigns.map((c) => ({ value: c.id, label: c.name }))],
      action: codes(o.actions, values.action),
      entityType: codes(o.entityTypes, values.entityType),
    },
    list, values, errors, filtered: qs !== '', CHANGES_SHOWN,
    pagerBase: qs ? `?${qs}&` : '?',
    csvUrl: `/admin/audit.csv${qs ? `?${qs}` : ''}`,
  });
}

/** Admin's audit trail viewer and its CSV export (permission audit.view). */
export function auditRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const guard = requireCan('audit.view');

  /** GET /admin/audit: the trail, newest first, filtered by user, action, entity, campaign and days */
  r.get('/admin/audit', guard, async (req, res) => {
    const form = parseFilter(rawFilters(req.query));
    const page = pageFrom(req.query);
    if (!form.ok) return renderViewer(prisma, req, res, form.errors, paged([], 0, page), 400);
    await renderViewer(prisma, req, res, {}, await auditPage(prisma, actor(req), form.data, page));
  });

  /** GET /admin/audit.csv: the same filtered trail as CSV (UTF-8 with BOM), streamed in batches */
  r.get('/admin/audit.csv', guard, async (req, res) => {
    const form = parseFilter(rawFilters(req.query));
    if (!form.ok) return renderViewer(prisma, req, res, form.errors, paged([], 0, pageFrom(undefined)), 400);
    await writeAuditCsv(prisma, actor(req), form.data, res);
  });

  /** GET /admin/audit/:id: one record with all its changes (a score save lists every cell it changed) */
  r.get('/admin/audit/:id', guard, async (req, res) => {
    const raw = String(req.params.id);
    const id = /^[1-9]\d{0,17}$/.test(raw) ? BigInt(raw) : null;
    const record = id === null ? null : await auditRecord(prisma, actor(req), id);
    if (!record) throw new NotFoundError();
    res.render('audit/record', { title: (res.locals.t as (k: string, v: object) => string)('audit.record.title', { id: record.id }), record });
  });

  return r;
}
