// The tasks screen (/tasks) at phone and desktop size: it is in the phone's bottom bar (with
// "More" leading to Reports), a task made with the quick form lands under Upcoming with its
// contact linked, one tap completes it (at once, and still under Done after a reload), a
// refused completion is put back with a readable message, nothing scrolls sideways at 360 px,
// and the screen speaks Russian on request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { VIEWPORTS, api, launch, openPage, registerCompany, requireBaseUrl, screenshot, useSession } from './helpers.js';

const PASSWORD = 'Winter-Tasks-2026!';

function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** `<input type="datetime-local">` text for a moment `days` from now at 10:30 local time. */
function localInput(days) {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:30`;
}

for (const size of VIEWPORTS) {
  describe(`Tasks on a ${size.name} (${size.viewport.width}×${size.viewport.height})`, () => {
    let browser;
    let owner;

    before(async () => {
      requireBaseUrl();
      owner = await registerCompany(`tasks-${size.name}`, PASSWORD);
      await api(owner.token, 'POST', '/contacts', { name: 'Anna Smirnova', phones: ['+79161234567'] });
      const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
      await api(owner.token, 'POST', '/tasks', { title: 'Overdue call', due_at: yesterday });
      browser = await launch();
    });

    after(async () => {
      await browser?.close();
    });

    test('a new task is added, completed with one tap and stays done after a reload', async () => {
      const { context, page, errors } = await openPage(browser, size);
      try {
        await useSession(page, owner.session);
        await page.goto('/');
        if (size.name === 'phone') {
          const bar = page.locator('.bottom-nav');
          assert.ok((await bar.getByRole('link').count()) <= 5, 'at most five tabs');
          await bar.getByRole('link', { name: 'More' }).click();
          await page.locator('.more-list').getByRole('link', { name: 'Reports' }).waitFor();
          await bar.getByRole('link', { name: 'Tasks', exact: true }).click();
        } else {
          await page.locator('.sidebar').getByRole('link', { name: 'Tasks', exact: true }).click();
        }
        await page.waitForURL('**/tasks');
        await page.getByTestId('tasks-overdue').getByText('Overdue call').waitFor();

        await page.getByLabel('What to do').fill('Send Anna the contract');
        await page.getByLabel('Due', { exact: true }).fill(localInput(2));
        await page.locator('select[name=contact_id]').selectOption({ label: 'Anna Smirnova' });
        await page.getByRole('button', { name: 'Add task' }).click();
        await page.getByText('Task added.').waitFor();
        const upcoming = page.getByTestId('tasks-upcoming');
        const row = upcoming.getByTestId('task').filter({ hasText: 'Send Anna the contract' });
        await row.waitFor();
        assert.equal(await row.getByRole('link', { name: 'Anna Smirnova' }).count(), 1, 'the contact is linked');
        await screenshot(page, size, 'tasks');

        await row.getByRole('button', { name: 'Mark “Send Anna the contract” done' }).click();
        await page.getByTestId('tasks-done').getByText('Send Anna the contract').waitFor();
        assert.equal(await upcoming.getByText('Send Anna the contract').count(), 0);

        await page.reload();
        await page.getByTestId('tasks-done').getByText('Send Anna the contract').waitFor();
        const [task] = (await api(owner.token, 'GET', '/tasks?status=completed')).items;
        assert.equal(task.title, 'Send Anna the contract');

        await page.setViewportSize({ width: 360, height: 800 });
        assert.equal(await scrollsSideways(page), false, 'nothing scrolls sideways at 360 px');
        await page.setViewportSize(size.viewport);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test('a refused completion is put back with a readable message', async () => {
      const { context, page, errors } = await openPage(browser, size);
      try {
        await useSession(page, owner.session);
        await page.route(/\/api\/v1\/tasks\/[^/]+\/complete$/, (route) =>
          route.fulfill({
            status: 409,
            contentType: 'application/problem+json',
            json: { type: 'about:blank', title: 'The task was changed meanwhile', status: 409, code: 'conflict', detail: 'The task was changed meanwhile' },
          }));
        await page.goto('/tasks');
        const overdue = page.getByTestId('tasks-overdue');
        await overdue.getByText('Overdue call').waitFor();
        await overdue.getByRole('button', { name: 'Mark “Overdue call” done' }).click();
        await page.getByRole('alert').filter({ hasText: 'The change was not saved' }).waitFor();
        await overdue.getByText('Overdue call').waitFor();
        assert.equal(await page.getByTestId('tasks-done').getByText('Overdue call').count(), 0);
        await screenshot(page, size, 'tasks-refused');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test('the tasks screen speaks Russian', async () => {
      const { context, page, errors } = await openPage(browser, size);
      try {
        await useSession(page, owner.session);
        await page.evaluate(() => localStorage.setItem('voronka.lang', JSON.stringify('ru')));
        await page.goto('/tasks');
        await page.getByRole('heading', { name: 'Задачи', exact: true }).waitFor();
        await page.getByRole('heading', { name: /Просрочено/ }).waitFor();
        await page.getByRole('heading', { name: /Выполнено/ }).waitFor();
        await page.getByRole('button', { name: 'Добавить задачу' }).waitFor();
        await screenshot(page, size, 'tasks-ru');
        assert.equal(await scrollsSideways(page), false);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  });
}
