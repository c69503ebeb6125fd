// The Word renderer of an official document, without a database: A4 with the decree's margins, Times New Roman, the
// quốc hiệu, tiêu ngữ, number and basis lines in document.xml, a draft mark only on a draft; and the votes a threshold takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { renderDocx } from '../../src/documents/docx.ts';
import { votesNeeded } from '../../src/documents/ballot-table.ts';
import type { OfficialDoc } from '../../src/documents/model.ts';

const doc: OfficialDoc = {
  kind: 'decision', fileName: 'x', draftMark: null, parentBody: 'Quân khu 3', issuingBody: 'Bộ CHQS tỉnh Quảng Ninh', numberLine: 'Số: 1/QĐ-BCH',
  nation: 'Cộng hòa xã hội chủ nghĩa Việt Nam', motto: 'Độc lập - Tự do - Hạnh phúc', dateLine: 'Quảng Ninh, ngày 01 tháng 02 năm 2025',
  title: 'Quyết định', subject: ['Về việc tặng <Cờ> & “Bằng khen”'], addressee: null, authority: 'Bộ CHQS tỉnh Quảng Ninh', basis: ['Căn cứ Luật số 06/2022/QH15;'],
  blocks: [{ kind: 'p', lead: 'Điều 1.', text: 'Tặng' }, { kind: 'table', head: ['STT', 'Tên'], rows: [[{ text: '1', center: true }, 'Trung đoàn 244']], widths: [10, 90] }],
  recipientsLabel: 'Nơi nhận:', recipients: ['- Lưu: VT.'], signers: [{ lines: ['Chỉ huy trưởng'], name: 'Đại tá Trần Quốc Hưng' }],
};

async function xmlOf(d: OfficialDoc) {
  const zip = await JSZip.loadAsync(await renderDocx(d));
  return zip.file('word/document.xml')!.async('string');
}

test('a document renders on A4 with margins 20/15/20/30 mm in Times New Roman, with its head, basis and signer', async () => {
  const xml = await xmlOf(doc);
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
  assert.match(xml, /<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
  for (const s of ['QUÂN KHU 3', 'BỘ CHQS TỈNH QUẢNG NINH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 1/QĐ-BCH', 'QUYẾT ĐỊNH', 'Căn cứ Luật số 06/2022/QH15;', 'Điều 1.', 'Trung đoàn 244', 'CHỈ HUY TRƯỞNG', 'Đại tá Trần Quốc Hưng', 'Nơi nhận:']) {
    assert.ok(xml.includes(s), s);
  }
  assert.ok(xml.includes('Về việc tặng &lt;Cờ&gt; &amp; “Bằng khen”'), 'text is escaped in the XML');
  assert.ok(!xml.includes('DỰ THẢO'));
  assert.ok((await xmlOf({ ...doc, draftMark: 'DỰ THẢO' })).includes('DỰ THẢO'));
});

test('the votes a threshold takes are its share of all members, rounded up', () => {
  assert.equal(votesNeeded(90, 10), 9);
  assert.equal(votesNeeded(90, 11), 10);
  assert.equal(votesNeeded(50, 9), 5);
  assert.equal(votesNeeded(50, 10), 5);
});
