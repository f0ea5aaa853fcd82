// The home dashboard by role at phone and desktop size (issue 6 point 6): a manager sees their
// own figures, hours and tasks due today — never the team table — and the app sends the
// work-time heartbeat; the owner sees the team table (sortable, one card per manager on a
// phone), revenue, the lead funnel drawn as SVG bars, and everything in Russian on request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { VIEWPORTS, api, launch, openPage, registerCompany, requireBaseUrl, screenshot, uniqueEmail, useSession } from './helpers.js';

const PASSWORD = 'Spring-Funnel-2026!';

/** Whether the page is wider than the screen (it must never be). */
function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** The figure tile's value under `label` inside `card`. */
async function figure(card, label) {
  const tile = card.locator('.kpi-tile', { has: card.page().locator('.kpi-label', { hasText: label }) }).first();
  return (await tile.locator('.kpi-value').textContent()).trim();
}

for (const size of VIEWPORTS) {
  describe(`Dashboard on a ${size.name} (${size.viewport.width}×${size.viewport.height})`, () => {
    let browser;
    let owner;
    let manager;
    let managerSession;

    before(async () => {
      requireBaseUrl();
      owner = await registerCompany(`dashboard-${size.name}`, PASSWORD);
      manager = { name: 'Ivan Sidorov', email: uniqueEmail(`dash-manager-${size.name}`), role: 'manager', password: PASSWORD };
      const created = await api(owner.token, 'POST', '/users', manager);
      const [leadPipeline] = (await api(owner.token, 'GET', '/pipelines?kind=lead')).filter((p) => p.is_default);
      const [dealPipeline] = (await api(owner.token, 'GET', '/pipelines?kind=deal')).filter((p) => p.is_default);
      const leads = [];
      for (const [i, source] of ['website', 'website', 'phone'].entries()) {
        leads.push(await api(owner.token, 'POST', '/leads', { contact: { name: `Buyer ${i + 1}` }, source, owner_id: created.id }));
      }
      // One lead moves on: the funnel's second bar is not empty.
      const next = leadPipeline.stages.find((s) => s.position === 1);
      await api(owner.token, 'PATCH', `/leads/${leads[0].id}`, { stage_id: next.id });
      const deal = await api(owner.token, 'POST', '/deals', { title: 'Big order', owner_id: created.id, amount: '150000.00' });
      const won = dealPipeline.stages.find((s) => s.kind === 'won');
      await api(owner.token, 'PATCH', `/deals/${deal.id}`, { stage_id: won.id });
      const due = new Date(Date.now() + 30 * 60_000);
      await api(owner.token, 'POST', '/tasks', {
        title: 'Call Buyer 2 back',
        assignee_id: created.id,
        lead_id: leads[1].id,
        due_at: due.toISOString(),
      });
      managerSession = await api(null, 'POST', '/auth/login', { email: manager.email, password: PASSWORD });
      browser = await launch();
    });

    after(async () => {
      await browser?.close();
    });

    test('a manager sees their own figures and tasks, not the team, and the heartbeat goes out', async () => {
      const { context, page, errors } = await openPage(browser, size);
      try {
        await useSession(page, managerSession);
        const heartbeat = page.waitForRequest((r) => r.url().endsWith('/api/v1/worktime/heartbeat') && r.method() === 'POST');
        await page.goto('/');
        await heartbeat;
        const mine = page.getByTestId('my-figures');
        await mine.locator('.kpi-tile').first().waitFor();
        assert.equal(await figure(mine, 'Leads received'), '3');
        assert.equal(await figure(mine, 'Deals won'), '1');
        assert.match(await figure(mine, 'Revenue won'), /150[,\s\u00a0]?000/);
        const label = mine.locator('.kpi-label', { hasText: 'First response (median)' });
        assert.match(await label.getAttribute('title'), /first human action/);
        const task = page.getByTestId('my-tasks').getByRole('link', { name: 'Call Buyer 2 back' });
        assert.match(await task.getAttribute('href'), /^\/leads\//);
        await page.getByTestId('my-time').locator('.kpi-tile').first().waitFor();
        assert.equal(await page.getByTestId('team-table').count(), 0, 'a manager never sees the team table');
        assert.equal(await scrollsSideways(page), false);
        await screenshot(page, size, 'dashboard-manager');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test('the owner sees the team with the manager, sorts it, and the funnel has bars', async () => {
      const { context, page, errors } = await openPage(browser, size);
      try {
        await useSession(page, owner.session);
        await page.goto('/');
        const team = page.getByTestId('team-table');
        if (size.name === 'phone') {
          await team.locator('.team-card', { hasText: 'Ivan Sidorov' }).waitFor();
          assert.equal(await team.locator('table').isVisible(), false, 'phones get cards, not a wide table');
          await page.setViewportSize({ width: 360, height: 800 });
          await page.waitForTimeout(200);
        } else {
          const row = team.locator('tbody tr', { hasText: 'Ivan Sidorov' });
          await row.waitFor();
          const header = team.locator('th', { hasText: /^Leads received/ });
          await header.getByRole('button').click();
          assert.equal(await header.getAttribute('aria-sort'), 'descending');
          await header.getByRole('button').click();
          assert.equal(await header.getAttribute('aria-sort'), 'ascending');
          assert.equal(await team.locator('th', { hasText: /^Revenue won/ }).getAttribute('aria-sort'), 'none');
        }
        const funnel = page.getByTestId('owner-funnel');
        await funnel.locator('svg.funnel rect').first().waitFor();
        assert.ok((await funnel.locator('svg.funnel rect').count()) >= 2);
        assert.match(await funnel.locator('svg.funnel desc').textContent(), /3 records/);
        await funnel.locator('.dash-sources', { hasText: 'Website' }).waitFor();
        assert.match(await figure(page.getByTestId('owner-revenue'), 'Revenue won'), /150[,\s\u00a0]?000/);
        assert.equal(await scrollsSideways(page), false, 'no sideways scrolling');
        await screenshot(page, size, 'dashboard-owner');

        await page.evaluate(() => localStorage.setItem('voronka.lang', JSON.stringify('ru')));
        await page.reload();
        await team.getByRole('heading', { name: 'Команда' }).waitFor();
        await funnel.getByRole('heading', { name: /Воронка заявок/ }).waitFor();
        await page.locator('.kpi-label', { hasText: 'Выручка' }).first().waitFor();
        assert.equal(await scrollsSideways(page), false);
        await screenshot(page, size, 'dashboard-owner-ru');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  });
}
