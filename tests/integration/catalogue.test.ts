// The title catalogue and its eligibility rules over HTTP: staff read them, an admin edits them (version-checked,
// audited, dates checked beside the field); a rule switched off or given a new number gets a new version. Campaigns
// pick their titles from the catalogue: a peak campaign is offered, and accepts, only the forms meant for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';

let app: TestApp;
let admin: Client;
let officer: Client;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

before(async () => {
  app = await startTestApp();
  [admin, officer] = await Promise.all(['admin', 'officer'].map((u) => app.as(u)));
});
after(() => app.close());

/** The edit form of an entry as it is saved now, with `change` applied. */
async function entryForm(code: string, change: Record<string, string | string[]> = {}) {
  const e = await app.prisma.titleCatalog.findUniqueOrThrow({ where: { code } });
  await admin.get(`/admin/catalogue/${e.id}/edit`);
  const form: Record<string, string | string[]> = {
    version: String(e.version), name: e.name, nameEn: e.nameEn ?? '', scope: e.scope, kind: e.kind, issuingLevel: e.issuingLevel, legalBasis: e.legalBasis,
    validFrom: e.validFrom.toISOString().slice(0, 10), validTo: e.validTo ? e.validTo.toISOString().slice(0, 10) : '', rank: String(e.rank),
    defaultQuotaBase: e.defaultQuotaBase, defaultQuotaPercent: e.defaultQuotaPercent?.toString() ?? '', quotaBaseCode: e.quotaBaseCode ?? '',
    quotaLegalBasis: e.quotaLegalBasis ?? '', combinesWith: e.combinesWith, ...(e.forRegular ? { forRegular: 'on' } : {}), ...(e.forPeak ? { forPeak: 'on' } : {}), ...(e.active ? { active: 'on' } : {}),
    ...change,
  };
  return { e, form };
}

test('officers and commanders read the whole catalogue with its legal basis, levels and quotas; a unit account gets 403', async () => {
  const count = await app.prisma.titleCatalog.count();
  for (const who of [officer, await app.as('commander')]) {
    const page = await who.get('/admin/catalogue');
    assert.equal(page.status, 200);
    assert.equal([...page.text.matchAll(/data-entry="/g)].length, count, 'every entry is listed');
    assert.doesNotMatch(page.text, /href="\/admin\/catalogue\/\d+\/edit"/, 'no edit link for staff who only read');
  }
  const words = text((await officer.get('/admin/catalogue')).text);
  assert.match(words, /Chiến sĩ thi đua cơ sở CSTDCS Danh hiệu thi đua Cấp quyết định Bộ CHQS tỉnh/);
  assert.match(words, /Tối đa 15% số người đạt Chiến sĩ tiên tiến trong năm/);
  assert.match(words, /Nghị định 91\/2017\/NĐ-CP: không quá 15% số cá nhân đạt Chiến sĩ tiên tiến/);
  assert.match(words, /Đạt Chiến sĩ thi đua cơ sở 3 năm liên tục/);
  assert.equal((await (await app.as('halong')).get('/admin/catalogue')).status, 403);
});

test('an admin edits an entry: saved with a new version and audited; an officer is refused and nothing changes', async () => {
  const { e, form } = await entryForm('GK_DV', { defaultQuotaBase: 'UNITS', defaultQuotaPercent: '30', quotaLegalBasis: 'Quy chế thi đua của Bộ CHQS tỉnh' });
  await officer.get('/admin/catalogue');
  assert.equal((await officer.post(`/admin/catalogue/${e.id}`, form)).status, 403);
  assert.equal((await app.prisma.titleCatalog.findUniqueOrThrow({ where: { id: e.id } })).version, e.version);

  const res = await admin.post(`/admin/catalogue/${e.id}`, form);
  assert.equal(res.status, 303);
  const after = await app.prisma.titleCatalog.findUniqueOrThrow({ where: { id: e.id } });
  assert.deepEqual([after.version, after.defaultQuotaBase, Number(after.defaultQuotaPercent), after.quotaLegalBasis], [e.version + 1, 'UNITS', 30, 'Quy chế thi đua của Bộ CHQS tỉnh']);
  const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'catalogue.update', entityId: String(e.id) } });
  assert.deepEqual([(audit.before as { defaultQuotaBase: string }).defaultQuotaBase, (audit.after as { defaultQuotaPercent: number }).defaultQuotaPercent], ['NONE', 30]);
  // the same stale form again is a conflict: nothing is overwritten
  const stale = await admin.post(`/admin/catalogue/${e.id}`, { ...form, defaultQuotaPercent: '50' });
  assert.equal(stale.status, 409);
  assert.equal(Number((await app.prisma.titleCatalog.findUniqueOrThrow({ where: { id: e.id } })).defaultQuotaPercent), 30);
});

