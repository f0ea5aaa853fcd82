// The notification bell and the regular reports at phone and desktop size: tasks the owner
// gives a manager make the manager's bell count them; the panel lists them, following one marks
// it read and opens the tasks screen, "Mark all read" clears the count, Escape closes the panel.
// Regular reports: a new company has none (a report is written only after a whole period of
// the company's life, by the `reports.periodic` job), so the real API shows the empty list; the
// reports then listed (two pages, "Load more"), opened and downloaded come from stubbed answers
// of the same shape (the `PeriodicReport` DTOs), as does a `report.ready` notification, whose
// tap opens that report.
// Nothing scrolls sideways at 360 px, and the screens speak Russian on request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { VIEWPORTS, api, launch, openPage, registerCompany, requireBaseUrl, screenshot, uniqueEmail, useSession } from './helpers.js';

const PASSWORD = 'Autumn-Bell-2026!';
const REPORT_ID = '0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d';

function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

function kpi(leads, won, hours) {
  return {
    leads_received: leads, leads_taken: leads, first_response_median_minutes: 12, first_response_p90_minutes: 40,
    deals_created: won + 1, deals_won: won, deals_lost: 1, lead_to_deal: 0.5, deal_to_won: 0.6,
    revenue_won: { amount: `${won * 1000}.00`, currency: 'RUB' }, deals_won_other_currencies: 0,
    average_deal_size: null, tasks_completed: 3, tasks_overdue: 1, active_hours: hours,
    leads_taken_per_active_hour: null, deals_won_per_active_hour: null, revenue_per_active_hour: null,
  };
}

function row(userId, name, leads, won, hours) {
  return {
    user_id: userId, name, kpi: kpi(leads, won, hours),
    revenue_won_by_currency: [{ amount: `${won * 1000}.00`, currency: 'RUB' }, { amount: '250.00', currency: 'USD' }],
    days: [],
    work: { days_worked: 5, absent_days: 0, active_minutes: Math.round(hours * 60), idle_minutes: 45, overtime_minutes: 30, late_days: 1, early_leave_days: 0 },
  };
}

const SUMMARY = {
  id: REPORT_ID, kind: 'weekly', from: '2026-11-09', to: '2026-11-15', created_at: '2026-11-16T00:05:00Z',
  leads_received: 14, deals_won: 5, revenue_won: [{ amount: '5000.00', currency: 'RUB' }, { amount: '250.00', currency: 'USD' }], active_hours: 61.5,
};
const REPORT = {
  ...SUMMARY,
  body: {
    time_zone: 'Europe/Moscow', currency: 'RUB',
    team: row(null, 'Team', 14, 5, 61.5),
    managers: [row('0193a3c4-0000-7000-8000-000000000001', 'Ivan Sidorov', 9, 3, 35), row('0193a3c4-0000-7000-8000-000000000002', 'Maria Volkova', 5, 2, 26.5)],
  },
};

/** Answers the periodic report endpoints with the stub (everything else reaches the server). */
async function stubPeriodicReports(page) {
  // Two pages: the newest week, then (with the cursor) the week before.
  const older = { ...SUMMARY, id: '0193a3c4-5e6f-7a8b-9c0d-000000000002', from: '2026-11-02', to: '2026-11-08', leads_received: 8 };
  await page.route(/\/api\/v1\/reports(\?.*)?$/, (route) =>
    route.fulfill({
      json: new URL(route.request().url()).searchParams.get('cursor') === 'page-2'
        ? { items: [older], total: 2 }
        : { items: [SUMMARY], next_cursor: 'page-2', total: 2 },
    }));
  await page.route(new RegExp(`/api/v1/reports/${REPORT_ID}$`), (route) => route.fulfill({ json: REPORT }));
  await page.route(new RegExp(`/api/v1/reports/${REPORT_ID}/export`), (route) =>
    route.fulfill({ status: 200, contentType: 'text/csv', body: 'Manager;Leads\nIvan Sidorov;9\n' }));
}

