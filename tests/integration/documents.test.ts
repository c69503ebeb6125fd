// A proposal's dossier over HTTP on the demo data: each document as a DOCX (unzipped, word/document.xml read) and as
// a print view, with the names, numbers and legal basis it must hold; the council's minutes and ballot result from a
// meeting made here with Prisma; 404 for a bad id or kind, 403 for a unit account; LibreOffice converts a DOCX to PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import JSZip from 'jszip';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { heldMeeting } from '../helpers/council.ts';

let app: TestApp;
let officer: Client;
let decided: { proposalId: number; decisionId: number; awardee: string };
let flag: { proposalId: number; lineId: number };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Download a .docx, check it is an attachment, unzip it and return document.xml and its text (runs joined). */
async function docx(client: Client, url: string) {
  const res = await client.getBytes(url);
  assert.equal(res.status, 200, `${url} answers 200`);
  assert.equal(res.headers.get('content-type'), DOCX);
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="?[\w.-]+\.docx"?$/);
  // THIDUA_DOCX=1 keeps every file in test-results/docx/ for a person to open (scripts/docx-to-pdf.sh renders them)
  if (process.env.THIDUA_DOCX) {
    const dir = path.resolve(import.meta.dirname, '../../test-results/docx');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, url.replace(/^\//, '').replace(/[^\w.]+/g, '-')), res.body);
  }
  const zip = await JSZip.loadAsync(res.body);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = unescape([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n'));
  return { xml, text, bytes: res.body };
}

function holds(text: string, wants: string[]) {
  for (const w of wants) assert.ok(text.includes(w), `holds "${w}"`);
}

before(async () => {
  app = await startTestApp();
  officer = await app.as('officer');
  const dec = await app.prisma.awardDecision.findUniqueOrThrow({ where: { number: '298/QĐ-BCH' }, include: { awards: { where: { personId: { not: null } }, take: 1, include: { person: true } } } });
  decided = { proposalId: dec.proposalId, decisionId: dec.id, awardee: dec.awards[0].person!.fullName };
  const p = await app.prisma.awardProposal.findFirstOrThrow({ where: { status: 'SUBMITTED', items: { some: { title: { code: 'CO_QK' } } } }, include: { items: true } });
  flag = { proposalId: p.id, lineId: p.items[0].id };
  // the demo's own held meeting on this proposal (src/demo/council.ts) is taken away: these tests hold their own
  await app.prisma.councilMeeting.deleteMany({ where: { agenda: { some: { proposalId: p.id } } } });
});
after(() => app?.close());

test('the decision 298/QĐ-BCH opens as a DOCX with its number, awardees, signer and legal basis, in the Decree 30 layout', async () => {
  for (const url of [`/decisions/${decided.decisionId}.docx`, `/proposals/${decided.proposalId}/documents/decision.docx`]) {
    const { xml, text } = await docx(officer, url);
    holds(text, [
      'Số: 298/QĐ-BCH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'QUÂN KHU 3', 'BỘ CHỈ HUY QUÂN SỰ TỈNH QUẢNG NINH',
      'Quảng Ninh, ngày 28 tháng 12 năm 2020', 'QUYẾT ĐỊNH', '06/2022/QH15', '98/2023/NĐ-CP', '118/2023/TT-BQP',
      'Xét đề nghị của Hội đồng Thi đua – Khen thưởng Bộ Chỉ huy Quân sự tỉnh Quảng Ninh', decided.awardee, 'Đại tá Trần Quốc Hưng', 'Nơi nhận:',
    ]);
    assert.ok(!text.includes('DỰ THẢO'), 'an issued decision is no draft');
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/, 'A4');
    assert.match(xml, /<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/, 'margins 20/15/20/30 mm');
    assert.match(xml, /Times New Roman/);
  }
});

test('the basis lines are data: a changed DocumentBasis row prints on the decision', async () => {
  await app.prisma.documentBasis.update({ where: { code: 'CIRCULAR_118_2023' }, data: { text: 'Thông tư số 118/2023/TT-BQP (bản đã sửa trong kiểm thử)' } });
  const { text } = await docx(officer, `/decisions/${decided.decisionId}.docx`);
  holds(text, ['Căn cứ Thông tư số 118/2023/TT-BQP (bản đã sửa trong kiểm thử);']);
});

test('an undecided proposal: tờ trình to Quân khu 3, trích ngang, báo cáo thành tích and a draft decision', async () => {
  const base = `/proposals/${flag.proposalId}/documents`;
  const sub = await docx(officer, `${base}/submission.docx`);
  holds(sub.text, ['TỜ TRÌNH', '/TTr-BCH', 'Kính gửi: Bộ Tư lệnh Quân khu 3', 'Cờ thi đua của Quân khu', '06/2022/QH15', 'Quảng Ninh, ngày 29 tháng 12 năm 2020']);
  const list = await docx(officer, `${base}/candidates.docx`);
  holds(list.text, ['DANH SÁCH TRÍCH NGANG', 'Trung đoàn 244', 'Cờ thi đua của Quân khu', 'Hai năm liền đạt Đơn vị Quyết thắng']);
  const report = await docx(officer, `${base}/achievements.docx`);
  holds(report.text, ['BÁO CÁO THÀNH TÍCH', 'Trung đoàn 244', 'Đăng ký thi đua', 'Kết quả chấm điểm, xếp hạng', 'Sáng kiến, đề tài, giải pháp', 'Đơn vị Quyết thắng (Quyết định số 312/QĐ-BCH)']);
  const draft = await docx(officer, `${base}/decision.docx`);
  holds(draft.text, ['DỰ THẢO', 'BỘ QUỐC PHÒNG', 'BỘ TƯ LỆNH QUÂN KHU 3', '/QĐ-QK3', 'Trung đoàn 244', '06/2022/QH15', 'Xét đề nghị của Bộ Chỉ huy Quân sự tỉnh Quảng Ninh và của Hội đồng Thi đua – Khen thưởng Bộ Tư lệnh Quân khu 3']);
});

test('minutes and ballot result are 404 until a held meeting voted on the proposal', async () => {
  const page = await officer.get(`/proposals/${flag.proposalId}/documents`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Chưa có cuộc họp Hội đồng/);
  assert.equal((await officer.get(`/proposals/${flag.proposalId}/documents/minutes`)).status, 404);
  assert.equal((await officer.getBytes(`/proposals/${flag.proposalId}/documents/ballots.docx`)).status, 404);
});

test('minutes and ballot result from a held meeting: attendees, quorum, counts and the threshold over all members', async () => {
  const p = app.prisma;
  const halong = await p.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const flagLine = await p.proposalItem.findUniqueOrThrow({ where: { id: flag.lineId } });
  const second = await p.proposalItem.create({ data: { proposalId: flag.proposalId, titleId: flagLine.titleId, catalogId: flagLine.catalogId, unitId: halong.id, reason: 'Dòng thử' } });
  // 7 + 2 written = 9 of 10 members: passes 90%; 6 + 2 = 8 of 10: fails, though 6 of the 8 present would be 75%
  await heldMeeting(p, flag.proposalId, [
    { lineId: flag.lineId, agree: 7, disagree: 1, writtenAgree: 2, writtenDisagree: 0, passed: true },
    { lineId: second.id, agree: 6, disagree: 2, writtenAgree: 2, writtenDisagree: 0, passed: false },
  ]);

  const base = `/proposals/${flag.proposalId}/documents`;
  const minutes = await docx(officer, `${base}/minutes.docx`);
  holds(minutes.text, [
    'BIÊN BẢN', '/BB-HĐTĐKT', 'Quảng Ninh, ngày 27 tháng 12 năm 2020', 'Hội trường Bộ CHQS tỉnh', 'Tổng số thành viên Hội đồng: 10; có mặt: 8; vắng mặt: 2.',
    'Thành viên Thử 1', 'Thành viên Thử 10', 'Vắng', 'đạt tỷ lệ tối thiểu 66,67%', 'Thiếu tá Lê Văn Thư', 'Hội đồng thống nhất đề nghị Trung đoàn 244.',
    'Trung đoàn 244', 'Ban CHQS thành phố Hạ Long', '7 / 1', '6 / 2', '2 / 0', '9/10 (90%)', '8/10 (80%)', '≥\u00a090% (≥\u00a09\u00a0phiếu)', 'Đạt', 'Không đạt', 'THƯ KÝ', 'CHỦ TỊCH HỘI ĐỒNG',
  ]);
  const ballots = await docx(officer, `${base}/ballots.docx`);
  holds(ballots.text, ['KẾT QUẢ BỎ PHIẾU KÍN', 'Tổng số thành viên Hội đồng: 10; có mặt, bỏ phiếu tại cuộc họp: 8; vắng mặt, gửi phiếu bằng văn bản: 2.', 'tổng số 10 thành viên', '9/10 (90%)', '8/10 (80%)', '≥\u00a090% (≥\u00a09\u00a0phiếu)', 'Không đạt', 'TM. HỘI ĐỒNG', 'Thành viên Thử 1']);
  const sub = await docx(officer, `${base}/submission.docx`);
  holds(sub.text, ['(8/10 thành viên có mặt)', '1/2 trường hợp đạt tỷ lệ phiếu đồng ý']);

  const view = await officer.get(`${base}/ballots`);
  assert.equal(view.status, 200);
  holds(view.text, ['Kết quả bỏ phiếu kín', '9/10 (90%)', '≥\u00a090% (≥\u00a09\u00a0phiếu)', 'Không đạt', 'Độc lập - Tự do - Hạnh phúc']);
  const index = await officer.get(base);
  for (const kind of ['submission', 'candidates', 'achievements', 'minutes', 'ballots', 'decision']) {
    assert.ok(index.text.includes(`href="${base}/${kind}"`) && index.text.includes(`href="${base}/${kind}.docx"`), `${kind}: print view and .docx links`);
  }
});

test('an ad-hoc proposal (no campaign) has its dossier: the deed, the catalogue form and a draft decision', async () => {
  const p = app.prisma;
  const unit = await p.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const province = await p.unit.findUniqueOrThrow({ where: { code: 'BCHQS-QN' } });
  const person = await p.person.create({ data: { unitId: unit.id, fullName: 'Phạm Văn Dũng', rank: 'Trung úy', position: 'Trung đội trưởng' } });
  const form = await p.titleCatalog.findUniqueOrThrow({ where: { code: 'GK_CN' } });
  const exemplar = await p.exemplar.create({ data: { unitId: unit.id, personName: person.fullName, kind: 'GOOD_DEED', title: 'Cứu người đuối nước tại bãi biển Bãi Cháy', description: 'Lao xuống biển cứu hai em nhỏ.', occurredOn: new Date('2021-06-12') } });
  const proposal = await p.awardProposal.create({
    data: { kind: 'ADHOC', exemplarId: exemplar.id, commandUnitId: province.id, holderUnitId: province.id, status: 'SUBMITTED', submittedAt: new Date('2021-06-20'), items: { create: [{ catalogId: form.id, personId: person.id, reason: 'Dũng cảm cứu người' }] } },
  });
  const base = `/proposals/${proposal.id}/documents`;
  holds((await docx(officer, `${base}/submission.docx`)).text, ['Cứu người đuối nước tại bãi biển Bãi Cháy', 'Giấy khen (cá nhân)', 'Kính gửi: Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Quảng Ninh']);
  holds((await docx(officer, `${base}/achievements.docx`)).text, ['Trung úy Phạm Văn Dũng', 'Lao xuống biển cứu hai em nhỏ.']);
  holds((await docx(officer, `${base}/decision.docx`)).text, ['DỰ THẢO', '/QĐ-BCH', 'Trung úy Phạm Văn Dũng', 'Giấy khen (cá nhân)', 'thành tích đột xuất: Cứu người đuối nước']);
  assert.equal((await officer.get(base)).status, 200);
});

test('every print view renders in the A4 layout with no inline style or script', async () => {
  for (const [id, kind] of [[decided.proposalId, 'decision'], [flag.proposalId, 'submission'], [flag.proposalId, 'candidates'], [flag.proposalId, 'achievements'], [flag.proposalId, 'minutes']] as const) {
    const res = await officer.get(`/proposals/${id}/documents/${kind}`);
    assert.equal(res.status, 200, kind);
    holds(res.text, ['/public/css/documents.css', 'Độc lập - Tự do - Hạnh phúc', 'Nơi nhận:'].slice(0, kind === 'minutes' || kind === 'candidates' ? 2 : 3));
    assert.doesNotMatch(res.text, /\sstyle=|<style|<script(?![^>]*\ssrc=)/, `${kind}: nothing inline for the CSP`);
  }
  holds((await officer.get(`/proposals/${decided.proposalId}/documents/decision`)).text, ['298/QĐ-BCH', decided.awardee, '06/2022/QH15']);
});

test('a bad id or kind is 404; a unit account is refused with 403', async () => {
  for (const url of ['/proposals/999999/documents', '/proposals/abc/documents', `/proposals/${flag.proposalId}/documents/nope`, `/proposals/${flag.proposalId}/documents/nope.docx`, '/proposals/999999/documents/decision.docx', '/decisions/999999.docx']) {
    assert.equal((await officer.getBytes(url)).status, 404, url);
  }
  const unit = await app.as('halong');
  for (const url of [`/proposals/${flag.proposalId}/documents`, `/proposals/${flag.proposalId}/documents/submission`, `/proposals/${flag.proposalId}/documents/submission.docx`, `/decisions/${decided.decisionId}.docx`]) {
    assert.equal((await unit.getBytes(url)).status, 403, url);
  }
});

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
test('LibreOffice converts a generated DOCX to a PDF', { skip: soffice ? false : 'soffice (libreoffice-writer-nogui) is not installed' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-docx-'));
  try {
    const { bytes } = await docx(officer, `/decisions/${decided.decisionId}.docx`);
    fs.writeFileSync(path.join(dir, 'decision.docx'), bytes);
    const run = spawnSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'decision.docx')], { encoding: 'utf8', timeout: 180_000 });
    assert.equal(run.status, 0, run.stderr);
    const pdf = fs.readFileSync(path.join(dir, 'decision.pdf'));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length >= 1, 'at least one page');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
