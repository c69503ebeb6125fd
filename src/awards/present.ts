// Words for the awards pages: rule refusals, quotas with their rounding, default reasons.
import type { Translate, Fmt } from '../i18n/index.ts';
import type { Problem, QuotaLine } from '../lib/quotas.ts';
import { isClassCode } from '../lib/quotas.ts';
import type { ReasonFor } from './proposals.ts';

/** A refusal in words: class codes as class names, percentages in the locale's number format. */
export function problemText(t: Translate, fmt: Fmt, p: Problem): string {
  const params: Record<string, string | number> = { ...p.params };
  for (const k of ['class', 'min']) {
    const v = params[k];
    if (isClassCode(v)) params[k] = t('ranking.classes.' + v);
  }
  if (typeof params.percent === 'number') params.percent = fmt.num(params.percent);
  return t(p.key, params);
}

/**
 * "20% của 15 đơn vị = 3": the quota's arithmetic, saying when it was rounded down, and saying plainly when it
 * leaves no place at all ("20% × 3 units = 0.6 → 0 places").
 */
export function quotaText(t: Translate, fmt: Fmt, q: { percent: number | null; base: number; limit: number | null; collective: boolean }): string {
  if (q.percent === null || q.limit === null) return t('awards.quota.none');
  const exact = (q.base * Math.round(q.percent * 100)) / 10000;
  const params = { percent: fmt.num(q.percent), base: q.base, exact: fmt.num(exact), max: q.limit };
  const unit = q.collective ? 'Units' : 'People';
  if (q.limit === 0 && q.percent > 0) return t(`awards.quota.zero${unit}`, params);
  return t(exact === q.limit ? `awards.quota.exact${unit}` : `awards.quota.rounded${unit}`, params);
}

/** The quota lines of a proposal in words, with "over" marked. */
export function quotaSummary(t: Translate, fmt: Fmt, lines: QuotaLine[]) {
  return lines.map((l) => ({
    code: l.title.code,
    name: l.title.name,
    proposed: l.proposed,
    usedElsewhere: l.usedElsewhere,
    limit: l.limit,
    over: l.over,
    text: quotaText(t, fmt, { percent: l.title.quotaPercent, base: l.base, limit: l.limit, collective: l.title.scope === 'COLLECTIVE' }),
  }));
}

/** Default reason written on a new line, in the officer's language; they edit it before submitting. */
export function reasonWriter(t: Translate, fmt: Fmt): ReasonFor {
  return (info) =>
    info.kind === 'unit'
      ? t('awards.defaultReason.unit', { rank: info.rank, of: info.of, class: t('ranking.classes.' + info.class), total: fmt.num(info.total) })
      : info.commitment
        ? t('awards.defaultReason.personCommitment', { title: info.title, commitment: info.commitment })
        : t('awards.defaultReason.person', { title: info.title, unit: info.unitName });
}

/** Where an awardee already holds the title, in words. */
export function heldText(t: Translate, held: { kind: 'proposal' | 'award'; ref: string } | null): string {
  if (!held) return '';
  return held.kind === 'award' ? t('awards.held.award', { ref: held.ref }) : t('awards.held.proposal', { ref: held.ref });
}
