import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { PHONE, switchLanguage, useBrowserApp } from '../helpers/browser.ts';

const web = useBrowserApp();

web.test('browser smoke: log in, see the home page, switch language', async ({ app, session }) => {
  const page = await session.newPage();
  await page.goto(app.url + '/');
  await page.waitForURL(/\/login/);
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  await session.shot(page, 'login-vi');
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL(app.url + '/');
  assert.match(await page.textContent('h1') ?? '', /Xin chào/);
  assert.match(await page.textContent('main') ?? '', /Lập công dâng Đảng/);
  await session.shot(page, 'home-vi');
  await switchLanguage(page, 'en');
  assert.match(await page.textContent('h1') ?? '', /Hello/);
  await session.shot(page, 'home-en');
  await page.setViewportSize(PHONE);
  await session.shot(page, 'home-en-phone');
});
