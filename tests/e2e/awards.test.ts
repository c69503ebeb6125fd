// From a closed campaign: an officer drafts and submits a proposal from the suggestions; a commander approves it,
// issues the decision and opens a certificate, on screen and in print (PDF: one A4 landscape page), in vi and en.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SHOTS_DIR, pdfFacts, signIn, switchLanguage, useBrowserApp } from '../helpers/browser.ts';
import { readyToDecide } from '../helpers/postings.ts';
import { campaignStandings } from '../../src/ranking/service.ts';
import { provinceDecidesAll } from '../helpers/chain.ts';

let campaignId: number;
const web = useBrowserApp(async (app) => {
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  await app.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'CLOSED' } });
  await provinceDecidesAll(app);
  // the top three register for Bằng khen (tập thể); three cadres of the first register for Giấy khen (cá nhân)
  const titles = new Map((await app.prisma.campaignTitle.findMany({ where: { campaignId } })).map((t) => [t.code, t.id]));
  const top = (await campaignStandings(app.prisma, campaignId)).standings.slice(0, 3);
  for (const u of top) {
    const pledge = await app.prisma.pledge.upsert({ where: { campaignId_unitId: { campaignId, unitId: u.unitId } }, create: { campaignId, unitId: u.unitId, status: 'APPROVED' }, update: {} });
    await app.prisma.pledgeTitle.createMany({ data: [{ pledgeId: pledge.id, titleId: titles.get('BK_BQP_DV')! }], skipDuplicates: true });
    if (u !== top[0]) continue;
    // three registered people: 70% of 3 allows 2 Giấy khen (cá nhân)
    for (const [fullName, rank, position] of [['Nguyễn Văn An', 'Thiếu tá', 'Trợ lý tác chiến'], ['Trần Thị Bình', 'Đại úy', 'Trợ lý quân lực'], ['Lê Văn Cường', 'Trung úy', 'Trung đội trưởng']]) {
      const person = await app.prisma.person.create({ data: { unitId: u.unitId, fullName, rank, position } });
      await app.prisma.individualRegistration.create({ data: { pledgeId: pledge.id, personId: person.id, titleId: titles.get('GK_CN')!, commitment: 'Hoàn thành xuất sắc nhiệm vụ huấn luyện, sẵn sàng chiến đấu' } });
    }
  }
});

