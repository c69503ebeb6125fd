// One tabular export, written as CSV or XLSX straight to the response while its rows are read in batches.
// CSV: UTF-8 with BOM, CRLF, RFC 4180 quoting, '.' decimals, dates as YYYY-MM-DD and times as
// "YYYY-MM-DD HH:mm" in Vietnam time (UTC+7). XLSX: the same columns, real numbers and dates, a frozen header.
import type { Response } from 'express';
import { CSV_BOM, csvField, csvRecord, defuseFormula } from '../lib/csv.ts';
import { writeXlsx, type XlsxValue } from './xlsx.ts';

export type Cell = string | number | Date | null | undefined;
export type ColumnKind = 'text' | 'number' | 'date' | 'datetime';
/** A column: its stable machine header (the same in every language), how to read it from a row, its kind. */
export type Column<R> = { key: string; value: (row: R) => Cell; kind?: ColumnKind; width?: number };
export type Format = 'csv' | 'xlsx';

export type Table<R> = {
  /** file name without extension, ASCII only */
  file: string;
  /** worksheet name (Excel allows at most 31 characters) */
  sheet: string;
  columns: Column<R>[];
  /** rows in batches, so a long export never sits in memory whole */
  batches: AsyncIterable<R[]> | Iterable<R[]>;
};

const VN_OFFSET_MS = 7 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as the wall-clock time in Vietnam, expressed through the UTC fields of another Date. */
function vnWallClock(d: Date): Date {
  return new Date(d.getTime() + VN_OFFSET_MS);
}

function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function vnDateTime(d: Date): string {
  const w = vnWallClock(d);
  return `${isoDate(w)} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

/** Numbers with at most three decimals, written with a '.' (what other systems expect). */
export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** How one cell is written in a CSV file. */
export function csvText(v: Cell, kind: ColumnKind = 'text'): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return kind === 'datetime' ? vnDateTime(v) : isoDate(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(round3(v)) : '';
  return kind === 'number' ? v : defuseFormula(v);
}

function xlsxValue(v: Cell, kind: ColumnKind = 'text'): XlsxValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return kind === 'datetime' ? vnWallClock(v) : v;
  if (typeof v === 'number') return Number.isFinite(v) ? round3(v) : null;
  return v;
}

function disposition(res: Response, file: string, ext: Format) {
  res.attachment(`${file.replace(/[^A-Za-z0-9._-]/g, '-')}.${ext}`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/** A client that takes nothing for this long is dropped: it would hold one of the few export places (routes.ts). */
const STALLED_MS = 60_000;

/** Wait until the response can take more (back-pressure), or fail if the client went away or stalled. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    // already gone: its 'close' has been and will not come again
    if (res.destroyed) return reject(new Error('client closed the export'));
    const stop = () => {
      clearTimeout(timer);
      res.off('drain', done);
      res.off('close', closed);
    };
    const done = () => {
      stop();
      resolve();
    };
    const closed = () => {
      stop();
      reject(new Error('client closed the export'));
    };
    const timer = setTimeout(() => {
      stop();
      res.destroy();
      reject(new Error('client stalled the export'));
    }, STALLED_MS);
    res.once('drain', done);
    res.once('close', closed);
  });
}

async function sendCsv<R>(res: Response, t: Table<R>) {
  disposition(res, t.file, 'csv');
  res.status(200).type('text/csv; charset=utf-8');
  res.write(CSV_BOM + csvRecord(t.columns.map((c) => c.key)));
  const columns = t.columns;
  for await (const batch of t.batches) {
    // one string per batch, built cell by cell: a number's text never needs quoting (no comma, quote or line break),
    // so only other cells go through csvField (the national ranking is 5,000 rows of about 40 cells, mostly numbers:
    // the arrays of the record-by-record form were a fifth of its CPU)
    let chunk = '';
    for (const row of batch) {
      for (let i = 0; i < columns.length; i++) {
        const v = columns[i].value(row);
        const text = typeof v === 'number' ? (Number.isFinite(v) ? String(round3(v)) : '') : csvField(csvText(v, columns[i].kind));
        chunk += i === 0 ? text : ',' + text;
      }
      chunk += '\r\n';
    }
    if (chunk && !res.write(chunk)) await drained(res);
  }
  res.end();
}

async function sendXlsx<R>(res: Response, t: Table<R>) {
  disposition(res, t.file, 'xlsx');
  res.status(200).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  async function* rows() {
    for await (const batch of t.batches) yield batch.map((row) => t.columns.map((c) => xlsxValue(c.value(row), c.kind)));
  }
  await writeXlsx((chunk) => (res.write(chunk) ? undefined : drained(res)), {
    sheet: t.sheet.slice(0, 31),
    creator: 'thidua',
    columns: t.columns.map((c) => ({ header: c.key, width: c.width ?? Math.max(10, c.key.length + 2), kind: c.kind ?? 'text' })),
    rows: rows(),
  });
  res.end();
}

/** Stream the table in the asked format. Everything that can fail with 403/404 must be checked before this. */
export function sendTable<R>(res: Response, format: Format, table: Table<R>): Promise<void> {
  return format === 'csv' ? sendCsv(res, table) : sendXlsx(res, table);
}
