// Words for the awards pages: rule refusals, quotas with their rounding, default reasons.
import type { Translate, Fmt } from '../i18n/index.ts';
import type { Problem, QuotaBaseKind, QuotaLine, QuotaTitle } from '../lib/quotas.ts';
import { baseKindOf, isClassCode } from '../lib/quotas.ts';
import type { ReasonFor } from './proposals.ts';

/** A refusal in words: class codes as class names, percentages in the locale's number format. */
export function problemText(t: Translate, fmt: Fmt, p: Problem): string {
  const params: Record<string, string | number> = { ...p.params };
  for (const k of ['class', 'min']) {
    const v = params[k];
    if (isClassCode(v)) params[k] = t('ranking.classes.' + v);
  }
  if (typeof params.percent === 'number') params.percent = fmt.num(params.percent);
  if (typeof params.base === 'number') params.base = fmt.num(params.base);
  return t(p.key, params);
}

/** What a quota line counts, by base kind: units, registered people, headcount, holders of another title. */
const BASE_WORD: Record<QuotaBaseKind, string> = { NONE: 'Units', UNITS: 'Units', REGISTERED: 'People', HEADCOUNT: 'Headcount', HOLDERS: 'Holders' };

/** "20% của 15 đơn vị = 3": the quota's arithmetic, saying when it was rounded down, and 0 places said plainly. */
export function quotaText(t: Translate, fmt: Fmt, q: { percent: number | null; base: number; limit: number | null; collective: boolean; kind?: QuotaBaseKind; baseTitle?: string }): string {
  if (q.percent === null || q.limit === null) return t('awards.quota.none');
  const exact = (q.base * Math.round(q.percent * 100)) / 10000;
  const params = { percent: fmt.num(q.percent), base: fmt.num(q.base), exact: fmt.num(exact), max: q.limit, baseTitle: q.baseTitle ?? '' };
  const kind = q.kind ?? (q.collective ? 'UNITS' : 'REGISTERED');
  const unit = kind === 'REGISTERED' && q.collective ? 'RegUnits' : BASE_WORD[kind];
  // a share of the units or of the people registered that leaves no place: "20% × 3 units = 0.6 → 0 places"
  if (q.limit === 0 && q.percent > 0 && (unit === 'Units' || unit === 'People')) return t(`awards.quota.zero${unit}`, params);
  const text = t(exact === q.limit ? `awards.quota.exact${unit}` : `awards.quota.rounded${unit}`, params);
  return q.limit === 0 ? `${text} ${t('awards.quota.noPlaces')}` : text;
}

/** The quota arithmetic of a title as the awards rules read it. */
export function titleQuotaText(t: Translate, fmt: Fmt, title: QuotaTitle, base: number, limit: number | null): string {
  if (baseKindOf(title) === 'NONE') return t('awards.quota.none');
  return quotaText(t, fmt, { percent: title.quotaPercent, base, limit, collective: title.scope === 'COLLECTIVE', kind: baseKindOf(title), baseTitle: title.quotaBaseCode ?? '' });
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
    text: titleQuotaText(t, fmt, l.title, l.base, l.limit),
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

/** The decision's default basis lines (căn cứ): each text its lines' catalogue entries cite, then the council's proposal. */
export function basisLines(t: Translate, items: { catalog: { legalBasis: string } | null; title: { catalog: { legalBasis: string } | null } | null }[]): string {
  const texts = new Set<string>();
  for (const i of items) {
    const basis = i.catalog?.legalBasis ?? i.title?.catalog?.legalBasis;
    for (const part of (basis ?? '').split(';')) if (part.trim()) texts.add(part.trim());
  }
  return [...[...texts].map((x) => t('chain.basis.line', { text: x })), t('chain.basis.council')].join('\n');
}
