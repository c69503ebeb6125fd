import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { columnName, writeXlsx, xmlText, type XlsxColumn, type XlsxValue } from '../../src/exports/xlsx.ts';
import { Gate } from '../../src/lib/gate.ts';

async function book(columns: XlsxColumn[], batches: XlsxValue[][][], sheet = 'ranking') {
  const parts: Buffer[] = [];
  await writeXlsx((b) => void parts.push(b), { sheet, creator: 'thidua', columns, rows: batches });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
  return wb;
}

test('column letters run A…Z, AA…AZ, BA…', () => {
  assert.deepEqual([0, 25, 26, 51, 52, 701, 702].map(columnName), ['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
});

test('text is escaped for XML and loses the characters XML cannot hold', () => {
  assert.equal(xmlText('a<b>&"c"'), 'a&lt;b&gt;&amp;&quot;c&quot;');
  assert.equal(xmlText('x\u0001y\u000bz\tw\n'), 'xyz\tw\n');
  assert.equal(xmlText('😀\ud800'), '😀');
});

test('a workbook opens in exceljs: sheet name, bold frozen header, widths, numbers, text, dates, empty cells, every batch', async () => {
  const columns: XlsxColumn[] = [
    { header: 'rank', width: 6, kind: 'number' },
    { header: 'unit_name', width: 40, kind: 'text' },
    { header: 'day', width: 12, kind: 'date' },
    { header: 'at', width: 16, kind: 'datetime' },
  ];
  const day = new Date(Date.UTC(2026, 11, 2));
  const at = new Date(Date.UTC(2026, 11, 2, 14, 30));
  const rows: XlsxValue[][] = Array.from({ length: 600 }, (_, i) => [i + 1, ` Đơn vị <${i}> & "Hạ Long" `, day, i % 2 ? at : null]);
  const wb = await book(columns, [rows.slice(0, 250), [], rows.slice(250, 500), rows.slice(500)]);
  const ws = wb.worksheets[0];
  assert.equal(ws.name, 'ranking');
  assert.equal(wb.creator, 'thidua');
  assert.equal(ws.rowCount, 601);
  assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['rank', 'unit_name', 'day', 'at']);
  assert.equal(ws.getRow(1).font?.bold, true);
  assert.equal(ws.getCell('A2').font?.bold, undefined);
  assert.equal(ws.views[0].state, 'frozen');
  assert.equal(ws.views[0].ySplit, 1);
  assert.equal(ws.getColumn(2).width, 40);
  for (const r of [2, 3, 300, 601]) {
    const i = r - 2;
    assert.equal(ws.getCell(`A${r}`).value, i + 1);
    assert.equal(ws.getCell(`B${r}`).value, ` Đơn vị <${i}> & "Hạ Long" `, 'leading and trailing spaces kept');
    assert.equal((ws.getCell(`C${r}`).value as Date).getTime(), day.getTime());
    assert.equal(ws.getCell(`C${r}`).numFmt, 'yyyy-mm-dd');
    if (i % 2) {
      assert.equal((ws.getCell(`D${r}`).value as Date).getTime(), at.getTime());
      assert.equal(ws.getCell(`D${r}`).numFmt, 'yyyy-mm-dd hh:mm');
    } else assert.equal(ws.getCell(`D${r}`).value, null);
  }
});

test('a workbook without rows still opens, with its header', async () => {
  const wb = await book([{ header: 'rank', width: 6, kind: 'number' }], [], 'empty');
  assert.equal(wb.worksheets[0].name, 'empty');
  assert.equal(wb.worksheets[0].rowCount, 1);
});

test('a gate runs at most its limit at once, and every caller in turn, also after a failure', async () => {
  const gate = new Gate(2);
  let running = 0, most = 0;
  const order: number[] = [];
  const release: (() => void)[] = [];
  const jobs = Array.from({ length: 6 }, (_, i) =>
    gate.run(async () => {
      running++;
      most = Math.max(most, running);
      order.push(i);
      await new Promise<void>((r) => release.push(r));
      running--;
      if (i === 1) throw new Error('job 1 fails');
      return i;
    }).then((v) => `ok ${v}`, (e: Error) => e.message),
  );
  while (order.length < 6) {
    await new Promise((r) => setImmediate(r));
    assert.ok(running <= 2, `${running} running`);
    release.shift()?.();
  }
  release.forEach((r) => r());
  assert.deepEqual(await Promise.all(jobs), ['ok 0', 'job 1 fails', 'ok 2', 'ok 3', 'ok 4', 'ok 5']);
  assert.equal(most, 2);
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(gate.load, { active: 0, waiting: 0 });
});
