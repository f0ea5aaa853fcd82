// The deals screens end to end, at phone and desktop size: a deal made through the API shows in
// the list; the "New deal" form names a bad amount next to its field and then creates a deal;
// the deal card edits the amount in place (it stays after a reload) and marks the deal lost
// with a reason; the board moves a deal to another stage (drag on desktop, the card menu on a
// phone), asking for the reason before a lost stage, and the move stays after a reload; nothing
// scrolls sideways at 360 px; Russian shows Russian labels.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { VIEWPORTS, api, launch, openPage, registerCompany, requireBaseUrl, screenshot, useSession } from './helpers.js';

const PASSWORD = 'Spring-Funnel-2026!';

/** Money as the PWA shows it in English. */
function rub(amount) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'RUB' }).format(amount);
}

/** The board column of a stage, found by its heading. */
function column(page, name) {
  return page.locator('.column', { has: page.locator('.column-title', { hasText: new RegExp(`^${name}$`) }) });
}

function tile(page, id) {
  return page.locator(`.tile[data-card="${id}"]`);
}

function center(box) {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function stageId(pipeline, name) {
  const stage = pipeline.stages.find((s) => s.name === name);
  assert.ok(stage, `stage ${name}`);
  return stage.id;
}

async function noOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} is ${overflow}px too wide`);
}

for (const size of VIEWPORTS) {
  const phone = size.name === 'phone';

  describe(`Deals on a ${size.name} (${size.viewport.width}×${size.viewport.height})`, () => {
    let browser;
    let context;
    let page;
    let errors;
    let owner;
    let pipeline;
    let contact;
    const deals = {};

    before(async () => {
      requireBaseUrl();
      owner = await registerCompany(`deals-${size.name}`, PASSWORD);
      [pipeline] = await api(owner.token, 'GET', '/pipelines?kind=deal');
      contact = await api(owner.token, 'POST', '/contacts', {
        name: 'Anna Smirnova',
        phones: ['+7 900 111-22-33'],
      });
      deals.house = await api(owner.token, 'POST', '/deals', {
        title: 'House 10×12 for Anna',
        contact_id: contact.id,
        amount: '150000',
        currency: 'RUB',
        expected_close_date: '2020-01-15',
      });
      deals.sauna = await api(owner.token, 'POST', '/deals', {
        title: 'Sauna kit',
        amount: '42000.50',
        currency: 'RUB',
        stage_id: stageId(pipeline, 'In progress'),
      });
      browser = await launch();
      ({ context, page, errors } = await openPage(browser, size));
      await useSession(page, owner.session);
    });

    after(async () => {
      await context?.close();
      await browser?.close();
    });

    test('the list shows a deal made through the API with its contact, amount and overdue date', async () => {
      await page.goto('/deals?view=list');
      const row = page.locator(`.deal-row[data-deal="${deals.house.id}"]`);
      await row.waitFor();
      await row.getByText('Anna Smirnova').waitFor();
      const text = await row.textContent();
      assert.match(text, /House 10×12 for Anna/);
      assert.ok(text.includes(rub('150000')), `${text} holds the amount`);
      assert.match(text, /Overdue/);
      assert.equal(await page.locator('.deal-row').count(), 2);
      await page.getByRole('searchbox').fill('sauna');
      await page.waitForFunction(() => document.querySelectorAll('.deal-row').length === 1);
      await page.getByRole('searchbox').fill('');
      await page.waitForFunction(() => document.querySelectorAll('.deal-row').length === 2);
      await screenshot(page, size, 'deals-01-list');
      assert.deepEqual(errors, []);
    });

    test('the new-deal form names a bad amount next to it, then creates the deal', async () => {
      await page.getByRole('button', { name: 'New deal' }).click();
      const sheet = page.getByRole('dialog', { name: 'New deal' });
      await sheet.waitFor();
      await sheet.getByLabel('Deal title').fill('Bathhouse for Boris');
      await sheet.getByPlaceholder('Find a contact').fill('Anna');
      await sheet.getByRole('button', { name: /Anna Smirnova/ }).click();
      await sheet.getByLabel(/^Amount/).fill('lots');
      await sheet.getByLabel(/^Currency/).fill('rub');
      await sheet.getByRole('button', { name: 'Create deal' }).click();
      const error = sheet.locator('.field.has-error', { has: page.locator('input[name=amount]') }).locator('.field-error');
      await error.waitFor();
      await screenshot(page, size, 'deals-02-form-error');
      await sheet.getByLabel(/^Amount/).fill('98 000,50');
      await sheet.getByRole('button', { name: 'Create deal' }).click();
      await page.waitForURL(/\/deals\/[0-9a-f-]+$/);
      await page.getByTestId('deal-amount').filter({ hasText: rub('98000.50') }).waitFor();
      await page.getByTestId('deal-contact').filter({ hasText: 'Anna Smirnova' }).waitFor();
      assert.deepEqual(errors, []);
    });

    test('the card edits the amount in place and marks the deal lost with a reason', async () => {
      await page.goto(`/deals/${deals.house.id}`);
      await page.getByTestId('deal-amount').filter({ hasText: rub('150000') }).waitFor();
      await page.getByRole('button', { name: /^Change “Amount”/ }).click();
      const input = page.locator('.inline-form input[name=amount]');
      await input.fill('175 500');
      await input.press('Enter');
      await page.getByTestId('deal-amount').filter({ hasText: rub('175500') }).waitFor();
      await page.reload();
      await page.getByTestId('deal-amount').filter({ hasText: rub('175500') }).waitFor();
      await screenshot(page, size, 'deals-03-card');
      if (phone) await noOverflow(page, 'the deal card');

      await page.getByRole('button', { name: 'Lost', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: /Why was “House 10×12 for Anna” lost\?/ });
      await dialog.waitFor();
      // No reason, no loss: the field says so.
      await dialog.getByRole('button', { name: 'Mark lost' }).click();
      await dialog.getByText('Give a reason.').waitFor();
      await dialog.getByLabel('Reason').fill('Chose a cheaper builder');
      await screenshot(page, size, 'deals-04-lost-reason');
      await dialog.getByRole('button', { name: 'Mark lost' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('deal-status').textContent(), 'Lost');
      assert.equal(await page.getByTestId('deal-reason').textContent(), 'Chose a cheaper builder');
      await page.locator('.history-item', { hasText: /New → Lost/ }).waitFor();
      const saved = await api(owner.token, 'GET', `/deals/${deals.house.id}`);
      assert.equal(saved.status, 'lost');
      assert.equal(saved.close_reason, 'Chose a cheaper builder');
      assert.deepEqual(errors, []);
    });

    test('a deal moves on the board and stays there after a reload', async () => {
      await page.goto('/deals?view=board');
      await page.locator('.board').waitFor();
      // A phone shows one column at a time: the sauna waits in "In progress".
      if (phone) await page.getByRole('tab', { name: /^In progress/ }).click();
      await tile(page, deals.sauna.id).waitFor();
      assert.match(await column(page, 'In progress').locator('.column-sum').textContent(), /42,00\d/);
      assert.match(await tile(page, deals.sauna.id).textContent(), /42,00\d/);
      if (phone) {
        await tile(page, deals.sauna.id).locator('.tile-grip').click();
        const menu = page.getByRole('menu');
        await menu.waitFor();
        await screenshot(page, size, 'deals-05-move-menu');
        await menu.getByRole('menuitem', { name: 'Proposal' }).click();
        await page.getByRole('tab', { name: /^Proposal/ }).filter({ hasText: /1$/ }).waitFor();
      } else {
        const card = tile(page, deals.sauna.id);
        const target = column(page, 'Proposal').locator('.column-cards');
        const from = center(await card.boundingBox());
        const box = await target.boundingBox();
        const saved = page.waitForResponse((r) => r.url().includes(`/deals/${deals.sauna.id}`) && r.request().method() === 'PATCH');
        await page.mouse.move(from.x, from.y);
        await page.mouse.down();
        await page.mouse.move(from.x + 20, from.y + 10, { steps: 4 });
        await page.mouse.move(box.x + box.width / 2, box.y + 12, { steps: 12 });
        await page.mouse.up();
        assert.equal((await saved).status(), 200);
        await column(page, 'Proposal').locator(`.tile[data-card="${deals.sauna.id}"]`).waitFor();
      }
      await page.waitForLoadState('networkidle');
      await page.reload();
      await page.locator('.board').waitFor();
      const moved = await api(owner.token, 'GET', `/deals/${deals.sauna.id}`);
      assert.equal(moved.stage_id, stageId(pipeline, 'Proposal'));
      if (phone) {
        await page.getByRole('tab', { name: /^Proposal/ }).click();
      }
      await column(page, 'Proposal').locator(`.tile[data-card="${deals.sauna.id}"]`).waitFor();
      await screenshot(page, size, 'deals-06-board');

      // A move into "Lost" asks why first; cancelling leaves the deal where it was.
      await tile(page, deals.sauna.id).locator('.tile-grip').click();
      await page.getByRole('menu').getByRole('menuitem', { name: 'Lost' }).click();
      const dialog = page.getByRole('dialog', { name: /Why was “Sauna kit” lost\?/ });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await column(page, 'Proposal').locator(`.tile[data-card="${deals.sauna.id}"]`).waitFor();
      if (phone) {
        await page.setViewportSize({ width: 360, height: 780 });
        await noOverflow(page, 'the deal board at 360 px');
        await page.goto('/deals?view=list');
        await page.locator('.deal-row').first().waitFor();
        await noOverflow(page, 'the deal list at 360 px');
        await page.setViewportSize(size.viewport);
      }
      assert.deepEqual(errors, []);
    });

    test('in Russian the deal screens speak Russian', async () => {
      await page.evaluate(() => localStorage.setItem('voronka.lang', JSON.stringify('ru')));
      await page.goto('/deals?view=list');
      await page.locator('.deal-row').first().waitFor();
      assert.equal(await page.locator('.page-title').textContent(), 'Сделки');
      await page.getByRole('button', { name: 'Новая сделка' }).waitFor();
      await page.goto(`/deals/${deals.house.id}`);
      assert.equal(await page.getByTestId('deal-status').textContent(), 'Проиграна');
      await page.getByText('История этапов').waitFor();
      await screenshot(page, size, 'deals-07-card-ru');
      await page.evaluate(() => localStorage.setItem('voronka.lang', JSON.stringify('en')));
      assert.deepEqual(errors, []);
    });
  });
}
