// The basis lines (căn cứ) of a proposal's documents, read from data: a decision's own stored basis when it has one;
// otherwise the texts of DocumentBasis in force on the document's date (or, when none was in force then — the demo's
// 2019–2020 history predates the 2022 law — the texts in force today), plus any text a line's catalogue entry cites
// that the list does not already name.
import type { Db } from '../db/index.ts';
import type { Locale, Translate } from '../i18n/index.ts';

const DOC_NUMBER = /\d+\/\d{4}\/[\p{Lu}\d-]+/u;

const inForce = (r: { validFrom: Date; validTo: Date | null }, at: Date) => r.validFrom <= at && (!r.validTo || r.validTo >= at);

/** The texts to cite on `at` (each without "Căn cứ"), in order. */
export async function basisTexts(prisma: Db, locale: Locale, at: Date, catalogBasis: string[], stored: string | null = null): Promise<string[]> {
  if (stored?.trim()) return stored.split(/\r?\n/).map((l) => l.trim().replace(/^căn cứ\s+/i, '').replace(/[;.]$/, '')).filter(Boolean);
  const rows = await prisma.documentBasis.findMany({ where: { active: true }, orderBy: [{ order: 'asc' }, { id: 'asc' }] });
  const then = rows.filter((r) => inForce(r, at));
  const use = then.length ? then : rows.filter((r) => inForce(r, new Date()));
  const texts = use.map((r) => (locale === 'en' && r.textEn ? r.textEn : r.text));
  for (const piece of catalogBasis.flatMap((b) => b.split(';')).map((p) => p.trim())) {
    const n = piece.match(DOC_NUMBER)?.[0];
    if (n && !texts.some((x) => x.includes(n))) texts.push(piece);
  }
  return texts;
}

/** "Căn cứ …;" lines for the texts. */
export const basisLines = (t: Translate, texts: string[]) => texts.map((text) => t('documents.basis.line', { text }));
