// The PWA end to end, at phone and desktop size: register a company, sign out, sign in,
// add a manager, find them in the team list, switch the language.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { VIEWPORTS, launch, openPage, requireBaseUrl, screenshot, totpCode, uniqueEmail } from './helpers.js';

const PASSWORD = 'Spring-Funnel-2026!';

for (const size of VIEWPORTS) {
  describe(`Voronka PWA on a ${size.name} (${size.viewport.width}×${size.viewport.height})`, () => {
    let browser;
    let context;
    let page;
    let errors;
    const owner = {
      company: `Acme ${size.name} ${Date.now().toString(36)}`,
      name: 'Olga Petrova',
      email: uniqueEmail(`owner-${size.name}`),
    };
    const manager = {
      name: 'Ivan Managerov',
      email: uniqueEmail(`manager-${size.name}`),
    };

    before(async () => {
      requireBaseUrl();
      browser = await launch();
      ({ context, page, errors } = await openPage(browser, size));
    });

    after(async () => {
      await context?.close();
      await browser?.close();
    });

    test('the sign-in screen shows the brand and a language switch', async () => {
      await page.goto('/login');
      await page.locator('.auth-card h1').waitFor();
      assert.equal(await page.locator('.auth-card h1').textContent(), 'Welcome back');
      await page.getByRole('button', { name: 'RU' }).waitFor();
      await page.getByRole('button', { name: 'EN' }).waitFor();
      await screenshot(page, size, '01-login');
    });

    test('a new company registers and lands on its home screen', async () => {
      await page.getByRole('link', { name: 'Create a company account' }).click();
      await page.waitForURL('**/register');
      await page.locator('input[name=company_name]').fill(owner.company);
      await page.locator('input[name=name]').fill(owner.name);
      await page.locator('input[name=email]').fill(owner.email);
      // A weak password is refused by the server and explained under the field.
      await page.locator('input[name=password]').fill('short');
      await page.locator('button[type=submit]').click();
      const passwordError = page.locator('.field.has-error', { has: page.locator('input[name=password]') }).locator('.field-error');
      await passwordError.waitFor();
      assert.equal(await passwordError.textContent(), 'Use at least 10 characters');
      assert.equal(await page.locator('input[name=password]').getAttribute('aria-invalid'), 'true');
      await page.locator('input[name=password]').fill(PASSWORD);
      await screenshot(page, size, '02-register');
      await page.locator('button[type=submit]').click();
      await page.locator('.hero-title').waitFor();
      assert.match(await page.locator('.hero-title').textContent(), /Olga/);
      assert.equal(await page.locator('.hero-company-name').textContent(), owner.company);
      assert.equal(await page.locator('.hero .badge').textContent(), 'Owner');
      await screenshot(page, size, '03-home');
    });

    test('the owner signs out and back in', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/login');
      await page.locator('input[name=email]').fill(owner.email);
      await page.locator('input[name=password]').fill(PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.locator('.hero-title').waitFor();
      assert.equal(new URL(page.url()).pathname, '/');
    });

    test('a wrong password is explained next to the form', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/login');
      await page.locator('input[name=email]').fill(owner.email);
      await page.locator('input[name=password]').fill('not-the-password');
      await page.locator('button[type=submit]').click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.textContent(), /Wrong e-mail or password/);
      await screenshot(page, size, '04-login-error');
      await page.locator('input[name=password]').fill(PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.locator('.hero-title').waitFor();
    });

    test('the owner adds a manager and finds them in the team', async () => {
      // The side bar on desktops; the home screen's set-up link on phones (the bottom bar has
      // room for five: leads, contacts, home, insights, profile).
      await page.locator('a[href="/team"]:visible').first().click();
      await page.waitForURL('**/team');
      await page.locator('.person').first().waitFor();
      await page.getByRole('button', { name: 'Add user' }).click();
      const sheet = page.getByRole('dialog');
      await sheet.waitFor();
      await sheet.locator('input[name=name]').fill(manager.name);
      await sheet.locator('input[name=email]').fill(manager.email);
      await sheet.locator('select[name=role]').selectOption('manager');
      await sheet.locator('input[name=start_date]').fill('2026-03-02');
      await sheet.locator('input[name=password]').fill('Manager-Pass-2026');
      await screenshot(page, size, '05-add-user');
      await sheet.locator('button[type=submit]').click();
      await sheet.waitFor({ state: 'detached' });
      const row = page.locator('.person', { hasText: manager.email });
      await row.waitFor();
      assert.match(await row.textContent(), /Sales manager/);
      assert.match(await row.textContent(), /Active/);

      await page.getByRole('searchbox').fill('managerov');
      await page.waitForFunction(() => document.querySelectorAll('.person').length === 1);
      assert.match(await page.locator('.person').textContent(), new RegExp(manager.email.replace(/[.]/g, '\\.')));
      await screenshot(page, size, '06-team');
    });

    test('a manager sees only what their role allows', async () => {
      await page.getByRole('button', { name: 'Sign out' }).first().click();
      await page.waitForURL('**/login');
      await page.locator('input[name=email]').fill(manager.email);
      await page.locator('input[name=password]').fill('Manager-Pass-2026');
      await page.locator('button[type=submit]').click();
      await page.locator('.hero-title').waitFor();
      assert.match(await page.locator('.hero .badge').textContent(), /Sales manager/);
      const nav = page.getByRole('navigation');
      assert.equal(await nav.getByRole('link', { name: 'Roles', exact: true }).count(), 0);
      assert.equal(await nav.getByRole('link', { name: 'API keys', exact: true }).count(), 0);
      await page.goto('/roles');
      await page.getByText("You don't have access to this page.").waitFor();
      await screenshot(page, size, '06b-manager-no-access');

      await page.getByRole('button', { name: 'Sign out' }).first().click();
      await page.waitForURL('**/login');
      await page.locator('input[name=email]').fill(owner.email);
      await page.locator('input[name=password]').fill(PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.locator('.hero-title').waitFor();
      await page.goto('/team');
      await page.locator('.person').first().waitFor();
    });

    test('the language switches between English and Russian', async () => {
      await page.getByRole('searchbox').fill('');
      const title = page.locator('.page-title');
      assert.equal(await title.textContent(), 'Team');
      await page.getByRole('button', { name: 'RU' }).click();
      await page.waitForFunction(() => document.querySelector('.page-title')?.textContent === 'Команда');
      assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
      await screenshot(page, size, '07-team-ru');
      await page.reload();
      await page.waitForFunction(() => document.querySelector('.page-title')?.textContent === 'Команда');
      await page.getByRole('button', { name: 'EN' }).click();
      await page.waitForFunction(() => document.querySelector('.page-title')?.textContent === 'Team');
    });

    test('the owner deactivates the manager', async () => {
      await page.goto('/team');
      const row = page.locator('.person', { hasText: manager.email });
      await row.waitFor();
      await row.getByRole('button', { name: `Edit ${manager.name}` }).click();
      const sheet = page.getByRole('dialog');
      // The sheet also holds the work schedule (its own form): one fieldset per weekday.
      await sheet.getByTestId('schedule').locator('fieldset').first().waitFor();
      assert.equal(await sheet.getByTestId('schedule').locator('fieldset').count(), 7);
      await sheet.locator('select[name=status]').selectOption('inactive');
      await sheet.locator('form', { has: page.locator('select[name=status]') }).locator('button[type=submit]').click();
      await sheet.waitFor({ state: 'detached' });
      await page.getByText(`Changes to ${manager.name} saved.`).waitFor();
      await page.waitForFunction(
        (email) => [...document.querySelectorAll('.person')].some((r) => r.textContent.includes(email) && r.textContent.includes('Inactive')),
        manager.email,
      );
    });

    test('the other screens render: roles, API keys, profile', async () => {
      await page.goto('/roles');
      await page.locator('table.matrix').waitFor();
      await screenshot(page, size, '08-roles');
      // Let guests read the team, and save that role.
      if (size.name === 'phone') await page.locator('.role-tab', { hasText: 'Guest' }).click();
      const guestSeesTeam = page.getByRole('checkbox', { name: 'Guest — See the team' });
      const wasChecked = await guestSeesTeam.isChecked();
      await guestSeesTeam.click();
      await page.getByRole('button', { name: 'Save — Guest' }).click();
      await page.getByText('Permissions for “Guest” saved.').waitFor();
      await page.reload();
      await page.locator('table.matrix').waitFor();
      if (size.name === 'phone') await page.locator('.role-tab', { hasText: 'Guest' }).click();
      assert.equal(await page.getByRole('checkbox', { name: 'Guest — See the team' }).isChecked(), !wasChecked);

      await page.goto('/api-keys');
      await page.getByRole('button', { name: 'New API key' }).click();
      await page.locator('input[name=name]').fill('Website form');
      await page.locator('button[type=submit]').click();
      const secret = page.getByTestId('api-key-secret');
      await secret.waitFor();
      assert.ok((await secret.textContent()).length > 16);
      await page.locator('.key-row', { hasText: 'Website form' }).waitFor();
      await screenshot(page, size, '09-api-keys');
      await page.getByRole('button', { name: "I've saved the key" }).click();
      await page.locator('.key-row').getByRole('button', { name: 'Revoke' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
      await page.getByText('No API keys yet').waitFor();

      await page.goto('/profile');
      await page.locator('.profile-name').waitFor();
      assert.equal(await page.locator('.profile-name').textContent(), owner.name);
      await screenshot(page, size, '10-profile');
      await page.getByRole('button', { name: 'Set up two-factor' }).click();
      await page.locator('svg.qr').waitFor();
      await screenshot(page, size, '11-two-factor');
    });

    test('two-factor: turn on, sign in with a code, turn off', async () => {
      const secretText = await page.locator('code.secret').first().textContent();
      const secret = secretText.replace(/\s/g, '');
      await page.locator('input[name=code]').fill(totpCode(secret));
      await page.getByRole('button', { name: 'Confirm and turn on' }).click();
      await page.getByText('Two-factor authentication is on.').waitFor();

      await page.getByRole('button', { name: 'Sign out' }).first().click();
      await page.waitForURL('**/login');
      await page.locator('input[name=email]').fill(owner.email);
      await page.locator('input[name=password]').fill(PASSWORD);
      await page.locator('button[type=submit]').click();
      const code = page.locator('input[name=totp_code]');
      await code.waitFor();
      await screenshot(page, size, '12-login-code');
      await code.fill('000000');
      await page.locator('button[type=submit]').click();
      await page.getByRole('alert').waitFor();
      assert.match(await page.getByRole('alert').textContent(), /check the highlighted fields|code didn't work/i);
      await code.fill(totpCode(secret));
      await page.locator('button[type=submit]').click();
      await page.locator('.hero-title').waitFor();

      await page.goto('/profile');
      await page.getByRole('button', { name: 'Turn off two-factor' }).click();
      await page.locator('input[name=password]').fill(PASSWORD);
      await page.locator('input[name=code]').fill(totpCode(secret));
      await page.locator('form button[type=submit]', { hasText: 'Turn off two-factor' }).click();
      await page.getByText('Two-factor authentication is off.').waitFor();
    });

    test('no screen scrolls sideways, down to 360 px wide', async () => {
      const widths = size.name === 'phone' ? [360, size.viewport.width] : [size.viewport.width];
      for (const width of widths) {
        await page.setViewportSize({ width, height: size.viewport.height });
        for (const path of ['/', '/team', '/roles', '/api-keys', '/audit', '/profile']) {
          await page.goto(path);
          await page.locator('.page-title, .hero-title').first().waitFor();
          await page.waitForTimeout(300);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${path} at ${width}px is ${overflow}px too wide`);
        }
      }
      await page.setViewportSize(size.viewport);
    });

    test('no page error happened', () => {
      assert.deepEqual(errors, []);
    });
  });
}
