// Reading and checking a units CSV file, without the database: header, rows, and every problem
// found, each with the line of the file it is on (header = line 1).
import { z } from 'zod';
import { f, fieldErrors, foldText } from '../lib/forms.ts';
import { CSV_BOM, csvRecord, parseCsv } from '../lib/csv.ts';
import { translator } from '../i18n/index.ts';
import type { UnitType } from '../generated/prisma/enums.ts';
import { UNIT_TYPES, unitCode } from './schema.ts';
import { createsCycle } from './tree.ts';

export const IMPORT_COLUMNS = ['code', 'name', 'short_name', 'type', 'parent_code'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['code', 'name', 'type'];
export const MAX_IMPORT_ROWS = 2000;

/** One problem: the file line, the column (if any), what the cell held (cut short), and a translation key. */
export type ImportIssue = { line: number; column: string | null; value?: string; key: string; params?: Record<string, string | number> };

const shown = (v: string | undefined | null) => (v ?? '').trim().slice(0, 80);
export type ImportRow = { line: number; code: string; name: string; shortName: string | null; type: UnitType; parentCode: string | null };
export type ReadImport = {
  /** the header or the file itself is unusable: nothing else was checked */
  fatal: boolean;
  columns: Set<ImportColumn>;
  rows: ImportRow[];
  /** every code written in the file, on good rows or bad (so a bad parent row is not reported twice) */
  codes: Set<string>;
  issues: ImportIssue[];
};

const typeKey = (s: string) => foldText(s).replace(/[_\s-]+/g, ' ');

/** A type may be written as the stored value (DISTRICT_COMMAND) or its label in either language, accents optional. */
const TYPE_BY_TEXT: ReadonlyMap<string, UnitType> = (() => {
  const vi = translator('vi');
  const en = translator('en');
  const m = new Map<string, UnitType>();
  for (const t of UNIT_TYPES) for (const s of [t, vi(`unitTypes.${t}`), en(`unitTypes.${t}`)]) m.set(typeKey(s), t);
  return m;
})();

const typeCell = z
  .string()
  .trim()
  .min(1)
  .transform((v, ctx) => {
    const t = TYPE_BY_TEXT.get(typeKey(v));
    if (!t) {
      ctx.addIssue({ code: 'custom', message: 'validation.unitType', params: { values: UNIT_TYPES.join(', ') } });
      return z.NEVER;
    }
    return t;
  });

const RowSchema = z.object({
  code: unitCode(),
  name: f.text(200),
  short_name: f.optText(80),
  type: typeCell,
  parent_code: z
    .string()
    .trim()
    .toUpperCase()
    .max(32)
    .regex(/^[A-Z0-9_-]*$/, 'validation.unitCode')
    .transform((v) => v || null),
});

const headerKey = (h: string) => foldText(h).replace(/[\s-]+/g, '_');

/** Parse the file's text and check each row on its own and against the other rows. */
export function readUnitsCsv(text: string): ReadImport {
  const columns = new Set<ImportColumn>();
  const fatal = (issues: ImportIssue[]): ReadImport => ({ fatal: true, columns, rows: [], codes: new Set(), issues });
  const csv = parseCsv(text);
  if (!csv.ok) return fatal([{ line: csv.line, column: null, key: `units.import.errors.${csv.error}` }]);
  const [header, ...records] = csv.records;
  if (!header) return fatal([{ line: 1, column: null, key: 'units.import.errors.empty' }]);

  const issues: ImportIssue[] = [];
  const order: (ImportColumn | null)[] = header.fields.map((h) => {
    const key = headerKey(h);
    if (key === '') return null;
    if (!(IMPORT_COLUMNS as readonly string[]).includes(key)) {
      issues.push({ line: header.line, column: h.trim(), key: 'units.import.errors.unknownColumn', params: { columns: IMPORT_COLUMNS.join(', ') } });
      return null;
    }
    const col = key as ImportColumn;
    if (columns.has(col)) issues.push({ line: header.line, column: col, key: 'units.import.errors.duplicateColumn' });
    columns.add(col);
    return col;
  });
  for (const col of REQUIRED_COLUMNS) {
    if (!columns.has(col)) issues.push({ line: header.line, column: col, key: 'units.import.errors.missingColumn' });
  }
  if (issues.length) return fatal(issues);
  if (records.length === 0) return fatal([{ line: header.line, column: null, key: 'units.import.errors.noRows' }]);
  if (records.length > MAX_IMPORT_ROWS) return fatal([{ line: records[MAX_IMPORT_ROWS].line, column: null, key: 'units.import.errors.tooManyRows', params: { max: MAX_IMPORT_ROWS } }]);

  const rows: ImportRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const rec of records) {
    const cells: Record<string, string> = {};
    order.forEach((col, i) => {
      if (col) cells[col] = rec.fields[i] ?? '';
    });
    if (rec.fields.slice(order.length).some((v) => v.trim() !== '')) {
      issues.push({ line: rec.line, column: null, key: 'units.import.errors.extraCells', params: { n: order.length } });
    }
    const parsed = RowSchema.safeParse({ short_name: '', parent_code: '', ...cells });
    const code = (cells.code ?? '').trim().toUpperCase();
    if (code) {
      const first = firstLineOf.get(code);
      if (first !== undefined) issues.push({ line: rec.line, column: 'code', value: shown(cells.code), key: 'units.import.errors.duplicateCode', params: { line: first } });
      else firstLineOf.set(code, rec.line);
    }
    if (!parsed.success) {
      for (const [column, e] of Object.entries(fieldErrors(parsed.error))) issues.push({ line: rec.line, column, value: shown(cells[column]), key: e.key, params: e.params });
      continue;
    }
    const d = parsed.data;
    if (d.parent_code !== null && d.parent_code === d.code) {
      issues.push({ line: rec.line, column: 'parent_code', value: d.parent_code, key: 'units.import.errors.selfParent' });
      continue;
    }
    rows.push({ line: rec.line, code: d.code, name: d.name, shortName: d.short_name, type: d.type, parentCode: d.parent_code });
  }
  return { fatal: false, columns, rows, codes: new Set(firstLineOf.keys()), issues };
}

