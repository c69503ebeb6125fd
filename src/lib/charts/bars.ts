// Bars: a stacked bar of shares and a progress bar.
import { el, r1 } from './svg.ts';

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
