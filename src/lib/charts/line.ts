// The line chart (a unit's totals by period, with the average beside it).
import { el, esc, r1, svgOpen } from './svg.ts';
import { linearScale, linePath, niceDomain } from './scale.ts';
import { clip, wrapLabel } from './labels.ts';

// Colours: dark enough on white for lines and text (WCAG ≥ 4.5:1), and told apart by dash pattern too.
const TONES = {
  primary: { stroke: '#1f5130', width: 3, dash: undefined },
  reference: { stroke: '#7a4f00', width: 2, dash: '6 4' },
  muted: { stroke: '#7b8794', width: 1.5, dash: '2 3' },
} as const;
export type LineTone = keyof typeof TONES;
/** Line chart text size and the width of an average character at that size (for clipping and layout). */
const FONT = 14;
const CHAR_W = 7.4;
/** the width of a character of a value written in bold over a point (digits are wider than the average character) */
const VALUE_CHAR_W = 8.6;

export type LineSeries = { label: string; values: (number | null)[]; tone: LineTone; showValues?: boolean };
export type LineChartOptions = {
  /** unique on the page: prefixes the ids of <title> and <desc> */
  id: string;
  title: string;
  desc: string;
  /** x-axis labels, e.g. period names */
  categories: string[];
  series: LineSeries[];
  /** shown instead of a chart when no series has a value */
  emptyText: string;
  format?: (n: number) => string;
  width?: number;
  height?: number;
};

/**
 * A line chart of one or more series over the same categories. One category draws points only;
 * nulls leave gaps; a domain crossing zero gets a zero line. No data at all gives a small SVG with `emptyText`.
 */
