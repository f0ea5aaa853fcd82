// The contacts screens end to end, at phone and desktop size: contacts made through the API
// (one of them a customer with purchases sent through the ingest API) show in the list; a
// phone typed another way finds its contact; the card shows the purchase totals in the
// reader's money format and the purchases, edits a field in place and adds a note to the
// timeline; a known phone in "New contact" opens the existing contact; two duplicates merge on
// the duplicates screen; a company shows its contacts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { BASE_URL, VIEWPORTS, api, launch, openPage, registerCompany, requireBaseUrl, screenshot, useSession } from './helpers.js';

const PASSWORD = 'Spring-Contacts-2026!';

/** Calls the ingest API with an API key; throws on an error status. */
async function ingest(key, path, body) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** Money as the PWA shows it in English. */
function rub(amount) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'RUB' }).format(amount);
}

async function noOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} is ${overflow}px too wide`);
}

for (const size of VIEWPORTS) {
  const phone = size.name === 'phone';

  describe(`Contacts on a ${size.name} (${size.viewport.width}×${size.viewport.height})`, () => {
    let browser;
    let context;
    let page;
    let errors;
    let owner;
    const contacts = {};
    let company;

    before(async () => {
      requireBaseUrl();
      owner = await registerCompany(`contacts-${size.name}`, PASSWORD);
      const create = (body) => api(owner.token, 'POST', '/contacts', body);
      company = await api(owner.token, 'POST', '/companies', { name: 'Roga & Kopyta', domain: 'roga.example' });
      contacts.anna = await create({
        name: 'Anna Smirnova',
        phones: ['+7 900 111-22-33'],
        emails: ['anna@example.com'],
        city: 'Almaty',
        company_id: company.id,
      });
      contacts.boris = await create({ name: 'Boris Ivanov', phones: ['+7 901 555-44-33'], company_id: company.id });
      contacts.ivan = await create({ name: 'Ivan Petrov', phones: ['+7 902 000-11-22'] });
      contacts.petrov = await create({ name: 'Petrov Ivan', emails: ['ivan.petrov@example.com'] });
      const { secret } = await api(owner.token, 'POST', '/api-keys', { name: 'Shop', scopes: ['ingest'] });
      await ingest(secret, '/ingest/customers', { external_id: 'cust-1', name: 'Anna Smirnova', phone: '+7 900 111-22-33' });
      // Two customers of the shop with one name: duplicates the shop itself must merge.
      await ingest(secret, '/ingest/customers', { external_id: 'cust-2', name: 'Maria Orlova', phone: '+7 903 111-00-01' });
      await ingest(secret, '/ingest/customers', { external_id: 'cust-3', name: 'Maria Orlova', phone: '+7 903 111-00-02' });
      await ingest(secret, '/ingest/purchases', {
        external_id: 'order-1',
        customer_external_id: 'cust-1',
        amount: '1250.50',
        currency: 'RUB',
        purchased_at: '2026-10-01T10:00:00Z',
        items: [{ name: 'Green tea', quantity: 2, unit_price: '625.25' }],
      });
      await ingest(secret, '/ingest/purchases', {
        external_id: 'order-2',
        customer_external_id: 'cust-1',
        amount: '3000',
        currency: 'RUB',
        purchased_at: '2026-11-01T10:00:00Z',
        items: [{ name: 'Teapot', quantity: 1, unit_price: '3000' }],
      });
      browser = await launch();
      ({ context, page, errors } = await openPage(browser, size));
      await useSession(page, owner.session);
    });

    after(async () => {
      await context?.close();
      await browser?.close();
    });

    test('the list shows the contacts and finds one by a phone typed another way', async () => {
      await page.goto('/contacts');
      await page.locator(`.contact-row[data-contact="${contacts.anna.id}"]`).waitFor();
      await page.locator('.contact-row', { hasText: 'Maria Orlova' }).nth(1).waitFor();
      assert.equal(await page.locator('.contact-row').count(), 6);
      assert.match(await page.locator('.list-foot').textContent(), /Total: 6/);
      const anna = page.locator(`.contact-row[data-contact="${contacts.anna.id}"]`);
      await anna.locator('.col-company', { hasText: 'Roga & Kopyta' }).waitFor();
      await anna.locator('.col-owner', { hasText: 'Olga Petrova' }).waitFor();
      await screenshot(page, size, 'contacts-01-list');
      await noOverflow(page, 'the list');
      await page.getByRole('searchbox').fill('(900) 111-2233');
      await page.waitForFunction(() => document.querySelectorAll('.contact-row').length === 1);
      assert.match(await page.locator('.contact-row').textContent(), /Anna Smirnova/);
      await screenshot(page, size, 'contacts-02-search');
      await page.getByRole('link', { name: 'Anna Smirnova' }).click();
      await page.waitForURL(`**/contacts/${contacts.anna.id}`);
    });

    test('the card shows purchase totals and rows, edits in place and keeps notes', async () => {
      await page.locator('.purchase-totals').waitFor();
      const totals = await page.locator('.purchase-totals').textContent();
      assert.ok(totals.includes(rub('4250.50')), `${totals} holds the total`);
      assert.ok(totals.includes(rub('2125.25')), `${totals} holds the average order value`);
      await page.locator('.purchase-row').nth(1).waitFor();
      assert.equal(await page.locator('.purchase-row').count(), 2);
      assert.match(await page.locator('.purchase-row').first().textContent(), /order-2/);
      assert.ok((await page.locator('.purchase-row').first().textContent()).includes(rub('3000')));
      assert.match(await page.locator('.purchase-dates').textContent(), /1 Oct 2026|Oct 1, 2026/);
      assert.equal(await page.locator('a[href="tel:+79001112233"]').count(), 1);
      await screenshot(page, size, 'contacts-03-card');

      await page.locator('button.inline-value[name=city]').click();
      await page.locator('input[name=city]').fill('Astana');
      await page.locator('input[name=city]').press('Enter');
      await page.locator('button.inline-value[name=city]', { hasText: 'Astana' }).waitFor();

      await page.locator('button.inline-value[name=phones]').click();
      await page.locator('input[name=phones]').fill('+7 900 111-22-33, not a phone');
      await page.locator('input[name=phones]').press('Enter');
      await page.locator('.inline-field.has-error .field-error').waitFor();
      await page.locator('input[name=phones]').press('Escape');

      await page.getByLabel('Note', { exact: true }).fill('Prefers green tea, call after 6 pm');
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.locator('.tl-note', { hasText: 'Prefers green tea' }).waitFor();
      assert.match(await page.locator('.tl-note').first().textContent(), /Olga Petrova/);
      await page.reload();
      await page.locator('button.inline-value[name=city]', { hasText: 'Astana' }).waitFor();
      await page.locator('.tl-note', { hasText: 'Prefers green tea' }).waitFor();
      await screenshot(page, size, 'contacts-04-card-timeline');
      await noOverflow(page, 'the card');
    });

    test('a contact with purchases is not deleted, and says why', async () => {
      await page.getByRole('button', { name: 'Delete contact' }).click();
      await page.locator('.confirm').getByRole('button', { name: 'Delete contact' }).click();
      await page.locator('.confirm .alert-error', { hasText: 'has purchases' }).waitFor();
      await page.locator('.confirm').getByRole('button', { name: 'Cancel' }).click();
    });

    test('a known phone in "New contact" opens the existing contact', async () => {
      await page.goto('/contacts');
      await page.getByRole('button', { name: 'New contact' }).click();
      const sheet = page.getByRole('dialog');
      await sheet.getByLabel('Name').fill('Boris I.');
      await sheet.getByLabel('Phones').fill('+7 (901) 555 44 33');
      await screenshot(page, size, 'contacts-05-new');
      await sheet.getByRole('button', { name: 'Create contact' }).click();
      await page.waitForURL(new RegExp(`/contacts/${contacts.boris.id}\\?existing=1$`));
      await page.getByText('already known').waitFor();
    });

    test('two duplicates merge into the one picked to keep', async () => {
      await page.goto('/contacts');
      await page.getByRole('link', { name: 'Duplicates' }).click();
      const group = page.locator('.duplicate-group', { hasText: 'Same name: ivan petrov' });
      await group.waitFor();
      assert.equal(await group.locator('.duplicate-choice').count(), 2);
      await group.locator('.duplicate-choice', { hasText: 'Petrov Ivan' }).click();
      await group.getByRole('button', { name: 'Merge' }).click();
      await screenshot(page, size, 'contacts-06-duplicates');
      await group.locator('.confirm').getByRole('button', { name: 'Merge' }).click();
      await page.getByText('Merged into').waitFor();
      await group.waitFor({ state: 'detached' });
      const left = await api(owner.token, 'GET', '/contacts?q=petrov');
      assert.equal(left.total, 1);
      assert.equal(left.items[0].id, contacts.petrov.id);
      assert.deepEqual(left.items[0].phones.map((p) => p.e164), ['+79020001122']);
    });

    test('customers of the company\'s own system are not merged here, and it says why', async () => {
      const group = page.locator('.duplicate-group', { hasText: 'Same name: maria orlova' });
      await group.getByRole('button', { name: 'Merge' }).click();
      await group.locator('.confirm').getByRole('button', { name: 'Merge' }).click();
      await group.locator('.alert-error', { hasText: 'customers of your own system' }).waitFor();
      await screenshot(page, size, 'contacts-06b-merge-refused');
      const marias = await api(owner.token, 'GET', '/contacts?q=maria');
      assert.equal(marias.total, 2);
    });

    test('a company shows its contacts', async () => {
      await page.goto('/companies');
      await page.getByRole('link', { name: 'Roga & Kopyta' }).click();
      await page.waitForURL(`**/companies/${company.id}`);
      await page.locator('.related-row', { hasText: 'Anna Smirnova' }).waitFor();
      assert.equal(await page.locator('.related-row').count(), 2);
      await page.locator('button.inline-value[name=domain]').click();
      await page.locator('input[name=domain]').fill('roga-kopyta.example');
      await page.locator('input[name=domain]').press('Enter');
      await page.locator('button.inline-value[name=domain]', { hasText: 'roga-kopyta.example' }).waitFor();
      await screenshot(page, size, 'contacts-07-company');
      await noOverflow(page, 'the company card');
      if (phone) {
        await page.setViewportSize({ width: 360, height: size.viewport.height });
        for (const path of ['/contacts', `/contacts/${contacts.anna.id}`, '/contacts/duplicates', '/companies']) {
          await page.goto(path);
          await page.locator('.page-title, .lead-hero').first().waitFor();
          await page.waitForTimeout(300);
          await noOverflow(page, `${path} at 360px`);
        }
        await page.setViewportSize(size.viewport);
      }
      assert.deepEqual(errors, []);
    });
  });
}
