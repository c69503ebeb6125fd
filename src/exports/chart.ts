// The report's class distribution as a horizontal bar chart (server-side SVG, printable, no script).
// Each bar carries its count and share as text, so the chart also reads in greyscale; the report prints
// the same numbers in a table beside it as the text alternative.
import { barColor, esc, niceDomain, r1, type BarTone } from '../lib/charts.ts';

export type ClassBar = { label: string; count: number; share: number; tone: BarTone };

/** Bars for the five classes; `valueText` writes "3 (20%)" in the reader's language. */
export function classBarChart(o: { id: string; title: string; desc: string; bars: ClassBar[]; valueText: (b: ClassBar) => string; axisLabel: (n: number) => string }): string {
  const W = 440;
  const barH = 26;
  const gap = 10;
  const labelW = 96;
  const top = 8;
  const axisH = 30;
  const plotW = W - labelW - 92;
  const H = top + o.bars.length * (barH + gap) + axisH;
  const dom = niceDomain(o.bars.map((b) => b.count), { includeZero: true, count: 5 });
  const max = Math.max(1, dom.max);
  const ticks = dom.ticks.filter((t) => Number.isInteger(t) && t >= 0 && t <= max);
  const x = (v: number) => labelW + (v / max) * plotW;
  let out =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" class="chart chart-classes" role="img" aria-labelledby="${esc(o.id)}-title ${esc(o.id)}-desc" id="${esc(o.id)}" font-family="inherit">` +
    `<title id="${esc(o.id)}-title">${esc(o.title)}</title><desc id="${esc(o.id)}-desc">${esc(o.desc)}</desc>`;
  const axisY = top + o.bars.length * (barH + gap);
  for (const t of ticks) {
    const xx = r1(x(t));
    out += `<line x1="${xx}" x2="${xx}" y1="${top}" y2="${axisY}" stroke="#d5dbe1"/>`;
    out += `<text x="${xx}" y="${axisY + 18}" text-anchor="middle" font-size="13" fill="#3d4852">${esc(o.axisLabel(t))}</text>`;
  }
  o.bars.forEach((b, i) => {
    const y = top + i * (barH + gap);
    const w = r1(Math.max(0, x(b.count) - labelW));
    out += `<text x="${labelW - 10}" y="${y + barH / 2 + 5}" text-anchor="end" font-size="14" fill="#1d232a">${esc(b.label)}</text>`;
    if (w > 0) out += `<rect x="${labelW}" y="${y}" width="${w}" height="${barH}" rx="3" fill="${esc(barColor(b.tone))}"/>`;
    out += `<text x="${r1(labelW + w + 8)}" y="${y + barH / 2 + 5}" font-size="14" font-weight="700" fill="#1d232a">${esc(o.valueText(b))}</text>`;
  });
  out += `<line x1="${labelW}" x2="${labelW}" y1="${top - 4}" y2="${axisY}" stroke="#55606b" stroke-width="1.5"/>`;
  return out + '</svg>';
}
