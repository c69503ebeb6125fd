// Server-side SVG charts: pure functions from numbers and (already translated) labels to SVG markup.
// Every piece of text and every attribute value goes through `esc`, so the result may be printed
// unescaped (`<%- %>`). No scripts, no inline styles (the CSP forbids them): colours are attributes.

/** Escape text for use in SVG/HTML content and attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A coordinate with at most one decimal, so the markup stays small and stable. */
export function r1(n: number): number {
  return Math.round(n * 10) / 10;
}

type Attrs = Record<string, string | number | undefined>;

/** One element with escaped attributes; `inner` must already be markup built by this module. */
function el(tag: string, attrs: Attrs, inner = ''): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v!)}"`)
    .join('');
  return inner === '' && tag !== 'text' && tag !== 'title' && tag !== 'desc' ? `<${tag}${a}/>` : `<${tag}${a}>${inner}</${tag}>`;
}

/** A linear map from a domain to a range. A zero-width domain maps everything to the middle of the range. */
export function linearScale(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1_] = range;
  if (d1 === d0) return () => (r0 + r1_) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1_ - r0);
}

function niceNumber(x: number, round: boolean): number {
  const exp = Math.floor(Math.log10(x));
  const f = x / 10 ** exp;
  let nf: number;
  if (round) nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * 10 ** exp;
}

/**
 * A "nice" axis covering the values: round bounds and evenly spaced round ticks (about `count`).
 * Empty input gives 0..1; a single value is padded on both sides; zero is included on request
 * or whenever the values cross it.
 */
export function niceDomain(values: number[], opts: { count?: number; includeZero?: boolean } = {}): { min: number; max: number; ticks: number[] } {
  const count = opts.count ?? 5;
  const finite = values.filter((v) => Number.isFinite(v));
  let min = finite.length ? Math.min(...finite) : 0;
  let max = finite.length ? Math.max(...finite) : 1;
  if (opts.includeZero) {
    min = Math.min(min, 0);
    max = Math.max(max, 0);
  }
  if (min === max) {
    const pad = Math.abs(min) >= 1 ? Math.abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const step = niceNumber((max - min) / Math.max(1, count - 1), true);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toFixed(decimals)));
  return { min: ticks[0], max: ticks[ticks.length - 1], ticks };
}

