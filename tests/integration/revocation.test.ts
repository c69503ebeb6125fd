// Revocation over HTTP on the demo's 2020 year-end awards: the form requires a legal ground from the law's list, a
// reason and the revoking decision's number; it records the certificate and money recovered ("1.500.000" as typed
// in Vietnamese); awards that relied on the revoked one (by the catalogue's eligibility rules) are flagged, shown on
// the decision and the person's record, and a commander resolves a flag with a note. Every step is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

let app: TestApp;
let commander: Client;
let officer: Client;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const codeIs = (code: string) => ({ title: { catalog: { code } } });

before(async () => {
  app = await startTestApp();
  commander = await app.as('commander');
  officer = await app.as('officer');
});
after(() => app.close());

/** A 2020 award of `code` whose holder also holds `other` the same year. */
async function pair(code: string, other: string, by: 'personId' | 'unitId') {
  const decision = await app.prisma.awardDecision.findFirstOrThrow({ where: { number: '298/QĐ-BCH' } });
  const holders = await app.prisma.award.findMany({ where: { decisionId: decision.id, ...codeIs(other) } });
  for (const h of holders) {
    const a = await app.prisma.award.findFirst({ where: { decisionId: decision.id, ...codeIs(code), [by]: h[by] } });
    if (a) return { cause: a, dependant: h, decision };
  }
  throw new Error(`no ${code}+${other} pair in 2020`);
}

test('the grounds are reference data with their legal basis', async () => {
  const grounds = await app.prisma.revocationGround.findMany({ orderBy: { code: 'asc' } });
  assert.deepEqual(grounds.map((g) => g.code), ['CONVICTED', 'FALSE_CLAIM', 'FORGED_DOSSIER', 'NO_COMPETENCE', 'WRONG_STANDARD']);
  for (const g of grounds) {
    assert.match(g.legalBasis, /06\/2022\/QH15/);
    assert.ok(g.textEn);
  }
});