for (const size of VIEWPORTS) {
  describe(`Notifications and regular reports on a ${size.name} (${size.viewport.width}×${size.viewport.height})`, () => {
    let browser;
    let owner;
    let managerSession;

    before(async () => {
      requireBaseUrl();
      owner = await registerCompany(`bell-${size.name}`, PASSWORD);
      const manager = { name: 'Ivan Sidorov', email: uniqueEmail(`bell-manager-${size.name}`), role: 'manager', password: PASSWORD };
      const created = await api(owner.token, 'POST', '/users', manager);
      const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
      for (const title of ['Call Anna back', 'Send the price list']) {
        await api(owner.token, 'POST', '/tasks', { title, due_at: tomorrow, assignee_id: created.id });
      }
      managerSession = await api(null, 'POST', '/auth/login', { email: manager.email, password: PASSWORD });
      browser = await launch();
    });

    after(async () => {
      await browser?.close();
    });

    test('the bell counts new tasks, follows one to the tasks screen and marks all read', async () => {
      const { context, page, errors } = await openPage(browser, size);
      try {
        await useSession(page, managerSession);
        await page.goto('/');
        const bell = page.getByTestId('bell');
        await page.getByTestId('bell-count').filter({ hasText: '2' }).waitFor();
        assert.equal(await bell.getAttribute('aria-label'), 'Notifications, 2 unread');
        await bell.click();
        const panel = page.getByTestId('bell-panel');
        await panel.getByTestId('bell-item').first().waitFor();
        assert.equal(await panel.getByTestId('bell-item').count(), 2);
        assert.equal(await panel.locator('.bell-item.unread').count(), 2);
        assert.match(await panel.textContent(), /New task: Send the price list/);
        assert.equal(await scrollsSideways(page), false);
        await screenshot(page, size, 'bell-panel');

        await page.keyboard.press('Escape');
        await panel.waitFor({ state: 'detached' });
        assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'bell', 'focus returns to the bell');

        await bell.click();
        await panel.getByText('New task: Call Anna back').click();
        await page.waitForURL('**/tasks');
        await page.getByTestId('bell-count').filter({ hasText: '1' }).waitFor();
        await page.getByTestId('tasks-upcoming').getByText('Call Anna back').waitFor();

        await bell.click();
        await panel.locator('.bell-item.unread').first().waitFor();
        assert.equal(await panel.locator('.bell-item.unread').count(), 1);
        await panel.getByRole('button', { name: 'Mark all read' }).click();
        await page.getByTestId('bell-count').waitFor({ state: 'detached' });
        await page.waitForFunction(() => document.querySelectorAll('.bell-item.unread').length === 0);
        assert.equal(await bell.getAttribute('aria-label'), 'Notifications');
        const unread = await api(managerSession.access_token, 'GET', '/notifications/unread-count');
        assert.equal(unread.unread, 0);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test('regular reports: empty for a new company, then reports are listed (two pages), one opened and downloaded', async () => {
      const { context, page, errors } = await openPage(browser, size);
      try {
        await useSession(page, owner.session);
        await page.goto('/reports');
        await page.getByRole('link', { name: 'Regular reports' }).click();
        await page.waitForURL('**/reports?tab=regular');
        assert.equal(await page.getByRole('link', { name: 'Regular reports' }).getAttribute('aria-current'), 'page');
        assert.equal(await page.getByRole('link', { name: 'Report builder' }).getAttribute('aria-current'), null);
        await page.getByText('No regular reports yet.').waitFor();

        await stubPeriodicReports(page);
        await page.getByRole('button', { name: 'Weekly' }).click();
        const card = page.getByTestId('periodic-report').first();
        await card.waitFor();
        assert.equal(await page.getByTestId('periodic-report').count(), 1);
        await page.getByRole('button', { name: 'Load more' }).click();
        await page.getByTestId('periodic-report').nth(1).waitFor();
        assert.match(await page.getByTestId('periodic-report').nth(1).textContent(), /Nov 2, 2026/);
        await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
        assert.match(await card.textContent(), /Weekly report/);
        assert.match(await card.textContent(), /Leads received/);
        await page.setViewportSize({ width: 360, height: 800 });
        assert.equal(await scrollsSideways(page), false, 'the list fits 360 px');
        await page.setViewportSize(size.viewport);
        await screenshot(page, size, 'periodic-list');

        await card.click();
        await page.waitForURL(`**/reports/periodic/${REPORT_ID}`);
        const sales = page.getByTestId('periodic-sales');
        await sales.waitFor();
        assert.equal(await sales.locator('tbody tr').count(), 3, 'the team row and one per manager');
        assert.match(await sales.locator('tbody tr').first().textContent(), /Team/);
        assert.match(await sales.textContent(), /Maria Volkova/);
        assert.match(await sales.textContent(), /\$250\.00|US\$250\.00|USD/, 'money per currency');
        assert.match(await page.getByTestId('periodic-work').textContent(), /35 h 0 min/);
        await screenshot(page, size, 'periodic-report');
        await page.setViewportSize({ width: 360, height: 800 });
        assert.equal(await scrollsSideways(page), false, 'the report fits 360 px');
        await page.setViewportSize(size.viewport);

        const download = page.waitForEvent('download');
        await page.getByTestId('periodic-csv').click();
        assert.equal((await download).suggestedFilename(), 'report-weekly-2026-11-09.csv');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test('a report.ready notification opens its report, and both screens speak Russian', async () => {
      const { context, page, errors } = await openPage(browser, size);
      try {
        await useSession(page, owner.session);
        await page.evaluate(() => localStorage.setItem('voronka.lang', JSON.stringify('ru')));
        await stubPeriodicReports(page);
        const ready = {
          id: '0193a3c4-1111-7000-8000-000000000009', kind: 'report.ready', title: 'Еженедельный отчёт готов',
          body: '9–15 ноября 2026', entity_type: 'report', entity_id: REPORT_ID, read_at: null, created_at: '2026-11-16T00:06:00Z',
        };
        await page.route(/\/api\/v1\/notifications(\?.*)?$/, (route) => route.fulfill({ json: { items: [ready], total: 1 } }));
        await page.route(/\/api\/v1\/notifications\/unread-count$/, (route) => route.fulfill({ json: { unread: 1 } }));
        await page.route(/\/api\/v1\/notifications\/[^/]+\/read$/, (route) => route.fulfill({ json: { ...ready, read_at: '2026-11-16T08:00:00Z' } }));
        await page.goto('/');
        const bell = page.getByTestId('bell');
        await page.getByTestId('bell-count').waitFor();
        assert.equal(await bell.getAttribute('aria-label'), 'Уведомления, непрочитанных: 1');
        await bell.click();
        await page.getByRole('button', { name: 'Прочитать все' }).waitFor();
        await page.getByText('Еженедельный отчёт готов').click();
        await page.waitForURL(`**/reports/periodic/${REPORT_ID}`);
        await page.getByRole('heading', { name: 'Еженедельный отчёт' }).waitFor();
        await page.getByRole('button', { name: 'Скачать CSV' }).waitFor();
        assert.match(await page.getByTestId('periodic-sales').textContent(), /Команда/);
        await page.getByRole('link', { name: 'Все регулярные отчёты' }).click();
        await page.getByRole('link', { name: 'Регулярные отчёты' }).waitFor();
        await page.getByRole('button', { name: 'Ежемесячные' }).waitFor();
        await screenshot(page, size, 'periodic-ru');
        assert.equal(await scrollsSideways(page), false);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  });
}
