import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth, requireCan } from '../auth/guards.ts';
import { parseId } from '../lib/forms.ts';
import { NotFoundError } from '../errors.ts';
import { sendTable, type Format, type Table } from './table.ts';
import { Gate } from '../lib/gate.ts';
import { rankingTable } from './ranking.ts';
import { scoresTable } from './scores.ts';
import { pledgesTable } from './pledges.ts';
import { awardsTable } from './awards.ts';
import { campaignReport } from './report.ts';
import { presentReport } from './present.ts';

function id(v: unknown): number {
  const n = parseId(v);
  if (!n) throw new NotFoundError();
  return n;
}

/**
 * Two table exports at a time in this process, the others wait: a national one is 5,000 rows written in batches,
 * and ten at once held ten of them in memory and queued every page behind their batches (bench/notes/mem.md).
 */
const exportsAtOnce = new Gate(2);

/** Read the table and stream it, once it is this request's turn (a client that has gone by then costs nothing). */
function send<R>(res: Response, f: Format, table: () => Promise<Table<R>>): Promise<void> {
  return exportsAtOnce.run(async () => {
    if (res.destroyed) return;
    await sendTable(res, f, await table());
  });
}

function format(req: Request): Format {
  const f = req.params.format;
  if (f !== 'csv' && f !== 'xlsx') throw new NotFoundError();
  return f;
}

/**
 * Exports (CSV with BOM and XLSX, stable URLs and column headers) and the printable campaign summary report, read
 * from the replica when it is caught up (src/db/replica.ts); a table's rows stream from the client that built it.
 */
export function exportsRouter({ reads }: FeatureDeps): Router {
  const r = Router();

  /** GET /campaigns/:id/ranking.(csv|xlsx): the ranking with its breakdown, visible as on the ranking page */
  r.get('/campaigns/:id/ranking.:format', requireAuth, async (req, res) => {
    const f = format(req);
    await send(res, f, () => reads.run((db) => rankingTable(db, actor(req), id(req.params.id))));
  });

  /** GET /campaigns/:id/periods/:periodId/scores.(csv|xlsx): every score of a period (a unit account: its own) */
  r.get('/campaigns/:id/periods/:periodId/scores.:format', requireAuth, async (req, res) => {
    const f = format(req);
    await send(res, f, () => reads.run((db) => scoresTable(db, actor(req), id(req.params.id), id(req.params.periodId))));
  });

  /** GET /campaigns/:id/pledges.(csv|xlsx): pledges and their targets (staff) */
  r.get('/campaigns/:id/pledges.:format', requireCan('dashboard.command'), async (req, res) => {
    const f = format(req);
    await send(res, f, () => reads.run((db) => pledgesTable(db, actor(req), id(req.params.id))));
  });

  /** GET /campaigns/:id/awards.(csv|xlsx): proposals, decisions, awards and revocations (award.view) */
  r.get('/campaigns/:id/awards.:format', requireCan('award.view'), async (req, res) => {
    const f = format(req);
    await send(res, f, () => reads.run((db) => awardsTable(db, actor(req), id(req.params.id))));
  });

  /** GET /campaigns/:id/report: printable campaign summary (own HTML shell, print CSS) */
  r.get('/campaigns/:id/report', requireCan('dashboard.command'), async (req, res) => {
    const data = await reads.run((db) => campaignReport(db, actor(req), id(req.params.id)));
    const { t, fmt } = res.locals;
    res.render('exports/report', { layout: false, title: t('exports.report.title', { campaign: data.campaign.name }), ...presentReport(t, fmt, data) });
  });

  return r;
}
