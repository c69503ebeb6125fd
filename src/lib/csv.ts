// A small, strict CSV reader for imports (RFC 4180 plus what spreadsheet programs really write):
// UTF-8 with or without BOM, comma or semicolon separators, quoted fields with "" escapes,
// CRLF/LF/CR line ends, blank lines skipped. Pure: text in, records out.

export type CsvDelimiter = ',' | ';';

/** One record and the line of the file it starts on (1-based, counting every physical line). */
export type CsvRecord = { line: number; fields: string[] };

export type CsvResult =
  | { ok: true; delimiter: CsvDelimiter; records: CsvRecord[] }
  | { ok: false; line: number; error: 'unclosedQuote' | 'textAfterQuote' };

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Guess the separator from the first line that has one: whichever of ',' and ';' appears more often
 * outside quotes. Excel in Vietnamese and most European locales writes ';'.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of stripBom(text)) {
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === ',') commas++;
    else if (c === ';') semicolons++;
    else if ((c === '\n' || c === '\r') && commas + semicolons > 0) break;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Parse CSV text into records. Records whose fields are all empty (blank lines, or ";;;" rows that
 * spreadsheets leave behind) are skipped. Fields are returned as written (no trimming).
 */
export function parseCsv(input: string, delimiter: CsvDelimiter = detectDelimiter(input)): CsvResult {
  const text = stripBom(input);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let state: 'start' | 'plain' | 'quoted' | 'afterQuote' = 'start';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    if (fields.some((v) => v !== '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (state === 'quoted') {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else state = 'afterQuote';
      } else if (c === '\r' || c === '\n') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        field += '\n';
        line++;
      } else field += c;
      continue;
    }
    if (c === delimiter) {
      endField();
      state = 'start';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
      state = 'start';
    } else if (state === 'afterQuote') {
      // spaces after a closing quote are harmless; anything else means a malformed field
      if (c !== ' ' && c !== '\t') return { ok: false, line, error: 'textAfterQuote' };
    } else if (state === 'start' && c === '"') {
      state = 'quoted';
      quoteLine = line;
    } else {
      field += c;
      state = 'plain';
    }
  }
  if (state === 'quoted') return { ok: false, line: quoteLine, error: 'unclosedQuote' };
  if (state !== 'start' || fields.length > 0) endRecord();
  return { ok: true, delimiter, records };
}

/** Quote a value for CSV output when it needs it. */
export function csvField(value: string, delimiter: CsvDelimiter = ','): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A text cell a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading apostrophe (CSV injection). */
export function defuseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** The byte order mark that makes Excel read a CSV file as UTF-8 (Vietnamese text stays readable). */
export const CSV_BOM = '\uFEFF';

/** One CSV record for output (RFC 4180): fields quoted when needed, ended by CRLF. */
export function csvRecord(fields: string[], delimiter: CsvDelimiter = ','): string {
  return fields.map((f) => csvField(f, delimiter)).join(delimiter) + '\r\n';
}
