// The session survives its access token: the PWA renews it transparently (when it has expired
// and when the server refuses it), and sends the user to sign in when renewal is impossible.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, VIEWPORTS, launch, openPage, requireBaseUrl, uniqueEmail } from './helpers.js';

const PASSWORD = 'Quiet-Harbour-2026!';
const STORAGE_KEY = 'voronka.session';

describe('Voronka PWA session', () => {
  let browser;
  let context;
  let page;
  let errors;
  const email = uniqueEmail('session');

  before(async () => {
    requireBaseUrl();
    const answer = await fetch(`${BASE_URL}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ company_name: 'Session Test Ltd', name: 'Sam Session', email, password: PASSWORD }),
    });
    assert.equal(answer.status, 201);
    browser = await launch();
    ({ context, page, errors } = await openPage(browser, VIEWPORTS[1]));
    await page.goto('/login');
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.locator('.hero-title').waitFor();
  });

  after(async () => {
    await context?.close();
    await browser?.close();
  });

  const stored = () => page.evaluate((key) => JSON.parse(localStorage.getItem(key)), STORAGE_KEY);
  const patch = (changes) =>
    page.evaluate(
      ([key, changes]) => localStorage.setItem(key, JSON.stringify({ ...JSON.parse(localStorage.getItem(key)), ...changes })),
      [STORAGE_KEY, changes],
    );

  test('an expired access token is renewed before the call', async () => {
    const before = await stored();
    await patch({ expires_at_ms: 0 });
    await page.goto('/team');
    await page.locator('.person').first().waitFor();
    const after = await stored();
    assert.notEqual(after.refresh_token, before.refresh_token);
    assert.ok(after.expires_at_ms > Date.now());
  });

  test('a refused access token is renewed once and the call repeated', async () => {
    const before = await stored();
    await patch({ access_token: 'not-a-valid-token' });
    await page.goto('/api-keys');
    await page.locator('.page-title').waitFor();
    await page.getByRole('button', { name: 'New API key' }).waitFor();
    const after = await stored();
    assert.notEqual(after.access_token, 'not-a-valid-token');
    assert.notEqual(after.refresh_token, before.refresh_token);
  });

  test('changing the password keeps this device signed in on the fresh session', async () => {
    await page.goto('/profile');
    await page.locator('input[name=current_password]').fill(PASSWORD);
    await page.locator('input[name=new_password]').fill('Brand-New-Harbour-2027');
    await page.locator('input[name=repeat_password]').fill('Brand-New-Harbour-2027');
    const before = await stored();
    await page.locator('form', { has: page.locator('input[name=current_password]') }).locator('button[type=submit]').click();
    await page.locator('.alert-success').waitFor();
    const after = await stored();
    assert.notEqual(after.refresh_token, before.refresh_token, 'the new session replaced the old one');
    // The old refresh token is dead on the server; renewal must use the new one.
    await patch({ expires_at_ms: 0 });
    await page.goto('/team');
    await page.locator('.person').first().waitFor();
  });

  test('a session that cannot be renewed ends on the sign-in screen', async () => {
    await patch({ access_token: 'not-a-valid-token', refresh_token: 'rt_unknown' });
    await page.goto('/team');
    await page.waitForURL('**/login?next=%2Fteam');
    assert.equal(await stored(), null);
  });

  test('the app shell starts offline once it has been loaded', async () => {
    await page.goto('/login');
    await page.locator('.auth-card h1').waitFor();
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      // The shell is cached during install; wait until this worker controls the page.
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      }
      return registration.active?.state;
    });
    await context.setOffline(true);
    try {
      await page.reload();
      await page.locator('.auth-card h1').waitFor();
      assert.equal(await page.locator('.auth-card h1').textContent(), 'Welcome back');
    } finally {
      await context.setOffline(false);
    }
  });

  test('a Russian browser gets the Russian interface, and the choice is remembered', async () => {
    const russian = await browser.newContext({ locale: 'ru-RU', baseURL: BASE_URL, viewport: { width: 390, height: 844 } });
    try {
      const ruPage = await russian.newPage();
      await ruPage.goto('/login');
      await ruPage.locator('.auth-card h1').waitFor();
      assert.equal(await ruPage.locator('.auth-card h1').textContent(), 'С возвращением');
      assert.equal(await ruPage.locator('html').getAttribute('lang'), 'ru');
      await ruPage.getByRole('button', { name: 'EN' }).click();
      await ruPage.reload();
      await ruPage.locator('.auth-card h1').waitFor();
      assert.equal(await ruPage.locator('.auth-card h1').textContent(), 'Welcome back');
    } finally {
      await russian.close();
    }
  });

  test('no page error happened', () => {
    assert.deepEqual(errors, []);
  });
});
