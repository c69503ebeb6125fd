import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { loadGrid, saveGrid, type GridData } from './grid-service.ts';
import { gridGroups, gridRows, type Typed } from './grid-view.ts';
import { boundsHtml, gridRowsHtml } from './grid-html.ts';
import { ScoreConflictError, type ConflictCell } from './official.ts';
import { parseOfficialCells, ReasonSchema } from './schema.ts';
import { BlockQuery } from '../units/schema.ts';
import { blockSearch, campaignUnitBlock, type BlockOptions, type BlockUnit } from '../units/block.ts';
import { keptCampaignParts } from '../dashboards/kept.ts';
import { pageFrom, type Paged } from '../lib/paging.ts';
import type { Db } from '../db/index.ts';

/**
 * How many units the officer's grid shows at once (a block: a cluster, a parent unit, a search, or a page): 15 rows
 * of 30 criteria fit a screen and render in a few milliseconds; the officer can ask for a bigger page (?size=).
 */
export const GRID_BLOCK_SIZE = 15;
export const GRID_BLOCK_SIZES: readonly number[] = [GRID_BLOCK_SIZE, 30, 60];

type Block = { query: BlockQuery; list: Paged<BlockUnit>; options: BlockOptions; search: string; pagerBase: string; size: number; sizes: readonly number[] };

/** ?size=, one of GRID_BLOCK_SIZES; anything else is the default. */
function blockSize(query: unknown): number {
  const raw = Number((query as { size?: unknown } | undefined)?.size);
  return GRID_BLOCK_SIZES.includes(raw) ? raw : GRID_BLOCK_SIZE;
}

/** The block's query string with its page (what the form's action and the redirect after a save carry), read from the URL alone. */
function blockPlace(query: unknown) {
  const q = BlockQuery.parse(query ?? {});
  const size = blockSize(query);
  const p = pageFrom(query, size);
  const searchOnly = [blockSearch(q), size !== GRID_BLOCK_SIZE ? `size=${size}` : ''].filter(Boolean).join('&');
  return { q, p, size, searchOnly, search: [searchOnly, p.page > 1 ? `page=${p.page}` : ''].filter(Boolean).join('&') };
}

/** The block of units the grid works on, from ?cluster=&parent=&q=&size=&page= (never every unit of the campaign). */
async function gridBlock(prisma: Db, campaignId: number, query: unknown): Promise<Block> {
  const { q, p, size, searchOnly, search } = blockPlace(query);
  const kept = await keptCampaignParts(prisma, campaignId);
  const [list, options] = await Promise.all([campaignUnitBlock(prisma, campaignId, q, p, kept.participants), kept.blockOptions()]);
  return { query: q, list, options, search, pagerBase: searchOnly ? `?${searchOnly}&` : '?', size, sizes: GRID_BLOCK_SIZES };
}

/** Route ids: campaign and period from the path, an optional ?unit= for the one-unit view. */
export function gridIds(req: Request) {
  const campaignId = parseId(req.params.id);
  const periodId = parseId(req.params.periodId);
  if (!campaignId || !periodId) throw new NotFoundError();
  const rawUnit = req.query.unit;
  if (rawUnit === undefined || rawUnit === '') return { campaignId, periodId, unitId: undefined };
  const unitId = parseId(rawUnit);
  if (!unitId) throw new NotFoundError();
  return { campaignId, periodId, unitId };
}

/** The units that have at least one points field in a posted grid (only those are read and saved). */
function postedUnitIds(body: Record<string, unknown>): number[] {
  const ids = new Set<number>();
  for (const name of Object.keys(body)) {
    const m = /^p_(\d{1,9})_\d{1,9}$/.exec(name);
    if (m) ids.add(Number(m[1]));
  }
  return [...ids];
}

type Extra = { typed?: Typed; errors?: FieldErrors; conflicts?: ConflictCell[]; reason?: string };

