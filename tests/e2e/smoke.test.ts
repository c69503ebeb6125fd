import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { browserOrSkip, clickAndWait, type BrowserSession } from '../helpers/browser.ts';

let app: TestApp;
let session: BrowserSession | null;
before(async () => {
  session = await browserOrSkip();
  if (session) app = await startTestApp();
});
after(async () => {
  await session?.close();
  await app?.close();
});

test('browser smoke: log in, see the home page, switch language', async (t) => {
  if (!session) return t.skip('Chromium not found at /usr/bin/chromium: browser test skipped');
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
  await clickAndWait(page, '.lang-switch button');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('h1') ?? '', /Hello/);
  await session.shot(page, 'home-en');
  await page.setViewportSize({ width: 390, height: 844 });
  await session.shot(page, 'home-en-phone');
});
