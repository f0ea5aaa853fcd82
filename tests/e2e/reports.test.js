// The report builder (/reports) at phone and desktop size: leads grouped by source with a
// count give the right rows and a bar per source; the report is saved, found again after a
// reload and opened from the list; a CSV download starts; nothing scrolls sideways at 360 px;
// and the screen speaks Russian on request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { VIEWPORTS, api, launch, openPage, registerCompany, requireBaseUrl, screenshot, useSession } from './helpers.js';

const PASSWORD = 'Summer-Report-2026!';

function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** The count cell of the result row whose first cell reads `group`. */
async function countOf(page, group) {
  const row = page.getByTestId('report-table').locator('tbody tr', { has: page.locator('td:first-child', { hasText: group }) });
  return (await row.locator('td.num').first().textContent()).trim();
}

/** Groups by source, counts, runs, and waits for the table. */
async function groupBySource(page) {
  await page.locator('#group-0 option[value="source"]').waitFor({ state: 'attached' });
  await page.selectOption('#group-0', 'source');
  await page.getByTestId('report-run').click();
  await page.getByTestId('report-table').waitFor();
}

for (const size of VIEWPORTS) {
  describe(`Reports on a ${size.name} (${size.viewport.width}×${size.viewport.height})`, () => {
    let browser;
    let owner;

    before(async () => {
      requireBaseUrl();
      owner = await registerCompany(`reports-${size.name}`, PASSWORD);
      for (const [i, source] of ['website', 'website', 'website', 'phone', 'phone', 'telegram'].entries()) {
        await api(owner.token, 'POST', '/leads', { contact: { name: `Buyer ${i + 1}` }, source });
      }
      browser = await launch();
    });

    after(async () => {
      await browser?.close();
    });

    test('leads grouped by source are counted, charted, saved, reopened and exported', async () => {
      const { context, page, errors } = await openPage(browser, size);
      try {
        await useSession(page, owner.session);
        await page.goto('/reports');
        await groupBySource(page);
        assert.equal(await countOf(page, 'Website'), '3');
        assert.equal(await countOf(page, 'Phone'), '2');
        assert.equal(await countOf(page, 'Telegram'), '1');
        assert.equal(await page.getByTestId('report-chart').locator('rect.chart-bar').count(), 3);
        if (size.name === 'desktop') {
          const headers = await page.getByTestId('report-table').locator('thead th').allTextContents();
          assert.deepEqual(headers, ['Source', 'Count']);
        }
        await screenshot(page, size, 'reports-result');

        const download = page.waitForEvent('download');
        await page.getByTestId('export-csv').click();
        assert.equal((await download).suggestedFilename(), 'report.csv');

        const name = `Leads by source ${size.name}`;
        await page.fill('#report-name', name);
        await page.getByLabel('Shared with the team').check();
        await page.getByTestId('report-save').click();
        await page.getByTestId('saved-list').getByText(name).waitFor();

        await page.reload();
        await page.getByTestId('saved-list').getByText(name).click();
        await page.getByTestId('report-table').waitFor();
        assert.equal(await countOf(page, 'Website'), '3');
        assert.equal(await page.locator('#group-0').inputValue(), 'source');

        await page.setViewportSize({ width: 360, height: 800 });
        await page.waitForTimeout(200);
        assert.equal(await scrollsSideways(page), false, 'no sideways scrolling at 360 px');
        await screenshot(page, size, 'reports-360');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test('a bad query is shown next to its field, and Russian labels on request', async () => {
      const { context, page, errors } = await openPage(browser, size);
      try {
        await useSession(page, owner.session);
        await page.evaluate(() => localStorage.setItem('voronka.lang', JSON.stringify('ru')));
        await page.goto('/reports');
        await page.getByText('Группировать по').waitFor();
        await page.getByRole('button', { name: 'Добавить фильтр' }).click();
        await page.selectOption('select[name="filter-field-0"]', 'score');
        await page.fill('input[name="filter-value-0"]', '');
        await page.selectOption('select[name="filter-op-0"]', 'gt');
        await page.getByTestId('report-run').click();
        await page.locator('.field-error[data-path="filters[0].value"]').waitFor();
        await page.getByRole('button', { name: 'Убрать' }).click();
        await groupBySource(page);
        assert.equal((await page.locator('#group-0 option:checked').textContent()).trim(), 'Источник');
        assert.equal(await countOf(page, 'Сайт'), '3');
        assert.equal(await scrollsSideways(page), false);
        await screenshot(page, size, 'reports-ru');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  });
}
