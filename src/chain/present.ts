// Words for the chain's blockers: a level parameter is named in the reader's language.
import type { Translate } from '../i18n/index.ts';
import type { Blocker } from '../awards/gates.ts';

const LEVEL_PARAMS = new Set(['level', 'commandLevel']);

/** One blocker as a sentence; issuing levels are named (catalogue.levels.*). */
export function blockerText(t: Translate, b: Blocker): string {
  const params = Object.fromEntries(Object.entries(b.params).map(([k, v]) => [k, LEVEL_PARAMS.has(k) ? t(`catalogue.levels.${v}`) : v]));
  return t(b.key, params);
}