test('an end of validity before its start is refused beside the field, the form keeps what was typed, nothing is written', async () => {
  const { e, form } = await entryForm('CSTT', { validFrom: '2024-01-01', validTo: '2023-06-30', name: 'Chiến sĩ tiên tiến (sửa)' });
  const res = await admin.post(`/admin/catalogue/${e.id}`, form);
  assert.equal(res.status, 400);
  assert.match(res.text, /<p class="field-error" id="f-validTo-error">Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực\.<\/p>/);
  assert.match(res.text, /value="Chiến sĩ tiên tiến \(sửa\)"/);
  const bad = await admin.post(`/admin/catalogue/${e.id}`, { ...form, validTo: '', validFrom: '31/02/2024' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="f-validFrom-error">Ngày không hợp lệ/);
  const noUse = await admin.post(`/admin/catalogue/${e.id}`, (({ forRegular: _r, forPeak: _p, ...rest }) => ({ ...rest, validTo: '' }))(form));
  assert.equal(noUse.status, 400);
  assert.match(noUse.text, /Chọn ít nhất một: xét cuối năm hoặc đợt cao điểm/);
  const now = await app.prisma.titleCatalog.findUniqueOrThrow({ where: { id: e.id } });
  assert.deepEqual([now.version, now.name, now.validTo], [e.version, e.name, null]);
  assert.equal(await app.prisma.auditLog.count({ where: { action: 'catalogue.update', entityId: String(e.id) } }), 0);
});

test('a rule switched off gets a new version, is audited and shown off; its numbers can be changed the same way', async () => {
  const rule = await app.prisma.eligibilityRule.findUniqueOrThrow({ where: { code: 'CSTT_TRAINING' } });
  await admin.get(`/admin/rules/${rule.id}/edit`);
  // the form offers typed number fields for this kind, not raw JSON
  const page = await admin.get(`/admin/rules/${rule.id}/edit`);
  assert.match(page.text, /name="minPassedPercent" type="text" value="100"/);
  assert.match(page.text, /name="minGoodPercent" type="text" value="50"/);
  assert.doesNotMatch(page.text, /name="params"/);
  let res = await admin.post(`/admin/rules/${rule.id}`, { version: rule.version, legalBasis: rule.legalBasis, minPassedPercent: '100', minGoodPercent: '50' });
  assert.equal(res.status, 303);
  let now = await app.prisma.eligibilityRule.findUniqueOrThrow({ where: { id: rule.id } });
  assert.deepEqual([now.enabled, now.version], [false, rule.version + 1]);
  let audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'rule.update', entityId: String(rule.id) }, orderBy: { id: 'desc' } });
  assert.deepEqual([(audit.before as { enabled: boolean }).enabled, (audit.after as { enabled: boolean }).enabled], [true, false]);
  const list = text((await officer.get('/admin/rules')).text);
  assert.match(list, new RegExp(`Kiểm tra huấn luyện đạt từ 100% nội dung, trong đó từ 50% khá, giỏi .* Đã tắt ${rule.version + 1}`));

  // a number changed: the chain for CSTĐ toàn quân from 3 to 4 years
  const chain = await app.prisma.eligibilityRule.findUniqueOrThrow({ where: { code: 'CSTD_TQUAN_CHAIN' } });
  await admin.get(`/admin/rules/${chain.id}/edit`);
  const bad = await admin.post(`/admin/rules/${chain.id}`, { version: chain.version, enabled: 'on', legalBasis: chain.legalBasis, titleCode: 'CSTDCS', years: 'bốn' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="f-years-error">Vui lòng nhập số nguyên/);
  assert.match(bad.text, /value="bốn"/);
  assert.equal((await app.prisma.eligibilityRule.findUniqueOrThrow({ where: { id: chain.id } })).version, chain.version);
  res = await admin.post(`/admin/rules/${chain.id}`, { version: chain.version, enabled: 'on', legalBasis: chain.legalBasis, titleCode: 'CSTDCS', years: '4' });
  assert.equal(res.status, 303);
  now = await app.prisma.eligibilityRule.findUniqueOrThrow({ where: { id: chain.id } });
  assert.deepEqual([now.params, now.version, now.enabled], [{ titleCode: 'CSTDCS', years: 4 }, chain.version + 1, true]);
  audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'rule.update', entityId: String(chain.id) } });
  assert.deepEqual([audit.before, audit.after].map((x) => (x as { params: unknown }).params), [{ titleCode: 'CSTDCS', years: 3 }, { titleCode: 'CSTDCS', years: 4 }]);
  assert.match(text((await officer.get('/admin/catalogue')).text), /Đạt Chiến sĩ thi đua cơ sở 4 năm liên tục Đang áp dụng phiên bản 2/);
  // an officer reads but cannot change a rule
  assert.equal((await officer.get(`/admin/rules/${chain.id}/edit`)).status, 403);
  assert.equal((await officer.post(`/admin/rules/${chain.id}`, { version: now.version, legalBasis: 'x', titleCode: 'CSTDCS', years: '2' })).status, 403);
  assert.equal((await app.prisma.eligibilityRule.findUniqueOrThrow({ where: { id: chain.id } })).version, now.version);
});