/** An SVG path through the points; a null breaks the line into separate segments. */
export function linePath(points: ({ x: number; y: number } | null)[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (!p) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${r1(p.x)} ${r1(p.y)}`;
    pen = true;
  }
  return d;
}

/** Cut a label to about `max` characters, with an ellipsis. */
export function clip(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

/** Break a label into at most two lines of about `max` characters, at spaces (before a trailing parenthesis if it fits); the rest is clipped. */
export function wrapLabel(label: string, max: number): string[] {
  if ([...label].length <= max) return [label];
  // "Kỳ 1 (tháng 1–2/2021)": prefer breaking before a trailing parenthesis
  const paren = label.match(/^(.+?)\s+(\(.+\))$/);
  if (paren && [...paren[1]].length <= max && [...paren[2]].length <= max) return [paren[1], paren[2]];
  const words = label.split(/\s+/);
  let first = '';
  let i = 0;
  while (i < words.length && [...(first ? first + ' ' + words[i] : words[i])].length <= max) first = first ? first + ' ' + words[i++] : words[i++];
  if (!first) return [clip(label, max)];
  const rest = words.slice(i).join(' ');
  // a clipped parenthesis ("Kỳ 1" over "(thán…") says nothing: the name before it alone, the whole in the tooltip
  if (paren && [...rest].length > max && [...paren[1]].length <= max) return [paren[1]];
  return rest ? [first, clip(rest, max)] : [first];
}

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

function svgOpen(id: string, w: number, h: number, cls: string, title: string, desc: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" class="${esc(cls)}" role="img" ` +
    `aria-labelledby="${esc(id)}-title ${esc(id)}-desc" id="${esc(id)}" font-family="inherit">` +
    el('title', { id: `${id}-title` }, esc(title)) +
    el('desc', { id: `${id}-desc` }, esc(desc))
  );
}

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
  // chart), every step-th label only, so that none overlaps its neighbour
  const widest = (lines: string[][]) => Math.max(...lines.flatMap((l) => l.map((line) => [...line].length))) * CHAR_W + 8;
  let step = 1;
  let wrapped = o.categories.map((c) => wrapLabel(c, Math.max(4, Math.floor((band - 8) / CHAR_W))));
  while (step < o.categories.length && widest(wrapped) > band * step) {
    step++;
    wrapped = o.categories.map((c) => wrapLabel(c, Math.max(4, Math.floor((band * step - 8) / CHAR_W))));
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

// Heatmap bins: five steps from light to dark, each with the text colour that reads on it.
const HEAT = {
  good: [
    { fill: '#f1f7f2', ink: '#1d232a' },
    { fill: '#cfe6d5', ink: '#1d232a' },
    { fill: '#94c7a2', ink: '#1d232a' },
    { fill: '#2f7a47', ink: '#ffffff' },
    { fill: '#17402a', ink: '#ffffff' },
  ],
  bad: [
    { fill: '#fbf1f1', ink: '#1d232a' },
    { fill: '#f4cfcf', ink: '#1d232a' },
    { fill: '#e59a9a', ink: '#1d232a' },
    { fill: '#b02a2a', ink: '#ffffff' },
    { fill: '#6e1313', ink: '#ffffff' },
  ],
} as const;
export type HeatTone = keyof typeof HEAT;
const EMPTY_CELL = { fill: '#f5f6f4', ink: '#55606b' };

/** The fill and text colour of a heatmap cell for a percentage (0–100, clamped); null → an empty cell. */
export function heatColor(pct: number | null, tone: HeatTone = 'good'): { fill: string; ink: string } {
  if (pct === null || !Number.isFinite(pct)) return EMPTY_CELL;
  const bin = Math.min(4, Math.max(0, Math.floor(Math.min(100, Math.max(0, pct)) / 20)));
  return HEAT[tone][bin];
}

/** The bins' colours, for a legend or a test. */
export function heatBins(tone: HeatTone): readonly { fill: string; ink: string }[] {
  return HEAT[tone];
}

export type HeatCell = { pct: number | null; text: string; tip?: string };
export type HeatmapOptions = {
  id: string;
  title: string;
  desc: string;
  columns: { label: string; tone: HeatTone; tip?: string }[];
  rows: { label: string; cells: HeatCell[] }[];
  emptyText: string;
  /** legend captions: one per bin (5), and a note for the "bad" tone if any column uses it */
  legend: { bins: string[]; good: string; bad?: string };
};

/** Units × groups as coloured cells with their number written in, so it reads in greyscale too. */
export function heatmap(o: HeatmapOptions): string {
  const cellW = 68;
  const cellH = 30;
  const labelChars = Math.min(28, Math.max(6, ...o.rows.map((r) => [...r.label].length)));
  const labelW = 16 + labelChars * 7.4;
  const headH = 34;
  const hasBad = o.columns.some((c) => c.tone === 'bad');
  const legendH = hasBad ? 58 : 34;
  const W = Math.max(labelW + o.columns.length * cellW + 8, 420);
  if (o.rows.length === 0 || o.columns.length === 0) {
    return svgOpen(o.id, W, 80, 'chart chart-heatmap chart-empty', o.title, o.desc) + el('rect', { x: 0.5, y: 0.5, width: W - 1, height: 79, rx: 6, fill: '#f5f6f4', stroke: '#d5dbe1' }) + el('text', { x: W / 2, y: 45, 'text-anchor': 'middle', 'font-size': 15, fill: '#55606b' }, esc(o.emptyText)) + '</svg>';
  }
  const H = headH + o.rows.length * cellH + 14 + legendH;
  let out = svgOpen(o.id, W, H, 'chart chart-heatmap', o.title, o.desc);
  o.columns.forEach((c, j) => {
    const cx = labelW + j * cellW + cellW / 2;
    out += el('text', { x: r1(cx), y: headH - 10, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 700, fill: '#1d232a' }, esc(c.label) + (c.tip ? el('title', {}, esc(c.tip)) : ''));
  });
  o.rows.forEach((row, i) => {
    const y = headH + i * cellH;
    const label = clip(row.label, labelChars);
    out += el('text', { x: labelW - 10, y: y + cellH / 2 + 5, 'text-anchor': 'end', 'font-size': 13, fill: '#1d232a' }, esc(label) + (label !== row.label ? el('title', {}, esc(row.label)) : ''));
    row.cells.forEach((cell, j) => {
      const col = o.columns[j];
      if (!col) return;
      const c = heatColor(cell.pct, col.tone);
      const x = labelW + j * cellW;
      out += el(
        'g',
        {},
        el('rect', { x: x + 1, y: y + 1, width: cellW - 2, height: cellH - 2, fill: c.fill, stroke: '#ffffff' }) +
          el('text', { x: x + cellW / 2, y: y + cellH / 2 + 5, 'text-anchor': 'middle', 'font-size': 13, 'font-weight': 600, fill: c.ink }, esc(cell.text)) +
          (cell.tip ? el('title', {}, esc(cell.tip)) : ''),
      );
    });
  });
  // legend
  const ly = headH + o.rows.length * cellH + 14;
  const legendRow = (tone: HeatTone, y: number, caption: string) => {
    let s = el('text', { x: 0, y: y + 15, 'font-size': 13, fill: '#1d232a' }, esc(caption));
    const start = Math.max(labelW, 8 + [...caption].length * 7);
    heatBins(tone).forEach((b, k) => {
      const bx = start + k * 62;
      s += el('rect', { x: bx, y, width: 60, height: 22, fill: b.fill, stroke: '#d5dbe1' });
      s += el('text', { x: bx + 30, y: y + 15, 'text-anchor': 'middle', 'font-size': 12, fill: b.ink }, esc(o.legend.bins[k] ?? ''));
    });
    return s;
  };
  out += legendRow('good', ly, o.legend.good);
  if (hasBad) out += legendRow('bad', ly + 28, o.legend.bad ?? '');
  return out + '</svg>';
}

const BAR_TONES = {
  good: '#2f7a47',
  warn: '#b7791f',
  info: '#2b5fa8',
  bad: '#b02a2a',
  none: '#c5ccd3',
} as const;
export type BarTone = keyof typeof BAR_TONES;

/**
 * A thin horizontal bar made of segments (e.g. verified / submitted / not scored), decorative:
 * the numbers are always written beside it, so it is hidden from assistive technology.
 * Segments fill their share of `total` (default: their sum); the rest stays an empty track.
 */
export function stackedBar(segments: { value: number; tone: BarTone }[], opts: { width?: number; height?: number; total?: number } = {}): string {
  const W = opts.width ?? 200;
  const H = opts.height ?? 12;
  const total = opts.total ?? segments.reduce((s, g) => s + Math.max(0, g.value), 0);
  let out = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" class="bar" aria-hidden="true" focusable="false" preserveAspectRatio="none">`;
  out += el('rect', { x: 0, y: 0, width: W, height: H, rx: 3, fill: '#eef1ee' });
  let x = 0;
  for (const g of segments) {
    if (!(total > 0) || !(g.value > 0)) continue;
    const w = Math.min(W - x, (g.value / total) * W);
    if (w <= 0) continue;
    out += el('rect', { x: r1(x), y: 0, width: r1(w), height: H, fill: BAR_TONES[g.tone] });
    x += w;
  }
  out += el('rect', { x: 0.5, y: 0.5, width: W - 1, height: H - 1, rx: 3, fill: 'none', stroke: '#8a96a3' });
  return out + '</svg>';
}

/** A progress bar for a share in 0–1 (clamped). */
export function progressBar(share: number, tone: BarTone = 'good', opts: { width?: number; height?: number } = {}): string {
  const s = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  return stackedBar([{ value: s, tone }], { ...opts, total: 1 });
}

/** The colours bars use, for a legend beside them. */
export function barColor(tone: BarTone): string {
  return BAR_TONES[tone];
}