export function lineChart(o: LineChartOptions): string {
  const fmt = o.format ?? ((n: number) => String(n));
  const W = o.width ?? 640;
  const H = o.height ?? 280;
  const values = o.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0 || o.categories.length === 0) {
    return svgOpen(o.id, W, 80, 'chart chart-line chart-empty', o.title, o.desc) + el('rect', { x: 0.5, y: 0.5, width: W - 1, height: 79, rx: 6, fill: '#f5f6f4', stroke: '#d5dbe1' }) + el('text', { x: W / 2, y: 45, 'text-anchor': 'middle', 'font-size': 15, fill: '#55606b' }, esc(o.emptyText)) + '</svg>';
  }
  const dom = niceDomain(values, { includeZero: values.some((v) => v < 0) });
  const legendH = o.series.length > 1 ? 28 : 0;
  const left = 14 + Math.max(...dom.ticks.map((t) => fmt(t).length)) * CHAR_W;
  const m = { top: 20 + legendH, right: 16, bottom: 52, left };
  const x0 = m.left;
  const x1 = W - m.right;
  const band = (x1 - x0) / o.categories.length;
  const x = (i: number) => x0 + band * (i + 0.5);
  const y = linearScale([dom.min, dom.max], [H - m.bottom, m.top]);
  let out = svgOpen(o.id, W, H, 'chart chart-line', o.title, o.desc);
  // grid and y ticks
  for (const t of dom.ticks) {
    const yy = r1(y(t));
    out += el('line', { x1: x0, x2: x1, y1: yy, y2: yy, stroke: t === 0 ? '#55606b' : '#d5dbe1', 'stroke-width': t === 0 ? 1.5 : 1 });
    out += el('text', { x: x0 - 8, y: yy + 4, 'text-anchor': 'end', 'font-size': FONT, fill: '#3d4852' }, esc(fmt(t)));
  }
  if (dom.min < 0 && dom.max > 0 && !dom.ticks.includes(0)) {
    const yz = r1(y(0));
    out += el('line', { x1: x0, x2: x1, y1: yz, y2: yz, stroke: '#55606b', 'stroke-width': 1.5 });
  }
  // x labels, on up to two lines; when even two lines are wider than a category's band (many periods on a phone-width
  // chart, twelve months on the 400-wide dashboard chart), every step-th label only, so that none overlaps its
  // neighbour; and when a label drawn would still be clipped ("Tháng" over "11/20…"), a wider step if one up to a
  // third of the labels shows every drawn label whole
  const widest = (lines: string[][]) => Math.max(...lines.flatMap((l) => l.map((line) => [...line].length))) * CHAR_W + 8;
  const wrapAt = (step: number) => o.categories.map((c) => wrapLabel(c, Math.max(4, Math.floor((band * step - 8) / CHAR_W))));
  const clipped = (wrapped: string[][], step: number) => wrapped.some((lines, i) => i % step === 0 && lines.some((line) => line.endsWith('…')));
  let step = 1;
  let wrapped = wrapAt(step);
  while (step < o.categories.length && widest(wrapped) > band * step) wrapped = wrapAt(++step);
  for (let wider = step + 1; clipped(wrapped, step) && wider <= Math.ceil(o.categories.length / 3); wider++) {
    const w = wrapAt(wider);
    if (!clipped(w, wider)) [step, wrapped] = [wider, w];
  }
  o.categories.forEach((c, i) => {
    if (i % step !== 0) return;
    const lines = wrapped[i]!;
    const tspans = lines.map((line, k) => el('tspan', { x: r1(x(i)), dy: k === 0 ? 0 : FONT + 3 }, esc(line))).join('');
    out += el('text', { x: r1(x(i)), y: H - m.bottom + 21, 'text-anchor': 'middle', 'font-size': FONT, fill: '#3d4852' }, tspans + (lines.join(' ') !== c ? el('title', {}, esc(c)) : ''));
  });
  out += el('line', { x1: x0, x2: x1, y1: H - m.bottom, y2: H - m.bottom, stroke: '#8a96a3' });
  // series: muted first, primary last (drawn on top)
  const order: LineTone[] = ['muted', 'reference', 'primary'];
  const sorted = [...o.series].sort((a, b) => order.indexOf(a.tone) - order.indexOf(b.tone));
  for (const s of sorted) {
    const tone = TONES[s.tone];
    const pts = o.categories.map((_, i) => {
      const v = s.values[i];
      return v === null || v === undefined || !Number.isFinite(v) ? null : { x: x(i), y: y(v) };
    });
    const d = linePath(pts);
    if (d.includes('L')) out += el('path', { d, fill: 'none', stroke: tone.stroke, 'stroke-width': tone.width, 'stroke-dasharray': tone.dash, 'stroke-linejoin': 'round', 'stroke-linecap': 'round' });
    // values written over the points, left to right; one that would cover the last one written is left out (it is
    // in the point's tooltip and in the table beside the chart): two equal totals a band apart wrote "96,!96,5"
    let written: { x: number; y: number; w: number } | null = null;
    pts.forEach((p, i) => {
      if (!p) return;
      const v = s.values[i] as number;
      out += el('circle', { cx: r1(p.x), cy: r1(p.y), r: s.tone === 'primary' ? 5 : 3.5, fill: s.tone === 'primary' ? tone.stroke : '#ffffff', stroke: tone.stroke, 'stroke-width': 2 }, el('title', {}, esc(`${s.label}: ${fmt(v)}`)));
      if (!s.showValues) return;
      const text = fmt(v);
      const box = { x: p.x, y: p.y - 10, w: [...text].length * VALUE_CHAR_W };
      if (written && Math.abs(box.x - written.x) < (box.w + written.w) / 2 + 2 && Math.abs(box.y - written.y) < FONT + 2) return;
      written = box;
      out += el('text', { x: r1(box.x), y: r1(box.y), 'text-anchor': 'middle', 'font-size': FONT, 'font-weight': 700, fill: tone.stroke, stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke' }, esc(text));
    });
  }
  // legend (inside the SVG, so it prints with the chart)
  if (legendH) {
    let lx = x0;
    const budget = Math.max(6, Math.floor(((x1 - x0) / o.series.length - 52) / CHAR_W));
    for (const s of o.series) {
      const tone = TONES[s.tone];
      out += el('line', { x1: r1(lx), x2: r1(lx + 26), y1: 14, y2: 14, stroke: tone.stroke, 'stroke-width': tone.width, 'stroke-dasharray': tone.dash });
      const label = clip(s.label, budget);
      out += el('text', { x: r1(lx + 32), y: 19, 'font-size': FONT, fill: '#1d232a' }, esc(label) + (label !== s.label ? el('title', {}, esc(s.label)) : ''));
      lx += 32 + [...label].length * CHAR_W + 20;
    }
  }
  return out + '</svg>';
}