test('revoking a CSTT names its ground, records the recovery and flags the same-year CSTĐCS of that person', async () => {
  const { cause, dependant, decision } = await pair('CSTT', 'CSTDCS', 'personId');
  const form = await commander.get(`/awards/${cause.id}/revoke`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<option value="FALSE_CLAIM"/);

  // no ground, a money amount that cannot be read: refused beside the fields, what was typed kept, nothing written
  const bad = await commander.post(`/awards/${cause.id}/revoke`, { groundCode: '', reason: 'Kê khai sai', decisionNo: '41/QĐ-BCH', moneyRecovered: '1.5', certificateRecovered: 'on', recoveryNote: 'Ghi chú giữ lại' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="f-groundCode"[^>]*aria-invalid="true"/);
  assert.match(bad.text, /chữ số liền hoặc có dấu chấm ngăn cách hàng nghìn/);
  assert.match(bad.text, /value="1.5"/);
  assert.match(bad.text, /name="certificateRecovered" value="on" checked/);
  assert.match(bad.text, /Ghi chú giữ lại<\/textarea>/);
  const unknown = await commander.post(`/awards/${cause.id}/revoke`, { groundCode: 'NOPE', reason: 'x', decisionNo: '41/QĐ-BCH' });
  assert.equal(unknown.status, 400);
  assert.equal(await app.prisma.awardRevocation.count({ where: { awardId: cause.id } }), 0);
  assert.equal(await app.prisma.awardFlag.count(), 0);

  const res = await commander.post(`/awards/${cause.id}/revoke`, { groundCode: 'FALSE_CLAIM', reason: 'Kê khai kết quả huấn luyện không đúng sự thật.', decisionNo: '41/QĐ-BCH', certificateRecovered: 'on', moneyRecovered: '1.500.000', recoveryNote: 'Nộp lại tại Ban Tài chính' });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/decisions/${decision.id}`);
  const rev = await app.prisma.awardRevocation.findUniqueOrThrow({ where: { awardId: cause.id } });
  assert.deepEqual([rev.groundCode, rev.certificateRecovered, Number(rev.moneyRecovered), rev.recoveryNote, rev.decisionNo], ['FALSE_CLAIM', true, 1_500_000, 'Nộp lại tại Ban Tài chính', '41/QĐ-BCH']);

  const flags = await app.prisma.awardFlag.findMany({ where: { causeAwardId: cause.id } });
  const onPerson = flags.find((f) => f.awardId === dependant.id);
  assert.ok(onPerson, 'the same-year CSTĐCS is flagged');
  assert.equal(onPerson.reason, 'CSTDCS_CSTT');
  // nobody else's individual award is flagged
  const flaggedPeople = await app.prisma.award.findMany({ where: { id: { in: flags.map((f) => f.awardId) }, personId: { not: null } } });
  assert.deepEqual(flaggedPeople.map((a) => a.personId), [cause.personId]);

  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'award.revoke', entityId: String(cause.id) } });
  const after = audit.after as Record<string, unknown>;
  assert.equal(after.groundCode, 'FALSE_CLAIM');
  assert.equal(after.moneyRecovered, 1_500_000);
  assert.ok((after.flagged as { awardId: number }[]).some((f) => f.awardId === dependant.id));

  // shown on the revoked award's page, the decision and the person's record
  const revoked = text((await commander.get(`/awards/${cause.id}/revoke`)).text);
  assert.match(revoked, /Gian dối trong kê khai thành tích/);
  assert.match(revoked, /Đã thu hồi giấy chứng nhận · đã thu hồi 1\.500\.000 đồng/);
  const page = await officer.get(`/decisions/${decision.id}`);
  const row = new RegExp(`<tr data-award="${dependant.id}"[^>]*>([\\s\\S]*?)</tr>`).exec(page.text);
  assert.ok(row);
  assert.match(text(row[1]), /Cần xem xét/);
  assert.match(text(row[1]), /Điều kiện cùng năm \(CSTDCS_CSTT\)/);
  const record = await officer.get(`/people/${cause.personId}`);
  assert.equal(record.status, 200);
  assert.match(text(record.text), /Cần xem xét Dựa trên Chiến sĩ tiên tiến/);
});

test('revoking a unit\'s ĐVTT flags its ĐVQT of that year; a commander resolves the flag with a note, once', async () => {
  const { cause, dependant } = await pair('DVTT', 'DVQT', 'unitId');
  await commander.get(`/awards/${cause.id}/revoke`);
  const res = await commander.post(`/awards/${cause.id}/revoke`, { groundCode: 'WRONG_STANDARD', reason: 'Có quân nhân bị kỷ luật cảnh cáo trong năm.', decisionNo: '42/QĐ-BCH', moneyRecovered: '' });
  assert.equal(res.status, 303);
  const rev = await app.prisma.awardRevocation.findUniqueOrThrow({ where: { awardId: cause.id } });
  assert.deepEqual([rev.certificateRecovered, rev.moneyRecovered], [false, null]);
  const flag = await app.prisma.awardFlag.findUniqueOrThrow({ where: { awardId_causeAwardId: { awardId: dependant.id, causeAwardId: cause.id } } });
  assert.equal(flag.reason, 'DVQT_DVTT');

  // an officer may not resolve; a blank note is refused; the commander resolves it with a note
  assert.equal((await officer.post(`/awards/${dependant.id}/flags/${flag.id}/resolve`, { resolution: 'x' })).status, 403);
  await commander.get(`/awards/${dependant.id}/revoke`);
  const blank = await commander.post(`/awards/${dependant.id}/flags/${flag.id}/resolve`, { resolution: ' ' });
  assert.equal(blank.status, 400);
  assert.equal((await commander.post(`/awards/${cause.id}/flags/${flag.id}/resolve`, { resolution: 'sai khen thưởng' })).status, 404, 'the flag belongs to another award');
  const ok = await commander.post(`/awards/${dependant.id}/flags/${flag.id}/resolve`, { resolution: 'Hội đồng xét lại: đơn vị vẫn đủ điều kiện ĐVQT theo kết quả phúc tra.' });
  assert.equal(ok.status, 303);
  const done = await app.prisma.awardFlag.findUniqueOrThrow({ where: { id: flag.id } });
  const cmd = await app.prisma.user.findUniqueOrThrow({ where: { username: 'commander' } });
  assert.equal(done.resolvedById, cmd.id);
  assert.ok(done.resolvedAt);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'awardflag.resolve', entityId: String(flag.id) } }), 1);
  assert.equal((await commander.post(`/awards/${dependant.id}/flags/${flag.id}/resolve`, { resolution: 'lần nữa' })).status, 409);
  assert.match(text((await commander.get(`/awards/${dependant.id}/revoke`)).text), /Đã xử lý .*Xử lý bởi Đại tá Trần Quốc Hưng/);
});

/** An ad-hoc decision (no campaign) giving `code` to a person on `date`: it counts in that date's year. */
async function adhocAward(code: string, personId: number, date: string, number: string) {
  const catalog = await app.prisma.titleCatalog.findUniqueOrThrow({ where: { code } });
  const proposal = await app.prisma.awardProposal.create({ data: { kind: 'ADHOC', status: 'DECIDED', items: { create: [{ catalogId: catalog.id, personId, reason: 'Ba năm liền CSTĐCS' }] } } });
  const decision = await app.prisma.awardDecision.create({ data: { proposalId: proposal.id, number, date: new Date(date + 'T00:00:00Z'), signingAuthority: 'Bộ Tư lệnh Quân khu 3' } });
  return app.prisma.award.create({ data: { decisionId: decision.id, catalogId: catalog.id, personId } });
}

test('revoking a CSTĐCS flags the CSTĐ toàn quân whose chain of years counted it, not one whose years lie after it', async () => {
  const decision = await app.prisma.awardDecision.findFirstOrThrow({ where: { number: '298/QĐ-BCH' } });
  const flagged = new Set((await app.prisma.awardFlag.findMany()).map((f) => f.awardId));
  const cause = (await app.prisma.award.findMany({ where: { decisionId: decision.id, ...codeIs('CSTDCS'), revocation: null } })).find((a) => !flagged.has(a.id));
  assert.ok(cause?.personId, 'a 2020 CSTĐCS not touched by the earlier tests');
  const rule = await app.prisma.eligibilityRule.findUniqueOrThrow({ where: { code: 'CSTD_TQUAN_CHAIN' } });
  const years = (rule.params as { years: number }).years;
  const within = await adhocAward('CSTD_TQUAN', cause.personId, `${2020 + years - 1}-12-20`, 'CK-1/QĐ-QK');
  const beyond = await adhocAward('CSTD_TQUAN', cause.personId, `${2020 + years}-12-20`, 'CK-2/QĐ-QK');

  await commander.get(`/awards/${cause.id}/revoke`);
  const res = await commander.post(`/awards/${cause.id}/revoke`, { groundCode: 'FORGED_DOSSIER', reason: 'Sáng kiến kê khai chưa được công nhận.', decisionNo: '43/QĐ-BCH', moneyRecovered: '2 000 000' });
  assert.equal(res.status, 303);
  assert.equal(Number((await app.prisma.awardRevocation.findUniqueOrThrow({ where: { awardId: cause.id } })).moneyRecovered), 2_000_000);
  const flags = await app.prisma.awardFlag.findMany({ where: { causeAwardId: cause.id } });
  const flaggedAwards = await app.prisma.award.findMany({ where: { id: { in: flags.map((f) => f.awardId) } } });
  const personal = flags.filter((f) => flaggedAwards.find((a) => a.id === f.awardId)?.personId !== null);
  assert.deepEqual(personal.map((f) => [f.awardId, f.reason]), [[within.id, 'CSTD_TQUAN_CHAIN']]);
  assert.ok(!flags.some((f) => f.awardId === beyond.id));
  // the unit title that counted its members' CSTĐCS that year (a MEMBER_COUNT rule) is flagged on the person's unit
  const person = await app.prisma.person.findUniqueOrThrow({ where: { id: cause.personId } });
  for (const f of flags.filter((x) => !personal.includes(x))) {
    const a = flaggedAwards.find((x) => x.id === f.awardId)!;
    assert.equal(a.unitId, person.unitId);
    const r = await app.prisma.eligibilityRule.findUniqueOrThrow({ where: { code: f.reason } });
    assert.ok(r.kind === 'MEMBER_COUNT' || r.kind === 'MEMBER_SHARE', f.reason);
    assert.equal((r.params as { titleCode: string }).titleCode, 'CSTDCS');
  }
  // an ad-hoc award has no campaign: its revoke page still shows the flag
  const page = await commander.get(`/awards/${within.id}/revoke`);
  assert.equal(page.status, 200);
  assert.match(text(page.text), /Điều kiện nhiều năm liền \(CSTD_TQUAN_CHAIN\)/);
  assert.match(text(page.text), /Chiến sĩ thi đua toàn quân/);
});
