// A rule as one sentence with its numbers ("Đạt Chiến sĩ thi đua cơ sở 3 năm liên tục"), for the catalogue and rules pages.
import type { EligibilityRule } from '../generated/prisma/client.ts';

type T = (key: string, params?: Record<string, string | number>) => string;

/** The rule's sentence; `names` gives each catalogue code's name in the reader's language. */
export function ruleText(t: T, rule: Pick<EligibilityRule, 'kind' | 'params'>, names: Map<string, string>): string {
  const p = rule.params && typeof rule.params === 'object' && !Array.isArray(rule.params) ? (rule.params as Record<string, unknown>) : {};
  const title = typeof p.titleCode === 'string' ? (names.get(p.titleCode) ?? p.titleCode) : '';
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? v : '?');
  switch (rule.kind) {
    case 'INITIATIVE':
      return t('catalogue.ruleText.INITIATIVE', { minCount: str(p.minCount), level: t('catalogue.levels.' + String(p.minLevel)) });
    case 'TASK_LEVEL':
      return t('catalogue.ruleText.TASK_LEVEL', { level: t('catalogue.taskLevels.' + String(p.minLevel)) });
    case 'DISCIPLINE':
    case 'MEMBER_DISCIPLINE':
      return t('catalogue.ruleText.' + rule.kind, { level: t('catalogue.discipline.' + String(p.excludedFrom)) });
    case 'MEMBER_SHARE':
      return t(p.strict ? 'catalogue.ruleText.MEMBER_SHARE_STRICT' : 'catalogue.ruleText.MEMBER_SHARE', { title, percent: str(p.minPercent) });
    default:
      return t('catalogue.ruleText.' + rule.kind, { title, years: str(p.years), minCount: str(p.minCount), passed: str(p.minPassedPercent), good: str(p.minGoodPercent) });
  }
}

/** Catalogue code → name in the reader's language (English names where the catalogue has them). */
export function nameMap(entries: { code: string; name: string; nameEn: string | null }[], locale: string): Map<string, string> {
  return new Map(entries.map((e) => [e.code, locale === 'en' && e.nameEn ? e.nameEn : e.name]));
}

export type ParamField = { name: string; label: string; type: 'select' | 'number' | 'checkbox'; options?: { value: string; label: string }[] };

/** The rule form's fields for its kind: a select of catalogue codes, of levels, a number or a checkbox. */
export function paramFieldSpecs(
  t: T,
  kind: EligibilityRule['kind'],
  names: string[],
  codes: { code: string; name: string }[],
  lists: { ISSUING: readonly string[]; TASK: readonly string[]; DISCIPLINE: readonly string[] },
): ParamField[] {
  return names.map((name): ParamField => {
    const label = t(`catalogue.params.${name === 'minLevel' || name === 'excludedFrom' ? kind + '.' + name : name}`);
    if (name === 'titleCode') return { name, label, type: 'select', options: codes.map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` })) };
    if (name === 'strict') return { name, label, type: 'checkbox' };
    if (name === 'minLevel' || name === 'excludedFrom') {
      const [list, prefix] = kind === 'INITIATIVE' ? [lists.ISSUING, 'levels'] : kind === 'TASK_LEVEL' ? [lists.TASK, 'taskLevels'] : [lists.DISCIPLINE, 'discipline'];
      return { name, label, type: 'select', options: list.map((v) => ({ value: v, label: t(`catalogue.${prefix}.${v}`) })) };
    }
    return { name, label, type: 'number' };
  });
}
