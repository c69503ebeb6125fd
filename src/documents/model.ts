// One official document in the state layout of Decree 30/2020/NĐ-CP, as plain strings: each document file fills it
// from the dossier, and two renderers print it (docx.ts for Word, views/documents/print.ejs for the browser). The
// model holds the words already translated, so the renderers hold no wording of their own.

export const DOC_KINDS = ['submission', 'candidates', 'achievements', 'minutes', 'ballots', 'decision'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export function isDocKind(v: unknown): v is DocKind {
  return typeof v === 'string' && (DOC_KINDS as readonly string[]).includes(v);
}

export type Cell = string | { text: string; bold?: boolean; center?: boolean };
export type Block =
  /** a body paragraph: justified with a first-line indent unless `center`; `lead` is printed bold before the text ("Điều 1.") */
  | { kind: 'p'; text: string; bold?: boolean; italic?: boolean; center?: boolean; lead?: string }
  /** a bold section heading (I., 1., Điều 1. …) */
  | { kind: 'heading'; text: string }
  /** a bordered table; widths in percent of the text width */
  | { kind: 'table'; head: string[]; rows: Cell[][]; widths: number[]; small?: boolean };

/** a signature block: the heading lines (e.g. "TM. HỘI ĐỒNG", "CHỦ TỊCH"), room to sign, then the name */
export type Signer = { lines: string[]; name: string };

export type OfficialDoc = {
  kind: DocKind;
  /** download name without extension, ASCII */
  fileName: string;
  /** "DỰ THẢO" on a decision not yet issued */
  draftMark: string | null;
  /** top left: cơ quan chủ quản (may be empty) over cơ quan ban hành, then "Số: …" */
  parentBody: string | null;
  issuingBody: string;
  numberLine: string;
  /** top right: quốc hiệu, tiêu ngữ, "Quảng Ninh, ngày … tháng … năm …" */
  nation: string;
  motto: string;
  dateLine: string;
  /** the name of the document (QUYẾT ĐỊNH, TỜ TRÌNH, …) and its subject lines (trích yếu) */
  title: string;
  subject: string[];
  /** "Kính gửi: …" on a tờ trình */
  addressee: string | null;
  /** the deciding authority line above the basis (on a decision) */
  authority: string | null;
  /** căn cứ lines, in italics */
  basis: string[];
  blocks: Block[];
  /** "Nơi nhận:" and its lines, bottom left (none on minutes, which are signed by two people) */
  recipientsLabel: string;
  recipients: string[];
  /** one signer (bottom right) or two (bottom left and right) */
  signers: Signer[];
};

/** A shorthand for the documents' tables: a cell bold and centred (a number, a total, a result). */
export const strong = (text: string | number): Cell => ({ text: String(text), bold: true, center: true });
export const centred = (text: string | number): Cell => ({ text: String(text), center: true });
export const cellText = (c: Cell): string => (typeof c === 'string' ? c : c.text);
