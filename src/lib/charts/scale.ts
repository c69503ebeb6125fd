// Scales, round axis ticks and line paths of the charts.
import { r1 } from './svg.ts';

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
