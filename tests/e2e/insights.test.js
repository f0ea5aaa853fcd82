// The Insights screen at phone and desktop size (issue 7 point 8): a shop pushes a year of
// purchases through an ingest API key — regular buyers, and frequent buyers who stopped three
// months ago — then the owner opens /insights: the narrative and figures, the trend and
// forecast charts, one segment's buyers, and the win-back recommendation applied into tasks.
// A sales manager has no "Insights" entry and no access.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { VIEWPORTS, api, launch, openPage, registerCompany, requireBaseUrl, screenshot, useSession, uniqueEmail } from './helpers.js';

const PASSWORD = 'Spring-Funnel-2026!';
const DAY = 86_400_000;
const PRODUCTS = [
  { sku: 'TEA-01', name: 'Green tea', unit_price: '450.00' },
  { sku: 'COF-02', name: 'Coffee beans', unit_price: '1200.00' },
  { sku: 'MUG-03', name: 'Ceramic mug', unit_price: '790.00' },
];

/** Calls the API with an API key (ingest scope). */
async function ingest(key, path, body) {
  return api(key, 'POST', path, body);
}

/**
 * A year of purchases: 20 regulars buy every 9–15 days up to yesterday; 8 frequent buyers
 * bought every 6–8 days for eight months and stopped about 90 days ago; 8 bought once.
 */
function purchaseHistory(now) {
  const customers = [];
  const purchases = [];
  let seed = 7;
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const buy = (customer, daysAgo) => {
    const product = PRODUCTS[Math.floor(random() * PRODUCTS.length)];
    const quantity = 1 + Math.floor(random() * 3);
    purchases.push({
      external_id: `order-${purchases.length + 1}`,
      customer_external_id: customer,
      amount: (Number(product.unit_price) * quantity).toFixed(2),
      purchased_at: new Date(now - daysAgo * DAY - 3_600_000).toISOString(),
      items: [{ sku: product.sku, name: product.name, quantity, unit_price: product.unit_price }],
    });
  };
  for (let i = 0; i < 20; i += 1) {
    const id = `regular-${i}`;
    customers.push({ external_id: id, name: `Regular Buyer ${i + 1}` });
    for (let d = 360 - i * 3; d >= 1; d -= 9 + Math.floor(random() * 7)) buy(id, d);
  }
  for (let i = 0; i < 8; i += 1) {
    const id = `slipping-${i}`;
    customers.push({ external_id: id, name: `Slipping Buyer ${i + 1}` });
    for (let d = 350; d >= 88 + i; d -= 6 + Math.floor(random() * 3)) buy(id, d);
  }
  for (let i = 0; i < 8; i += 1) {
    const id = `once-${i}`;
    customers.push({ external_id: id, name: `One-time Buyer ${i + 1}` });
    buy(id, 20 + i * 40);
  }
  return { customers, purchases };
}

/** Whether the page is wider than the screen (it must never be). */
function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

