// The dossier of a proposal in the browser: the list of documents, and the print views of the decision 298/QĐ-BCH,
// the tờ trình and the biên bản of the flag proposal, on screen (vi, en, phone) and in print (A4 portrait).
import assert from 'node:assert/strict';
import { pdfFacts, signIn, useBrowserApp, useLanguage } from '../helpers/browser.ts';
import { heldMeeting } from '../helpers/council.ts';

let decidedId: number;
let flagId: number;
const web = useBrowserApp(async (app) => {
  decidedId = (await app.prisma.awardDecision.findUniqueOrThrow({ where: { number: '298/QĐ-BCH' } })).proposalId;
  const flag = await app.prisma.awardProposal.findFirstOrThrow({ where: { status: 'SUBMITTED', items: { some: { title: { code: 'CO_QK' } } } }, include: { items: true } });
  flagId = flag.id;
  await heldMeeting(app.prisma, flagId, [{ lineId: flag.items[0].id, agree: 7, disagree: 1, writtenAgree: 2, writtenDisagree: 0, passed: true }]);
});

web.test('the dossier lists its documents and each prints on A4 portrait in the Decree 30 layout', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'officer');
  await page.goto(`${app.url}/proposals/${flagId}/documents`);
  assert.equal(await page.locator('tr[data-doc]').count(), 6);
  await session.shots(page, 'documents-index-vi');
  for (const [id, kind] of [[flagId, 'submission'], [flagId, 'minutes'], [flagId, 'ballots'], [flagId, 'achievements'], [decidedId, 'decision']] as const) {
    await page.goto(`${app.url}/proposals/${id}/documents/${kind}`);
    assert.equal(await page.locator('.od-motto').textContent(), 'Độc lập - Tự do - Hạnh phúc');
    await session.shot(page, `documents-${kind}-vi`);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.pr-toolbar').isVisible(), false, 'the toolbar is not printed');
    const pdf = pdfFacts(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    assert.ok(pdf.height > pdf.width && Math.abs(pdf.width - 595.28) < 2, `${kind}: A4 portrait (${pdf.width}×${pdf.height})`);
    await page.emulateMedia({ media: 'screen' });
  }
  await page.goto(`${app.url}/proposals/${flagId}/documents/minutes`);
  await session.phoneShot(page, 'documents-minutes-vi-phone', { top: true });
  await page.goto(`${app.url}/proposals/${flagId}/documents`);
  await useLanguage(page, 'en');
  await session.shot(page, 'documents-index-en');
  await page.goto(`${app.url}/proposals/${flagId}/documents/submission`);
  assert.equal(await page.locator('.od-motto').textContent(), 'Independence - Freedom - Happiness');
  await session.shot(page, 'documents-submission-en');
});
