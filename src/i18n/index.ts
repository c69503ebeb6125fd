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
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => {
      const v = params[name];
      return v === undefined || v === null ? m : String(v);
    });
  };
}

const numberFormats = new Map(LOCALES.map((l) => [l, new Intl.NumberFormat(l === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 })]));
const dateFormats = new Map(LOCALES.map((l) => [l, new Intl.DateTimeFormat(l === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' })]));
const dateTimeFormats = new Map(LOCALES.map((l) => [l, new Intl.DateTimeFormat(l === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' })]));

export function formatters(locale: Locale) {
  return {
    num: (v: number | string | { toString(): string } | null | undefined) =>
      v === null || v === undefined || v === '' ? '' : numberFormats.get(locale)!.format(Number(v.toString())),
    /** a number with up to `digits` decimals (where two figures must not look equal when they are not) */
    numFine: (v: number, digits: number) => new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(v),
    date: (d: Date | null | undefined) => (d ? dateFormats.get(locale)!.format(d) : ''),
    dateTime: (d: Date | null | undefined) => (d ? dateTimeFormats.get(locale)!.format(d) : ''),
  };
}
