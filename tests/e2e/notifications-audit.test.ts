// Browser test with screenshots: a unit reads its notifications (badge, inbox, follow one, mark all read),
// and an admin filters the audit trail; vi, en and phone widths.
import assert from 'node:assert/strict';
import { PHONE, clickAndWait, signIn, switchLanguage, useBrowserApp } from '../helpers/browser.ts';
import { notify } from '../../src/notifications/service.ts';

const web = useBrowserApp();

web.test('a unit account sees its unread count, reads a notification and marks the rest read', async ({ app, session }) => {
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } });
  const unit = await app.prisma.unit.findFirstOrThrow({ where: { code: 'HALONG' } });
  const link = `/campaigns/${campaign.id}/pledges/${unit.id}`;
  const params = { unit: unit.name, campaign: campaign.name };
  await notify(app.prisma, { toUnit: unit.id, kind: 'notifications.kind.pledgeApproved', params, link });
  await notify(app.prisma, { toUnit: unit.id, kind: 'scoring.notify.returned', params: { period: 'Kỳ 2 (tháng 3–4/2021)', campaign: campaign.name }, link });
  await notify(app.prisma, { toUnit: unit.id, kind: 'notifications.kind.pledgeReturned', params: { ...params, reason: 'Chỉ tiêu huấn luyện chưa cụ thể, đề nghị bổ sung tỷ lệ khá, giỏi.' }, link });

  const page = await session.newPage();
  await signIn(page, app.url, 'halong');
  assert.equal((await page.textContent('.topbar-tools .nt-badge'))?.replace(/\s+/g, ' ').trim(), 'Thông báo (3)');
  assert.equal(await page.getAttribute('.topbar-tools .nt-badge', 'aria-label'), 'Thông báo: 3 chưa đọc');
  await clickAndWait(page, '.topbar-tools .nt-badge');
  assert.equal(await page.locator('.nt-unread').count(), 3);
  await session.shot(page, 'notifications-vi');
  await clickAndWait(page, '.nt-item:nth-child(3) .nt-text');
  assert.equal(new URL(page.url()).pathname, link);
  assert.match((await page.textContent('.topbar-tools .nt-badge')) ?? '', /\(2\)/);
  await clickAndWait(page, '.topbar-tools .nt-badge');
  await switchLanguage(page, 'en');
  assert.match((await page.textContent('h1')) ?? '', /Notifications/);
  await session.shot(page, 'notifications-en');
  await page.setViewportSize(PHONE);
  await session.shot(page, 'notifications-en-phone');
  await clickAndWait(page, 'form[action="/notifications/read-all"] button');
  assert.equal(await page.locator('.nt-unread').count(), 0);
  assert.doesNotMatch((await page.textContent('.topbar-tools .nt-badge')) ?? '', /\(/);
  await session.shot(page, 'notifications-read-en-phone');
});

web.test('an admin filters the audit trail by action and day, with a clear message for a bad date', async ({ app, session }) => {
  const page = await session.newPage();
  await signIn(page, app.url, 'admin');
  // a change over HTTP to find in the trail
  await page.goto(app.url + '/admin/users');
  await clickAndWait(page, 'form[action$="/active"] button');
  // the admin's Audit link sits in the user menu (the main menu keeps to one line at 1280 px)
  await page.click('.user-menu > summary');
  await clickAndWait(page, '.user-menu-panel a[href="/admin/audit"]');
  await session.shot(page, 'audit-vi');
  await page.selectOption('#f-action', { index: 1 });
  await clickAndWait(page, '.au-filters button[type=submit]');
  assert.match(page.url(), /action=/);
  await page.goto(app.url + '/admin/audit?action=user.deactivate&from=2021-02-30');
  assert.match((await page.textContent('#f-from-error')) ?? '', /Ngày không hợp lệ/);
  await session.shot(page, 'audit-bad-date-vi');
  await page.goto(app.url + '/admin/audit?action=user.deactivate');
  assert.equal(await page.locator('.au-table tbody tr').count(), 1);
  await switchLanguage(page, 'en');
  await session.shot(page, 'audit-en');
  await page.setViewportSize(PHONE);
  await page.goto(app.url + '/admin/audit');
  await session.shot(page, 'audit-en-phone');
});
