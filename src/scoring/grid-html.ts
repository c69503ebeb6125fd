// The officer's grid rows as one precompiled template (views/scoring/_grid-rows.ejs). Rendered through the page's
// EJS, each of a block's 450 cells paid an include (a copy of every page local) and `with`-scope lookups: 15 × 30
// cells took ~25 ms of CPU. Compiled here in strict mode (locals under `it`) and called once per page, they are a
// plain loop, and a self-assessed "Tự chấm: 9,5" is translated once per value.
import fs from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import type { FieldErrors } from '../errors.ts';
import type { Fmt, Translate } from '../i18n/index.ts';
import { VIEWS_DIR } from '../web/views.ts';
import type { ConflictCell } from './official.ts';
import type { RowView } from './grid-view.ts';
import type { CriterionInfo } from './context.ts';

type Template = (locals: Record<string, unknown>) => string;
const compiled = new Map<string, Template>();

/** A partial of views/scoring compiled once (strict: locals under `it`), or afresh when the view cache is off. */
function template(name: string, cache: boolean, strict: boolean): Template {
  const hit = cache ? compiled.get(name) : undefined;
  if (hit) return hit;
  const file = path.join(VIEWS_DIR, 'scoring', name);
  const fn = ejs.compile(fs.readFileSync(file, 'utf8'), strict ? { strict: true, localsName: 'it', filename: file } : { filename: file }) as unknown as Template;
  if (cache) compiled.set(name, fn);
  return fn;
}

function memo<K, V>(f: (k: K) => V): (k: K) => V {
  const m = new Map<K, V>();
  return (k) => {
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = f(k)));
    return v;
  };
}

export type GridRowsLocals = {
  rows: RowView[];
  base: string;
  locked: string | null;
  errors: FieldErrors;
  total: number;
  t: Translate;
  fmt: Fmt;
  fieldError: (errors: FieldErrors | undefined, field: string) => string;
};

/** The grid's <tr> rows, escaped markup (printed with <%- %> in views/scoring/grid.ejs). `cache`: the app's view cache. */
export function gridRowsHtml(l: GridRowsLocals, cache: boolean): string {
  const { t, fmt } = l;
  return template('_grid-rows.ejs', cache, true)({
    ...l,
    selfShort: memo((points: number) => t('scoring.selfShort', { points: fmt.num(points) })),
    conflictText: (c: ConflictCell) =>
      t('scoring.conflict.cell', { value: c.points === null ? t('scoring.empty') : fmt.num(c.points), by: c.byName || t('scoring.someone'), at: fmt.dateTime(c.at) }),
  });
}

/**
 * Each criterion's bound (views/scoring/_bound.ejs) by criterion id: the grid prints it in its header and its legend,
 * 60 includes a page (each resolves its path on disk and copies every page local) for 30 short spans.
 */
export function boundsHtml(criteria: readonly CriterionInfo[], t: Translate, fmt: Fmt, cache: boolean): Map<number, string> {
  const bound = template('_bound.ejs', cache, false);
  return new Map(criteria.map((c) => [c.id, bound({ c, t, fmt })]));
}
