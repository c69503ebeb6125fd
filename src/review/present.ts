// Words of the review: a rule's verdict as "CSTDCS_CSTT v1: không đạt Chiến sĩ tiên tiến năm 2021", numbers in the
// reader's locale, title codes as the catalogue's names in the reader's language, levels as words.
import type { Translate, Fmt } from '../i18n/index.ts';
import type { Check, Params, QuotaLine } from '../lib/eligibility.ts';
import { quotaText } from '../awards/present.ts';

export type Names = Map<string, { name: string; nameEn: string | null }>;

/** The title's name in the reader's language (the code when the catalogue has no such entry). */
export function titleName(names: Names, locale: string, code: string): string {
  const n = names.get(code);
  if (!n) return code;
  return locale === 'en' && n.nameEn ? n.nameEn : n.name;
}

const YEARS = new Set(['year', 'from', 'to']);

/** A message's parameters in words: titles named, levels translated, numbers formatted (years left as they are). */
export function words(t: Translate, fmt: Fmt, names: Names, locale: string, params: Params): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(params)) {
    if (k === 'title' || k === 'other') out[k] = titleName(names, locale, String(v));
    else if (k === 'task' || k === 'minTask') out[k] = t(`assessments.task.${v}`);
    else if (k === 'disc' || k === 'excluded') out[k] = t(`assessments.discipline.${v}`);
    else if (k === 'level') out[k] = t(`initiatives.level.${v}`);
    else if (typeof v === 'number' && !YEARS.has(k)) out[k] = fmt.num(v);
    else out[k] = v;
  }
  return out;
}

/** "CSTDCS_CSTT v1: …" */
export function checkText(t: Translate, fmt: Fmt, names: Names, locale: string, c: Check): string {
  return `${c.rule} v${c.version}: ${t(c.key, words(t, fmt, names, locale, c.params))}`;
}

/** "15% của 40 người đạt Chiến sĩ tiên tiến trong năm = 6: tối đa 6", or "no quota". */
export function reviewQuotaText(t: Translate, fmt: Fmt, names: Names, locale: string, q: QuotaLine, scope: 'COLLECTIVE' | 'INDIVIDUAL'): string {
  if (q.base === 'NONE' || q.places === null) return t('awards.quota.none');
  return quotaText(t, fmt, { percent: q.percent, base: q.baseCount, limit: q.places, collective: scope === 'COLLECTIVE', kind: q.base, baseTitle: q.baseCode ? titleName(names, locale, q.baseCode) : '' });
}
