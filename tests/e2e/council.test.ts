// The council in the browser: the council page, a planned meeting's attendance and agenda form, marking it held,
// entering the ballot counts (one line passing, one refused with its numbers), the minutes; vi, en and 390 px.
import assert from 'node:assert/strict';
import { clickAndWait, signIn, switchLanguage, useBrowserApp } from '../helpers/browser.ts';

const web = useBrowserApp();

web.test('council, meeting, ballot entry and minutes in vi and en, and at 390 px', async ({ app, session }) => {
  const p = app.prisma;
  const province = await p.unit.findFirstOrThrow({ where: { commandLevel: 'PROVINCE', demo: true } });
  const council = await p.council.findFirstOrThrow({ where: { unitId: province.id }, include: { members: true } });
  const campaign = await p.campaign.findFirstOrThrow({ where: { commandUnitId: province.id, titles: { some: { code: 'CSTDCS' } } }, include: { titles: { where: { code: 'CSTDCS' } } } });
  const people = await p.person.findMany({ where: { unit: { code: 'HALONG' } }, take: 2, orderBy: { id: 'asc' } });
  const proposal = await p.awardProposal.create({
    data: {
      campaignId: campaign.id, commandUnitId: province.id, holderUnitId: province.id, status: 'SUBMITTED', note: 'Đề nghị danh hiệu Chiến sĩ thi đua cơ sở',
      items: { create: people.map((x) => ({ titleId: campaign.titles[0].id, catalogId: campaign.titles[0].catalogId, personId: x.id })) },
    },
    include: { items: { orderBy: { id: 'asc' } } },
  });
  const sitting = council.members.filter((m) => !m.toDate);
  const meeting = await p.councilMeeting.create({
    data: {
      councilId: council.id, heldOn: new Date('2021-01-12T00:00:00Z'), place: 'Phòng họp Bộ CHQS tỉnh', secretary: 'Thiếu tá Ngô Văn Tuấn',
      agenda: { create: [{ proposalId: proposal.id }] },
      attendances: { create: sitting.map((m, i) => ({ memberId: m.id, present: i < 7 })) },
    },
  });

  const page = await session.newPage();
  await signIn(page, app.url, 'officer');
  for (const lang of ['vi', 'en'] as const) {
    if (lang === 'en') await switchLanguage(page, 'en');
    await page.goto(`${app.url}/council/${council.id}`);
    assert.equal(await page.locator('.hd-members tbody tr').count(), council.members.length);
    await session.shots(page, `council-${lang}`);
    await page.goto(`${app.url}/meetings/${meeting.id}`);
    assert.equal(await page.locator('input[name=present]:checked').count(), 7);
    await session.shots(page, `council-meeting-planned-${lang}`);
  }
  await switchLanguage(page, 'vi');
  await page.goto(`${app.url}/meetings/${meeting.id}`);
  await clickAndWait(page, 'form.hd-held button[type=submit]');
  assert.match(page.url(), /\/ballots$/);
  const [a, b] = proposal.items;
  await page.fill(`#f-agree-${a.id}`, '7');
  await page.fill(`#f-disagree-${a.id}`, '0');
  await page.fill(`#f-writtenAgree-${a.id}`, '2');
  await page.fill(`#f-agree-${b.id}`, '7');
  await page.fill(`#f-disagree-${b.id}`, '0');
  await page.fill(`#f-writtenAgree-${b.id}`, '3');
  await clickAndWait(page, 'form.hd-ballots button[type=submit]');
  assert.match((await page.textContent(`#f-writtenAgree-${b.id}-error`)) ?? '', /vượt quá số thành viên vắng mặt \(2\)/);
  await session.shots(page, 'council-ballots-error-vi');
  await page.fill(`#f-writtenAgree-${b.id}`, '1');
  await page.fill(`#f-writtenDisagree-${b.id}`, '1');
  await clickAndWait(page, 'form.hd-ballots button[type=submit]');
  assert.match((await page.textContent(`[data-line="${b.id}"] .hd-result`)) ?? '', /8\/9 thành viên đồng ý = 88,9%, cần 90% tổng số thành viên/);
  for (const lang of ['vi', 'en'] as const) {
    if (lang === 'en') await switchLanguage(page, 'en');
    // the minutes' print view has no language switch: it comes first, and the last page of each round has one
    await page.goto(`${app.url}/meetings/${meeting.id}/minutes`);
    assert.match((await page.textContent('.hd-ballot-table')) ?? '', /9\/9 = 100%/);
    await session.shots(page, `council-minutes-${lang}`);
    await page.goto(`${app.url}/meetings/${meeting.id}`);
    await session.shots(page, `council-meeting-held-${lang}`);
    await page.goto(`${app.url}/meetings/${meeting.id}/ballots`);
    await session.shots(page, `council-ballots-${lang}`);
  }
  await switchLanguage(page, 'vi');
});