function renderGrid(res: Response, grid: GridData, block: Block | null, extra: Extra = {}) {
  const oneUnit = block === null;
  const t = res.locals.t;
  const rows = gridRows(grid, { ...extra, input: res.locals.fmt.input });
  const errors = extra.errors ?? {};
  const invalidCells = rows.flatMap((r) => r.cells.filter((c) => c.invalid).map((c) => ({ id: c.id, label: c.label, name: errors[c.name] ? c.name : c.cName })));
  const base = `/campaigns/${grid.campaign.id}/periods/${grid.period.id}`;
  const { t: tr, fmt, fieldError } = res.locals;
  const cache = res.app.enabled('view cache');
  const rowsHtml = oneUnit ? '' : gridRowsHtml({ rows, base, locked: grid.locked, errors, total: grid.criteria.length, t: tr, fmt, fieldError }, cache);
  res.render(oneUnit ? 'scoring/unit' : 'scoring/grid', {
    title: oneUnit ? t('scoring.unitView.title', { unit: grid.units[0].name, period: res.locals.fmt.period(grid.period.name) }) : t('scoring.grid.title', { period: res.locals.fmt.period(grid.period.name) }),
    campaign: grid.campaign,
    period: grid.period,
    groups: gridGroups(grid),
    criteria: grid.criteria,
    rows,
    rowsHtml,
    bounds: oneUnit ? null : boundsHtml(grid.criteria, tr, fmt, cache),
    row: rows[0],
    assessment: oneUnit ? (grid.assessments.get(grid.units[0].id) ?? null) : null,
    locked: grid.locked,
    errors,
    invalidCells,
    conflictCount: extra.conflicts?.length ?? 0,
    reason: extra.reason ?? '',
    action: oneUnit ? `${base}/scores?unit=${grid.units[0].id}` : `${base}/scores${block.search ? `?${block.search}` : ''}`,
    base,
    block,
  });
}

export function gridRoutes({ prisma }: FeatureDeps): Router {
  const r = Router();
  const guard = requireCan('score.enter');

  /** GET /campaigns/:id/periods/:periodId/scores: officer's score grid for a block of units (?cluster=&parent=&q=&size=&page=), or ?unit= for one unit */
  r.get('/campaigns/:id/periods/:periodId/scores', guard, async (req, res) => {
    const { campaignId, periodId, unitId } = gridIds(req);
    if (unitId !== undefined) return renderGrid(res, await loadGrid(prisma, actor(req), campaignId, periodId, unitId), null);
    // the block is only shown once loadGrid has checked the campaign and the period (404 otherwise)
    const block = await gridBlock(prisma, campaignId, req.query);
    const grid = await loadGrid(prisma, actor(req), campaignId, periodId, undefined, block.list.items.map((u) => u.id), block.list.items);
    renderGrid(res, grid, block);
  });

  /** POST /campaigns/:id/periods/:periodId/scores: officer saves the whole grid in one transaction */
  r.post('/campaigns/:id/periods/:periodId/scores', guard, async (req, res) => {
    const { campaignId, periodId, unitId } = gridIds(req);
    const me = actor(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const grid = await loadGrid(prisma, me, campaignId, periodId, unitId, postedUnitIds(body));
    const oneUnit = unitId !== undefined;
    // the block the form came from (its action carries it): read only to show the grid again on a refused save
    const place = oneUnit ? null : blockPlace(req.query);
    const block = async () => (oneUnit ? null : gridBlock(prisma, campaignId, req.query));
    const reasonForm = parseForm(ReasonSchema, { reason: typeof body.reason === 'string' ? body.reason : undefined });
    const reason = reasonForm.ok ? reasonForm.data.reason : null;
    const typedReason = typeof body.reason === 'string' ? body.reason : '';
    const cells = parseOfficialCells(body, grid.units.map((u) => u.id), grid.criteria);
    if (!cells.ok || !reasonForm.ok) {
      const errors = { ...(cells.ok ? {} : cells.errors), ...(reasonForm.ok ? {} : reasonForm.errors) };
      res.status(400);
      return renderGrid(res, grid, await block(), { typed: body, errors, reason: typedReason });
    }
    let result;
    try {
      result = await saveGrid(prisma, me, grid, { cells: cells.cells, reason, requestId: String(req.id) });
    } catch (e) {
      if (e instanceof ScoreConflictError) {
        res.status(409);
        return renderGrid(res, grid, await block(), { typed: body, conflicts: e.cells, reason: typedReason });
      }
      if (e instanceof ValidationError) {
        res.status(400);
        return renderGrid(res, grid, await block(), { typed: body, errors: e.fields, reason: typedReason });
      }
      throw e;
    }
    if (result.changed === 0) setFlash(req, 'info', 'scoring.grid.nothingChanged');
    else setFlash(req, 'success', 'scoring.grid.saved', { cells: result.changed, units: result.units, verified: result.verified });
    const back = `/campaigns/${campaignId}/periods/${periodId}/scores`;
    res.redirect(303, oneUnit ? `${back}?unit=${unitId}` : place?.search ? `${back}?${place.search}` : back);
  });
  return r;
}
