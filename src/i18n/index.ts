import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

type Tree = { [k: string]: string | Tree };
export type Params = Record<string, string | number | null | undefined>;
export type Translate = (key: string, params?: Params) => string;

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'locales');

/** Each file locales/<locale>/<namespace>.json holds the keys under "<namespace>."; core.json holds top-level namespaces. */
function loadLocale(locale: Locale): Map<string, string> {
  const flat = new Map<string, string>();
  const walk = (prefix: string, node: Tree) => {
    for (const [k, v] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'string') flat.set(key, v);
      else walk(key, v);
    }
  };
  const localeDir = path.join(dir, locale);
  for (const file of fs.readdirSync(localeDir).filter((f) => f.endsWith('.json')).sort()) {
    const ns = path.basename(file, '.json');
    walk(ns === 'core' ? '' : ns, JSON.parse(fs.readFileSync(path.join(localeDir, file), 'utf8')) as Tree);
  }
  return flat;
}

const catalogs = new Map<Locale, Map<string, string>>(LOCALES.map((l) => [l, loadLocale(l)]));

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

export function catalog(locale: Locale): ReadonlyMap<string, string> {
  return catalogs.get(locale)!;
}

/** A translator for one locale. A missing key falls back to Vietnamese, then shows the key itself. */
export function translator(locale: Locale): Translate {
  const main = catalogs.get(locale)!;
  const fallback = catalogs.get(DEFAULT_LOCALE)!;
  return (key, params) => {
    const text = main.get(key) ?? fallback.get(key) ?? key;
    return params ? interpolate(locale, text, params) : text;
  };
}

// {n, plural, one {# unit} other {# units}}: the branch is chosen by Intl.PluralRules for the locale
// (=0, =1… match exactly), and # is the number formatted for the locale. Branches hold no braces.
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

const pluralRules = new Map(LOCALES.map((l) => [l, new Intl.PluralRules(l)]));
// numbers inside messages: the locale's decimal mark, no grouping (years, ids and numbers stay unbroken)
const messageNumbers = new Map(LOCALES.map((l) => [l, new Intl.NumberFormat(intlLocale(l), { useGrouping: false, maximumFractionDigits: 3 })]));

function asCount(v: Params[string]): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return null;
}

/** Fill a message's plural blocks and {placeholders}; a number is written the locale's way. */
export function interpolate(locale: Locale, text: string, params: Params): string {
  const numbers = messageNumbers.get(locale)!;
  const plural = text.replace(PLURAL, (m, name: string, body: string) => {
    const v = params[name];
    if (v === undefined || v === null) return m;
    const forms = new Map([...body.matchAll(BRANCH)].map((b) => [b[1], b[2]]));
    const n = asCount(v);
    // a value given already formatted (not a plain number) takes the "other" form as it is
    if (n === null) return (forms.get('other') ?? '').replace(/#/g, String(v));
    const form = forms.get(`=${n}`) ?? forms.get(pluralRules.get(locale)!.select(n)) ?? forms.get('other') ?? '';
    return form.replace(/#/g, numbers.format(n));
  });
  return plural.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return m;
    return typeof v === 'number' && Number.isFinite(v) ? numbers.format(v) : String(v);
  });
}

function intlLocale(l: Locale): string {
  return l === 'vi' ? 'vi-VN' : 'en-GB';
}

const numberFormats = new Map(LOCALES.map((l) => [l, new Intl.NumberFormat(intlLocale(l), { maximumFractionDigits: 2 })]));
// a number put back into a form field: the locale's decimal mark and no grouping, so readDecimal reads it back
const inputFormats = new Map(LOCALES.map((l) => [l, new Intl.NumberFormat(intlLocale(l), { useGrouping: false, maximumFractionDigits: 6 })]));
const dateFormats = new Map(LOCALES.map((l) => [l, new Intl.DateTimeFormat(intlLocale(l), { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' })]));
const dateTimeFormats = new Map(LOCALES.map((l) => [l, new Intl.DateTimeFormat(intlLocale(l), { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' })]));

/**
 * Generated period names ("Tháng 3/2021", "Q2 2021", "Kỳ 2"…) are stored in the language of the admin who generated
 * them. Each name pattern below, in every language, is read back so the name shows in the reader's language; a
 * name the admin typed or changed matches none and shows as typed.
 */
const PERIOD_NAME_KEYS = ['month', 'quarter', 'part', 'partMonths'].map((k) => `campaigns.periodsPage.names.${k}`);
const periodPatterns = LOCALES.flatMap((l) =>
  PERIOD_NAME_KEYS.flatMap((key) => {
    const template = catalogs.get(l)!.get(key);
    if (!template) return [];
    const names: string[] = [];
    const source = template
      .split(/(\{\w+\})/)
      .map((part) => (/^\{\w+\}$/.test(part) ? (names.push(part.slice(1, -1)), '(\\d{1,4})') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return [{ key, names, re: new RegExp(`^${source}$`, 'u') }];
  }),
);

/** A period's name in `locale` when it is a generated one (in any language); otherwise the name as stored. */
export function periodName(locale: Locale, name: string): string {
  for (const p of periodPatterns) {
    const m = p.re.exec(name.trim());
    if (m) return translator(locale)(p.key, Object.fromEntries(p.names.map((n, i) => [n, m[i + 1]])));
  }
  return name;
}

/** numFine's formats by locale and digits: building an Intl.NumberFormat per call cost ~0.3 s per national ranking */
const fineFormats = new Map<string, Intl.NumberFormat>();
function fineFormat(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let f = fineFormats.get(key);
  if (!f) fineFormats.set(key, (f = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits })));
  return f;
}

export function formatters(locale: Locale) {
  return {
    /** a stored period name in this locale (see periodName) */
    period: (name: string) => periodName(locale, name),
    num: (v: number | string | { toString(): string } | null | undefined) =>
      v === null || v === undefined || v === '' ? '' : numberFormats.get(locale)!.format(Number(v.toString())),
    /** a stored number as the value of a text input: 37,5 in Vietnamese, never grouped, so it reads back the same */
    input: (v: number) => inputFormats.get(locale)!.format(v),
    /** a number with up to `digits` decimals (where two figures must not look equal when they are not) */
    numFine: (v: number, digits: number) => fineFormat(locale, digits).format(v),
    date: (d: Date | null | undefined) => (d ? dateFormats.get(locale)!.format(d) : ''),
    dateTime: (d: Date | null | undefined) => (d ? dateTimeFormats.get(locale)!.format(d) : ''),
  };
}

/** The formatters a locale gives to pages and presenters (res.locals.fmt). */
export type Fmt = ReturnType<typeof formatters>;
