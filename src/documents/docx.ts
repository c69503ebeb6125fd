// The Word rendering of an official document, in the layout of Decree 30/2020/NĐ-CP (Phụ lục I): A4 portrait, margins
// top and bottom 20 mm, left 30 mm, right 15 mm, Times New Roman; issuing body and number top left, quốc hiệu and
// tiêu ngữ top right with their rules, title and subject centred, basis lines in italics, body justified at 14 pt,
// "Nơi nhận" bottom left and the signer bottom right. Built with the `docx` package; returns the file's bytes.
import {
  AlignmentType, BorderStyle, Document, LineRuleType, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType,
  type IBorderOptions,
} from 'docx';
import { cellText, type Block, type Cell, type OfficialDoc, type Signer } from './model.ts';

const twip = (mm: number) => Math.round((mm * 1440) / 25.4);
export const PAGE = { width: 11906, height: 16838, margin: { top: twip(20), bottom: twip(20), left: twip(30), right: twip(15) } } as const;
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
const FONT = 'Times New Roman';
const pt = (n: number) => n * 2;

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

type RunOpts = { bold?: boolean; italics?: boolean; size?: number; underline?: boolean };
const run = (text: string, o: RunOpts = {}) =>
  new TextRun({ text, font: FONT, size: pt(o.size ?? 14), bold: o.bold, italics: o.italics, ...(o.underline ? { underline: {} } : {}) });

const centre = (text: string, o: RunOpts & { after?: number; before?: number } = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: o.before ?? 0, after: o.after ?? 0 }, children: [run(text, o)] });

/** a short horizontal rule centred in a box `width` twips wide: an empty paragraph's bottom border between indents */
const rule = (box: number, length: number) => {
  const side = Math.max(0, Math.round((box - length) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 60, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { ...LINE, space: 1 } },
    children: [],
  });
};

const cell = (width: number, children: Paragraph[], borders = NO_BORDERS) =>
  new TableCell({ width: { size: width, type: WidthType.DXA }, borders, children: children.length ? children : [new Paragraph({})] });

const frame = (widths: number[], rows: TableRow[], borders: object = NO_BORDERS) =>
  new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders, rows });

/** The two-column head: issuing body / quốc hiệu on the first row, number / place and date on the second. */
function head(doc: OfficialDoc): Table {
  const left = twip(72);
  const right = TEXT_WIDTH - left;
  const org = [
    ...(doc.parentBody ? [centre(doc.parentBody.toLocaleUpperCase('vi'), { size: 13 })] : []),
    centre(doc.issuingBody.toLocaleUpperCase('vi'), { size: 13, bold: true }),
    rule(left, twip(22)),
  ];
  const nation = [centre(doc.nation.toLocaleUpperCase('vi'), { size: 12, bold: true }), centre(doc.motto, { size: 13, bold: true }), rule(right, twip(58))];
  return frame([left, right], [
    new TableRow({ children: [cell(left, org), cell(right, nation)] }),
    new TableRow({
      children: [
        cell(left, [centre(doc.numberLine, { size: 13, before: 60 })]),
        cell(right, [centre(doc.dateLine, { size: 14, italics: true, before: 60 })]),
      ],
    }),
  ]);
}

const body = (text: string, o: { bold?: boolean; italics?: boolean; center?: boolean; lead?: string } = {}) =>
  new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: o.center ? undefined : { firstLine: twip(10) },
    spacing: { before: 60, after: 60, line: 300 },
    children: [...(o.lead ? [run(`${o.lead} `, { bold: true })] : []), run(text, { bold: o.bold, italics: o.italics })],
  });

function grid(b: Extract<Block, { kind: 'table' }>): Table {
  const total = b.widths.reduce((s, w) => s + w, 0);
  const widths = b.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const size = b.small ? 11 : 12;
  const para = (c: Cell, head = false) =>
    new Paragraph({
      alignment: head || (typeof c !== 'string' && c.center) ? AlignmentType.CENTER : AlignmentType.LEFT,
      children: [run(cellText(c), { size, bold: head || (typeof c !== 'string' && c.bold) })],
    });
  const row = (cells: Cell[], isHead: boolean) =>
    new TableRow({
      tableHeader: isHead,
      cantSplit: true,
      children: cells.map((c, i) => new TableCell({
        width: { size: widths[i], type: WidthType.DXA },
        borders: GRID,
        margins: { left: 57, right: 57, top: 20, bottom: 20 },
        children: cellText(c).split('\n').map((line) => para(typeof c === 'string' ? line : { ...c, text: line }, isHead)),
      })),
    });
  return frame(widths, [row(b.head, true), ...b.rows.map((r) => row(r, false))], GRID);
}

function block(b: Block): (Paragraph | Table)[] {
  if (b.kind === 'table') return [grid(b), new Paragraph({ spacing: { after: 60 }, children: [] })];
  if (b.kind === 'heading') return [body(b.text, { bold: true })];
  return [body(b.text, { bold: b.bold, italics: b.italic, center: b.center, lead: b.lead })];
}

const signer = (s: Signer) => [
  ...s.lines.map((l) => centre(l.toLocaleUpperCase('vi'), { bold: true })),
  ...Array.from({ length: 4 }, () => new Paragraph({ children: [] })),
  centre(s.name, { bold: true }),
];

/** Bottom: "Nơi nhận" left and the signer right, or two signers side by side. */
function foot(doc: OfficialDoc): Table {
  const left = Math.round(TEXT_WIDTH * 0.48);
  const right = TEXT_WIDTH - left;
  const recipients = doc.recipients.length
    ? [
        new Paragraph({ children: [run(doc.recipientsLabel, { size: 12, bold: true, italics: true })] }),
        ...doc.recipients.map((r) => new Paragraph({ children: [run(r, { size: 11 })] })),
      ]
    : [];
  const [a, b] = doc.signers;
  const leftCell = doc.signers.length > 1 ? signer(a) : recipients;
  const rightCell = doc.signers.length > 1 ? signer(b) : a ? signer(a) : [];
  const rows = [new TableRow({ cantSplit: true, children: [cell(left, leftCell), cell(right, rightCell)] })];
  if (doc.signers.length > 1 && recipients.length) rows.push(new TableRow({ children: [cell(left, recipients), cell(right, [])] }));
  return frame([left, right], rows);
}

/** The .docx bytes of one document. */
export async function renderDocx(doc: OfficialDoc): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (doc.draftMark) children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(doc.draftMark, { bold: true, size: 13 })] }));
  children.push(head(doc));
  children.push(centre(doc.title.toLocaleUpperCase('vi'), { bold: true, size: 14, before: 360 }));
  for (const s of doc.subject) children.push(centre(s, { bold: true, size: 14 }));
  children.push(rule(TEXT_WIDTH, twip(40)));
  if (doc.addressee) children.push(centre(doc.addressee, { size: 14, before: 120, after: 120 }));
  if (doc.authority) children.push(centre(doc.authority.toLocaleUpperCase('vi'), { bold: true, size: 14, before: 120, after: 60 }));
  for (const line of doc.basis) children.push(body(line, { italics: true }));
  for (const b of doc.blocks) children.push(...block(b));
  children.push(new Paragraph({ spacing: { after: 120 }, children: [] }), foot(doc));

  const document = new Document({
    creator: 'thidua',
    title: [doc.title, ...doc.subject].join(' '),
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [{ properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } }, children }],
  });
  return Packer.toBuffer(document);
}
