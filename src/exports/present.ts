// Words and the chart for the campaign report, in the reader's language.
import type { Translate, Fmt } from '../i18n/index.ts';
import type { BarTone } from '../lib/charts.ts';
import type { ClassCode } from '../ranking/types.ts';
import { classBarChart } from './chart.ts';
import { basisText, rankingRows } from '../ranking/present.ts';
import type { CampaignReport } from './report.ts';

const TONE: Record<ClassCode, BarTone> = { XUAT_SAC: 'good', TOT: 'info', KHA: 'warn', TRUNG_BINH: 'none', YEU: 'bad' };

export function presentReport(t: Translate, fmt: Fmt, d: CampaignReport) {
  const pct = (share: number) => `${fmt.num(Math.round(share * 1000) / 10)}%`;
  const distribution = d.distribution.map((x) => ({ ...x, label: t(`ranking.classes.${x.class}`), percent: pct(x.share) }));
  const ranked = d.standings.standings.length > 0 && (d.standings.periods.length > 0 || !!d.standings.frozen);
  const chart = ranked
    ? classBarChart({
        id: 'rp-classes',
        title: t('exports.report.classChartTitle'),
        desc: distribution.map((x) => t('exports.report.classLine', { class: x.label, n: x.count, percent: x.percent })).join('; '),
        bars: distribution.map((x) => ({ label: x.label, count: x.count, share: x.share, tone: TONE[x.class] })),
        valueText: (b) => `${b.count} (${pct(b.share)})`,
        axisLabel: (n) => fmt.num(n),
      })
    : '';
  // the same counted periods, totals and missing periods as the ranking page
  return { ...d, ranked, distribution, chart, basis: basisText(t, fmt, d.standings), rows: rankingRows(t, fmt, d.standings, d.shown.top), bottomRows: rankingRows(t, fmt, d.standings, d.shown.bottom) };
}