web.test('a commander approves a proposal, issues the decision and prints a certificate', async ({ app, session }) => {
  // the officer: suggestions → draft → add the registered cadre → submit
  const officer = await session.newPage();
  await signIn(officer, app.url, 'officer');
  await officer.goto(`${app.url}/campaigns/${campaignId}/awards`);
  await session.shot(officer, 'awards-index-vi');
  await officer.click('a[href$="/awards/new"]');
  await officer.waitForURL(/\/awards\/new$/);
  assert.equal(await officer.locator('tr[data-title="BK_BQP_DV"] input[name=pick]:checked').count(), 3, 'the three registered Xuất sắc units are suggested');
  await session.shot(officer, 'awards-new-vi');
  await session.phoneShot(officer, 'awards-new-vi-phone', { top: true });
  // keep only the Bằng khen suggestions
  // (the other suggested lines, e.g. Giấy khen for the units that registered for it, are unticked one by one: the
  // locator is live, so it is read again after each change)
  const others = officer.locator('tr[data-title]:not([data-title="BK_BQP_DV"]) input[name=pick]:checked');
  while ((await others.count()) > 0) await others.first().uncheck();
  await officer.click('.aw-form button[type=submit]');
  await officer.waitForURL(/\/proposals\/\d+$/);
  const proposalUrl = officer.url();
  assert.match((await officer.textContent('.flash')) ?? '', /Đã tạo đề nghị khen thưởng số/);
  await officer.click('a[href$="/edit"]');
  await officer.waitForURL(/\/edit$/);
  await officer.click('.aw-add > summary');
  // every "remove" and "add" tick is named after its unit or person (and title), not just "Remove from the proposal"
  const ticks = await officer.locator('.aw-form input[type=checkbox]').evaluateAll((boxes) =>
    boxes.map((b) => {
      const label = [...((b as HTMLInputElement).labels ?? [])].map((l) => l.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim();
      const row = b.closest('tr');
      const cell = row ? (row.querySelector('.aw-c-name strong') ?? row.querySelector('.aw-c-name')) : null;
      return { label, who: cell?.textContent?.trim() ?? null };
    }),
  );
  assert.ok(ticks.length > 4, `ticks found: ${ticks.length}`);
  assert.equal(new Set(ticks.map((x) => x.label)).size, ticks.length, `each tick has its own name: ${JSON.stringify(ticks)}`);
  for (const x of ticks) if (x.who) assert.ok(x.label.includes(x.who), `"${x.label}" names ${x.who}`);
  await officer.check('tr[data-title="GK_CN"] input[name=pick] >> nth=0');
  await officer.locator('textarea[name$="[achievements]"]').first().fill('Dẫn đầu khối huấn luyện; 100% nội dung kiểm tra đạt khá, giỏi.');
  await session.shot(officer, 'awards-edit-vi');
  await officer.click('.aw-form .actions button[type=submit]');
  await officer.waitForURL(proposalUrl);
  assert.equal(await officer.locator('.aw-lines tbody tr').count(), 4);
  await officer.click('form[action$="/submit"] button');
  await officer.waitForURL(proposalUrl);
  assert.match((await officer.textContent('.flash')) ?? '', /Đã gửi đề nghị/);
  await session.shot(officer, 'awards-proposal-submitted-vi');
  await session.phoneShot(officer, 'awards-proposal-submitted-vi-phone', { top: true });

  // the commander: approve → decision → certificate
  const page = await session.newPage();
  await signIn(page, app.url, 'commander');
  await page.goto(`${app.url}/campaigns/${campaignId}/awards`);
  await page.click('main a[href^="/proposals/"]:not([href="/proposals/inbox"])'); // the header links the chain's inbox
  await page.waitForURL(proposalUrl);
  assert.equal(await page.locator('a[href$="/edit"]').count(), 0, 'a commander does not edit lines');
  await page.click('form[action$="/approve"] button');
  await page.waitForURL(proposalUrl);
  assert.match((await page.textContent('.flash')) ?? '', /Đã phê duyệt đề nghị/);
  await readyToDecide(app.prisma, Number(new URL(proposalUrl).pathname.split('/').pop()));
  await page.fill('input[name=number]', '125/QĐ-BCH');
  await page.fill('input[name=date]', '2021-07-15');
  await page.fill('input[name=signerName]', 'Đại tá Phạm Văn Dũng');
  assert.equal(await page.inputValue('input[name=signingAuthority]'), 'Bộ Chỉ huy Quân sự tỉnh Quảng Ninh', 'prefilled from the campaign');
  await session.shot(page, 'awards-proposal-approved-vi');
  await page.click('form[action$="/decision"] button[type=submit]');
  await page.waitForURL(/\/decisions\/\d+$/);
  assert.match((await page.textContent('.flash')) ?? '', /Đã ban hành quyết định số 125\/QĐ-BCH/);
  assert.equal(await page.locator('.aw-awards tbody tr').count(), 4);
  await session.shot(page, 'awards-decision-vi');
  await session.phoneShot(page, 'awards-decision-vi-phone', { top: true });
  const decisionUrl = page.url();

  // the certificate of the first award: on screen, print preview and PDF
  await page.click('.aw-awards tbody tr:first-child a[href$="/certificate"]');
  await page.waitForURL(/\/certificate$/);
  assert.match((await page.textContent('.cert')) ?? '', /Độc lập - Tự do - Hạnh phúc/);
  assert.match((await page.textContent('.cert')) ?? '', /Bằng khen của Bộ trưởng Bộ Quốc phòng \(tập thể\)/);
  assert.match((await page.textContent('.cert')) ?? '', /Quyết định số 125\/QĐ-BCH ngày 15\/07\/2021/);
  await session.shot(page, 'awards-certificate-vi');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.pr-toolbar').isVisible(), false, 'the toolbar is not printed');
  await session.shot(page, 'awards-certificate-vi-print');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync(path.join(SHOTS_DIR, 'awards-certificate-vi.pdf'), pdf);
  const facts = pdfFacts(pdf);
  assert.equal(facts.pages, 1, 'a certificate prints on one page');
  assert.ok(facts.width > facts.height && Math.abs(facts.width - 841.89) < 2, `A4 landscape (${facts.width}×${facts.height})`);
  await page.emulateMedia({ media: 'screen' });
  await session.phoneShot(page, 'awards-certificate-vi-phone', { top: true });

  // the decision list, A4 portrait
  await page.goto(`${decisionUrl}/print`);
  await page.emulateMedia({ media: 'print' });
  await session.shot(page, 'awards-decision-print-vi');
  const list = pdfFacts(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  assert.ok(list.height > list.width && Math.abs(list.width - 595.28) < 2, `A4 portrait (${list.width}×${list.height})`);
  await page.emulateMedia({ media: 'screen' });

  // English
  await page.goto(decisionUrl);
  await switchLanguage(page, 'en');
  await session.shot(page, 'awards-decision-en');
  await page.click('.aw-awards tbody tr:last-child a[href$="/certificate"]');
  await page.waitForURL(/\/certificate$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match((await page.textContent('.cert')) ?? '', /Independence - Freedom - Happiness/);
  await session.shot(page, 'awards-certificate-en');
  await page.emulateMedia({ media: 'print' });
  await session.shot(page, 'awards-certificate-en-print');
  const enPdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync(path.join(SHOTS_DIR, 'awards-certificate-en.pdf'), enPdf);
  assert.equal(pdfFacts(enPdf).pages, 1, 'the English certificate prints on one page too');
  await page.emulateMedia({ media: 'screen' });
  await page.goto(proposalUrl);
  await session.shot(page, 'awards-proposal-decided-en');
  await switchLanguage(page, 'vi');
});
