// What the grid and one-unit pages render: plain rows and cells, so templates only loop and print.
import type { FieldErrors } from '../errors.ts';
import type { CriterionInfo, UnitInfo } from './context.ts';
import { cellKey, type GridData } from './grid-service.ts';
import type { ConflictCell } from './official.ts';
import { cellName } from './schema.ts';

export type CellView = {
  criterion: CriterionInfo;
  id: string;
  name: string;
  vName: string;
  cName: string;
  label: string;
  value: string;
  version: string;
  comment: string;
  self: number | null;
  selfComment: string | null;
  invalid: boolean;
  conflict: ConflictCell | null;
  /** ids of the notes under the input (self points, error, conflict) for aria-describedby */
  describedBy: string;
};
export type RowView = { unit: UnitInfo; status: string | null; filled: number; cells: CellView[]; invalid: boolean; conflict: boolean };

/** What the officer sent back, to show again as typed. */
export type Typed = Record<string, unknown> | null;

const asText = (v: unknown) => (v === undefined || v === null ? undefined : Array.isArray(v) ? String(v[v.length - 1] ?? '') : String(v));

/** The ids of a cell's notes (self points, error, conflict), space-separated: most cells have none or one. */
function describedBy(id: string, self: boolean, invalid: boolean, conflict: boolean): string {
  let out = self ? `${id}-self` : '';
  if (invalid) out += `${out ? ' ' : ''}${id}-error`;
  if (conflict) out += `${out ? ' ' : ''}${id}-conflict`;
  return out;
}

/**
 * Build rows of cells. With `typed` (a re-render after a refused save) every input keeps what was
 * typed; a conflicting cell's version becomes the newer one, so saving again is a deliberate overwrite.
 */
export function gridRows(grid: GridData, opts: { typed?: Typed; errors?: FieldErrors; conflicts?: ConflictCell[]; input?: (n: number) => string } = {}): RowView[] {
  // a stored value is written the locale's way (37,5 in Vietnamese); a typed one is shown as typed
  // (each distinct value written once a page: a block's 450 cells hold a few dozen values)
  const written = new Map<number, string>();
  const stored = (n: number | null) => {
    if (n === null) return '';
    let text = written.get(n);
    if (text === undefined) written.set(n, (text = (opts.input ?? String)(n)));
    return text;
  };
  const typed = opts.typed ?? null;
  const errors = opts.errors ?? {};
  const conflicts = new Map((opts.conflicts ?? []).map((c) => [cellKey(c.unitId, c.criterionId), c]));
  return grid.units.map((unit) => {
    let filled = 0;
    const cells = grid.criteria.map((c): CellView => {
      const cell = grid.cells.get(cellKey(unit.id, c.id));
      const name = cellName.points(unit.id, c.id);
      const vName = cellName.version(unit.id, c.id);
      const cName = cellName.comment(unit.id, c.id);
      const conflict = conflicts.get(cellKey(unit.id, c.id)) ?? null;
      if (cell?.points !== null && cell?.points !== undefined) filled += 1;
      const typedValue = typed ? asText(typed[name]) : undefined;
      const typedVersion = typed ? asText(typed[vName]) : undefined;
      const typedComment = typed ? asText(typed[cName]) : undefined;
      const id = `cell-${unit.id}-${c.id}`;
      const invalid = Boolean(errors[name] || errors[cName]);
      const self = cell?.selfPoints ?? null;
      return {
        criterion: c,
        id,
        name,
        vName,
        cName,
        label: `${unit.shortName ?? unit.name} – ${c.code}. ${c.title}`,
        value: typedValue ?? stored(cell?.points ?? null),
        version: conflict ? String(conflict.version) : (typedVersion ?? (cell ? String(cell.version) : '')),
        comment: typedComment ?? cell?.comment ?? '',
        self,
        selfComment: cell?.selfComment ?? null,
        invalid,
        conflict,
        describedBy: describedBy(id, self !== null, invalid, conflict !== null),
      };
    });
    return {
      unit,
      status: grid.assessments.get(unit.id)?.status ?? null,
      filled,
      cells,
      invalid: cells.some((x) => x.invalid),
      conflict: cells.some((x) => x.conflict),
    };
  });
}

/** Header of the grid: groups with how many columns each spans. */
export function gridGroups(grid: GridData) {
  return grid.groups.filter((g) => g.criteria.length > 0).map((g) => ({ ...g, span: g.criteria.length }));
}
