// The integrator's path through the settings, at phone and desktop size (issue 4's "settings →
// API key → form snippet"): create an API key, create a web form, see and copy its embed
// snippet, post a submission to its public address and find the lead; then subscribe a webhook
// to a receiver this test runs on 127.0.0.1, send a test event, see it delivered in the log and
// check its Standard Webhooks signature.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, VIEWPORTS, api, launch, openPage, registerCompany, requireBaseUrl, screenshot, useSession } from './helpers.js';

const PASSWORD = 'Spring-Funnel-2026!';

/** A webhook receiver on a free 127.0.0.1 port that keeps every request it gets. */
async function startReceiver() {
  const received = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, received, url: `http://127.0.0.1:${server.address().port}/hooks/voronka` };
}

/** Whether the page is wider than the screen (it must never be). */
function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

for (const size of VIEWPORTS) {
  describe(`Integration settings on a ${size.name} (${size.viewport.width}×${size.viewport.height})`, () => {
    let browser;
    let context;
    let page;
    let errors;
    let owner;
    let receiver;
    let submitUrl;
    const visitor = { name: `Anna Formova ${size.name}`, phone: '+7 916 555-01-23', message: 'Call me back, please' };

    before(async () => {
      requireBaseUrl();
      owner = await registerCompany(`forms-${size.name}`, PASSWORD);
      receiver = await startReceiver();
      browser = await launch();
      ({ context, page, errors } = await openPage(browser, size));
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
      await useSession(page, owner.session);
    });

    after(async () => {
      await context?.close();
      await browser?.close();
      receiver?.server.close();
    });

    test('the owner creates an API key for the site', async () => {
      await page.goto('/api-keys');
      await page.getByRole('button', { name: 'New API key' }).click();
      await page.locator('input[name=name]').fill('Website');
      await page.locator('button[type=submit]').click();
      await page.getByTestId('api-key-secret').waitFor();
      await page.getByRole('button', { name: "I've saved the key" }).click();
      await page.locator('.key-row', { hasText: 'Website' }).waitFor();
    });

    test('a web form is created in the settings and shows its snippet to copy', async () => {
      await page.goto('/settings/forms');
      await page.getByText('No web forms yet').waitFor();
      await page.getByRole('button', { name: 'New form' }).click();
      const sheet = page.getByRole('dialog');
      // Saving without a name shows the server's problem next to the field.
      await sheet.getByRole('button', { name: 'Create form' }).click();
      await sheet.locator('.field.has-error input[name=name]').waitFor();
      await sheet.getByLabel('Form name').fill('Contact us');
      await sheet.getByRole('button', { name: 'Add field' }).click();
      const added = sheet.locator('.field-draft').nth(3);
      await added.getByLabel('Label').fill('Your city');
      await added.getByRole('button', { name: 'Move up' }).click();
      assert.equal(await sheet.locator('.field-draft').nth(2).getByLabel('Label').inputValue(), 'Your city');
      await sheet.getByLabel('Tags').fill('site, spring');
      await screenshot(page, size, 'integrations-01-form-editor');
      await sheet.getByRole('button', { name: 'Create form' }).click();
      await page.getByText('Form "Contact us" saved.').waitFor();
      const row = page.locator('.integ-row', { hasText: 'Contact us' });
      await row.waitFor();
      submitUrl = (await row.getByTestId('form-submit-url').textContent()).trim();
      assert.match(submitUrl, /\/api\/v1\/forms\/[^/]+\/submissions$/);

      await row.getByRole('button', { name: 'Embed code' }).click();
      const snippet = row.getByTestId('form-snippet');
      await snippet.waitFor();
      const html = await snippet.textContent();
      assert.ok(html.includes('<form') && html.includes(submitUrl), html);
      await row.locator('.snippet-head').first().getByRole('button', { name: 'Copy' }).click();
      await row.getByRole('button', { name: 'Copied' }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), html);
      assert.equal(await scrollsSideways(page), false);
      await screenshot(page, size, 'integrations-02-form-snippet');
    });

    test('a submission posted to the public address becomes a lead', async () => {
      const response = await fetch(submitUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...visitor, city: 'Kazan', _gotcha: '' }),
      });
      assert.equal(response.status, 201, await response.text());
      const leads = await api(owner.token, 'GET', '/leads?limit=50');
      assert.ok(JSON.stringify(leads).includes(visitor.name), 'the lead is in the API');
      await page.goto('/leads?view=list');
      await page.getByText(visitor.name).first().waitFor();
    });

    test('a webhook to a local receiver gets a signed test event, shown in the delivery log', async () => {
      await page.goto('/settings/webhooks');
      await page.getByText('No webhooks yet').waitFor();
      await page.getByRole('button', { name: 'New webhook' }).click();
      const sheet = page.getByRole('dialog');
      await sheet.getByLabel('Endpoint URL').fill('ftp://files.example.com/drop');
      await sheet.getByRole('button', { name: 'Create webhook' }).click();
      await sheet.locator('.field.has-error input[name=url]').waitFor();
      await sheet.getByLabel('Endpoint URL').fill(receiver.url);
      await sheet.getByLabel('Description').fill('Our back office');
      await sheet.getByRole('checkbox', { name: /Purchase recorded/ }).check();
      await screenshot(page, size, 'integrations-03-webhook-editor');
      await sheet.getByRole('button', { name: 'Create webhook' }).click();
      const secret = (await page.getByTestId('webhook-secret').textContent()).trim();
      assert.match(secret, /^whsec_/);
      await page.getByRole('button', { name: "I've saved the secret" }).click();

      const row = page.locator('.integ-row', { hasText: receiver.url });
      await row.getByRole('button', { name: 'Send test' }).click();
      await row.locator('.delivery[data-status=delivered]').waitFor({ timeout: 30_000 });
      assert.equal(await row.locator('.delivery', { hasText: 'webhook.test' }).count(), 1);
      assert.equal(await scrollsSideways(page), false);
      await screenshot(page, size, 'integrations-04-webhook-log');

      const ping = receiver.received.find((r) => r.body.includes('webhook.test'));
      assert.ok(ping, 'the receiver got the test event');
      const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
      const signed = `${ping.headers['webhook-id']}.${ping.headers['webhook-timestamp']}.${ping.body}`;
      const expected = `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
      assert.ok(ping.headers['webhook-signature'].split(' ').includes(expected), 'the signature matches');

      await row.locator('.delivery').first().getByRole('button', { name: 'Resend' }).click();
      await page.waitForFunction(() => document.querySelectorAll('.delivery').length >= 1);
    });

    test('no page error happened', () => {
      assert.deepEqual(errors, []);
    });
  });
}
