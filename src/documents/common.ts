// The parts every document of a dossier shares: the issuing body (the proposal's command under the command above
// it), the number line, the place and date line, the quốc hiệu and tiêu ngữ, and the dossier's signer.
import type { Locale, Translate } from '../i18n/index.ts';
import type { Dossier } from './dossier.ts';
import type { OfficialDoc, Signer } from './model.ts';

type Issuer = { name: string; shortName: string | null; parent: { name: string; shortName: string | null } | null } | null;

/** the place in the date line: the province or city in the command's name ("… tỉnh Quảng Ninh" → "Quảng Ninh") */
export function placeOf(name: string | undefined): string | null {
  return name?.match(/(?:tỉnh|thành phố)\s+(.+)$/iu)?.[1]?.trim() ?? null;
}

/** "Quảng Ninh, ngày 28 tháng 12 năm 2020", or with blanks for the clerk to fill when the date is not known yet. */
export function dateLine(t: Translate, place: string | null, date: Date | null, year: number): string {
  const p = place ?? t('documents.blankPlace');
  if (!date) return t('documents.dateLine', { place: p, day: '…', month: '…', year });
  return t('documents.dateLine', { place: p, day: String(date.getUTCDate()).padStart(2, '0'), month: String(date.getUTCMonth() + 1).padStart(2, '0'), year: date.getUTCFullYear() });
}

/** The head of a document issued by `issuer` (defaults to the dossier's command). */
export function frame(
  t: Translate,
  d: Dossier,
  o: { code: string; number?: string | null; date: Date | null; issuer?: Issuer; symbol?: string },
): Pick<OfficialDoc, 'parentBody' | 'issuingBody' | 'numberLine' | 'nation' | 'motto' | 'dateLine' | 'recipientsLabel' | 'draftMark'> {
  const issuer = o.issuer ?? d.command;
  const parent = issuer?.parent ?? null;
  return {
    draftMark: null,
    parentBody: parent ? (parent.shortName ?? parent.name) : null,
    issuingBody: issuer?.name ?? '',
    numberLine: o.number ? t('documents.number', { number: o.number }) : t('documents.blankNumber', { code: o.code, symbol: o.symbol ?? d.symbol }),
    nation: t('documents.nation'),
    motto: t('documents.motto'),
    dateLine: dateLine(t, placeOf(issuer?.name), o.date, o.date?.getUTCFullYear() ?? d.year),
    recipientsLabel: t('documents.recipientsLabel'),
  };
}

/** The commander who signs for the command: the last decision's signer, else a blank line to sign over. */
export function commanderSigner(t: Translate, d: Dossier): Signer {
  return { lines: [t('documents.signer.commander')], name: d.lastSigner ?? t('documents.signer.blankName') };
}

/** The proposal's titles, each with how many lines propose it ("Cờ thi đua của Quân khu: 1 tập thể"). */
export function titleCounts(t: Translate, lines: Dossier['lines']): string[] {
  const by = new Map<string, { units: number; people: number }>();
  for (const l of lines) {
    const name = l.title?.name ?? l.catalog?.name ?? '';
    const c = by.get(name) ?? { units: 0, people: 0 };
    if (l.personId) c.people++;
    else c.units++;
    by.set(name, c);
  }
  return [...by].map(([title, c]) => t('documents.titleCount', { title, units: c.units, people: c.people }));
}

/** What the dossier rewards, as a phrase: "thành tích trong <campaign>", or the exemplar's deed on an ad-hoc proposal. */
export function subjectOf(t: Translate, d: Dossier): string {
  if (d.proposal.campaign) return t('documents.inCampaign', { name: d.proposal.campaign.name });
  return d.exemplar ? t('documents.adhocSubject', { deed: d.exemplar.title }) : t('documents.adhocPlain');
}

/** The campaign's name, or the exemplar's deed (the intro of a tờ trình). */
export const occasionOf = (t: Translate, d: Dossier): string => d.proposal.campaign?.name ?? d.exemplar?.title ?? t('documents.adhocPlain');

export type Ctx = { t: Translate; locale: Locale };

/** 28/12/2020 */
export const dmy = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

/** a number in the document's language (77,8 in Vietnamese) */
export const num = (ctx: Ctx, n: number, digits = 1) => new Intl.NumberFormat(ctx.locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(n);