/**
 * Check the rows against the registry as it is: a parent code must name a unit in the registry or
 * in the file, and the resulting tree must have no cycle.
 */
export function checkAgainstRegistry(read: ReadImport, existing: { id: number; code: string; parentId: number | null }[]): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const codeOf = new Map(existing.map((u) => [u.id, u.code]));
  const parentOf = new Map<string, string | null>(existing.map((u) => [u.code, u.parentId === null ? null : (codeOf.get(u.parentId) ?? null)]));
  const hasParentColumn = read.columns.has('parent_code');
  for (const row of read.rows) {
    if (hasParentColumn) parentOf.set(row.code, row.parentCode);
    else if (!parentOf.has(row.code)) parentOf.set(row.code, null);
  }
  for (const row of read.rows) {
    if (row.parentCode === null || !hasParentColumn) continue;
    if (!parentOf.has(row.parentCode)) {
      // a parent that is in the file but on a bad row is already reported there
      if (!read.codes.has(row.parentCode)) issues.push({ line: row.line, column: 'parent_code', value: row.parentCode, key: 'units.import.errors.unknownParent', params: { code: row.parentCode } });
    } else if (createsCycle(parentOf, row.code, row.parentCode)) {
      issues.push({ line: row.line, column: 'parent_code', value: row.parentCode, key: 'units.import.errors.cycle' });
    }
  }
  return issues;
}

/** All problems, in file order. */
export function mergeIssues(...lists: ImportIssue[][]): ImportIssue[] {
  return lists.flat().sort((a, b) => a.line - b.line);
}

/** The downloadable example: UTF-8 with a BOM so Excel reads the Vietnamese correctly. */
export function sampleCsv(): string {
  const rows = [
    ['code', 'name', 'short_name', 'type', 'parent_code'],
    ['BCHQS-QN', 'Bộ Chỉ huy Quân sự tỉnh Quảng Ninh', 'Bộ CHQS tỉnh', 'PROVINCIAL_COMMAND', ''],
    ['KCQ', 'Khối cơ quan và các phân đội trực thuộc', 'Khối cơ quan', 'Khối cơ quan', 'BCHQS-QN'],
    ['DD-TRINHSAT', 'Đại đội Trinh sát', 'ĐĐ Trinh sát', 'Phân đội trực thuộc', 'KCQ'],
    ['HALONG', 'Ban CHQS thành phố Hạ Long', 'Hạ Long', 'Ban CHQS cấp huyện', 'BCHQS-QN'],
    ['E244', 'Trung đoàn 244', 'e244', 'REGIMENT', 'BCHQS-QN'],
  ];
  return CSV_BOM + rows.map((r) => csvRecord(r)).join('');
}
