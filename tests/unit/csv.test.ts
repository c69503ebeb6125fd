import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, csvRecord, defuseFormula, detectDelimiter, parseCsv, stripBom } from '../../src/lib/csv.ts';

function records(text: string) {
  const r = parseCsv(text);
  assert.ok(r.ok, `expected ${JSON.stringify(text)} to parse`);
  return r.records;
}

test('plain comma-separated records keep their line numbers', () => {
  assert.deepEqual(records('code,name\nHL,Hạ Long\nMC,Móng Cái\n'), [
    { line: 1, fields: ['code', 'name'] },
    { line: 2, fields: ['HL', 'Hạ Long'] },
    { line: 3, fields: ['MC', 'Móng Cái'] },
  ]);
});

test('a quoted field may hold the separator, a line break and escaped quotes', () => {
  const r = records('a,b\n"x, y","say ""hi""\nthere"\nlast,1');
  assert.deepEqual(r[1], { line: 2, fields: ['x, y', 'say "hi"\nthere'] });
  // the record after a two-line field starts on line 4 of the file
  assert.deepEqual(r[2], { line: 4, fields: ['last', '1'] });
});

test('CRLF and lone CR line ends are both line breaks', () => {
  assert.deepEqual(records('a,b\r\n1,2\r\n3,4'), [
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['1', '2'] },
    { line: 3, fields: ['3', '4'] },
  ]);
  assert.deepEqual(records('a\r1\r'), [
    { line: 1, fields: ['a'] },
    { line: 2, fields: ['1'] },
  ]);
  assert.deepEqual(records('"two\r\nlines"')[0].fields, ['two\nlines']);
});

test('a UTF-8 byte order mark is dropped', () => {
  assert.equal(stripBom('\uFEFFcode'), 'code');
  assert.equal(stripBom('code'), 'code');
  assert.deepEqual(records('\uFEFFcode,name\nA,B')[0].fields, ['code', 'name']);
});

test('semicolons are detected and used as the separator', () => {
  assert.equal(detectDelimiter('code;name;type\nA;B,C;D'), ';');
  assert.equal(detectDelimiter('code,name\nA;B'), ',');
  // separators inside quotes do not count
  assert.equal(detectDelimiter('"a;b;c",d'), ',');
  const r = parseCsv('\uFEFFcode;name\nHL;"Hạ Long; Quảng Ninh"\n');
  assert.ok(r.ok);
  assert.equal(r.delimiter, ';');
  assert.deepEqual(r.records[1].fields, ['HL', 'Hạ Long; Quảng Ninh']);
});

test('empty lines and all-empty rows are skipped, line numbers still count them', () => {
  assert.deepEqual(records('a,b\n\n1,2\n,\n,,\n\r\n3,4\n\n'), [
    { line: 1, fields: ['a', 'b'] },
    { line: 3, fields: ['1', '2'] },
    { line: 7, fields: ['3', '4'] },
  ]);
  assert.deepEqual(records(''), []);
  assert.deepEqual(records('a;b\n;\n1;2'), [
    { line: 1, fields: ['a', 'b'] },
    { line: 3, fields: ['1', '2'] },
  ]);
});

test('empty fields are kept, including a trailing one', () => {
  assert.deepEqual(records('a,,c,\n')[0].fields, ['a', '', 'c', '']);
  assert.deepEqual(records('"",x')[0].fields, ['', 'x']);
});

test('an unclosed quote is reported on the line where it opened', () => {
  assert.deepEqual(parseCsv('a,b\n1,2\n3,"open\nstill open'), { ok: false, line: 3, error: 'unclosedQuote' });
});

test('text after a closing quote is reported with its line', () => {
  assert.deepEqual(parseCsv('a,b\n"x"y,2'), { ok: false, line: 2, error: 'textAfterQuote' });
  // spaces after the closing quote are tolerated
  assert.deepEqual(records('"x" ,2')[0].fields, ['x', '2']);
});

test('a quote inside an unquoted field is kept as text', () => {
  assert.deepEqual(records('5" pipe,x')[0].fields, ['5" pipe', 'x']);
});

test('csvField quotes only what needs quoting, and round-trips', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('a;b', ';'), '"a;b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  const values = ['Khối cơ quan, phân đội', 'x "y"', 'line\nbreak', ''];
  assert.deepEqual(records(values.map((v) => csvField(v)).join(',') + '\n')[0].fields, values);
});

test('one formula guard for every CSV writer: =, +, -, @, tab and CR first get an apostrophe, nothing else changes', () => {
  for (const bad of ['=1+1', '+84 912', '-5', '@SUM(A1)', '\tx', '\rx']) assert.equal(defuseFormula(bad), `'${bad}`);
  for (const ok of ['Hạ Long', '37,5', '', "'=already"]) assert.equal(defuseFormula(ok), ok);
  assert.equal(csvRecord(['a', '=HYPERLINK("x")'].map(defuseFormula)), 'a,"\'=HYPERLINK(""x"")"\r\n');
});