/** A new draft campaign over HTTP; returns its id. */
async function draft(kind: 'PEAK' | 'REGULAR', startDate: string, endDate: string): Promise<number> {
  await admin.get('/campaigns/new');
  const res = await admin.post('/campaigns', { name: `Phong trào ${kind} ${startDate}`, startDate, endDate, totalMode: 'SUM', kind, yearId: '' });
  assert.equal(res.status, 303, res.text.slice(0, 300));
  return Number(/\/campaigns\/(\d+)\//.exec(res.location ?? '')![1]);
}
const offered = (html: string) => [...html.matchAll(/data-catalogue="(\w+)"/g)].map((m) => m[1]).sort();

test('a peak campaign is offered only the catalogue forms meant for a peak campaign, and the server refuses the others', async () => {
  const id = await draft('PEAK', '2026-03-01', '2026-08-31');
  const page = await admin.get(`/campaigns/${id}/titles`);
  const peak = (await app.prisma.titleCatalog.findMany({ where: { forPeak: true, active: true } })).map((e) => e.code).sort();
  assert.deepEqual(offered(page.text), peak);
  assert.ok(!peak.includes('DVQT') && peak.includes('GK_DV'));

  const refused = await admin.post(`/campaigns/${id}/titles/preset`, { preset: 'DVQT' });
  assert.equal(refused.status, 422);
  assert.match(text(refused.text), /Đơn vị Quyết thắng là danh hiệu xét cuối năm; đợt thi đua cao điểm, chuyên đề chỉ được đề nghị các hình thức dành cho đợt/);
  assert.equal(await app.prisma.campaignTitle.count({ where: { campaignId: id } }), 0);
  // typing the code into the table is refused beside the field too
  const v = (await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).version;
  const typed = await admin.post(`/campaigns/${id}/titles`, { version: v, 'ti[0][code]': 'CSTT', 'ti[0][name]': 'Chiến sĩ tiên tiến', 'ti[0][scope]': 'INDIVIDUAL', 'ti[0][kind]': 'TITLE', 'ti[0][quotaPercent]': '', 'ti[0][minClass]': '', 'ti[0][order]': '1' });
  assert.equal(typed.status, 400);
  assert.match(text(typed.text), /Chiến sĩ tiên tiến là danh hiệu xét cuối năm/);
  assert.equal(await app.prisma.campaignTitle.count({ where: { campaignId: id } }), 0);

  assert.equal((await admin.post(`/campaigns/${id}/titles/preset`, { preset: 'GK_DV' })).status, 303);
  const gk = await app.prisma.campaignTitle.findFirstOrThrow({ where: { campaignId: id }, include: { catalog: true } });
  assert.deepEqual([gk.code, gk.name, gk.scope, gk.kind, gk.catalog?.code], ['GK_DV', 'Giấy khen (tập thể)', 'COLLECTIVE', 'COMMENDATION', 'GK_DV']);
  assert.ok(!offered((await admin.get(`/campaigns/${id}/titles`)).text).includes('GK_DV'), 'an entry picked is no longer offered');
});

test('a regular campaign copies the quota defaults (base, percent, base title), which stay editable for the campaign', async () => {
  const id = await draft('REGULAR', '2026-01-01', '2026-12-31');
  const page = await admin.get(`/campaigns/${id}/titles`);
  assert.ok(offered(page.text).includes('CSTDCS') && offered(page.text).includes('DVQT'));
  assert.equal((await admin.post(`/campaigns/${id}/titles/preset`, { preset: 'CSTDCS' })).status, 303);
  const t = await app.prisma.campaignTitle.findFirstOrThrow({ where: { campaignId: id, code: 'CSTDCS' } });
  assert.deepEqual([t.quotaBase, Number(t.quotaPercent), t.quotaBaseCode, t.catalogId !== null], ['HOLDERS', 15, 'CSTT', true]);
  await admin.get(`/campaigns/${id}/titles`);
  const v = (await app.prisma.campaign.findUniqueOrThrow({ where: { id } })).version;
  const res = await admin.post(`/campaigns/${id}/titles`, { version: v, 'ti[0][id]': t.id, 'ti[0][code]': 'CSTDCS', 'ti[0][name]': t.name, 'ti[0][scope]': 'INDIVIDUAL', 'ti[0][kind]': 'TITLE', 'ti[0][quotaPercent]': '10', 'ti[0][quotaBase]': 'HEADCOUNT', 'ti[0][quotaBaseCode]': '', 'ti[0][minClass]': '', 'ti[0][order]': '1' });
  assert.equal(res.status, 303, text(res.text).slice(0, 400));
  const edited = await app.prisma.campaignTitle.findUniqueOrThrow({ where: { id: t.id } });
  assert.deepEqual([edited.quotaBase, Number(edited.quotaPercent), edited.quotaBaseCode, edited.catalogId], ['HEADCOUNT', 10, null, t.catalogId]);
  // the catalogue itself is untouched by a campaign's own quota
  assert.equal(Number((await app.prisma.titleCatalog.findUniqueOrThrow({ where: { code: 'CSTDCS' } })).defaultQuotaPercent), 15);
});

test('a campaign dated before the catalogue is in force is offered nothing, and picking is refused with the reason', async () => {
  const id = await draft('REGULAR', '2021-01-01', '2021-12-31');
  const page = await admin.get(`/campaigns/${id}/titles`);
  assert.deepEqual(offered(page.text), []);
  assert.match(text(page.text), /Không còn mục nào của danh mục phù hợp với phong trào này/);
  const res = await admin.post(`/campaigns/${id}/titles/preset`, { preset: 'CSTT' });
  assert.equal(res.status, 422);
  assert.match(text(res.text), /Chiến sĩ tiên tiến không có hiệu lực trong thời gian của phong trào/);
});
