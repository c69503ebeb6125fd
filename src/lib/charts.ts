// Server-side SVG charts: pure functions from numbers and (already translated) labels to SVG markup, one kind of
// chart a file under charts/. Every piece of text and every attribute value goes through `esc`, so the result may be
// printed unescaped (`<%- %>`). No scripts, no inline styles (the CSP forbids them): colours are attributes.
export { esc, r1 } from './charts/svg.ts';
export { linearScale, niceDomain, linePath } from './charts/scale.ts';
export { clip, wrapLabel } from './charts/labels.ts';
export { lineChart, type LineTone, type LineSeries, type LineChartOptions } from './charts/line.ts';
export { heatColor, heatBins, heatmap, type HeatTone, type HeatCell, type HeatmapOptions } from './charts/heatmap.ts';
export { stackedBar, progressBar, barColor, type BarTone } from './charts/bars.ts';