for (const size of VIEWPORTS) {
  describe(`Insights on a ${size.name} (${size.viewport.width}×${size.viewport.height})`, () => {
    let browser;
    let context;
    let page;
    let errors;
    let owner;
    let manager;

    before(async () => {
      requireBaseUrl();
      owner = await registerCompany(`insights-${size.name}`, PASSWORD);
      const created = await api(owner.token, 'POST', '/api-keys', { name: 'Shop', scopes: ['ingest'] });
      const { customers, purchases } = purchaseHistory(Date.now());
      await ingest(created.secret, '/ingest/customers/batch', { items: customers });
      for (let start = 0; start < purchases.length; start += 500) {
        const answer = await ingest(created.secret, '/ingest/purchases/batch', { items: purchases.slice(start, start + 500) });
        assert.equal(answer.failed, 0, JSON.stringify(answer.results.filter((r) => r.status === 'failed').slice(0, 3)));
      }
      manager = { name: 'Ivan Sidorov', email: uniqueEmail(`insights-manager-${size.name}`), role: 'manager', password: PASSWORD };
      await api(owner.token, 'POST', '/users', manager);
      browser = await launch();
      ({ context, page, errors } = await openPage(browser, size));
      await useSession(page, owner.session);
    });

    after(async () => {
      await context?.close();
      await browser?.close();
    });

    test('the owner finds Insights in the navigation and reads the narrative and figures', async () => {
      // On phones Insights is under "More" (the bottom bar holds five tabs).
      await page.goto(size.name === 'phone' ? '/more' : '/');
      await page.getByRole('link', { name: 'Insights', exact: true }).first().click();
      await page.waitForURL('**/insights');
      await page.getByRole('button', { name: 'Year' }).click();
      const narrative = page.getByTestId('narrative');
      await narrative.waitFor();
      assert.ok((await narrative.textContent()).length > 20, 'the narrative tells the period in words');
      assert.equal(await page.getByTestId('figure').count(), 5);
      await page.locator('.figure', { hasText: 'Revenue' }).locator('.change').waitFor();
      await page.locator('.insight-table', { hasText: 'Green tea' }).waitFor();
      await page.locator('.insight-table a', { hasText: 'Regular Buyer' }).first().waitFor();
      assert.equal(await scrollsSideways(page), false);
    });

    test('the trend and the forecast are drawn as SVG charts with words beside them', async () => {
      const trend = page.getByTestId('trend-chart');
      await trend.waitFor();
      assert.ok((await trend.locator('path.chart-line').getAttribute('d')).startsWith('M'));
      assert.ok((await trend.locator('path.chart-trend').getAttribute('d')).startsWith('M'));
      assert.match(await page.getByTestId('trend-sentence').textContent(), /(Going up|Going down|No clear trend)/);
      const forecast = page.getByTestId('forecast-chart');
      await forecast.waitFor();
      assert.ok((await forecast.locator('path.chart-forecast').getAttribute('d')).startsWith('M'));
      assert.ok((await forecast.locator('path.chart-band95').getAttribute('d')).endsWith('Z'));
      assert.match(await page.getByTestId('forecast-quality').textContent(), /MASE/);
      await page.locator('select[name=granularity]').selectOption('month');
      await page.getByTestId('trend-chart').waitFor();
      // The period ends today: this month is still running, drawn dashed and not counted.
      await page.getByTestId('trend-running').waitFor();
      assert.match(await page.getByTestId('trend-sentence').textContent(), /is not over yet/);
      await screenshot(page, size, 'insights');
    });

    test('a tap on a segment lists its buyers, linking to their contacts', async () => {
      const segment = page.locator('button.segment-row:not([disabled])', { hasText: /At risk|Can't lose/ }).first();
      await segment.click();
      const buyer = page.getByTestId('buyer').first();
      await buyer.waitFor();
      assert.match(await buyer.locator('a').getAttribute('href'), /^\/contacts\//);
      assert.match(await buyer.textContent(), /Slipping Buyer/);
      await buyer.locator('.badge').waitFor();
    });

    test('the win-back recommendation is applied and its call tasks are created', async () => {
      const card = page.locator('li.recommendation[data-id=win_back_customers]');
      await card.waitFor();
      await card.locator('.rec-actions .btn-primary').click();
      await card.getByRole('button', { name: 'Apply' }).click();
      const done = page.getByTestId('rec-done');
      await done.waitFor();
      const created = Number((await done.textContent()).match(/\d+/)[0]);
      assert.ok(created >= 1, 'at least one call task');
      await card.waitFor({ state: 'detached' });
      const tasks = await api(owner.token, 'GET', '/tasks?limit=100');
      assert.ok(tasks.items.length >= created, `${tasks.items.length} tasks listed, ${created} created`);
      await screenshot(page, size, 'insights-applied');
      assert.deepEqual(errors, []);
    });

    test('in Russian, the words, figures and chart labels follow the Russian locale', async () => {
      await page.evaluate(() => localStorage.setItem('voronka.lang', JSON.stringify('ru')));
      await page.goto('/insights');
      assert.equal(await page.locator('.page-title').textContent(), 'Аналитика');
      await page.getByTestId('trend-chart').waitFor();
      await page.getByTestId('forecast-chart').waitFor();
      await page.locator('.figure', { hasText: 'Выручка' }).waitFor();
      assert.match(await page.getByTestId('trend-sentence').textContent(), /(Растёт|Снижается|Без явного тренда)/);
      assert.match(await page.getByTestId('forecast-quality').textContent(), /MASE\) \d+,\d+ против сезонной наивной 1,00/);
      assert.equal(await scrollsSideways(page), false);
      await screenshot(page, size, 'insights-ru');
      await page.evaluate(() => localStorage.setItem('voronka.lang', JSON.stringify('en')));
      assert.deepEqual(errors, []);
    });

    test('a sales manager sees no Insights entry and no figures', async () => {
      const session = await api(null, 'POST', '/auth/login', { email: manager.email, password: PASSWORD });
      const other = await openPage(browser, size);
      try {
        await useSession(other.page, session);
        await other.page.goto(size.name === 'phone' ? '/more' : '/');
        await other.page.getByRole('link', { name: 'Profile' }).first().waitFor();
        assert.equal(await other.page.getByRole('link', { name: 'Insights', exact: true }).count(), 0);
        await other.page.goto('/insights');
        await other.page.getByText("You don't have access").first().waitFor();
      } finally {
        await other.context.close();
      }
    });
  });
}
