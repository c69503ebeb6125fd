// The chain of command in the browser: Quân khu 3's inbox and a proposal sent up to it, and the province's upward
// proposal with its forward form and path, in vi and en, at desktop and phone width (screenshots when asked for).
import assert from 'node:assert/strict';
import { signIn, useLanguage, useBrowserApp } from '../helpers/browser.ts';

let waiting: number;
let decided: number;
let flag: number;
const web = useBrowserApp(async (app) => {
  const region = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'QK3' } });
  waiting = (await app.prisma.awardProposal.findFirstOrThrow({ where: { status: 'FORWARDED', holderUnitId: region.id } })).id;
  decided = (await app.prisma.awardDecision.findUniqueOrThrow({ where: { number: '45/QĐ-BTL' } })).proposalId;
  // the province's council has approved the 2020 flag for Regiment 244: it is ready to go up
  const province = await app.prisma.unit.findUniqueOrThrow({ where: { code: 'BCHQS-QN' } });
  const p = await app.prisma.awardProposal.findFirstOrThrow({ where: { status: 'SUBMITTED', commandUnitId: province.id, items: { some: { title: { code: 'CO_QK' } } } } });
  await app.prisma.awardProposal.update({ where: { id: p.id }, data: { status: 'APPROVED' } });
  flag = p.id;
});

web.test('the province commander sees why its approved flag proposal goes up, and the forward form', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'commander');
  for (const lang of ['vi', 'en'] as const) {
    await page.goto(`${app.url}/proposals/${flag}`);
    await useLanguage(page, lang);
    assert.equal(await page.locator('form[action$="/forward"]').count(), 1);
    assert.equal(await page.locator('form[action$="/decision"]').count(), 0, 'no decision form above the province level');
    await session.shots(page, `chain-proposal-upward-${lang}`);
  }
});

web.test('Quân khu 3 reads its inbox and the proposal sent up to it; the province sees the path of one decided above', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'qk3.officer');
  for (const lang of ['vi', 'en'] as const) {
    await page.goto(`${app.url}/proposals/inbox`);
    await useLanguage(page, lang);
    assert.equal(await page.locator(`tr[data-proposal="${waiting}"]`).count(), 1);
    await session.shots(page, `chain-inbox-${lang}`);
    await page.goto(`${app.url}/proposals/${waiting}`);
    assert.equal(await page.locator('form[action$="/receive"]').count(), 1, 'the officer can receive it');
    assert.ok((await page.locator('table.ch-steps tr[data-action]').count()) >= 4);
    await session.shots(page, `chain-proposal-received-${lang}`);
  }
  const province = await session.newPage();
  await signIn(province, app.url, 'commander');
  await province.goto(`${app.url}/proposals/${decided}`);
  assert.equal(await province.locator('tr[data-action="DECIDE"]').count(), 1);
  await session.shots(province, 'chain-proposal-decided-vi');
});
