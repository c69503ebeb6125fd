// The heatmap: units × criteria groups as coloured cells with their number written in.
import { clip } from './labels.ts';
import { el, esc, r1, svgOpen } from './svg.ts';

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
